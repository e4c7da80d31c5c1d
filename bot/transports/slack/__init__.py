"""The Slack transport: Block Kit rendering and the reminder Notifier (the app: issue 6)."""
