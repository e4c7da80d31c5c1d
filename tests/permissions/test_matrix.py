"""Every chat command and button, for every role, on every chat surface, through the real apps.

Slack gets signed requests (slash commands, button clicks, modal submissions) on /slack/events;
Teams gets activities (messages, Adaptive Card invokes) on /api/messages through the SDK's route;
the console is `commplan console`'s session; e-mail gets the confirming POST of a button's
signed link on /email/{token} (e-mail takes no typed commands, so only the buttons run there).
Before each case the database is put back as the world left it, so each case is judged alone:
allowed, it did what it says (or showed what it reads) and left no refusal; refused, it changed
no row but the audit log, which names the person and the surface's own user id.

Who is allowed is written here, by hand, from docs/permissions.md: the test does not read the
rules it checks.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import time_machine
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot import registry
from bot.chat.caller import Caller
from bot.chat.replies import DECISION_OF, Action, Button
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.session import ConsoleSession
from bot.transports.email.setup import action_links, email_router
from bot.transports.msteams.cards import STEERING_CREATE
from bot.transports.msteams.files import FILE_DOWNLOAD_INFO
from bot.transports.slack.views import COMMENT_CALLBACK, STEERING_CALLBACK
from config import load_settings
from storage.database import make_engine
from storage.models import Origin, Surface
from tests.fakes.file_server import FileServer
from tests.fakes.msteams_connector import FakeConnector
from tests.fakes.slack_api import FakeSlack
from tests.msteams.harness import APP_ID, TENANT, TOKEN
from tests.msteams.harness import build as build_msteams
from tests.permissions.world import (
    CAST,
    PLAN_FILE,
    ROLES,
    UNMAPPED,
    World,
    build_world,
    refusals,
    slack_user,
    snapshot,
    teams_user,
)
from tests.slack.harness import SECRET
from tests.slack.harness import build as build_slack

START = "2027-03-24T09:00:00+00:00"  # before the spring DST change; the deadlines are after it

READERS = frozenset({"admin", "owner", "editor", "member", "responsible", "steering"})
ACTORS = frozenset({"admin", "owner", "editor", "responsible"})
CHANGERS = frozenset({"admin", "owner", "editor"})
DECIDERS = frozenset({"steering"})  # the group's member (rule "any"); never the requester
REVISERS = frozenset({"admin", "owner", "responsible"})  # the requester is the responsible
# Who may send a file of "Plan": whoever may change it, and the outsider, whose file becomes a
# new plan in their own team (create: a team's member); nobody in no team who changes nothing.
SENDERS = frozenset({"admin", "owner", "editor", "outsider"})
UPLOADER = frozenset({"owner"})  # a kept file is its sender's: Import and Cancel are theirs


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


CASES = (
    Case("upcoming plan", READERS, False, command="upcoming plan Plan 30"),
    Case("upcoming team", READERS, False, command="upcoming team udbud 30"),
    Case("plan", READERS, False, command="plan Plan"),
    Case("digest", READERS, False, command="digest Plan"),
    Case("done", ACTORS, True, command="done {upcoming}"),
    Case("approve", ACTORS, True, command="approve {upcoming} Udkast til nyhedsbrev"),
    Case("followup", ACTORS, True, command="followup {done} yes"),
    Case("reopen", ACTORS, True, command="reopen {done}"),
    Case("move", ACTORS, True, command="move {upcoming} 7. april 2027"),
    Case("replan", CHANGERS, True, command="replan {done} 1. maj 2027"),
    Case("decide", DECIDERS, True, command="decide {request} approve"),
    Case("why", CHANGERS, True, command="why {deviation} Aftalt med direktionen"),
    Case("button done", ACTORS, True, action=Action.DONE),
    Case("button snooze", ACTORS, True, action=Action.SNOOZE_DAY),
    Case("button reopen", ACTORS, True, action=Action.REOPEN, target="done"),
    Case("button open", READERS, False, action=Action.OPEN),
    Case("button followup", ACTORS, True, action=Action.FOLLOWUP_YES, target="done", typed="Ok"),
    Case("button replan", CHANGERS, True, action=Action.REPLAN, target="done", typed="1. maj"),
    Case("button approval", ACTORS, True, action=Action.REQUEST_APPROVAL, typed="Udkast"),
    Case("button approve", DECIDERS, True, action=Action.APPROVE, target="request"),
    Case("revise", REVISERS, True, command="revise {request} Nyt udkast med tidsplan"),
    Case("withdraw", REVISERS, True, command="withdraw {request}"),
    Case("button revise", REVISERS, True, action=Action.REVISE, target="request", typed="Nyt"),
    Case("button withdraw", REVISERS, True, action=Action.WITHDRAW, target="request"),
    Case("button reject", DECIDERS, True, action=Action.REJECT, target="request", typed="Kortere"),
    # The Danish and Swedish words are the same commands, under the same rules.
    Case("kommende", READERS, False, command="kommende plan Plan 30"),
    Case("udført", ACTORS, True, command="udført {upcoming}"),
    Case("beslut", DECIDERS, True, command="beslut {request} afvis Teksten skal nævne tidsplanen"),
    Case("besluta", DECIDERS, True, command="besluta {request} godkänn"),
    Case("revidér", REVISERS, True, command="revidér {request} Nyt udkast med tidsplan"),
    Case("återkalla", REVISERS, True, command="återkalla {request}"),
    # A plan owner on their own (docs/permissions.md): the plan's file, whose preview is kept;
    # its Import and Cancel, the sender's alone; the steering group form, for who may change.
    Case("send the plan's file", SENDERS, True, upload=True),
    Case(
        "button import",
        UPLOADER,
        True,
        action=Action.IMPORT_UPLOAD,
        target="upload",
        chat_only=True,
    ),
    Case(
        "button cancel",
        UPLOADER,
        True,
        action=Action.CANCEL_UPLOAD,
        target="upload",
        chat_only=True,
    ),
    Case("steering form", CHANGERS, True, form=True),
    # Who a plan's unmapped responsible name is: in the plans one may change (issue 28, item
    # 1). Only Slack has the picker; Teams' card sends the owner to `commplan people link`
    # (the admin's, tests/permissions/test_cli_matrix.py), console and e-mail have none.
    Case("pick name", CHANGERS, True, pick=UNMAPPED),
)
# The buttons on a request that name its version too ("REQUEST:VERSION").
_VERSIONED = frozenset({Action.APPROVE, Action.REJECT, Action.REQUEST_CHANGES})


class Driver:
    """One chat surface, as a person of each role uses it."""

    surface: Surface
    services: Services

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


class SlackDriver(Driver):
    surface = Surface.SLACK

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
        # Buttons are acknowledged first and handled after: wait for the answer Slack gets.
        deadline = time.monotonic() + 10
        while len(self.fake.calls) <= before and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(self.fake.calls) > before, "the click was never answered"

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


# The world, made once per surface and put back before each case.


@dataclass
class Stage:
    driver: Driver
    world: World
    engine: Engine
    database: Path
    template: Path

    def reset(self) -> None:
        self.engine.dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.template, self.database)


def _settings(url: str, **more: str) -> Any:
    return load_settings(
        COMMPLAN_DATABASE_URL=url,
        COMMPLAN_LANGUAGE="en",
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
        COMMPLAN_PUBLIC_URL="https://commplan.example.dk",
        **more,
    )


def _stage(
    tmp: Path,
    sqlite_template: Path,
    extra: dict[str, str],
    make: Callable[[Services, World], Driver],
) -> Iterator[Stage]:
    database = tmp / "commplan.db"
    shutil.copyfile(sqlite_template, database)
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    services = Services.create(_settings(url, **extra), engine)
    with time_machine.travel(START, tick=True):
        world = build_world(services)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        template = tmp / "world.db"
        shutil.copyfile(database, template)
        driver = make(services, world)
        client = getattr(getattr(driver, "harness", None), "client", None)
        if client is not None:
            with client:
                yield Stage(driver, world, engine, database, template)
        else:
            yield Stage(driver, world, engine, database, template)
    engine.dispose()


@pytest.fixture(scope="module")
def slack_stage(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Stage]:
    fake = FakeSlack().start()
    extra = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "COMMPLAN_SLACK_API_URL": fake.url,
    }
    yield from _stage(
        tmp_path_factory.mktemp("slack"), sqlite_template, extra, lambda s, _: SlackDriver(s, fake)
    )
    fake.stop()


@pytest.fixture(scope="module")
def msteams_stage(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[Stage]:
    connector = FakeConnector(TOKEN).start()
    files = FileServer().start()
    extra = {
        "TEAMS_APP_ID": APP_ID,
        "TEAMS_APP_PASSWORD": "not-used-the-tests-give-a-token",
        "TEAMS_TENANT_ID": TENANT,
        "COMMPLAN_TEAMS_SERVICE_URL": connector.url,
    }
    yield from _stage(
        tmp_path_factory.mktemp("teams"),
        sqlite_template,
        extra,
        lambda s, _: MsTeamsDriver(s, connector, files),
    )
    files.stop()
    connector.stop()


@pytest.fixture(scope="module")
def console_stage(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[Stage]:
    yield from _stage(
        tmp_path_factory.mktemp("console"),
        sqlite_template,
        {},
        ConsoleDriver,
    )


@pytest.fixture(scope="module")
def email_stage(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Stage]:
    extra = {"COMMPLAN_LINK_SECRET": "the-matrix-link-secret"}
    yield from _stage(tmp_path_factory.mktemp("email"), sqlite_template, extra, EmailDriver)


# Every surface runs every case it can take: e-mail has buttons (links) and no typed commands.
# The registry's surfaces, and the console (an operator's, not in the registry). A new registry
# entry without a driver here fails at collection (no `NAME_stage` fixture).
SURFACES = ("console", *(spec.surface.value for spec in registry.SURFACES))
TYPED = ("console", *(spec.surface.value for spec in registry.SURFACES if spec.typed_commands))
RUNS = [
    pytest.param(surface, case, id=f"{surface}-{case.name}")
    for surface in SURFACES
    for case in CASES
    if (surface in TYPED or not (case.command or case.upload or case.form or case.chat_only))
    and (case.pick is None or surface == "slack")
]


def _roles_on(surface: Surface) -> tuple[str, ...]:
    # `commplan console --as` always names a person, and an e-mail goes to a person: nobody
    # unlinked talks through either.
    nobody_unlinked = surface in (Surface.CONSOLE, Surface.EMAIL)
    return tuple(r for r in ROLES if not (nobody_unlinked and r == "unlinked"))


@pytest.mark.parametrize(("surface", "case"), RUNS)
def test_every_role_gets_the_rules_answer(
    request: pytest.FixtureRequest, surface: str, case: Case
) -> None:
    stage: Stage = request.getfixturevalue(f"{surface}_stage")
    driver, world = stage.driver, stage.world
    values = {
        "upcoming": world.upcoming,
        "done": world.done,
        "request": world.request,
        "deviation": world.deviation,
        "upload": world.upload,
    }
    outcomes: dict[str, str] = {}
    for role in _roles_on(driver.surface):
        stage.reset()
        with time_machine.travel(START, tick=True):
            before, refused_before = snapshot(stage.engine), refusals(stage.engine)
            if case.command is not None:
                driver.command(role, case.command.format(**values))
            elif case.upload:
                driver.upload(role, "Plan.csv", PLAN_FILE)
            elif case.form:
                driver.steering(role, world)
            elif case.pick is not None:
                driver.press(role, case, "")
            else:
                target = values[case.target]
                value = f"{target}:1" if case.action in _VERSIONED else str(target)
                driver.press(role, case, value)
            after, refused_after = snapshot(stage.engine), refusals(stage.engine)
        new_refusals = refused_after[len(refused_before) :]
        changed = before != after
        expected = "allowed" if role in case.allowed else "refused"
        if new_refusals:
            [(_, surface_user, person)] = new_refusals
            assert surface_user == driver.user(role), (role, case.name, new_refusals)
            assert person == world.people.get(role), (role, case.name, new_refusals)
            assert not changed, f"{case.name} by {role}: refused but changed rows"
            outcomes[role] = "refused"
        else:
            assert not case.writes or changed, f"{case.name} by {role}: allowed but did nothing"
            outcomes[role] = "allowed"
        assert outcomes[role] == expected, (driver.surface, case.name, role, outcomes[role])
