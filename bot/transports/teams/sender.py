"""Sending to Teams from the scheduler's worker threads.

The SDK is asynchronous and its HTTP client belongs to one event loop; the outbox drain calls
``deliver`` from several threads. So the notifier's app runs on one loop in its own thread and
each send is handed to it. Bot Connector answers become ``DeliveryError``: 429 waits as told,
401/403/404 (credentials refused, the bot removed from the chat, the conversation gone) are
permanent, the rest is retried.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
from microsoft_teams.api.activities.message.message import MessageActivityInput
from microsoft_teams.api.models.attachment.attachment import Attachment
from microsoft_teams.apps import App

from bot.transports.teams.cards import CARD_CONTENT_TYPE, MAX_SUMMARY, plain
from scheduler.notifier import DeliveryError

T = TypeVar("T")
PERMANENT_STATUS = frozenset({400, 401, 403, 404, 410})


def card_activity(content: dict[str, Any], summary: str) -> MessageActivityInput:
    """A message holding one card; ``summary`` is what a notification shows."""
    attachment = Attachment(content_type=CARD_CONTENT_TYPE, content=content)
    shown = plain(summary, MAX_SUMMARY)
    return MessageActivityInput(summary=shown or None, attachments=[attachment])


class TeamsSender:
    def __init__(self, app: App, timeout: float = 30.0) -> None:
        self.app = app
        self.timeout = timeout
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="teams-sender", daemon=True
        )
        self._thread.start()
        self._run(app.initialize())

    def _run(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(self.timeout)

    def send(self, conversation_id: str, service_url: str, activity: MessageActivityInput) -> str:
        """Post ``activity``; the id Teams gave the message."""
        try:
            sent = self._run(self.app.send(conversation_id, activity, service_url=service_url))
        except httpx.HTTPStatusError as err:
            status = err.response.status_code
            if status == 429:
                retry = _seconds(err.response.headers.get("Retry-After"))
                raise DeliveryError("teams: rate limited", retry_after=retry) from None
            raise DeliveryError(
                f"teams: the Bot Connector answered {status}", permanent=status in PERMANENT_STATUS
            ) from None
        except (httpx.HTTPError, TimeoutError, OSError, ValueError) as err:
            raise DeliveryError(f"teams: {type(err).__name__}: {err}") from None
        return str(sent.id)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)


def _seconds(header: str | None) -> float:
    try:
        return max(float(header or 1), 0.0)
    except ValueError:
        return 1.0
