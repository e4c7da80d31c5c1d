"""Many reminders due at once: the data of the replica tests and the reminder benchmark."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, insert

from storage.models import Activity, ActivityResponsible, ChatAddress, Person, Plan, Surface, Team
from storage.tokens import token_digest

ZONE = ZoneInfo("Europe/Copenhagen")
# Every activity is due today with one reminder at 00:00 local on the working day on or before
# it (so already past, whatever today is), within a month-long late horizon and without quiet
# hours: all of them are due at once, now.
POLICY = {
    "before_days": [0],
    "hour": 0,
    "quiet_from": 0,
    "quiet_until": 0,
    "late_horizon_hours": 720,
    "overdue_max": 0,
    "escalate_to_owner": False,
}


def seed(
    engine: Engine,
    count: int,
    people: int = 50,
    *,
    due: dt.date | None = None,
    policy: dict[str, Any] | None = None,
    batch: str = "",
) -> None:
    """``count`` activities due today, spread over ``people`` people linked to Slack.

    ``batch`` names a further team, plan and people, to seed more into the same database."""
    today = due or dt.datetime.now(ZONE).date()
    created = dt.datetime.now(dt.UTC) - dt.timedelta(days=20)
    with engine.begin() as connection:
        team = connection.execute(
            insert(Team)
            .values(
                slug=f"t{batch}",
                name=f"T{batch}",
                feed_token_hash=token_digest(f"{batch}{'x' * 43}"[:43]),
            )
            .returning(Team.id)
        ).scalar_one()
        plan = connection.execute(
            insert(Plan)
            .values(
                team_id=team,
                name=f"Burst{batch}",
                reminder_policy=policy or POLICY,
                time_zone=ZONE.key,
            )
            .returning(Plan.id)
        ).scalar_one()
        person_ids = [
            connection.execute(
                insert(Person).values(name=f"Person {batch}{n}").returning(Person.id)
            ).scalar_one()
            for n in range(people)
        ]
        connection.execute(
            insert(ChatAddress),
            [
                {
                    "person_id": person_id,
                    "surface": Surface.SLACK.value,
                    "address": f"U{batch}{n:04d}",
                }
                for n, person_id in enumerate(person_ids)
            ],
        )
        activity_rows = [
            {
                "plan_id": plan,
                "position": n,
                "title": f"Activity {n}",
                "when_text": "today",
                "timing_kind": "date",
                "timing_start": today,
                "timing_due": today,
                "next_due": today,
                "created_at": created,
                "updated_at": created,
            }
            for n in range(count)
        ]
        ids = connection.execute(insert(Activity).returning(Activity.id), activity_rows).scalars()
        connection.execute(
            insert(ActivityResponsible),
            [
                {"activity_id": activity_id, "person_id": person_ids[n % people]}
                for n, activity_id in enumerate(ids)
            ],
        )
