"""The real app with the Slack surface, a fake Slack Web API, and signed requests."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi.testclient import TestClient

from bot.cli.serve import surfaces
from bot.services import Services
from bot.transports.slack.app import SlackSurface
from bot.web.app import create_app
from tests.fakes.slack_api import FakeSlack

SECRET = "test-signing-secret"


def signature(body: bytes, timestamp: int, secret: str = SECRET) -> str:
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Harness:
    client: TestClient
    fake: FakeSlack
    services: Services
    slack: SlackSurface

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str = SECRET,
        tamper: Callable[[bytes], bytes] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        stamp = int(time.time()) if timestamp is None else timestamp
        sent = tamper(body) if tamper else body
        response: httpx.Response = self.client.post(
            "/slack/events",
            content=sent,
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": str(stamp),
                "X-Slack-Signature": signature(body, stamp, secret),
                **(headers or {}),
            },
        )
        return response

    def command(self, user: str, text: str, **extra: Any) -> httpx.Response:
        form = {
            "command": "/commplan",
            "text": text,
            "user_id": user,
            "team_id": "T1",
            "channel_id": "C1",
            "trigger_id": "trig-1",
            "response_url": "http://127.0.0.1:9/unused",
            **extra,
        }
        return self.post(urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded")

    def interact(self, payload: dict[str, Any], **kwargs: Any) -> httpx.Response:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded", **kwargs)

    def event(self, event: dict[str, Any]) -> httpx.Response:
        body = json.dumps(
            {
                "type": "event_callback",
                "team_id": "T1",
                "api_app_id": "A1",
                "event_id": f"Ev{time.monotonic_ns()}",
                "event_time": int(time.time()),
                "event": event,
            }
        ).encode()
        return self.post(body, "application/json")

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        """The calls of ``method`` once there are ``count`` (handlers go on after the ack)."""
        deadline = time.monotonic() + timeout
        while True:
            calls = self.fake.calls_of(method)
            if len(calls) >= count or time.monotonic() > deadline:
                return calls
            time.sleep(0.02)


def build(services: Services, fake: FakeSlack) -> Harness:
    slack = SlackSurface(services, services.context.settings)
    context = services.context
    client = TestClient(create_app(context.settings, context.engine, surfaces(services, [slack])))
    return Harness(client, fake, services, slack)
