"""Fetching a file a person sent to the app in the personal chat (``supportsFiles``).

Teams hands the bot an attachment of type ``application/vnd.microsoft.teams.file.download.info``
whose ``content.downloadUrl`` is a short-lived, pre-authenticated address of the file: no token
of ours goes with the request. It is fetched only over HTTPS (or from the host of the configured
Bot Connector, which the tests point at a local server); the body is read as every surface reads
one (bot/transports/downloads.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.transports.downloads import download_limited
from config import Settings

log = logging.getLogger(__name__)

FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"


@dataclass(frozen=True, slots=True)
class SentFile:
    name: str
    url: str


def sent_files(attachments: list[Any] | None) -> list[SentFile]:
    """The files among a message's attachments (cards and inline pictures are not)."""
    found = []
    for attachment in attachments or []:
        if getattr(attachment, "content_type", None) != FILE_DOWNLOAD_INFO:
            continue
        content = getattr(attachment, "content", None)
        url = content.get("downloadUrl") if isinstance(content, dict) else None
        name = getattr(attachment, "name", None) or "plan"
        if isinstance(url, str) and url:
            found.append(SentFile(str(name), url))
    return found


class MsTeamsFiles:
    def __init__(self, settings: Settings, timeout: float = 30.0) -> None:
        self.max_bytes = settings.max_import_bytes
        self.timeout = timeout
        self.connector_host = urlsplit(settings.msteams_service_url).hostname

    def may_fetch(self, url: str) -> bool:
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        if parts.username or parts.password or not parts.hostname:
            return False
        return parts.scheme == "https" or (
            parts.scheme == "http" and parts.hostname == self.connector_host
        )

    async def download(self, url: str, name: str) -> bytes | None:
        """The file's bytes; None when it may not or could not be fetched. The import's
        too-large refusal (``ImportFailed``) when its length passes the limit, announced (then
        nothing of the body is read) or as it arrives."""
        if not self.may_fetch(url):
            log.warning("teams: refused to fetch a file from %r", urlsplit(url).hostname)
            return None
        return await download_limited(
            url, name, max_bytes=self.max_bytes, timeout=self.timeout, surface="teams"
        )
