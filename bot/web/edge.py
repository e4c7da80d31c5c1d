"""What every HTTP answer carries, and how much of a request body is read at all.

Body limits are FastAPI's own (``max_body_size``): the app's default is small, and each
surface's routes name theirs (its registry entry's ``max_body``, bot/registry.py). A larger
body is refused with 413 before it is read: at once when its Content-Length says so, and by
counting while it streams (a chunked body has no length), so no more than the limit plus one
chunk is ever held.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

KB = 1024
# Every route without a limit of its own: feeds, pages, health and metrics take no body.
DEFAULT_MAX_BODY = 16 * KB

# No page of commplan may be framed (clickjacking), sniffed into another type, or leak its
# tokened URL to another site through the Referer header.
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)
FRAME_ANCESTORS = b"frame-ancestors 'none'"


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` and ``frame-ancestors 'none'`` to every response, the 404s,
    413s and 500s too; a route's own Content-Security-Policy keeps its rules and gains
    ``frame-ancestors``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = with_security_headers(list(message.get("headers", [])))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    present = {name.lower() for name, _ in headers}
    out: list[tuple[bytes, bytes]] = []
    has_policy = False
    for name, value in headers:
        if name.lower() == b"content-security-policy":
            has_policy = True
            if b"frame-ancestors" not in value:
                out.append((name, value.rstrip(b"; ") + b"; " + FRAME_ANCESTORS))
                continue
        out.append((name, value))
    if not has_policy:
        out.append((b"content-security-policy", FRAME_ANCESTORS))
    out.extend((name, value) for name, value in SECURITY_HEADERS if name not in present)
    return out
