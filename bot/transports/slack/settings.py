"""What the settings must hold when they enable Slack (the registry's settings check)."""

from __future__ import annotations

from config import Settings, SettingsError


def check(settings: Settings) -> None:
    """A bot token needs the signing secret: without it no request from Slack can be told
    from a forged one."""
    if settings.slack_bot_token is not None and settings.slack_signing_secret is None:
        raise SettingsError(
            "SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set "
            "(Slack app → Basic Information → Signing Secret)"
        )
