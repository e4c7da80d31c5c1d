"""Overlaps across plans: the same audience addressed by several plans within a few working
days, or one channel to an audience beyond its weekly budget (docs/coordination.md).

Found from the activities' audiences (``activity_audiences``) and next deadlines, open
activities of active plans only, from a first day to a last. Two kinds:

- **near**: per audience, the activities in date order are cut into windows: a window starts at
  the first activity not yet in one and holds every activity up to ``apart`` working days after
  it (in the first activity's plan's country). A window with activities of two or more plans is
  an overlap. Its key names the audience and the activities in it: an activity joining or
  leaving makes it another overlap, told anew.
- **budget**: per audience, channel with a budget, and ISO week, more activities than the budget
  allows (one plan alone can break it too).

The tick's ``OverlapPlanner`` tells each plan owner involved once per overlap (outbox key
``overlap:<overlap key>:<person>``, so replicas and restarts write it once), unless an owner
marked the overlap intended.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from scheduler.reminders import outbox_row
from scheduler.throttle import ThrottledPlanner
from scheduler.workdays import working_days
from storage.models import (
    Activity,
    ActivityAudience,
    ActivityStatus,
    Audience,
    AudienceBudget,
    IntendedOverlap,
    OutboxMessage,
    Person,
    Plan,
    PlanStatus,
    Team,
)
from storage.repositories import roles
from storage.repositories.audiences import fold


@dataclass(frozen=True, slots=True)
class Entry:
    """One colliding activity. A reader who may read its plan sees its title, plan, day and
    channel (docs/coordination.md); anyone else only that a plan of its team, with its owner
    to contact, addresses the audience that week on that channel (``as_json(hidden=True)``)."""

    activity_id: int
    plan_id: int
    plan_name: str
    owner_id: int | None
    title: str
    day: dt.date
    channel: str | None
    team: str = ""
    owner: str | None = None  # the owner's name, to contact

    def as_json(self, *, hidden: bool = False) -> dict[str, Any]:
        if hidden:
            year, week, _ = self.day.isocalendar()
            return {
                "hidden": True,
                "team": self.team,
                "owner": self.owner,
                "week": f"{year}-W{week:02d}",
                "channel": self.channel,
            }
        return {
            "activity_id": self.activity_id,
            "plan_id": self.plan_id,
            "plan": self.plan_name,
            "title": self.title,
            "day": self.day.isoformat(),
            "channel": self.channel,
        }


@dataclass(frozen=True, slots=True)
class Overlap:
    key: str
    kind: str  # near | budget
    audience_id: int
    audience: str
    entries: tuple[Entry, ...]
    channel: str | None = None  # budget: the channel
    per_week: int | None = None  # budget: how many a week it allows

    @property
    def plan_ids(self) -> tuple[int, ...]:
        return tuple(sorted({entry.plan_id for entry in self.entries}))

    @property
    def owner_ids(self) -> tuple[int, ...]:
        return tuple(sorted({e.owner_id for e in self.entries if e.owner_id is not None}))

    @property
    def first(self) -> dt.date:
        return min(entry.day for entry in self.entries)

    def _first_shown(self, readable: Collection[int] | None) -> dt.date:
        """The first day the reader may see; of hidden activities only their week's Monday."""
        return min(
            entry.day
            if readable is None or entry.plan_id in readable
            else entry.day - dt.timedelta(days=entry.day.weekday())
            for entry in self.entries
        )

    def as_json(self, readable: Collection[int] | None = None) -> dict[str, Any]:
        """The overlap as a reader who may read the plans ``readable`` (None: every plan) sees
        it: of another plan no title, message, plan name or id, no day but its week (issue
        28, item 4). ``plans`` names the readable ones; ``plan_count`` counts every plan."""
        return {
            "key": self.key,
            "kind": self.kind,
            "audience": self.audience,
            "channel": self.channel,
            "per_week": self.per_week,
            "first": self._first_shown(readable).isoformat(),
            "plans": [p for p in self.plan_ids if readable is None or p in readable],
            "plan_count": len(self.plan_ids),
            "activities": [
                entry.as_json(hidden=readable is not None and entry.plan_id not in readable)
                for entry in self.entries
            ],
        }


@dataclass(frozen=True, slots=True)
class _Row:
    audience_id: int
    entry: Entry
    country: str


def _rows(
    session: Session, first: dt.date, last: dt.date, plan_id: int | None = None
) -> list[_Row]:
    closed = (ActivityStatus.DONE, ActivityStatus.CANCELLED)
    open_in_span = (
        Activity.status.not_in(closed),
        Activity.next_due >= first,
        Activity.next_due <= last,
    )
    query = (
        select(
            ActivityAudience.audience_id,
            Activity.id,
            Activity.plan_id,
            Plan.name,
            Plan.owner_id,
            Activity.title,
            Activity.next_due,
            Activity.channel,
            Plan.country,
            Team.name,
            Person.name,
        )
        .join(Activity, Activity.id == ActivityAudience.activity_id)
        .join(Plan, Plan.id == Activity.plan_id)
        .join(Team, Team.id == Plan.team_id)
        .outerjoin(Person, Person.id == Plan.owner_id)
        .where(Plan.status == PlanStatus.ACTIVE, *open_in_span)
        .order_by(ActivityAudience.audience_id, Activity.next_due, Activity.id)
    )
    if plan_id is not None:
        # Overlaps are found audience by audience: only the audiences this plan addresses in
        # the span can hold one of its overlaps, and each is read whole, so the windows (and
        # keys) are the same as when every audience is read.
        own = (
            select(ActivityAudience.audience_id)
            .join(Activity, Activity.id == ActivityAudience.activity_id)
            .where(Activity.plan_id == plan_id, *open_in_span)
        )
        query = query.where(ActivityAudience.audience_id.in_(own))
    found: list[_Row] = []
    for row in session.execute(query):
        day = row[6]
        assert day is not None  # by the query
        found.append(
            _Row(
                row[0],
                Entry(row[1], row[2], row[3], row[4], row[5], day, row[7], row[9], row[10]),
                row[8],
            )
        )
    return found


def _digest(ids: Iterable[object]) -> str:
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]


def _near(audience_id: int, name: str, rows: Sequence[_Row], apart: int) -> list[Overlap]:
    found: list[Overlap] = []
    start = 0
    while start < len(rows):
        head = rows[start]
        limit = working_days(head.country).add(head.entry.day, apart)
        end = start + 1
        while end < len(rows) and rows[end].entry.day <= limit:
            end += 1
        window = tuple(row.entry for row in rows[start:end])
        if len({entry.plan_id for entry in window}) > 1:
            ids = sorted(entry.activity_id for entry in window)
            key = f"near:{audience_id}:{_digest(ids)}"
            found.append(Overlap(key, "near", audience_id, name, window))
        start = end
    return found


def _over_budget(
    audience_id: int, name: str, rows: Sequence[_Row], budgets: dict[str, AudienceBudget]
) -> list[Overlap]:
    found: list[Overlap] = []
    counted: dict[tuple[str, int, int], list[Entry]] = {}
    for row in rows:
        channel_key = fold(row.entry.channel or "")
        if channel_key not in budgets:
            continue
        year, week, _ = row.entry.day.isocalendar()
        counted.setdefault((channel_key, year, week), []).append(row.entry)
    for (channel_key, year, week), entries in sorted(counted.items()):
        budget = budgets[channel_key]
        if len(entries) > budget.per_week:
            key = f"budget:{audience_id}:{_digest([channel_key])}:{year}-W{week:02d}"
            found.append(
                Overlap(
                    key,
                    "budget",
                    audience_id,
                    name,
                    tuple(entries),
                    channel=budget.channel,
                    per_week=budget.per_week,
                )
            )
    return found


def find_overlaps(
    session: Session, first: dt.date, last: dt.date, *, apart: int, plan_id: int | None = None
) -> list[Overlap]:
    """Every overlap among open activities due from ``first`` to ``last``, by first day; with
    ``plan_id``, only the audiences that plan addresses then are read (its overlaps are among
    theirs, unchanged)."""
    names = {row[0]: row[1] for row in session.execute(select(Audience.id, Audience.name))}
    budgets: dict[int, dict[str, AudienceBudget]] = {}
    for budget in session.scalars(select(AudienceBudget)):
        budgets.setdefault(budget.audience_id, {})[budget.channel_key] = budget
    found: list[Overlap] = []
    rows_by_audience = groupby(_rows(session, first, last, plan_id), key=lambda r: r.audience_id)
    for audience_id, group in rows_by_audience:
        rows = list(group)
        name = names.get(audience_id, "?")
        found += _near(audience_id, name, rows, apart)
        if audience_id in budgets:
            found += _over_budget(audience_id, name, rows, budgets[audience_id])
    found.sort(key=lambda overlap: (overlap.first, overlap.audience, overlap.key))
    return found


def intended_keys(session: Session) -> set[str]:
    return set(session.scalars(select(IntendedOverlap.key)))


# A notice names at most this many activities (a chat message holds a few thousand
# characters); the owner's own come first, the rest are counted.
MAX_NAMED = 12


def _told_to(overlap: Overlap, owner_id: int, readable: Collection[int] | None) -> dict[str, Any]:
    mine = [e for e in overlap.entries if e.owner_id == owner_id]
    others = [e for e in overlap.entries if e.owner_id != owner_id]
    named = sorted((mine + others)[:MAX_NAMED], key=lambda e: (e.day, e.activity_id))
    payload = overlap.as_json(readable)
    payload["activities"] = [
        entry.as_json(hidden=readable is not None and entry.plan_id not in readable)
        for entry in named
    ]
    payload["more"] = len(overlap.entries) - len(named)
    return payload


Readers = Callable[[int], Collection[int] | None]


def notice_rows(
    overlaps: Iterable[Overlap],
    now: dt.datetime,
    told: Collection[str] = (),
    readable: Readers = lambda _owner: None,
) -> list[dict[str, object]]:
    """One outbox row per overlap and owner involved, but for the keys in ``told``; each
    owner is told of the other plans what ``readable(owner)`` lets them read."""
    rows: list[dict[str, object]] = []
    for overlap in overlaps:
        for owner_id in overlap.owner_ids:
            if f"overlap:{overlap.key}:{owner_id}" in told:
                continue
            own = next(e.plan_id for e in overlap.entries if e.owner_id == owner_id)
            payload = _told_to(overlap, owner_id, readable(owner_id))
            rows.append(
                outbox_row(
                    f"overlap:{overlap.key}:{owner_id}",
                    "overlap",
                    now,
                    plan_id=own,
                    activity_id=None,
                    person_id=owner_id,
                    payload=payload,
                )
            )
    return rows


class OverlapPlanner(ThrottledPlanner):
    """In the tick: tell the owners of overlapping plans, once each, across replicas."""

    name = "overlaps"

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        apart: int,
        horizon_days: int,
        zone: str,
        every: dt.timedelta = dt.timedelta(minutes=15),
    ) -> None:
        super().__init__(sessions, every=every)
        self.apart = apart
        self.horizon = dt.timedelta(days=horizon_days)
        self.zone = ZoneInfo(zone)

    def rows(self, session: Session, now: dt.datetime) -> list[dict[str, object]]:
        today = now.astimezone(self.zone).date()
        overlaps = find_overlaps(session, today, today + self.horizon, apart=self.apart)
        intended = intended_keys(session)
        # Writing only what is new: most ticks find every overlap told already, and building
        # and sending thousands of no-op inserts was most of the time (bench/overlaps.py).
        already = set(
            session.scalars(select(OutboxMessage.key).where(OutboxMessage.kind == "overlap"))
        )
        cache: dict[int, Collection[int] | None] = {}

        def readable(owner_id: int) -> Collection[int] | None:
            """The plans the owner may read (None: an admin, every plan): the gate's rule
            (storage.repositories.roles, which bot.services.permissions asks too)."""
            if owner_id not in cache:
                owner = session.get(Person, owner_id)
                admin = owner is not None and owner.is_admin
                cache[owner_id] = (
                    None
                    if admin
                    else roles.readable_plan_ids(session, owner_id, now, organisation=True)
                )
            return cache[owner_id]

        fresh = (o for o in overlaps if o.key not in intended)
        return notice_rows(fresh, now, already, readable)
