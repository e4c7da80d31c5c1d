"""End to end with Microsoft 365 Agents Playground, Microsoft's local stand-in for Teams.

The Playground (npm ``@microsoft/m365agentsplayground``, from tests/js/package-lock.json) plays
the Teams client and the Bot Connector: it builds the activities it sends to commplan's
/api/messages, and receives what the SDK sends back on its own connector. It is driven through
the API its web UI uses: a user's message is a POST, the conversation's messages arrive on a
WebSocket, a card button is an invoke. No part of commplan is replaced; only token validation is
off, as the Playground signs nothing (tests/transports/msteams/test_msteams_auth.py covers it).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
import uvicorn
from websockets.sync.client import ClientConnection, connect

from bot.cli.serve import surfaces
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.msteams.app import MsTeamsSurface
from bot.web.app import create_app
from config import load_settings
from storage.database import make_engine
from storage.models import Origin, Surface
from tests.conftest import REPO
from tests.transports.msteams.harness import APP_ID, actions_of, token_source

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
PLAYGROUND = REPO / "tests" / "js" / "node_modules" / "@microsoft" / "m365agentsplayground"
# Wednesday 24 March 2027 in Copenhagen; the activity falls after the DST change on the 28th.
START = "2027-03-24T09:00:00+00:00"


def _require_playground() -> None:
    missing = [
        what
        for what, present in (
            ("node", shutil.which("node") is not None),
            ("@microsoft/m365agentsplayground", (PLAYGROUND / "cli.js").exists()),
        )
        if not present
    ]
    if missing:
        message = f"missing for the Playground test: {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


# The tenant of the Playground's default configuration.
PLAYGROUND_TENANT = "00000000-0000-0000-0000-0000000000001"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Playground:
    def __init__(self, bot_port: int, workdir: Path) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [
                "node",
                str(PLAYGROUND / "cli.js"),
                "--app-endpoint",
                f"http://127.0.0.1:{bot_port}/api/messages",
                "--channel-id",
                "msteams",
                "--port",
                str(self.port),
                "--disable-telemetry",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            # No browser to open (it would need xdg-open, and dies without it); its log goes to
            # the test's folder, never into the repository.
            env={
                **os.environ,
                "TEAMSAPPTESTER_BROWSER": "none",
                "M365_AGENTS_PLAYGROUND_LOGFILE": str(workdir / "playground.log"),
            },
            cwd=workdir,
        )
        assert self.process.stdout is not None
        deadline = time.monotonic() + 60
        for line in self.process.stdout:
            if f"Listening on {self.port}" in line:
                break
            if time.monotonic() > deadline:
                raise TimeoutError("the Playground did not start")
        self.base = f"http://127.0.0.1:{self.port}"
        self.config: dict[str, Any] = self.get("/_internal/v1/config")["config"]

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.base + path, timeout=10) as answer:
            return json.load(answer)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            raw = answer.read()
        return json.loads(raw) if raw else None

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def bot_message(stream: ClientConnection, timeout: float = 20) -> dict[str, Any]:
    """The next message the bot wrote, as the Playground shows it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            event = json.loads(stream.recv(timeout=1))
        except TimeoutError:
            continue
        message = event.get("message") or {}
        if event.get("action") == "createMessage" and message.get("attachments"):
            found: dict[str, Any] = message
            return found
    raise TimeoutError("no message from the bot")


@pytest.fixture
def served(sqlite_url: str, tmp_path: Path) -> Iterator[tuple[Services, Playground]]:
    _require_playground()
    settings = load_settings(
        COMMPLAN_DATABASE_URL=sqlite_url,
        COMMPLAN_LANGUAGE="da",
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
        TEAMS_APP_ID=APP_ID,
        TEAMS_APP_PASSWORD="unused",
        # The Playground's own tenant: people are linked by e-mail only within the allowed
        # tenants (issue 28, item 5); the test checks below that it is the one it sends.
        COMMPLAN_TEAMS_TENANTS=PLAYGROUND_TENANT,
    )
    engine = make_engine(sqlite_url)
    services = Services.create(settings, engine)
    msteams = MsTeamsSurface(services, settings, token=token_source, authenticate=False)
    app = create_app(settings, engine, surfaces(services, [msteams]))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    with time_machine.travel(START, tick=True):
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        playground = Playground(port, tmp_path)
        try:
            yield services, playground
        finally:
            playground.stop()
            server.should_exit = True
            thread.join(timeout=10)
            engine.dispose()


def test_the_playground_asks_upcoming_and_presses_done(
    served: tuple[Services, Playground],
) -> None:
    services, playground = served
    assert playground.config["tenantId"] == PLAYGROUND_TENANT
    user = playground.config["currentUser"]
    services.teams.add("Udbud", CLI)
    services.people.add(user["name"], CLI, team="udbud", email=user["email"], locale="en")
    services.plans.create("Plan", "udbud", CLI, language="en", owner=user["name"])
    activity = services.activities.add(
        "Plan", "Nyhedsbrev", CLI, fields={"when": "30 March 2027", "responsible": user["name"]}
    ).activity.id
    chat = playground.config["personalChat"]["id"]
    url = f"ws://127.0.0.1:{playground.port}/_ws_conversation/v1/conversations/stream"
    with connect(url) as stream:
        playground.post(
            f"/_conversation/v1/conversations/{chat}/messages",
            {"from": {"id": user["id"]}, "text": "upcoming", "textFormat": "plain"},
        )
        message = bot_message(stream)
    [card] = [a["content"] for a in message["attachments"]]
    assert card["body"][0]["text"].startswith("Upcoming activities")
    assert "Nyhedsbrev" in json.dumps(card, ensure_ascii=False)
    # The Playground's user was linked by the e-mail its connector gave for the member.
    linked = services.people.get(user["name"])
    assert linked.address_on(Surface.MSTEAMS) == user["aadObjectId"]
    done = next(a for a in actions_of(card) if a.get("verb") == "done")
    answer = playground.post(
        "/_conversation/v1/invoke",
        {
            "name": "adaptiveCard/action",
            "value": {"action": {"type": "Action.Execute", "verb": "done", "data": done["data"]}},
            "from": {"id": user["id"]},
            "conversation": {"id": chat},
            "replyToId": message["messageId"],
        },
    )
    assert services.activities.get(activity).status == "done"
    assert "Done: Nyhedsbrev" in json.dumps(answer, ensure_ascii=False)
