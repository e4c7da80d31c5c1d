"""Slack's Web API over kept-alive connections: one pool per process.

slack_sdk's ``WebClient`` sends every call with ``urllib.request.urlopen``: a new TCP (and TLS)
connection per message, which a burst of reminders pays thousands of times (issue 21). This
client keeps slack_sdk's request building, answer parsing and errors, and only replaces the
transport underneath with one ``httpx.Client`` shared by every client of the process (its pool
is thread-safe; the outbox's sending threads share it).

What the notifier relies on stays as urllib gave it: an answer of 400 or more raises
``urllib.error.HTTPError`` (slack_sdk turns it into ``SlackApiError`` with the headers, so a
429's Retry-After is read as before), a timeout raises ``TimeoutError`` and a broken
connection ``URLError``. httpx retries nothing (its transport's ``retries`` is 0): a post whose
answer was lost is not sent again here, as the notifier's module explains. The timeout is the
client's own, per call, so ``check_lease`` still bounds every post.
"""

from __future__ import annotations

import io
import threading
from email.message import Message
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.request import Request

import httpx
from slack_sdk import WebClient

# Enough kept-alive connections for the outbox's sending threads (COMMPLAN_SEND_WORKERS, 8 by
# default, up to a few dozen) and the bot's own calls.
MAX_CONNECTIONS = 64

_pools: dict[str, httpx.Client] = {}  # one, made on first use
_pools_lock = threading.Lock()


def shared_pool() -> httpx.Client:
    """The process's one connection pool for Slack's Web API."""
    with _pools_lock:
        pool = _pools.get("slack")
        if pool is None:
            limits = httpx.Limits(
                max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS
            )
            pool = _pools["slack"] = httpx.Client(limits=limits, follow_redirects=False)
        return pool


def _headers(response: httpx.Response) -> Message:
    # What urllib hands slack_sdk: an email Message (get_content_charset, items, get).
    headers = Message()
    for name, value in response.headers.multi_items():
        headers[name] = value
    return headers


class PooledWebClient(WebClient):
    """A ``WebClient`` whose calls go through the process's kept-alive connection pool."""

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        if not url.lower().startswith("http") or self.proxy is not None:
            return dict(super()._perform_urllib_http_request_internal(url, req))
        body = req.data if isinstance(req.data, bytes) else None
        try:
            response = shared_pool().post(
                url,
                content=body,
                headers={k: str(v) for k, v in req.header_items()},
                timeout=self.timeout,
            )
        except httpx.TimeoutException as err:
            raise TimeoutError(f"no answer in {self.timeout} s: {err}") from None
        except httpx.TransportError as err:
            raise URLError(f"{type(err).__name__}: {err}") from None
        headers = _headers(response)
        if response.status_code >= 400:
            raise HTTPError(
                url,
                response.status_code,
                response.reason_phrase,
                headers,
                io.BytesIO(response.content),
            )
        if headers.get_content_type() == "application/gzip":
            return {"status": response.status_code, "headers": headers, "body": response.content}
        charset = headers.get_content_charset() or "utf-8"
        return {
            "status": response.status_code,
            "headers": headers,
            "body": response.content.decode(charset),
        }
