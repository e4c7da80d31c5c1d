"""Reopen and move: the same activity opened again or given a new date, each change audited."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlalchemy import select

from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from storage.models import AuditEntry, Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


def make_plan(services: Services) -> None:
    services.teams.add("Udbud", CLI)
    services.people.add("Frida Carlsson", CLI, aliases=["FC"], team="udbud")
    services.plans.create("Plan", "udbud", CLI, language="da")


def actions(services: Services, activity_id: int) -> list[tuple[str, dict[str, object] | None]]:
    with services.context.sessions() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "activity", AuditEntry.entity_id == activity_id)
            .order_by(AuditEntry.id)
        )
        return [(row.action, row.details) for row in rows]


@time_machine.travel(NOW, tick=False)
def test_reopen_a_done_activity_in_place(services: Services) -> None:
    make_plan(services)
    saved = services.activities.add("Plan", "Artikel", CLI, fields={"when": "1. december 2026"})
    activity_id = saved.activity.id
    services.activities.done(activity_id, CLI)
    services.activities.record_outcome(activity_id, "no", CLI)
    view = services.activities.reopen(activity_id, CLI)
    assert (view.id, view.status, view.next_due) == (activity_id, "planned", dt.date(2026, 12, 1))
    assert view.reaction_outcome is None  # the follow-up was about the Done undone
    assert [v.title for v in services.activities.list("Plan", Actor.cli())] == [
        "Artikel"
    ]  # no copy
    action, details = actions(services, activity_id)[-1]
    assert action == "activity.reopen"
    assert details is not None and (details["before"], details["outcome"]) == ("done", "no")
    # Open now: a second reopen is refused with a line, and the refusal is in the audit log.
    with pytest.raises(Invalid, match="is not done, so there is nothing to reopen"):
        services.activities.reopen(activity_id, CLI)
    assert actions(services, activity_id)[-1] == (
        "activity.reopen.refused",
        {"reason": "error.not_done"},
    )
    assert services.activities.get(activity_id).status == "planned"


@time_machine.travel(NOW, tick=False)
def test_reopen_a_cancelled_activity(services: Services) -> None:
    make_plan(services)
    saved = services.activities.add("Plan", "Artikel", CLI, fields={"when": "1. december 2026"})
    services.activities.cancel(saved.activity.id, CLI)
    assert services.activities.reopen(saved.activity.id, CLI).status == "planned"


def test_reopen_a_recurring_one_steps_back_to_the_occurrence_closed(services: Services) -> None:
    with time_machine.travel(NOW, tick=False):
        make_plan(services)
        saved = services.activities.add("Plan", "Månedsbrev", CLI, fields={"when": "Hver måned"})
        activity_id = saved.activity.id
        first_due = saved.activity.next_due
        moved = services.activities.done(activity_id, CLI)
        assert moved.next_due != first_due
    with time_machine.travel(NOW + dt.timedelta(minutes=14), tick=False):
        back = services.activities.reopen(activity_id, CLI, undo_within=dt.timedelta(minutes=15))
        assert (back.status, back.next_due) == ("planned", first_due)
        assert actions(services, activity_id)[-1][0] == "activity.undo"
        # Stepped back already: nothing more to undo.
        with pytest.raises(Invalid, match="not done"):
            services.activities.reopen(activity_id, CLI)


def test_undo_expires_but_reopen_still_works(services: Services) -> None:
    with time_machine.travel(NOW, tick=False):
        make_plan(services)
        saved = services.activities.add("Plan", "Artikel", CLI, fields={"when": "1/12 2026"})
        services.activities.done(saved.activity.id, CLI)
    with time_machine.travel(NOW + dt.timedelta(minutes=16), tick=False):
        with pytest.raises(Invalid, match=r"Undo has expired \(after 15 minutes\); type: reopen"):
            services.activities.reopen(saved.activity.id, CLI, undo_within=dt.timedelta(minutes=15))
        assert services.activities.get(saved.activity.id).status == "done"
        assert services.activities.reopen(saved.activity.id, CLI).status == "planned"


@time_machine.travel(NOW, tick=False)
def test_move_gives_the_same_activity_a_new_date(services: Services) -> None:
    make_plan(services)
    saved = services.activities.add("Plan", "Artikel", CLI, fields={"when": "1. december 2026"})
    view = services.activities.move(saved.activity.id, "15. januar 2027", CLI)
    assert (view.id, view.when, view.timing.kind) == (saved.activity.id, "15. januar 2027", "date")
    assert view.next_due == dt.date(2027, 1, 15)
    assert len(services.activities.list("Plan", Actor.cli())) == 1
    action, details = actions(services, view.id)[-1]
    assert action == "activity.move"
    assert details == {
        "before": {"when": "1. december 2026", "next_due": "2026-12-01"},
        "after": {"when": "15. januar 2027", "next_due": "2027-01-15"},
    }


@time_machine.travel(NOW, tick=False)
def test_move_refuses_what_it_cannot_read_and_closed_activities(services: Services) -> None:
    make_plan(services)
    saved = services.activities.add("Plan", "Artikel", CLI, fields={"when": "1. december 2026"})
    activity_id = saved.activity.id
    with pytest.raises(Invalid, match="I cannot read that time: engang"):
        services.activities.move(activity_id, "engang", CLI)
    with pytest.raises(Invalid, match="cannot read"):
        services.activities.move(activity_id, "  ", CLI)
    assert services.activities.get(activity_id).when == "1. december 2026"
    services.activities.done(activity_id, CLI)
    with pytest.raises(Invalid, match=f"reopen it first \\(reopen {activity_id}\\)"):
        services.activities.move(activity_id, "Uge 2 2027", CLI)
    refused = [a for a, d in actions(services, activity_id) if a.endswith(".refused")]
    assert refused == ["activity.move.refused"] * 3


@time_machine.travel(NOW, tick=False)
def test_status_is_not_an_edit_field(services: Services) -> None:
    make_plan(services)
    saved = services.activities.add("Plan", "Artikel", CLI, fields={"when": "1. december 2026"})
    services.activities.done(saved.activity.id, CLI)
    with pytest.raises(Invalid, match=r"use done \d+, reopen \d+ or cancel \d+"):
        services.activities.edit(saved.activity.id, {"status": "planned"}, CLI)
