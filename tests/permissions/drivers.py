"""The permission matrix's drivers: each surface as a person of each role uses it, through the
real app (signed Slack requests, Teams activities through the SDK's route, the console's
session, an e-mail link's page). tests/permissions/test_matrix.py runs every case over the
driver each registry entry names (``matrix_driver``) and the console's."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.chat.caller import Caller
from bot.chat.replies import DECISION_OF, Action, Button
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.session import ConsoleSession
from bot.transports.email.setup import action_links, email_router
from bot.transports.msteams.cards import STEERING_CREATE
from bot.transports.msteams.files import FILE_DOWNLOAD_INFO
from bot.transports.slack.views import COMMENT_CALLBACK, STEERING_CALLBACK
from storage.models import Origin, Surface
from tests.fakes.file_server import FileServer
from tests.fakes.msteams_connector import FakeConnector
from tests.fakes.slack_api import FakeSlack
from tests.permissions.world import (
    CAST,
    World,
    slack_user,
    teams_user,
)
from tests.transports.msteams.harness import APP_ID, TENANT, TOKEN
from tests.transports.msteams.harness import build as build_msteams
from tests.transports.slack.harness import SECRET
from tests.transports.slack.harness import build as build_slack

# What a driver's surface needs running around a world: the settings that enable it, and the
# function that makes the driver for the world's services.
Running = tuple[dict[str, str], Callable[[Services, World], "Driver"]]


@dataclass(frozen=True)
class Case:
    name: str
    allowed: frozenset[str]
    writes: bool  # allowed, it changes rows; else it only reads
    command: str | None = None  # typed, with {upcoming} {done} {request} filled in
    action: Action | None = None  # a button
    target: str = "upcoming"  # which activity (or "request") the button is on
    typed: str | None = None  # what the button asked for (a modal, a card's input)
    upload: bool = False  # the plan's file sent to the bot (a Slack DM, Teams chat, import PATH)
    form: bool = False  # the steering group form filled in and sent, for the plan
    chat_only: bool = False  # a button no e-mail carries (the preview's Import and Cancel)
    pick: str | None = None  # Slack's "who is this name?" picker: the person picks themselves


class Driver:
    """One chat surface, as a person of each role uses it.

    A surface's registry entry names its driver (``matrix_driver``, bot/registry.py);
    ``running`` starts what the surface needs around a world (a fake of its service) and gives
    the settings that enable it and the function that makes the driver."""

    surface: Surface
    services: Services
    # Whether someone linked to nobody speaks through it: `commplan console --as` always names
    # a person, and an e-mail goes to a person.
    unlinked_speak = True

    @classmethod
    @contextmanager
    def running(cls) -> Iterator[Running]:
        yield {}, cls.of

    @classmethod
    def of(cls, services: Services, world: World) -> Driver:
        raise NotImplementedError

    @classmethod
    def addresses(cls, role: str) -> Mapping[Surface, str]:
        """Where the world's person of ``role`` is on the surface, besides Slack and Teams
        (tests/permissions/world.py gives every person those)."""
        return {}

    def user(self, role: str) -> str | None:
        raise NotImplementedError

    def command(self, role: str, text: str) -> None:
        raise NotImplementedError

    def press(self, role: str, case: Case, value: str) -> None:
        raise NotImplementedError

    def upload(self, role: str, name: str, content: bytes) -> None:
        raise NotImplementedError

    def steering(self, role: str, world: World) -> None:
        raise NotImplementedError


class ConsoleDriver(Driver):
    surface = Surface.CONSOLE
    unlinked_speak = False

    @classmethod
    def of(cls, services: Services, world: World) -> Driver:
        return cls(services, world)

    def __init__(self, services: Services, world: World) -> None:
        self.services = services
        self.world = world
        self.out = io.StringIO()

    def user(self, role: str) -> str | None:
        return f"console:{self.world.people[role]}"

    def session(self, role: str) -> ConsoleSession:
        person = self.world.people[role]
        actor = Actor(Origin.CONSOLE, person, CAST[role] or "", surface_user=self.user(role))
        return ConsoleSession(self.services, Caller(actor, "en"), self.out)

    def command(self, role: str, text: str) -> None:
        self.session(role).handle_line(text)

    def press(self, role: str, case: Case, value: str) -> None:
        assert case.action is not None
        session = self.session(role)
        if case.typed is not None and case.action not in DECISION_OF:
            # The console asks for words by a typed command, not a button (see the commands).
            session.handle_line(_typed_equivalent(case, value))
            return
        # The decision buttons are pressed by number, as under `approvals`; Reject and Request
        # changes then ask for the comment, typed on the next line.
        session.buttons = (Button(case.action, value, "x"),)
        session.handle_line("1")
        if session.asking is not None:
            session.handle_line(case.typed or "")

    def upload(self, role: str, name: str, content: bytes) -> None:
        folder = Path(tempfile.mkdtemp(prefix="matrix-"))
        (folder / name).write_bytes(content)
        self.session(role).handle_line(f"import {folder / name}")
        shutil.rmtree(folder)

    def steering(self, role: str, world: World) -> None:
        session = self.session(role)
        for line in ("steering", "Plan", "Ny styregruppe", "Sofie Styre", "", "any", ""):
            session.handle_line(line)


# Slack calls that read, made before a click's answer.
LOOK_UPS = frozenset({"auth.test", "users.info"})


class SlackDriver(Driver):
    surface = Surface.SLACK

    @classmethod
    @contextmanager
    def running(cls) -> Iterator[Running]:
        fake = FakeSlack().start()
        extra = {
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "COMMPLAN_SLACK_API_URL": fake.url,
        }
        try:
            yield extra, lambda services, _: cls(services, fake)
        finally:
            fake.stop()

    def __init__(self, services: Services, fake: FakeSlack) -> None:
        self.services = services
        self.fake = fake
        self.harness = build_slack(services, fake)
        self.answers: list[dict[str, Any]] = []

    def user(self, role: str) -> str | None:
        return slack_user(role)

    def command(self, role: str, text: str) -> None:
        response = self.harness.command(slack_user(role), text, channel_id=f"D{role.upper()}")
        assert response.status_code == 200
        self.answers.append(response.json())

    def press(self, role: str, case: Case, value: str) -> None:
        if case.pick is not None:
            self._pick(role, case.pick)
            return
        assert case.action is not None
        user = slack_user(role)
        before = len(self.fake.calls)
        if case.typed is not None:
            callback, block = _SLACK_MODALS[case.action]
            metadata: dict[str, Any] = {"activity": int(value.partition(":")[0])}
            if case.action is Action.REVISE:
                metadata = {"request": int(value)}
            if case.action in (Action.FOLLOWUP_YES,):
                metadata["outcome"] = "yes"
            if case.action in DECISION_OF:  # the comment modal of Reject / Request changes
                request, _, version = value.partition(":")
                metadata = {
                    "request": int(request),
                    "version": int(version),
                    "decision": case.action.value,
                    "message": {"channel": f"C{role.upper()}", "ts": "1.1"},
                }
            submission = {
                "type": "view_submission",
                "user": {"id": user},
                "view": {
                    "id": f"V{time.monotonic_ns()}",
                    "type": "modal",
                    "callback_id": callback,
                    "private_metadata": json.dumps(metadata),
                    "state": {
                        "values": {
                            block: {"value": {"type": "plain_text_input", "value": case.typed}}
                        }
                    },
                },
            }
            assert self.harness.interact(submission).status_code == 200
            if case.action in DECISION_OF:
                # A comment is acknowledged first and decided after; the decision ends by
                # updating the request's message, a refusal by telling the clicker there.
                self._wait_for_a_call(before)
            return  # a submission is answered (and done) within the request
        payload = {
            "type": "block_actions",
            "user": {"id": user},
            "trigger_id": "trigger",
            "container": {"type": "message", "channel_id": f"D{role.upper()}", "message_ts": "1.1"},
            "actions": [
                {
                    "action_id": f"commplan_{case.action.value}",
                    "value": value,
                    "action_ts": str(time.monotonic_ns()),
                }
            ],
        }
        assert self.harness.interact(payload).status_code == 200

        # Buttons are acknowledged first and handled after: wait for the answer Slack gets
        # (not a look-up made on the way: bolt's auth.test, a user's users.info).
        def answered() -> bool:
            return any(method not in LOOK_UPS for method, _ in self.fake.calls[before:])

        deadline = time.monotonic() + 10
        while not answered() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert answered(), "the click was never answered"

    def upload(self, role: str, name: str, content: bytes) -> None:
        self.fake.files["FMATRIX"] = content
        before = len(self.fake.calls_of("chat.postMessage"))
        event = {
            "type": "message",
            "subtype": "file_share",
            "channel_type": "im",
            "channel": f"D{role.upper()}",
            "user": slack_user(role),
            "text": "",
            "ts": "1.1",
            "files": [
                {
                    "id": "FMATRIX",
                    "name": name,
                    "size": len(content),
                    "url_private_download": self.fake.file_url("FMATRIX", name),
                }
            ],
        }
        assert self.harness.event(event).status_code == 200
        # An event is acknowledged first and handled after: wait for the answer in the DM.
        calls = self.harness.wait_for("chat.postMessage", before + 1)
        assert len(calls) > before, "the file was never answered"

    def steering(self, role: str, world: World) -> None:
        values = {
            "plan": {
                "value": {"type": "static_select", "selected_option": {"value": str(world.plan)}}
            },
            "name": {"value": {"type": "plain_text_input", "value": "Ny styregruppe"}},
            "chair": {"value": {"type": "users_select", "selected_user": slack_user("steering")}},
            "members": {"value": {"type": "multi_users_select", "selected_users": []}},
            "rule": {"value": {"type": "static_select", "selected_option": {"value": "any"}}},
            "deputies": {"value": {"type": "multi_users_select", "selected_users": []}},
        }
        submission = {
            "type": "view_submission",
            "user": {"id": slack_user(role)},
            "view": {
                "id": f"V{time.monotonic_ns()}",
                "type": "modal",
                "callback_id": STEERING_CALLBACK,
                "private_metadata": "{}",
                "state": {"values": values},
            },
        }
        assert self.harness.interact(submission).status_code == 200

    def _pick(self, role: str, name: str) -> None:
        """The person picks their own Slack user for ``name`` in an unmapped-names message."""
        user = slack_user(role)
        before = len(self.fake.calls)
        block = f"map:{name}"
        payload = {
            "type": "block_actions",
            "user": {"id": user},
            "trigger_id": "trigger",
            "container": {"type": "message", "channel_id": f"D{role.upper()}", "message_ts": "1.1"},
            "message": {"ts": "1.1", "blocks": [{"type": "section", "block_id": block}]},
            "actions": [
                {
                    "type": "users_select",
                    "action_id": "commplan_map",
                    "block_id": block,
                    "selected_user": user,
                    "action_ts": str(time.monotonic_ns()),
                }
            ],
        }
        assert self.harness.interact(payload).status_code == 200
        self._wait_for_a_call(before)

    def _wait_for_a_call(self, before: int) -> None:
        """Until the message is updated or the clicker told (not the app's own auth.test)."""

        def answered() -> bool:
            methods = {method for method, _ in self.fake.calls[before:]}
            return bool(methods & {"chat.update", "chat.postEphemeral"})

        deadline = time.monotonic() + 10
        while not answered() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert answered(), "the comment was never answered"


class MsTeamsDriver(Driver):
    surface = Surface.MSTEAMS

    @classmethod
    @contextmanager
    def running(cls) -> Iterator[Running]:
        connector = FakeConnector(TOKEN).start()
        files = FileServer().start()
        extra = {
            "TEAMS_APP_ID": APP_ID,
            "TEAMS_APP_PASSWORD": "not-used-the-tests-give-a-token",
            "TEAMS_TENANT_ID": TENANT,
            "COMMPLAN_TEAMS_SERVICE_URL": connector.url,
        }
        try:
            yield extra, lambda services, _: cls(services, connector, files)
        finally:
            files.stop()
            connector.stop()

    def __init__(self, services: Services, connector: FakeConnector, files: FileServer) -> None:
        self.services = services
        self.harness = build_msteams(services, connector)
        self.files = files

    def user(self, role: str) -> str | None:
        return f"aad-{teams_user(role)}"

    def command(self, role: str, text: str) -> None:
        response = self.harness.message(teams_user(role), text)
        assert response.status_code in (200, 201, 202), response.text

    def press(self, role: str, case: Case, value: str) -> None:
        assert case.action is not None
        data: dict[str, Any] = {"value": value}
        if case.typed is not None:
            data["input"] = "field_1"
            data["field_1"] = case.typed
        self.harness.click(teams_user(role), {"verb": case.action.value, "data": data}, "act-0")

    def upload(self, role: str, name: str, content: bytes) -> None:
        self.files.files[name] = content
        attachment = {
            "contentType": FILE_DOWNLOAD_INFO,
            "name": name,
            "content": {"downloadUrl": self.files.url(name), "uniqueId": "m", "fileType": "csv"},
        }
        response = self.harness.message(teams_user(role), "", attachments=[attachment])
        assert response.status_code in (200, 201, 202), response.text

    def steering(self, role: str, world: World) -> None:
        data = {
            "value": "0",
            "steer_plan": str(world.plan),
            "steer_name": "Ny styregruppe",
            "steer_chair": f"aad-{teams_user('steering')}",
            "steer_rule": "any",
        }
        self.harness.click(teams_user(role), {"verb": STEERING_CREATE, "data": data}, "act-0")


class EmailDriver(Driver):
    """A person pressing a button of their e-mail: its link's page, confirmed (the POST)."""

    surface = Surface.EMAIL
    unlinked_speak = False

    @classmethod
    @contextmanager
    def running(cls) -> Iterator[Running]:
        yield {"COMMPLAN_LINK_SECRET": "the-matrix-link-secret"}, cls

    def __init__(self, services: Services, world: World) -> None:
        self.services = services
        self.world = world
        self.links = action_links(services)
        app = FastAPI()
        app.include_router(email_router(services))
        self.client = TestClient(app)

    def user(self, role: str) -> str | None:
        return f"{role}@kommune.dk"

    def command(self, role: str, text: str) -> None:
        raise AssertionError("e-mail takes no typed commands; the cases leave them out")

    def press(self, role: str, case: Case, value: str) -> None:
        assert case.action is not None
        token = self.links.token(case.action, value, self.world.people[role], "en")
        if case.action is Action.OPEN:  # it only reads: the page shows it at once
            answer = self.client.get(f"/email/{token}")
        else:
            answer = self.client.post(f"/email/{token}", data={"text": case.typed or ""})
        assert answer.status_code == 200, (role, case.name, answer.status_code)


_SLACK_MODALS = {
    Action.REQUEST_APPROVAL: ("commplan_request", "draft"),
    Action.REPLAN: ("commplan_replan", "when"),
    Action.FOLLOWUP_YES: ("commplan_followup", "note"),
    Action.REVISE: ("commplan_revise", "draft"),
    Action.REJECT: (COMMENT_CALLBACK, "comment"),
}


def _typed_equivalent(case: Case, value: str) -> str:
    """What a console user types for a button that needs words (or a decision)."""
    if case.action is Action.REQUEST_APPROVAL:
        return f"approve {value} {case.typed}"
    if case.action is Action.REPLAN:
        return f"replan {value} {case.typed}"
    if case.action is Action.FOLLOWUP_YES:
        return f"followup {value} yes {case.typed}"
    if case.action is Action.REVISE:
        return f"revise {value} {case.typed}"
    return f"decide {value.partition(':')[0]} approve"
