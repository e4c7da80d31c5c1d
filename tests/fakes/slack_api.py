"""A local HTTP fake of Slack's Web API: the methods commplan calls, recording every message.

It runs in a thread of the test process (or as its own process: ``python -m
tests.fakes.slack_api PORT STATE_FILE``) on a free loopback port; point
``COMMPLAN_SLACK_API_URL`` at ``url``. It can emulate Slack's limits and failures:

- ``rate_per_channel``: at most one chat.postMessage per channel per that many seconds, else
  HTTP 429 with Retry-After, as Slack does (about 1 per second per channel);
- ``unknown_users``: conversations.open answers ``user_not_found``;
- ``closed_channels``: chat.postMessage to one of them answers ``channel_not_found``;
- ``fail_next``: the next N chat.postMessage calls answer HTTP 500 without posting;
- ``lose_answers``: the next N chat.postMessage calls post the message, then answer 500, as a
  reply lost on the way back would look;
- ``drop_answers``: the next N chat.postMessage calls post the message, then close the
  connection without answering (a reply dropped on the way back);
- ``limit_next``: the next N chat.postMessage calls answer HTTP 429 with ``Retry-After:
  retry_after`` without posting;
- ``delay``: seconds each chat.postMessage takes;
- ``hold(method, token, where)``: requests of that method with that bot token (and arguments
  ``where`` accepts) wait at the door until the test releases them (a sender paused at that
  point, or a request slow on its way).

chat.delete marks a message deleted: it leaves ``visible_keys()`` and conversations.history,
as in Slack.

Besides messages it answers what the Slack app calls (chat.update, chat.postEphemeral,
views.open, views.publish, users.info with ``locales``, users.lookupByEmail with ``emails``),
recording each call's arguments in ``calls`` for the tests to check.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

DROP = 0  # a status that says: close the connection without an answer


def _arguments(body: str, content_type: str) -> dict[str, Any]:
    """A call's arguments: JSON, or a form whose blocks, metadata and view are JSON text."""
    if content_type.startswith("application/json"):
        parsed: dict[str, Any] = json.loads(body or "{}")
        return parsed
    arguments: dict[str, Any] = {k: v[0] for k, v in parse_qs(body).items()}
    for name in ("blocks", "metadata", "view"):
        if isinstance(arguments.get(name), str):
            arguments[name] = json.loads(arguments[name])
    return arguments


@dataclass
class Posted:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    metadata: dict[str, Any] | None
    at: float
    token: str | None = None  # the bot token that posted it
    deleted: bool = False

    @property
    def key(self) -> str | None:
        payload = (self.metadata or {}).get("event_payload") or {}
        key = payload.get("key")
        return key if isinstance(key, str) else None


@dataclass
class Hold:
    """Requests of ``method`` carrying ``token`` (and ``where`` their arguments) wait until
    ``release()``."""

    method: str
    token: str | None
    where: Callable[[dict[str, Any]], bool] | None = None
    arrived: int = 0  # requests waiting, or let through, so far
    answered: int = 0  # of them, answered (their answer written)
    gate: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        self.gate.set()


@dataclass
class FakeSlack:
    rate_per_channel: float = 0.0
    unknown_users: set[str] = field(default_factory=set)
    closed_channels: set[str] = field(default_factory=set)
    fail_next: int = 0
    lose_answers: int = 0
    drop_answers: int = 0
    limit_next: int = 0
    retry_after: str = "1"
    delay: float = 0.0
    holds: list[Hold] = field(default_factory=list)
    locales: dict[str, str] = field(default_factory=dict)  # user id -> "da-DK"
    emails: dict[str, str] = field(default_factory=dict)  # e-mail -> user id
    names: dict[str, str] = field(default_factory=dict)  # user id -> real name
    uploads: dict[str, bytes] = field(default_factory=dict)  # file id -> the bytes uploaded
    # Files people shared with the app, served at ``file_url(id)`` to the bearer of
    # ``bot_token`` only (files.slack.com's url_private_download); every fetch is recorded.
    files: dict[str, bytes] = field(default_factory=dict)
    bot_token: str = "xoxb-test"
    downloads: list[tuple[str, str | None]] = field(default_factory=list)  # (file id, token)
    profiles: dict[str, str] = field(default_factory=dict)  # user id -> e-mail (users.info)
    shared: list[dict[str, Any]] = field(default_factory=list)  # completed uploads
    state_file: Path | None = None  # when set, every message is appended here as a JSON line
    posted: list[Posted] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    rate_limited: int = 0
    connections: set[tuple[str, int]] = field(default_factory=set)  # the clients' addresses
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _last: dict[str, float] = field(default_factory=dict)
    _server: ThreadingHTTPServer | None = None
    _counter: int = 0

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/api/"

    def start(self, port: int = 0) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            # Kept-alive connections, as Slack keeps them (every answer has its length); the
            # headers and body go out as two writes, which Nagle's algorithm would hold back
            # for the client's delayed ACK (40 ms a call) on a connection that stays open.
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_POST(self) -> None:
                with fake._lock:
                    fake.connections.add(self.client_address[:2])
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if len(raw) < length:
                    # The sender died mid-request (the crash test's SIGKILL): like Slack,
                    # act on nothing that did not arrive whole.
                    self.send_response(400)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    self.close_connection = True
                    return
                if self.path.startswith("/upload/"):
                    self._upload(raw)
                    return
                arguments = _arguments(raw.decode(), self.headers.get("Content-Type", ""))
                method = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
                token = self.headers.get("Authorization", "").removeprefix("Bearer ") or None
                hold = fake._held(method, token, arguments)
                status, answer, headers = fake.handle(method, arguments, token)
                if status == DROP:
                    # Acted on, never answered: the connection closes under the client.
                    self.close_connection = True
                    return
                data = json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                    self.wfile.flush()
                finally:
                    if hold is not None:
                        with fake._lock:
                            hold.answered += 1

            def _upload(self, raw: bytes) -> None:
                # files.upload v2, step 2: the file's bytes to the URL step 1 gave.
                fake.uploads[self.path.rsplit("/", 1)[-1]] = raw
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"OK")

            def do_GET(self) -> None:
                path, _, query = self.path.partition("?")
                if path.startswith("/files-pri/"):
                    self._file(path)
                    return
                arguments: dict[str, Any] = {k: v[0] for k, v in parse_qs(query).items()}
                status, answer, headers = fake.handle(path.rsplit("/", 1)[-1], arguments)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _file(self, path: str) -> None:
                file_id = path.split("/")[2].removeprefix("T1-")
                token = self.headers.get("Authorization", "").removeprefix("Bearer ") or None
                with fake._lock:
                    fake.downloads.append((file_id, token))
                content = fake.files.get(file_id)
                if token != fake.bot_token or content is None:
                    # Slack answers a wrong token with its login page, not the file.
                    status, content = (403 if content is not None else 404), b"refused"
                else:
                    status = 200
                self.send_response(status)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *_: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        # stop() waits for the serving loop's next look at its flag: every 0.05 s, not the
        # default 0.5 s that every test using the fake paid at its end.
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def hold(
        self,
        method: str,
        token: str | None = None,
        where: Callable[[dict[str, Any]], bool] | None = None,
    ) -> Hold:
        """Make requests of ``method`` (from ``token`` only, if given, with arguments ``where``
        accepts) wait for ``release()``."""
        hold = Hold(method, token, where)
        with self._lock:
            self.holds.append(hold)
        return hold

    def _held(self, method: str, token: str | None, arguments: dict[str, Any]) -> Hold | None:
        with self._lock:
            hold = next(
                (
                    h
                    for h in self.holds
                    if h.method == method
                    and h.token in (None, token)
                    and (h.where is None or h.where(arguments))
                    and not h.gate.is_set()
                ),
                None,
            )
            if hold is None:
                return None
            hold.arrived += 1
        hold.gate.wait()
        return hold

    def stop(self) -> None:
        for hold in self.holds:
            hold.release()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def handle(
        self, method: str, arguments: dict[str, Any], token: str | None = None
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
            self.calls.append((method, arguments))
        if method == "chat.postMessage":
            return self._post(arguments, token)
        answer = self._answers().get(method)
        if answer is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        return 200, answer(arguments), {}

    def _answers(self) -> dict[str, Callable[[dict[str, Any]], dict[str, Any]]]:
        """What each Web API method answers (with HTTP 200), by its name."""
        posted = {"ok": True, "message_ts": "1.000001"}
        return {
            "auth.test": lambda _: {"ok": True, "user_id": "UBOT", "team_id": "T1"},
            "conversations.open": self._open,
            "conversations.history": self._history,
            "chat.delete": self._delete,
            "chat.update": self._update,
            "chat.postEphemeral": lambda _: posted,
            "views.publish": lambda _: posted,
            "views.open": self._view_open,
            "users.info": self._user_info,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
            "users.lookupByEmail": self._lookup_by_email,
        }

    def _open(self, arguments: dict[str, Any]) -> dict[str, Any]:
        user = str(arguments.get("users", ""))
        if user in self.unknown_users:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "channel": {"id": f"D{user}"}}

    @staticmethod
    def _view_open(arguments: dict[str, Any]) -> dict[str, Any]:
        if not arguments.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        return {"ok": True, "view": {"id": "V1"}}

    def _user_info(self, arguments: dict[str, Any]) -> dict[str, Any]:
        user = str(arguments.get("user", ""))
        locale = self.locales.get(user, "en-US")
        answer: dict[str, Any] = {
            "id": user,
            "locale": locale,
            "real_name": self.names.get(user, ""),
        }
        if user in self.profiles:
            answer["profile"] = {"email": self.profiles[user]}
        return {"ok": True, "user": answer}

    def _upload_url(self, _: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._counter += 1
            file_id = f"F{self._counter}"
        base = self.url.removesuffix("api/")
        return {"ok": True, "upload_url": f"{base}upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, arguments: dict[str, Any]) -> dict[str, Any]:
        files = arguments.get("files")
        listed = json.loads(files) if isinstance(files, str) else list(files or [])
        with self._lock:
            self.shared.append({**arguments, "files": listed})
        return {"ok": True, "files": [{"id": item["id"]} for item in listed]}

    def _lookup_by_email(self, arguments: dict[str, Any]) -> dict[str, Any]:
        found = self.emails.get(str(arguments.get("email", "")).lower())
        if found is None:
            return {"ok": False, "error": "users_not_found"}
        return {"ok": True, "user": {"id": found}}

    def _update(self, arguments: dict[str, Any]) -> dict[str, Any]:
        channel, ts = str(arguments.get("channel", "")), str(arguments.get("ts", ""))
        with self._lock:
            for message in self.posted:
                if message.channel == channel and message.ts == ts:
                    message.text = str(arguments.get("text", message.text))
                    message.blocks = list(arguments.get("blocks") or message.blocks)
                    return {"ok": True, "channel": channel, "ts": ts}
        return {"ok": False, "error": "message_not_found"}

    def file_url(self, file_id: str, name: str = "plan") -> str:
        """A shared file's url_private_download, as Slack names it in the event."""
        return f"{self.url.removesuffix('api/')}files-pri/T1-{file_id}/{name}"

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [arguments for name, arguments in self.calls if name == method]

    def _delete(self, arguments: dict[str, Any]) -> dict[str, Any]:
        channel, ts = str(arguments.get("channel", "")), str(arguments.get("ts", ""))
        with self._lock:
            for message in self.posted:
                if message.channel == channel and message.ts == ts and not message.deleted:
                    message.deleted = True
                    return {"ok": True, "channel": channel, "ts": ts}
        return {"ok": False, "error": "message_not_found"}

    def _post(
        self, arguments: dict[str, Any], token: str | None = None
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        if self.delay:
            time.sleep(self.delay)
        channel = str(arguments.get("channel", ""))
        if channel in self.closed_channels:
            return 200, {"ok": False, "error": "channel_not_found"}, {}
        with self._lock:
            if self.limit_next > 0:
                self.limit_next -= 1
                self.rate_limited += 1
                answer = {"ok": False, "error": "ratelimited"}
                return 429, answer, {"Retry-After": self.retry_after}
            if self.fail_next > 0:
                self.fail_next -= 1
                return 500, {"ok": False, "error": "internal_error"}, {}
            now = time.monotonic()
            if self.rate_per_channel:
                last = self._last.get(channel)
                if last is not None and now - last < self.rate_per_channel:
                    self.rate_limited += 1
                    wait = self.rate_per_channel - (now - last)
                    return (
                        429,
                        {"ok": False, "error": "ratelimited"},
                        {"Retry-After": str(max(1, round(wait + 0.5)))},
                    )
                self._last[channel] = now
            self._counter += 1
            ts = f"{time.time():.0f}.{self._counter:06d}"
            message = Posted(
                channel=channel,
                ts=ts,
                text=str(arguments.get("text", "")),
                blocks=list(arguments.get("blocks") or []),
                metadata=arguments.get("metadata"),
                at=time.time(),
                token=token,
            )
            self.posted.append(message)
            if self.state_file is not None:
                with self.state_file.open("a") as stream:
                    stream.write(json.dumps({"channel": channel, "key": message.key}) + "\n")
            if self.lose_answers > 0:
                self.lose_answers -= 1
                return 500, {"ok": False, "error": "internal_error"}, {}
            if self.drop_answers > 0:
                self.drop_answers -= 1
                return DROP, {}, {}
        return 200, {"ok": True, "channel": channel, "ts": ts}, {}

    def _history(self, arguments: dict[str, Any]) -> dict[str, Any]:
        channel = str(arguments.get("channel", ""))
        oldest = float(arguments.get("oldest") or 0)
        latest = arguments.get("latest")
        with self._lock:
            messages = [
                {
                    "type": "message",
                    "ts": m.ts,
                    "text": m.text,
                    "blocks": m.blocks,
                    "metadata": m.metadata,
                }
                for m in reversed(self.posted)
                if m.channel == channel
                and not m.deleted
                and m.at >= oldest
                and (latest is None or float(m.ts) <= float(str(latest)))
            ]
        return {"ok": True, "messages": messages[:200], "has_more": False}

    def keys(self) -> list[str | None]:
        """The key of every message ever posted, deleted or not."""
        with self._lock:
            return [message.key for message in self.posted]

    def visible_keys(self) -> list[str | None]:
        """The key of every message a person sees: posted and not deleted."""
        with self._lock:
            return [message.key for message in self.posted if not message.deleted]


def main() -> None:
    """Run as a process: ``python -m tests.fakes.slack_api PORT STATE_FILE [DELAY]``."""
    port, state = int(sys.argv[1]), Path(sys.argv[2])
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    FakeSlack(state_file=state, delay=delay).start(port)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
