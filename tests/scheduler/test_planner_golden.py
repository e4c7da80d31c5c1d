"""The reminder planner writes the same outbox rows as the per-row planner it replaced.

``tests/scheduler/golden/planner.json`` holds every row (key, kind, ids, due time, payload,
late, status) and every tick's counts of one scenario, as the per-row planner (an ORM object
per activity, ``plan_notices`` per row) wrote them before the bulk planner replaced it
(issue 21). The scenario plans a varied set on both backends: dates, windows, recurrences,
ongoing and "as soon as possible"; Danish and Swedish holidays (Easter, midsummer,
Christmas); reminders either side of the EU and US DST changes; recipients in three zones;
a snooze, a done, a cancelled, a replanned and a dependency-blocked activity; approvals
needed; a plan and an activity policy; escalation to the owner and the steering group; and a
downtime that leaves rows late and a catch-up nudge.

To write the file anew (only when the planner is *meant* to plan differently):
``COMMPLAN_WRITE_GOLDEN=1 .venv/bin/pytest tests/scheduler/test_planner_golden.py -k sqlite``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import time_machine
from sqlalchemy import select, update

from bot.services import Services
from bot.services.actor import Actor
from scheduler.reminders import ReminderPlanner
from storage.models import Activity, OutboxMessage, OutboxStatus, Plan, Surface

GOLDEN = Path(__file__).parent / "golden" / "planner.json"
CLI = Actor.cli()
UTC = dt.UTC


def _setup(services: Services) -> dict[str, int]:
    """The people, plans and activities; returns the activities' ids by name."""
    s = services
    s.teams.add("Komm", CLI, slug="komm")
    s.people.add("Anne Ejer", CLI, aliases=("AE",), addresses={Surface.SLACK: "UANNE"}, team="komm")
    s.people.add(
        "Bo Berg", CLI, aliases=("BB",), addresses={Surface.SLACK: "UBO"}, team="komm",
        time_zone="Europe/Stockholm",
    )  # fmt: skip
    s.people.add(
        "Cia Cole", CLI, aliases=("CC",), addresses={Surface.SLACK: "UCIA"}, team="komm",
        time_zone="America/New_York",
    )  # fmt: skip
    s.people.add("Dan Dal", CLI, aliases=("DD",), addresses={Surface.SLACK: "UDAN"}, team="komm")
    s.plans.create("Plan DK", "komm", CLI, owner="AE", language="da")
    s.plans.create("Plan SE", "komm", CLI, owner="BB", language="sv", country="SE")
    s.steering.create("Styregruppe", "komm", CLI, members=("AE", "DD"))
    s.steering.assign("Styregruppe", "Plan SE", CLI)
    ids: dict[str, int] = {}

    def add(plan: str, name: str, when: str, who: str | None, *, approval: bool = False) -> None:
        fields = {"when": when, "responsible": who}
        saved = s.activities.add(plan, name, CLI, fields=fields, requires_approval=approval)
        ids[name] = saved.activity.id

    # Easter 2027: Maundy Thursday 25 March ... Easter Monday 29 March; EU DST 28 March.
    add("Plan DK", "april-first", "1. april 2027", "BB")
    add("Plan DK", "after-easter", "30. marts 2027", "CC og DD")
    add("Plan DK", "window-march", "22.-31. marts 2027", "DD")
    add("Plan DK", "weekly", "hver mandag", "CC")
    add("Plan DK", "monthly", "hver måned", "AE")
    add("Plan DK", "month-end", "sidste hverdag i måneden", "BB")
    add("Plan DK", "ongoing", "løbende", "DD")
    add("Plan DK", "nobody", "2. april 2027", None)  # the owner hears instead
    add("Plan DK", "approval", "6. april 2027", "BB", approval=True)
    add("Plan DK", "snoozed", "26. marts 2027", "DD")
    add("Plan DK", "done", "31. marts 2027", "CC")
    add("Plan DK", "cancelled", "29. marts 2027", "AE")
    add("Plan DK", "replanned", "23. marts 2027", "DD")
    add("Plan DK", "blocked", "9. april 2027", "BB")
    add("Plan DK", "own-policy", "8. april 2027", "CC")
    add("Plan DK", "christmas", "27. december 2027", "DD")
    add("Plan DK", "overdue-long", "19. marts 2027", "BB")
    # Sweden: midsommarafton 25 June 2027; the steering group hears of overdue ones.
    add("Plan SE", "midsummer", "28. juni 2027", "BB")
    add("Plan SE", "se-april", "5. april 2027", "CC")
    add("Plan SE", "se-quarter", "hvert kvartal", "DD")
    s.activities.depend(ids["blocked"], ids["approval"], CLI)
    with s.context.sessions.begin() as session:
        session.execute(
            update(Plan)
            .where(Plan.name == "Plan SE")
            .values(reminder_policy={"escalate_to_steering_group": True, "hour": 10})
        )
        session.execute(
            update(Activity)
            .where(Activity.id == ids["own-policy"])
            .values(reminder_policy={"before_days": [3, 2], "overdue_max": 1})
        )
    return ids


def _moments() -> list[dt.datetime]:
    """The ticks: one a day, at 07:00 or 16:30 UTC, most days of March and April 2027 (none
    from 5 to 8 April: a downtime), then around midsummer and Christmas."""
    days: list[dt.date] = []
    day = dt.date(2027, 3, 15)
    while day <= dt.date(2027, 4, 20):
        if not dt.date(2027, 4, 5) <= day <= dt.date(2027, 4, 8):
            days.append(day)
        day += dt.timedelta(days=1)
    days += [dt.date(2027, 6, d) for d in range(22, 29)]
    days += [dt.date(2027, 12, d) for d in range(21, 29)]
    return [
        dt.datetime.combine(d, dt.time(7) if d.day % 2 else dt.time(16, 30), tzinfo=UTC)
        for d in days
    ]


def _changes(services: Services, ids: dict[str, int], moment: dt.datetime) -> None:
    """What people do before the day's tick."""
    s, day = services, moment.date()
    if day == dt.date(2027, 3, 16):
        saved = s.activities.add("Plan DK", "asap", CLI, fields={"when": "hurtigst muligt"})
        ids["asap"] = saved.activity.id  # responsible: nobody, so the owner
    if day == dt.date(2027, 3, 18):
        s.activities.done(ids["done"], CLI)
    if day == dt.date(2027, 3, 19):
        s.activities.snooze(ids["snoozed"], 3, CLI)
        s.activities.cancel(ids["cancelled"], CLI)
    if day == dt.date(2027, 3, 20):
        s.activities.replan(ids["replanned"], CLI, when="7. april 2027")
        s.activities.edit(ids["after-easter"], {"responsible": "BB"}, CLI)
    if day == dt.date(2027, 4, 2):
        s.activities.done(ids["approval"], CLI)  # unblocks "blocked"


def _send(services: Services, moment: dt.datetime) -> None:
    """Stands in for the drain: what is due by now goes out (the planner must not write it
    again, nor cancel it)."""
    with services.context.sessions.begin() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.due_at <= moment)
            .values(status=OutboxStatus.SENT, sent_at=moment)
        )


def _run(services: Services) -> dict[str, Any]:
    with time_machine.travel(dt.datetime(2027, 3, 1, 9, tzinfo=UTC), tick=False):
        ids = _setup(services)
    ticks = []
    planner = ReminderPlanner(services.context.sessions)
    for moment in _moments():
        with time_machine.travel(moment, tick=False):
            _changes(services, ids, moment)
            result = planner(moment)
            # An incremental tick a minute on: the changed activities only.
            later = moment + dt.timedelta(minutes=1)
            again = planner(later)
            _send(services, moment)
        ticks.append(
            [moment.isoformat(), result.written, result.late, result.cancelled, result.subjects]
        )
        ticks.append(
            [later.isoformat(), again.written, again.late, again.cancelled, again.subjects]
        )
    with services.context.sessions() as session:
        rows = [
            {
                "key": row.key,
                "kind": row.kind,
                "plan_id": row.plan_id,
                "activity_id": row.activity_id,
                "person_id": row.person_id,
                "due_at": row.due_at.isoformat(),
                "late": row.late,
                "status": row.status.value,
                "last_error": row.last_error,
                "payload": row.payload,
            }
            for row in session.scalars(select(OutboxMessage).order_by(OutboxMessage.key))
        ]
    return {"ticks": ticks, "rows": rows}


def test_the_planner_writes_the_golden_rows(services: Services) -> None:
    found = _run(services)
    if os.environ.get("COMMPLAN_WRITE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n")
    golden = json.loads(GOLDEN.read_text())
    assert len(found["rows"]) > 100  # the scenario plans plenty, of every kind
    assert {row["kind"] for row in found["rows"]} >= {
        "reminder", "starts_soon", "ongoing", "overdue", "escalation", "asap", "snoozed"
    }  # fmt: skip
    assert found["rows"] == golden["rows"]
    assert found["ticks"] == golden["ticks"]
