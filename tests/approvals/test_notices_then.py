"""Notices are facts at the moment they happen: a decision, revision or withdrawal made before an
earlier notice went out leaves that notice saying what was true then (draft, decisions and
comments, outcome), with one line saying what changed since. Every ordering of decide / decide /
revise / withdraw / tick for a two-member group, delivered by the real outbox drain through the
console transport; and the issue's sequence on both databases, in Danish."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine

from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import ServiceError
from bot.transports.console.notifier import ConsoleNotifier
from config import load_settings
from scheduler.approvals import ApprovalPlanner
from scheduler.outbox.drain import OutboxDrain
from scheduler.outbox.kinds import NoticeKind
from storage.database import make_engine
from storage.models import Origin
from storage.models.enums import Decision

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)  # a Monday, weeks before the activity
COMMENTS = {"Anna Berg": "Fint, men kort", "Bo Dahl": "Mangler kontekst"}
DECISIONS = {"Anna Berg": Decision.APPROVE, "Bo Dahl": Decision.REJECT}
EVENTS = ("Anna Berg", "Bo Dahl", "revise", "withdraw", "tick")


def make_services(url: str, language: str = "en") -> Iterator[Services]:
    settings = load_settings(
        COMMPLAN_DATABASE_URL=url,
        COMMPLAN_LANGUAGE=language,
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
    )
    engine = make_engine(url)
    yield Services.create(settings, engine)
    engine.dispose()


def setup(services: Services, language: str = "en") -> int:
    """Frida asks a two-member group (rule "all", chaired by Mette) to approve "Udkast 1"."""
    services.teams.add("Udbud", CLI)
    for name in ("Mette Holm", "Anna Berg", "Bo Dahl", "Frida Carlsson"):
        services.people.add(name, CLI, team="udbud", locale=language)
    services.plans.create("Plan", "udbud", CLI, language=language, owner="Frida Carlsson")
    services.steering.create(
        "Styregruppen",
        "udbud",
        CLI,
        chair="Mette Holm",
        rule="all",
        members=("Anna Berg", "Bo Dahl"),
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    activity = services.activities.add(
        "Plan", "Nyhedsbrev", CLI, fields={"when": "3 May 2027", "responsible": "Frida Carlsson"}
    ).activity.id
    return services.approvals.request(
        activity, as_person(services, "Frida Carlsson"), text="Udkast 1"
    ).id


def as_person(services: Services, name: str) -> Actor:
    view = services.people.get(name)
    return Actor(Origin.CLI, view.id, view.name)


@dataclass
class Told:
    """One notice as printed to its reader, and the request's state when it was printed."""

    recipient: str
    kind: str
    text: str
    version_now: int
    status_now: str


@dataclass
class Decided:
    name: str
    version: int
    status_after: str


@dataclass
class Run:
    services: Services
    request_id: int
    stream: io.StringIO = field(default_factory=io.StringIO)
    told: list[Told] = field(default_factory=list)
    decided: list[Decided] = field(default_factory=list)
    minute: int = 0

    def moment(self) -> dt.datetime:
        self.minute += 1
        return NOW + dt.timedelta(minutes=self.minute)

    def state(self) -> tuple[int, str]:
        view = self.services.approvals.get(self.request_id)
        return view.version, view.status

    def step(self, event: str) -> None:
        at = self.moment()
        with time_machine.travel(at, tick=False):
            if event == "tick":
                return self.tick(at)
            try:
                if event == "revise":
                    version = self.state()[0] + 1
                    self.services.approvals.revise(
                        self.request_id,
                        as_person(self.services, "Frida Carlsson"),
                        text=f"Udkast {version}",
                    )
                elif event == "withdraw":
                    self.services.approvals.withdraw(
                        self.request_id, as_person(self.services, "Frida Carlsson")
                    )
                else:
                    version = self.state()[0]
                    self.services.approvals.decide(
                        self.request_id,
                        DECISIONS[event],
                        as_person(self.services, event),
                        comment=COMMENTS[event],
                    )
                    self.decided.append(Decided(event, version, self.state()[1]))
            except ServiceError:
                pass  # refused (closed, withdrawn): it changes nothing, and is told nothing
        return None

    def tick(self, at: dt.datetime) -> None:
        ApprovalPlanner(self.services.context.sessions)(at)
        start = self.stream.tell()
        drain = OutboxDrain(
            self.services.context.sessions, ConsoleNotifier(self.services, self.stream), workers=1
        )
        while drain().sent:
            pass
        self.stream.seek(start)
        printed = self.stream.read()
        version, status = self.state()
        for block in re.split(r"^--- to ", printed, flags=re.MULTILINE)[1:]:
            head, _, text = block.partition("\n")
            recipient, _, kind = head.partition(" (")
            self.told.append(Told(recipient, kind.partition(",")[0], text, version, status))


def since(then_version: int, then_status: str, told: Told) -> str | None:
    """The line the notice must end with (the issue's rule), or None when nothing changed."""
    changes = []
    if told.version_now > then_version:
        changes.append(f"revised to version {told.version_now}")
    revised_back = told.version_now > then_version and told.status_now == "pending"
    if told.status_now != then_status and not revised_back:
        changes.append(told.status_now.replace("_", " "))
    return f"Since then: {', '.join(changes)}." if changes else None


def check(run: Run) -> None:
    to_frida = [told for told in run.told if told.recipient == "Frida Carlsson"]
    for decided in run.decided:
        comment = COMMENTS[decided.name]
        # Every decision's comment reaches the requester once in a notice of its own (the
        # closing one in the outcome's), with the draft it was made on, whatever it is now.
        closed = decided.status_after != "pending"
        kind = "approval_decided" if closed else "approval_decision"
        [told] = [told for told in to_frida if told.kind == kind and comment in told.text]
        assert f"Draft (v{decided.version}): Udkast {decided.version}" in told.text
        if closed:
            # The outcome lists every decision on that version, with its comment.
            assert f"Request #{run.request_id} for Nyhedsbrev: {decided.status_after}" in told.text
            for other in run.decided:
                if other.version == decided.version:
                    assert COMMENTS[other.name] in told.text
        else:
            assert "still waits for the rest of the steering group" in told.text
        expected = since(decided.version, decided.status_after, told)
        found = [line for line in told.text.splitlines() if line.startswith("Since then")]
        assert found == ([expected] if expected else []), (told.text, expected)
    # Nothing about a decision that was not made.
    notices = [
        t for t in to_frida if t.kind in (NoticeKind.APPROVAL_DECISION, NoticeKind.APPROVAL_DECIDED)
    ]
    assert len(notices) == len(run.decided)


@pytest.fixture(scope="module")
def requested(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the request as ``setup`` leaves it, made once and copied for each
    ordering (setting up is most of a case's time)."""
    path = tmp_path_factory.mktemp("requested") / "commplan.db"
    shutil.copyfile(sqlite_template, path)
    for services in make_services(f"sqlite:///{path}"):
        with time_machine.travel(NOW, tick=False):
            assert setup(services) == 1
        with services.context.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.mark.parametrize(
    "order", list(itertools.permutations(EVENTS)), ids=lambda order: "-".join(o[:4] for o in order)
)
def test_every_ordering_tells_what_was_true_then(
    order: tuple[str, ...], requested: Path, tmp_path: Path
) -> None:
    path = tmp_path / "commplan.db"
    shutil.copyfile(requested, path)
    for services in make_services(f"sqlite:///{path}"):
        run = Run(services, 1)
        for event in order:
            run.step(event)
        run.step("tick")
        check(run)


def test_the_issues_sequence_in_danish(db_url: str) -> None:
    """Two decisions, then `revidér` and `tilbagekald` before the next tick: the first member's
    comment arrives with version 1's draft and says it was revised and withdrawn since; the
    outcome lists both decisions with their comments, the closing rejection's too."""
    for services in make_services(db_url, "da"):
        with time_machine.travel(NOW, tick=False):
            run = Run(services, setup(services, "da"))
        run.step("tick")
        run.step("Anna Berg")
        run.step("Bo Dahl")  # rejected: the request closes
        run.step("revise")  # version 2, pending again
        run.step("withdraw")
        run.step("tick")
        to_frida = {t.kind: t.text for t in run.told if t.recipient == "Frida Carlsson"}
        anna = to_frida["approval_decision"]
        assert "Fint, men kort" in anna and "Udkast (v1): Udkast 1" in anna
        assert "Udkast 2" not in anna and "afventer stadig" in anna
        assert "Siden da: revideret til version 2, trukket tilbage." in anna
        outcome = to_frida["approval_decided"]
        assert "Anmodning #1 om Nyhedsbrev: afvist." in outcome
        assert "Mangler kontekst" in outcome and "Fint, men kort" in outcome
        assert "Udkast (v1): Udkast 1" in outcome and "Udkast 2" not in outcome
        assert "Siden da: revideret til version 2, trukket tilbage." in outcome
