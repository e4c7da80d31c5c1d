"""Activities and `upcoming`, with frozen time on both sides of the DST changes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlalchemy import select

from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid, NotFound
from storage.models import AuditEntry, Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
# 2027-03-28 is the spring change in Europe (02:00 CET -> 03:00 CEST);
# 2026-10-25 is the autumn one (03:00 CEST -> 02:00 CET).
BEFORE_SPRING = dt.datetime(2027, 3, 27, 22, 30, tzinfo=dt.UTC)  # 23:30 local, 27 March
AFTER_SPRING = dt.datetime(2027, 3, 27, 23, 30, tzinfo=dt.UTC)  # 00:30 local, 28 March


def make_plan(services: Services) -> int:
    services.teams.add("Udbud", CLI)
    services.people.add("Frida Carlsson", CLI, aliases=["FC"], team="udbud")
    services.people.add("Mette Holm", CLI, aliases=["Projektleder"], team="udbud")
    return services.plans.create("Plan", "udbud", CLI, language="da").id


@time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False)
def test_add_reads_when_and_responsible(services: Services) -> None:
    make_plan(services)
    saved = services.activities.add(
        "Plan",
        "Nyhed på intranettet",
        CLI,
        fields={"when": "Uge 12 2027", "responsible": "FC og styregruppen", "channel": "Intranet"},
    )
    view = saved.activity
    assert view.timing.kind == "window"
    assert (view.timing.start, view.timing.due) == (dt.date(2027, 3, 22), dt.date(2027, 3, 28))
    # due on the week's last working day: Thursday 25 and Friday 26 March are Easter
    assert view.next_due == dt.date(2027, 3, 24)
    assert view.responsible_people == ("Frida Carlsson",)
    assert saved.unmapped == ()
    with services.context.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "activity.add")).one()
        assert entry.origin == "cli"
        assert entry.actor_text == "cli:test"


@time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False)
def test_unmapped_responsible_is_reported_not_guessed(services: Services) -> None:
    make_plan(services)
    saved = services.activities.add(
        "Plan", "Pressemeddelelse", CLI, fields={"responsible": "Kommunikationsmedarbejder & FC"}
    )
    assert saved.unmapped == ("Kommunikationsmedarbejder",)
    assert saved.activity.responsible_people == ("Frida Carlsson",)


@time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False)
def test_unreadable_when_is_refused_and_kept_as_unknown_only_as_free_text(
    services: Services,
) -> None:
    make_plan(services)
    with pytest.raises(Invalid) as refused:
        services.activities.add("Plan", "X", CLI, fields={"when": "Tidsplan følger"})
    assert refused.value.key == "error.when_unreadable"
    assert services.activities.list("Plan", CLI) == []
    fields = {"when_text": "Tidsplan følger"}
    view = services.activities.add("Plan", "X", CLI, fields=fields).activity
    assert view.timing.kind == "unknown"
    assert view.when == "Tidsplan følger"
    assert view.next_due is None


def test_upcoming_today_follows_local_midnight_across_spring_dst(services: Services) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False):
        make_plan(services)
        services.activities.add("Plan", "Lørdag", CLI, fields={"when": "27. marts 2027"})
        services.activities.add("Plan", "Søndag", CLI, fields={"when": "28. marts 2027"})
    with time_machine.travel(BEFORE_SPRING, tick=False):
        result = services.upcoming.query(actor=Actor.cli(), days=0)
        assert result.today == dt.date(2027, 3, 27)
        assert [v.title for v in result.coming] == ["Lørdag"]
    with time_machine.travel(AFTER_SPRING, tick=False):
        result = services.upcoming.query(actor=Actor.cli(), days=0)
        assert result.today == dt.date(2027, 3, 28)
        assert [v.title for v in result.overdue] == ["Lørdag"]
        assert [v.title for v in result.coming] == ["Søndag"]


def test_upcoming_across_autumn_dst_and_scopes(services: Services) -> None:
    with time_machine.travel(dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        make_plan(services)
        services.teams.add("Andet", CLI)
        services.plans.create("Anden plan", "andet", CLI)
        services.activities.add(
            "Plan", "A", CLI, fields={"when": "24. oktober 2026", "responsible": "FC"}
        )
        services.activities.add(
            "Plan", "B", CLI, fields={"when": "26. oktober 2026", "responsible": "Projektleder"}
        )
        services.activities.add("Anden plan", "C", CLI, fields={"when": "25. oktober 2026"})
        services.activities.add("Plan", "D", CLI, fields={"when": "Løbende"})
    # 22:30 UTC on 24 October is 00:30 CEST on 25 October, the night the clocks go back.
    with time_machine.travel(dt.datetime(2026, 10, 24, 22, 30, tzinfo=dt.UTC), tick=False):
        every = services.upcoming.query(actor=Actor.cli(), days=1)
        assert every.today == dt.date(2026, 10, 25)
        assert [v.title for v in every.overdue] == ["A"]
        assert [v.title for v in every.coming] == ["C", "B"]
        assert [
            v.title for v in services.upcoming.query(actor=Actor.cli(), days=7, team="udbud").coming
        ] == ["B"]
        assert [
            v.title
            for v in services.upcoming.query(actor=Actor.cli(), days=7, plan="Anden plan").coming
        ] == ["C"]
        mine = services.upcoming.query(actor=Actor.cli(), days=7, person="FC")
        assert [v.title for v in mine.overdue] == ["A"]
        assert mine.coming == ()
        later = services.upcoming.query(actor=Actor.cli(), days=7, include_overdue=False)
        assert later.overdue == ()


@time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False)
def test_done_closes_once_and_recurring_moves_on(services: Services) -> None:
    make_plan(services)
    once = services.activities.add("Plan", "Once", CLI, fields={"when": "1. december 2026"})
    monthly = services.activities.add("Plan", "Monthly", CLI, fields={"when": "Hver måned"})
    # Written today with no start: the first deadline is next month's first working day.
    assert monthly.activity.next_due == dt.date(2026, 12, 1)
    assert services.activities.done(once.activity.id, CLI).status == "done"
    with pytest.raises(Invalid, match="already done"):
        services.activities.done(once.activity.id, CLI)
    moved = services.activities.done(monthly.activity.id, CLI)
    assert moved.status == "planned"
    assert moved.next_due == dt.date(2027, 1, 4)  # 1 January is a holiday, 2-3 a weekend
    assert [v.title for v in services.upcoming.query(actor=Actor.cli(), days=70).coming] == [
        "Monthly"
    ]


@time_machine.travel(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC), tick=False)
def test_edit_rereads_and_refuses_unknown_fields(services: Services) -> None:
    make_plan(services)
    saved = services.activities.add("Plan", "Artikel", CLI, fields={"when": "1. marts 2027"})
    edited = services.activities.edit(saved.activity.id, {"when": "Uge 14 2027"}, CLI)
    assert edited.activity.next_due == dt.date(2027, 4, 9)  # the week's last working day
    with pytest.raises(Invalid, match="Unknown field: colour"):
        services.activities.edit(saved.activity.id, {"colour": "red"}, CLI)
    with pytest.raises(NotFound):
        services.activities.edit(999, {"when": "x"}, CLI)
    assert services.activities.get(saved.activity.id).when == "Uge 14 2027"
