"""The ASGI app: health, metrics, and (with their issues) Slack, Teams and calendar routes."""
