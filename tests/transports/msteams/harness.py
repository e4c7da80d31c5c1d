"""The real app with the Teams surface: activities posted to /api/messages, a fake Bot
Connector (the activities' serviceUrl) receiving what the SDK sends."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
from fastapi.testclient import TestClient
from microsoft_teams.api.auth.cloud_environment import CloudEnvironment

from bot.cli.serve import surfaces
from bot.services import Services
from bot.transports.msteams.app import MsTeamsSurface
from bot.web.app import create_app
from tests.fakes.msteams_connector import FakeConnector

TENANT = "tenant-commplan"
APP_ID = "00000000-0000-4000-8000-00000000c0de"
# What the app sends to the Bot Connector: a JWT as Entra would issue (the fake checks it).
TOKEN = jwt.encode({"aud": "https://api.botframework.com", "appid": APP_ID}, "k" * 32, "HS256")


def token_source(scope: object, tenant: object = None) -> str:
    """The app's outgoing token (in place of the client secret's exchange with Entra)."""
    return TOKEN


_ids = itertools.count(1)


@dataclass
class MsTeamsHarness:
    client: TestClient
    fake: FakeConnector
    services: Services
    msteams: MsTeamsSurface

    def activity(
        self,
        user: str,
        *,
        conversation: str | None = None,
        kind: str = "personal",
        tenant: str = TENANT,
        locale: str = "en-US",
        **fields: Any,
    ) -> dict[str, Any]:
        """An activity from Teams user ``user`` (29:..., Entra id aad-...)."""
        return {
            "id": f"act-{next(_ids)}",
            "channelId": "msteams",
            "serviceUrl": self.fake.url,
            "locale": locale,
            "from": {"id": user, "name": user.removeprefix("29:"), "aadObjectId": f"aad-{user}"},
            "recipient": {"id": f"28:{APP_ID}", "name": "commplan"},
            "conversation": {
                "id": conversation or f"a:{user}",
                "conversationType": kind,
                "tenantId": tenant,
            },
            "channelData": {"tenant": {"id": tenant}},
            **fields,
        }

    def post(self, body: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
        response: httpx.Response = self.client.post("/api/messages", json=body, headers=headers)
        return response

    def message(self, user: str, text: str, **options: Any) -> httpx.Response:
        return self.post(self.activity(user, type="message", text=text, **options))

    def click(
        self,
        user: str,
        action: dict[str, Any],
        reply_to: str,
        inputs: dict[str, str] | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """Press an Action.Execute of a card (with what was typed into the card's inputs)."""
        value = {
            "action": {
                "type": "Action.Execute",
                "verb": action["verb"],
                "data": {**action.get("data", {}), **(inputs or {})},
            },
            "trigger": "manual",
        }
        body = self.activity(
            user,
            type="invoke",
            name="adaptiveCard/action",
            value=value,
            replyToId=reply_to,
            **options,
        )
        response = self.post(body)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer


def build(
    services: Services,
    fake: FakeConnector,
    *,
    authenticate: bool = False,
    cloud: CloudEnvironment | None = None,
) -> MsTeamsHarness:
    msteams = MsTeamsSurface(
        services,
        services.context.settings,
        token=token_source,
        authenticate=authenticate,
        cloud=cloud,
    )
    context = services.context
    app = create_app(context.settings, context.engine, surfaces(services, [msteams]))
    return MsTeamsHarness(TestClient(app), fake, services, msteams)


def actions_of(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Every action of a card, nested ActionSets and ShowCards included, in order."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if str(node.get("type", "")).startswith("Action."):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(content)
    return found
