"""Fetching a file a person shared with the app, size-limited, and previewing it, for every
chat surface.

Each surface decides whether an address may be fetched and with which headers (Slack's bot
token, nothing for Teams' pre-authenticated links); this reads the body the same way for all:
no redirects followed (they would carry the request elsewhere), a ``Content-Length`` over the
import limit refused before the body is read, and a body that passes the limit anyway dropped
as it arrives, whatever was declared.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import httpx

from bot.chat.caller import Caller
from bot.chat.replies import Reply
from bot.chat.uploads import preview_reply
from bot.services import Services
from bot.services.errors import ServiceError
from bot.services.uploads import too_large
from bot.texts import t

log = logging.getLogger(__name__)


async def download_limited(
    url: str,
    name: str,
    *,
    max_bytes: int,
    timeout: float,
    surface: str,
    headers: dict[str, str] | None = None,
) -> bytes | None:
    """The file's bytes; None when the download fails (the caller says the file could not be
    fetched); the import's too-large refusal (``ImportFailed``) when its length passes
    ``max_bytes``, announced or as it arrives."""
    received = bytearray()
    try:
        async with (
            httpx.AsyncClient(timeout=timeout, follow_redirects=False) as client,
            client.stream("GET", url, headers=headers) as answer,
        ):
            if answer.status_code != 200:
                log.warning("%s: file download answered %s", surface, answer.status_code)
                return None
            length = answer.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise too_large(name, int(length), max_bytes)
            async for chunk in answer.aiter_bytes():
                received.extend(chunk)
                if len(received) > max_bytes:
                    raise too_large(name, len(received), max_bytes)
    except httpx.HTTPError as err:
        log.warning("%s: file download failed: %s", surface, err)
        return None
    return bytes(received)


async def fetch_and_preview(
    services: Services,
    download: Callable[[str, str], Awaitable[bytes | None]],
    shared: tuple[str, int | None, str],
    caller: Caller,
) -> Reply:
    """A plan's file shared in a chat, ``(name, announced size or None, address)``: checked by
    name and size first, fetched with the surface's ``download``, previewed; every refusal one
    line."""
    name, size, url = shared
    try:
        await asyncio.to_thread(services.uploads.check_before_download, name, size, caller.actor)
        content = await download(url, name)
        if content is None:
            return Reply(t("upload.download_failed", caller.language, file=name), refused=True)
        return await asyncio.to_thread(preview_reply, services, name, content, caller)
    except ServiceError as err:
        return Reply(err.message(caller.language), refused=True)
