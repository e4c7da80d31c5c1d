"""What the settings must hold when they enable e-mail (the registry's settings check)."""

from __future__ import annotations

from config import Settings, SettingsError


def check(settings: Settings) -> None:
    if settings.smtp_url is None:
        return
    if not settings.mail_from:
        raise SettingsError("COMMPLAN_MAIL_FROM: required when COMMPLAN_SMTP_URL is set")
    if settings.link_secret is None:
        # The e-mails' links are made by whichever process sends and read by the web app's.
        raise SettingsError("COMMPLAN_LINK_SECRET: required when COMMPLAN_SMTP_URL is set")
