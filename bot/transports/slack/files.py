"""Fetching a file a person shared with the app, with the bot token, from Slack alone.

Slack names the file's address in the event (``url_private_download``) and wants the bot token
with it. An event is signed, but the address in it is only as good as what Slack put there:
the token goes to Slack's file host (``files.slack.com``) or to the host of the configured Web
API base (``COMMPLAN_SLACK_API_URL``: GovSlack, or the tests' fake), over HTTPS unless that
base itself is plain HTTP, and to no other host; redirects are not followed (they would carry
the request elsewhere). The body is read as every surface reads one (bot/transports/downloads.py).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from bot.transports.downloads import download_limited
from config import Settings

log = logging.getLogger(__name__)

SLACK_FILE_HOST = "files.slack.com"


class SlackFiles:
    def __init__(self, settings: Settings, timeout: float = 30.0) -> None:
        self.token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else ""
        self.max_bytes = settings.max_import_bytes
        self.timeout = timeout
        api = urlsplit(settings.slack_api_url)
        # (scheme, host, port) the token may go to.
        self.allowed = {("https", SLACK_FILE_HOST, None), (api.scheme, api.hostname, api.port)}

    def may_send_token(self, url: str) -> bool:
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            return False
        if parts.username or parts.password:
            return False
        return (parts.scheme, parts.hostname, port) in self.allowed

    async def download(self, url: str, name: str) -> bytes | None:
        """The file's bytes; None when the address is not Slack's or the download fails (the
        caller says the file could not be fetched); the import's too-large refusal
        (``ImportFailed``) when the body passes the limit whatever the event declared."""
        if not url or not self.may_send_token(url):
            log.warning("slack: refused to fetch a file from %r", urlsplit(url).hostname)
            return None
        return await download_limited(
            url,
            name,
            max_bytes=self.max_bytes,
            timeout=self.timeout,
            surface="slack",
            headers={"Authorization": f"Bearer {self.token}"},
        )
