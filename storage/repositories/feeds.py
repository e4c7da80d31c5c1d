"""What a calendar feed reads: its owner by token digest, its version, and its rows.

A feed is a team's (every activity of its active plans) or a person's (the activities they are
responsible for). Only activities with a deadline are in it (a date, a window, a recurrence);
cancelled ones stay for a while, so that calendars that already imported them see the
cancellation, and then leave.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from storage.models import (
    Activity,
    ActivityResponsible,
    ActivityStatus,
    Person,
    Plan,
    PlanStatus,
    Team,
)
from storage.timing import TimingKind

DATED_KINDS = (TimingKind.DATE, TimingKind.WINDOW, TimingKind.RECURRING)


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose feed: exactly one of the two is set."""

    team_id: int | None = None
    person_id: int | None = None


@dataclass(frozen=True, slots=True)
class Version:
    """What changes whenever the feed's content may change, read without loading a row."""

    count: int
    sequences: int
    modified: dt.datetime | None

    def key(self) -> str:
        stamp = self.modified.isoformat() if self.modified else "-"
        return f"{self.count}:{self.sequences}:{stamp}"


def team_by_token_digest(session: Session, digest: str) -> Team | None:
    return session.scalars(select(Team).where(Team.feed_token_hash == digest)).one_or_none()


def person_by_token_digest(session: Session, digest: str) -> Person | None:
    return session.scalars(select(Person).where(Person.feed_token_hash == digest)).one_or_none()


def _conditions(scope: Scope, cancelled_since: dt.datetime) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Plan.status == PlanStatus.ACTIVE,
        Activity.timing_kind.in_(DATED_KINDS),
        or_(
            Activity.status != ActivityStatus.CANCELLED,
            Activity.cancelled_at >= cancelled_since,
        ),
    ]
    if scope.team_id is not None:
        conditions.append(Plan.team_id == scope.team_id)
    if scope.person_id is not None:
        conditions.append(
            Activity.id.in_(
                select(ActivityResponsible.activity_id).where(
                    ActivityResponsible.person_id == scope.person_id
                )
            )
        )
    return conditions


def version(session: Session, scope: Scope, cancelled_since: dt.datetime) -> Version:
    """Count, sum of SEQUENCEs and the latest change of the feed's activities and plans.

    Every change to an activity bumps its ``sequence`` and ``updated_at``; a removed activity
    lowers the count; a plan's change (its name, its reminder policy) moves ``plans.updated_at``.
    """
    row = session.execute(
        select(
            func.count(Activity.id),
            func.coalesce(func.sum(Activity.sequence), 0),
            func.max(Activity.updated_at),
            func.max(Plan.updated_at),
        )
        .join(Plan, Plan.id == Activity.plan_id)
        .where(*_conditions(scope, cancelled_since))
    ).one()
    count, sequences, activity_modified, plan_modified = row
    stamps = [stamp for stamp in (activity_modified, plan_modified) if stamp is not None]
    # func.max drops the column type: the values come back naive (UTC) on SQLite.
    modified = max((_utc(stamp) for stamp in stamps), default=None)
    return Version(int(count), int(sequences), modified)


def _utc(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def rows(session: Session, scope: Scope, cancelled_since: dt.datetime) -> Sequence[Any]:
    """The feed's activities as plain rows (no ORM objects: 5,000 of them must load fast)."""
    result: Sequence[Any] = session.execute(
        select(
            Activity.id,
            Activity.title,
            Activity.target_group,
            Activity.message,
            Activity.channel,
            Activity.when_text,
            Activity.timing_kind,
            Activity.timing_start,
            Activity.timing_due,
            Activity.timing_rrule,
            Activity.timing_tentative,
            Activity.next_due,
            Activity.responsible_text,
            Activity.responsible_steering_group,
            Activity.status,
            Activity.reminder_policy,
            Activity.sequence,
            Activity.created_at,
            Activity.updated_at,
            Plan.id.label("plan_id"),
            Plan.name.label("plan_name"),
            Plan.language.label("plan_language"),
            Plan.time_zone.label("plan_time_zone"),
            Plan.reminder_policy.label("plan_policy"),
        )
        .join(Plan, Plan.id == Activity.plan_id)
        .where(*_conditions(scope, cancelled_since))
        .order_by(Plan.id, Activity.position, Activity.id)
    ).all()
    return result


def responsible_names(
    session: Session, scope: Scope, cancelled_since: dt.datetime
) -> dict[int, list[str]]:
    """The linked responsible people's names per activity of the feed, in one query."""
    names: dict[int, list[str]] = defaultdict(list)
    query = (
        select(ActivityResponsible.activity_id, Person.name)
        .join(Person, Person.id == ActivityResponsible.person_id)
        .join(Activity, Activity.id == ActivityResponsible.activity_id)
        .join(Plan, Plan.id == Activity.plan_id)
        .where(*_conditions(scope, cancelled_since))
        .order_by(ActivityResponsible.activity_id, Person.id)
    )
    for activity_id, name in session.execute(query):
        names[activity_id].append(name)
    return names
