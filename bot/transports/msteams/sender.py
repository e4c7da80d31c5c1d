"""Sending to Teams from the scheduler's worker threads.

The SDK is asynchronous and its HTTP client belongs to one event loop; the outbox drain calls
``deliver`` from several threads. So the notifier's app runs on one loop in its own thread and
each send is handed to it. Bot Connector answers become ``DeliveryError``: 429 waits as told
(no attempt spent), 401/403/404 (credentials refused, the bot removed from the chat, the
conversation gone) are permanent, the rest is retried. A call that has not ended after
``timeout`` seconds is cancelled, not left running on the loop: it must not post after the
outbox's lease, which the timeout is chosen to fit.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
from microsoft_teams.api.activities.message.message import MessageActivityInput
from microsoft_teams.api.models.attachment.attachment import Attachment
from microsoft_teams.apps import App

from bot.transports.msteams.cards import CARD_CONTENT_TYPE, MAX_SUMMARY, plain
from scheduler.notifier import DeliveryError, retry_after_seconds

T = TypeVar("T")
PERMANENT_STATUS = frozenset({400, 401, 403, 404, 410})


def card_activity(content: dict[str, Any], summary: str) -> MessageActivityInput:
    """A message holding one card; ``summary`` is what a notification shows."""
    attachment = Attachment(content_type=CARD_CONTENT_TYPE, content=content)
    shown = plain(summary, MAX_SUMMARY)
    return MessageActivityInput(summary=shown or None, attachments=[attachment])


class MsTeamsSender:
    def __init__(self, app: App, timeout: float = 30.0) -> None:
        self.app = app
        self.timeout = timeout
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="teams-sender", daemon=True
        )
        self._thread.start()
        self._run(app.initialize(), timeout=max(timeout, 30.0))  # once, before any lease

    def _run(self, work: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        future = asyncio.run_coroutine_threadsafe(work, self.loop)
        limit = self.timeout if timeout is None else timeout
        try:
            return future.result(limit)
        except concurrent.futures.TimeoutError:
            future.cancel()  # the request is dropped with the task, not finished later
            raise TimeoutError(f"no answer in {limit:g} s") from None

    def send(self, conversation_id: str, service_url: str, activity: MessageActivityInput) -> str:
        """Post ``activity``; the id Teams gave the message."""
        try:
            sent = self._run(self.app.send(conversation_id, activity, service_url=service_url))
        except httpx.HTTPStatusError as err:
            status = err.response.status_code
            if status == 429:
                retry = retry_after_seconds(err.response.headers.get("Retry-After"))
                raise DeliveryError(
                    "teams: rate limited", retry_after=retry, rate_limited=True
                ) from None
            raise DeliveryError(
                f"teams: the Bot Connector answered {status}",
                permanent=status in PERMANENT_STATUS,
                outage=status >= 500,  # about the service, whoever the recipient
            ) from None
        except (httpx.HTTPError, TimeoutError, OSError) as err:
            raise DeliveryError(f"teams: {type(err).__name__}: {err}", outage=True) from None
        except ValueError as err:
            raise DeliveryError(f"teams: {type(err).__name__}: {err}") from None
        return str(sent.id)

    def delete(self, conversation_id: str, service_url: str, activity_id: str) -> bool:
        """Take a message back; False if the Bot Connector refused or did not answer."""
        conversations = self.app.api.conversations
        try:
            self._run(
                conversations.delete_activity(conversation_id, activity_id, service_url=service_url)
            )
        except (httpx.HTTPError, TimeoutError, OSError, ValueError):
            return False
        return True

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
