"""What a calendar feed reads: its owner by token digest, its version, and its rows.

A feed is a team's (every activity of its active plans) or a person's (the activities they are
responsible for, in active plans). Only activities with a deadline are in it (a date, a window,
a recurrence); cancelled ones stay for a while, so that calendars that already imported them see
the cancellation, and then leave.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    func,
    literal,
    null,
    or_,
    select,
    true,
    type_coerce,
    union_all,
)
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
from storage.rules.timing import TimingKind

DATED_KINDS = (TimingKind.DATE, TimingKind.WINDOW, TimingKind.RECURRING)


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose feed: exactly one of the two is set."""

    team_id: int | None = None
    person_id: int | None = None


@dataclass(frozen=True, slots=True)
class FeedPlan:
    id: int
    name: str
    language: str
    time_zone: str
    reminder_policy: dict[str, Any] | None
    updated_at: dt.datetime
    country: str  # its public holidays place the deadlines (storage/rules/occurrences.py)
    # Moved by the database on every change the feed may show (revision 0007): with the id
    # and updated_at, the plan's part of the feed's ETag.
    changes: int

    def version(self) -> str:
        return f"{self.id}:{self.changes}:{self.updated_at.isoformat()}"

    def content(self) -> tuple[str, ...]:
        """What of the plan its events show: part of their cache keys. Its values, not its
        ``updated_at``, which two changes in one clock tick (or a clock behind) can share."""
        policy = json.dumps(self.reminder_policy, sort_keys=True)
        return (self.name, self.language, self.time_zone, self.country, policy)


@dataclass(frozen=True, slots=True)
class TokenHolder:
    """A team or person whose feed token has the digest asked for."""

    kind: str  # "team" | "person"
    id: int
    name: str
    token_hash: str  # the digest stored (storage.tokens)
    locale: str | None
    active: bool


def holders_by_token_digest(session: Session, digest: str) -> list[TokenHolder]:
    """The team and the person whose token has ``digest`` (at most one of each), in one query."""
    teams = select(
        literal("team"),
        Team.id,
        Team.name,
        Team.feed_token_hash,
        null().label("locale"),
        true().label("active"),
    ).where(Team.feed_token_hash == digest)
    people = select(
        literal("person"),
        Person.id,
        Person.name,
        Person.feed_token_hash,
        Person.locale,
        Person.active,
    ).where(Person.feed_token_hash == digest)
    found: Sequence[Any] = session.execute(union_all(teams, people)).all()
    return [TokenHolder(*row) for row in found]


def _theirs(person_id: int) -> ColumnElement[bool]:
    return Activity.id.in_(
        select(ActivityResponsible.activity_id).where(ActivityResponsible.person_id == person_id)
    )


def _feed_plans(query: Any, scope: Scope) -> Any:
    # The team's plans by its column (an index probe, no subquery): the 304 answer is this.
    query = query.where(Plan.status == PlanStatus.ACTIVE)
    if scope.team_id is not None:
        query = query.where(Plan.team_id == scope.team_id)
    if scope.person_id is not None:
        query = query.where(Plan.id.in_(select(Activity.plan_id).where(_theirs(scope.person_id))))
    return query


def plans(session: Session, scope: Scope) -> list[FeedPlan]:
    """The active plans the feed draws on."""
    query = select(
        Plan.id,
        Plan.name,
        Plan.language,
        Plan.time_zone,
        Plan.reminder_policy,
        Plan.updated_at,
        Plan.country,
        Plan.changes,
    )
    return [FeedPlan(*row) for row in session.execute(_feed_plans(query, scope).order_by(Plan.id))]


def _activities(query: Any, scope: Scope, plan_ids: Sequence[int]) -> Any:
    # Any: Select is generic over its column types, and this narrows selects of every shape.
    query = query.where(Activity.plan_id.in_(plan_ids))
    if scope.person_id is not None:
        query = query.where(_theirs(scope.person_id))
    return query


def last_modified(
    session: Session, scope: Scope, feed_plans: Sequence[FeedPlan]
) -> dt.datetime | None:
    """The latest change of the activities and plans (the ``Last-Modified`` of a full answer).

    Not part of the ETag, which comes from the plans' change counters (``FeedPlan.version``):
    a stamp misses a change made on a replica whose clock is behind. Read only when the feed
    is sent, so that the 304 answer scans no activities; one probe of the index
    ``ix_activities_plan_changes`` per plan.
    """
    query = select(func.max(Activity.updated_at)).where(
        Activity.plan_id.in_([plan.id for plan in feed_plans])
    )
    if scope.person_id is not None:
        query = query.where(_theirs(scope.person_id))
    activity_modified = session.execute(query).scalar()
    stamps = [plan.updated_at for plan in feed_plans]
    if activity_modified is not None:
        stamps.append(_utc(activity_modified))
    return max(stamps, default=None)


def _utc(value: Any) -> dt.datetime:
    # func.max drops the column's type: SQLite hands back its stored text, naive UTC.
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class EventKey:
    """What identifies the text of an activity's event, read without its text columns."""

    id: int
    plan_id: int
    sequence: int
    stamp: str  # its last change, as the database holds it (not parsed: 5,000 per request)


def _shown(query: Any, cancelled_since: dt.datetime) -> Any:
    return query.where(
        Activity.timing_kind.in_(DATED_KINDS),
        or_(
            Activity.status != ActivityStatus.CANCELLED,
            Activity.cancelled_at >= cancelled_since,
        ),
    )


def event_keys(
    session: Session, scope: Scope, plan_ids: Sequence[int], cancelled_since: dt.datetime
) -> list[EventKey]:
    """The activities the feed shows, in the plans' order, as keys of their events."""
    query = select(
        Activity.id,
        Activity.plan_id,
        Activity.sequence,
        type_coerce(Activity.updated_at, String),
    )
    query = _activities(_shown(query, cancelled_since), scope, plan_ids)
    query = query.order_by(Activity.plan_id, Activity.position, Activity.id)
    return [EventKey(*row) for row in session.execute(query)]


# Rows fetched by id in chunks: SQLite allows 32,766 bound parameters, and PostgreSQL's planner
# does better with short IN lists.
_CHUNK = 500


# What an event is made of. Revision 0007's trigger moves the plan's change counter when any of
# these (but the id, and updated_at, which moves with them) or of SHOWN_BY changes:
# tests/storage/test_plan_changes.py checks that it watches them all.
EVENT_COLUMNS = (
    Activity.id,
    Activity.plan_id,
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
    Activity.responsible_text,
    Activity.responsible_steering_group,
    Activity.status,
    Activity.reminder_policy,
    Activity.sequence,
    Activity.created_at,
    Activity.updated_at,
)
# What decides whether the feed shows an event, and where (``_shown``, ``event_keys``).
SHOWN_BY = (Activity.timing_kind, Activity.status, Activity.cancelled_at, Activity.position)


def rows(session: Session, ids: Sequence[int]) -> Sequence[Any]:
    """The activities ``ids`` as plain rows (no ORM objects: thousands must load fast)."""
    columns = select(*EVENT_COLUMNS)
    found: list[Any] = []
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first : first + _CHUNK]
        found.extend(session.execute(columns.where(Activity.id.in_(chunk))))
    return found


def responsible_names(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    """The linked responsible people's names of the activities ``ids``."""
    names: dict[int, list[str]] = defaultdict(list)
    query = (
        select(ActivityResponsible.activity_id, Person.name)
        .join(Person, Person.id == ActivityResponsible.person_id)
        .order_by(ActivityResponsible.activity_id, Person.id)
    )
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first : first + _CHUNK]
        for activity_id, name in session.execute(
            query.where(ActivityResponsible.activity_id.in_(chunk))
        ):
            names[activity_id].append(name)
    return names
