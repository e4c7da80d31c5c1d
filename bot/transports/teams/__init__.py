"""Microsoft Teams: the Teams SDK's app on commplan's FastAPI app, cards, and the notifier."""
