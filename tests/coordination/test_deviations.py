"""Deviations: moved far from the baseline, cancelled, overdue; who is told, asked why, and
the baseline again after approval. Time is frozen in Easter week 2027 in Copenhagen (Maundy
Thursday, Good Friday, Easter Monday are holidays; summer time starts on Easter Sunday)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine, select

from bot.chat.caller import Caller
from bot.chat.commands.handler import CommandHandler
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid, NotFound
from bot.services.permissions import Forbidden
from scheduler.deviations import OverduePlanner
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.reading import notice_of
from storage.database import make_engine, session_factory
from storage.models import Decision, Origin, OutboxMessage
from tests.importing.documents import write_csv

ADMIN = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2027, 3, 22, 7, 0, tzinfo=dt.UTC)  # Monday 22 March, 08:00 in Copenhagen


@pytest.fixture
def cast(services: Services) -> dict[str, Actor]:
    """A plan with an owner, an editor, a steering group with its chair, and an outsider."""
    services.teams.add("Skole", ADMIN, slug="skole")
    services.teams.add("Andet", ADMIN, slug="andet")
    actors: dict[str, Actor] = {}
    for name, team in (("Olga", "skole"), ("Erik", "skole"), ("Carl", None), ("Otto", "andet")):
        view = services.people.add(name, ADMIN, team=team)
        actors[name] = Actor(Origin.CLI, view.id, name)
    services.plans.create("Plan", "skole", ADMIN, language="da", owner="Olga")
    services.roles.grant("editor", "Erik", ADMIN, plan="Plan")
    services.steering.create("Styregruppen", "skole", ADMIN, chair="Carl")
    services.steering.assign("Styregruppen", "Plan", ADMIN)
    return actors


def add(services: Services, title: str, when: str) -> int:
    return services.activities.add("Plan", title, ADMIN, fields={"when": when}).activity.id


def told(engine: Engine) -> list[tuple[int | None, str]]:
    """(person, kind of deviation) of each deviation notice."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.person_id, OutboxMessage.payload)
            .where(OutboxMessage.kind == NoticeKind.DEVIATION)
            .order_by(OutboxMessage.id)
        ).all()
    return [(row[0], row[1]["kind"]) for row in rows]


@time_machine.travel(NOW, tick=False)
def test_a_move_past_five_working_days_is_a_deviation_across_easter(
    services: Services, cast: dict[str, Actor], engine: Engine
) -> None:
    activity = add(services, "Nyhedsbrev", "24. marts 2027")
    erik = cast["Erik"]
    services.activities.move(activity, "31. marts 2027", erik)  # 2 working days: no deviation
    assert services.deviations.list("Plan", ADMIN) == []
    since = dt.datetime.now(dt.UTC)
    # Wednesday before Easter to the Tuesday after next: 6 working days over 3 holidays.
    services.activities.move(activity, "6. april 2027", erik)
    [deviation] = services.deviations.list("Plan", ADMIN)
    assert deviation.id is not None  # recorded, not found as overdue
    assert (deviation.kind, deviation.baseline, deviation.moved_to, deviation.working_days) == (
        "moved",
        dt.date(2027, 3, 24),
        dt.date(2027, 4, 6),
        6,
    )
    assert deviation.by == "Erik" and deviation.reason is None
    # The owner and the steering group's chair are told; the mover is not.
    assert told(engine) == [
        (cast["Olga"].person_id, "moved"),
        (cast["Carl"].person_id, "moved"),
    ]
    asked = services.deviations.unexplained(activity, since)
    assert asked is not None and asked.id == deviation.id
    with pytest.raises(Forbidden):
        services.deviations.give_reason(deviation.id, "Fordi", cast["Otto"])
    with pytest.raises(Invalid):
        services.deviations.give_reason(deviation.id, "  ", erik)
    with pytest.raises(NotFound):
        services.deviations.give_reason(999, "Fordi", erik)
    services.deviations.give_reason(deviation.id, "Aftalt med direktøren 22/3", erik)
    assert services.deviations.list("Plan", ADMIN)[0].reason == "Aftalt med direktøren 22/3"
    assert services.deviations.unexplained(activity, since) is None


@time_machine.travel(NOW, tick=False)
def test_cancelling_is_a_deviation_with_its_reason_and_the_chair_reads_it(
    services: Services, cast: dict[str, Actor], engine: Engine
) -> None:
    activity = add(services, "Pressemøde", "8. april 2027")
    services.activities.cancel(activity, cast["Olga"], reason="Projektet er udskudt")
    [deviation] = services.deviations.list("Plan", ADMIN)
    assert (deviation.kind, deviation.reason, deviation.baseline) == (
        "cancelled",
        "Projektet er udskudt",
        dt.date(2027, 4, 8),
    )
    assert told(engine) == [(cast["Carl"].person_id, "cancelled")]  # Olga did it herself
    with session_factory(engine)() as session:
        row = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == NoticeKind.DEVIATION)
        ).one()
        notice = notice_of(row)
    reply = reminder_reply(services, notice, Caller(cast["Carl"], "en"))
    assert reply.text == "Olga cancelled Pressemøde (Plan), planned for 8 April 2027."
    assert reply.notes == ("Reason: Projektet er udskudt",)


@time_machine.travel(NOW, tick=False)
def test_after_approval_the_approved_date_is_the_baseline(
    services: Services, cast: dict[str, Actor]
) -> None:
    activity = add(services, "Kampagne", "24. marts 2027")
    services.activities.move(activity, "6. april 2027", cast["Erik"], reason="Ny tidsplan")
    request = services.approvals.request(activity, cast["Erik"], text="Udkast")
    services.approvals.decide(request.id, Decision.APPROVE, cast["Carl"])
    # Two days on from what the steering group approved: no deviation this time.
    services.activities.move(activity, "8. april 2027", cast["Erik"])
    assert [d.reason for d in services.deviations.list("Plan", ADMIN)] == ["Ny tidsplan"]


@pytest.fixture
def replica(db_url: str) -> Iterator[OverduePlanner]:
    engine = make_engine(db_url)
    yield OverduePlanner(session_factory(engine), threshold=5, zone="Europe/Copenhagen")
    engine.dispose()


@time_machine.travel(NOW, tick=False)
def test_overdue_past_the_threshold_is_listed_and_told_once(
    services: Services, cast: dict[str, Actor], engine: Engine, replica: OverduePlanner
) -> None:
    add(services, "Lige over tiden", "18. marts 2027")  # 2 working days overdue: fine
    late = add(services, "Glemt", "10. marts 2027")  # 8 working days overdue
    add(services, "Gammel", "1. februar 2027")  # long overdue: listed, not told again and again
    overdue = [(d.activity_id, d.working_days) for d in services.deviations.list("Plan", ADMIN)]
    assert overdue[1] == (late, 8)
    assert len(overdue) == 2
    other = OverduePlanner(
        session_factory(engine), threshold=5, zone="Europe/Copenhagen"
    )  # another replica
    assert replica() == 2
    assert other() == 0
    assert told(engine) == [
        (cast["Olga"].person_id, "overdue"),
        (cast["Carl"].person_id, "overdue"),
    ]


@time_machine.travel(NOW, tick=False)
def test_a_reimport_that_moves_or_drops_rows_records_deviations(
    services: Services, cast: dict[str, Actor], tmp_path: Path
) -> None:
    header = ["Målgruppe", "Budskab", "Kanal", "Hvornår", "Ansvarlig"]
    first = [
        header,
        ["Medarbejdere", "Ny struktur", "Intranet", "24. marts 2027", "Olga"],
        ["Pressen", "Ny skole", "Pressemeddelelse", "8. april 2027", "Olga"],
    ]
    path = write_csv(tmp_path / "plan.csv", first)
    services.imports.apply(
        services.imports.read(path), cast["Erik"], plan_name="Plan", remove_missing=True
    )
    second = [header, ["Medarbejdere", "Ny struktur", "Intranet", "14. april 2027", "Olga"]]
    path = write_csv(tmp_path / "plan.csv", second)
    services.imports.apply(
        services.imports.read(path), cast["Erik"], plan_name="Plan", remove_missing=True
    )
    found = [(d.kind, d.working_days, d.by) for d in services.deviations.list("Plan", ADMIN)]
    assert found == [("moved", 12, "Erik"), ("cancelled", None, "Erik")]


@time_machine.travel(NOW, tick=False)
def test_chat_asks_why_and_takes_the_answer(services: Services, cast: dict[str, Actor]) -> None:
    activity = add(services, "Nyhedsbrev", "24. marts 2027")
    handler = CommandHandler(services)
    caller = Caller(cast["Erik"], "da")
    moved = handler.handle(f"flyt {activity} 6. april 2027", caller)
    [deviation] = services.deviations.list("Plan", ADMIN)
    assert deviation.id is not None
    assert moved.notes == (
        f"Det er 6 arbejdsdage fra planens dato (24. marts 2027). Hvorfor? "
        f"Svar: why {deviation.id} GRUND",
    )
    saved = handler.handle(f"hvorfor {deviation.id} Trykkeriet er forsinket", caller)
    assert saved.text == f"Grunden til afvigelse {deviation.id} (Nyhedsbrev) er noteret."
    assert services.deviations.list("Plan", ADMIN)[0].reason == "Trykkeriet er forsinket"
    refused = handler.handle(f"why {deviation.id} Nej", Caller(cast["Otto"], "da"))
    assert services.deviations.list("Plan", ADMIN)[0].reason == "Trykkeriet er forsinket"
    assert refused.text  # one line in Danish, nothing changed
