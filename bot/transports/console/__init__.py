"""The console transport: prints what would be sent, and lets a person talk to the bot."""
