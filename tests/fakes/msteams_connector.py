"""A local HTTP fake of the Bot Connector service Teams bots call, recording every call.

Teams tells the bot where to answer in each activity's ``serviceUrl``; the tests give this
fake's ``url`` there (and as the service URL kept for proactive messages), so the SDK's real
HTTP client talks to it. It answers what commplan calls:

- ``POST /v3/conversations/{id}/activities``: a new message; answers its id;
- ``PUT /v3/conversations/{id}/activities/{activity}``: a message rewritten in place;
- ``DELETE /v3/conversations/{id}/activities/{activity}``: a message taken back (``deleted``);
- ``GET /v3/conversations/{id}/members/{member}``: a member with the e-mail in ``emails``.

It can also stand in for the Bot Framework's signing keys: ``jwks`` is served at
``GET /v1/.well-known/keys`` (where the SDK looks, given an OpenID metadata URL beside it), so a
test can sign inbound tokens with its own key and run the SDK's real validation.

Every call must carry ``Authorization: Bearer <token>`` with the token the app was given, else
401, as the real service does. ``status_for`` makes a conversation answer an error status (403:
the bot was removed; 404: no such conversation; 429 with ``retry_after``); ``limit_next``
makes the next N new messages answer 429 with ``retry_after``, posting nothing;
``hold(conversation)`` makes the next new message to it wait at the door until released (a
post on its way while its sender's lease runs out).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote


@dataclass
class Call:
    method: str
    conversation: str
    activity_id: str | None
    body: dict[str, Any]
    at: float

    @property
    def cards(self) -> list[dict[str, Any]]:
        attachments = self.body.get("attachments") or []
        return [a["content"] for a in attachments if isinstance(a.get("content"), dict)]


@dataclass
class Hold:
    """The next new message to ``conversation`` waits until ``release()``."""

    conversation: str
    arrived: int = 0
    gate: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        self.gate.set()


@dataclass
class FakeConnector:
    token: str
    emails: dict[str, str] = field(default_factory=dict)  # member id (29:...) -> e-mail
    status_for: dict[str, int] = field(default_factory=dict)  # conversation -> HTTP status
    retry_after: str = "2"
    limit_next: int = 0
    deleted: set[str] = field(default_factory=set)  # ids of the activities taken back
    holds: list[Hold] = field(default_factory=list)
    jwks: dict[str, Any] | None = None
    calls: list[Call] = field(default_factory=list)
    refused: int = 0  # requests without the right token
    connections: set[tuple[str, int]] = field(default_factory=set)  # the clients' addresses
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None
    _count: int = 0

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_port}/"

    def start(self) -> FakeConnector:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            # Kept-alive connections, as the Bot Connector keeps them; the headers and the body
            # are two writes, which Nagle's algorithm would hold back for the client's delayed
            # ACK on a connection that stays open.
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:
                return None

            def _answer(self, status: int, body: object = None) -> None:
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", fake.retry_after)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _route(self) -> None:
                with fake._lock:
                    fake.connections.add(self.client_address[:2])
                # Read whole before any answer: the connection's next request follows it.
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if self.path == "/v1/.well-known/keys" and fake.jwks is not None:
                    self._answer(200, fake.jwks)
                    return
                if self.headers.get("Authorization") != f"Bearer {fake.token}":
                    with fake._lock:
                        fake.refused += 1
                    self._answer(401, {"error": {"code": "Unauthorized"}})
                    return
                body = json.loads(raw or b"{}")
                parts = [unquote(part) for part in self.path.split("?")[0].strip("/").split("/")]
                if len(parts) < 3 or parts[:2] != ["v3", "conversations"]:
                    self._answer(404, {"error": {"code": "NotFound"}})
                    return
                conversation = parts[2]
                if self.command == "POST" and parts[3:] == ["activities"]:
                    fake._wait_if_held(conversation)
                status = fake.status_for.get(conversation)
                if status is not None:
                    self._answer(status, {"error": {"code": f"Status{status}"}})
                    return
                self._answer(*fake.handle(self.command, conversation, parts[3:], body))

            def do_POST(self) -> None:
                self._route()

            def do_PUT(self) -> None:
                self._route()

            def do_GET(self) -> None:
                self._route()

            def do_DELETE(self) -> None:
                self._route()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # stop() waits for the serving loop's next look at its flag: every 0.05 s, not the
        # default 0.5 s that every test using the fake paid at its end.
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def hold(self, conversation: str) -> Hold:
        hold = Hold(conversation)
        with self._lock:
            self.holds.append(hold)
        return hold

    def _wait_if_held(self, conversation: str) -> None:
        with self._lock:
            hold = next(
                (h for h in self.holds if h.conversation == conversation and h.arrived == 0),
                None,
            )
            if hold is None:
                return
            hold.arrived = 1
        hold.gate.wait()

    def stop(self) -> None:
        for hold in self.holds:
            hold.release()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def handle(
        self, method: str, conversation: str, rest: list[str], body: dict[str, Any]
    ) -> tuple[int, object]:
        if method == "GET" and rest[:1] == ["members"] and len(rest) == 2:
            member = rest[1]
            email = self.emails.get(member)
            if email is None:
                return 404, {"error": {"code": "MemberNotFound"}}
            return 200, {
                "id": member,
                "name": email.split("@")[0],
                "email": email,
                "userPrincipalName": email,
                "aadObjectId": f"aad-{member}",
            }
        if rest[:1] != ["activities"]:
            return 404, {"error": {"code": "NotFound"}}
        with self._lock:
            if method == "DELETE" and len(rest) == 2:
                if rest[1] in self.deleted or not any(c.activity_id == rest[1] for c in self.calls):
                    return 404, {"error": {"code": "ActivityNotFound"}}
                self.deleted.add(rest[1])
                return 200, None
            if method == "POST" and len(rest) == 1 and self.limit_next > 0:
                self.limit_next -= 1
                return 429, {"error": {"code": "TooManyRequests"}}
            if method == "POST" and len(rest) == 1:
                self._count += 1
                activity_id = f"msg-{self._count}"
            elif method == "PUT" and len(rest) == 2:
                activity_id = rest[1]
            else:
                return 405, None
            self.calls.append(Call(method, conversation, activity_id, body, time.monotonic()))
        return 200, {"id": activity_id}

    def posted(self, conversation: str | None = None) -> list[Call]:
        with self._lock:
            return [
                call
                for call in self.calls
                if call.method == "POST" and conversation in (None, call.conversation)
            ]

    def visible(self, conversation: str | None = None) -> list[Call]:
        """The new messages of ``conversation`` not taken back."""
        return [call for call in self.posted(conversation) if call.activity_id not in self.deleted]

    def updated(self) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == "PUT"]
