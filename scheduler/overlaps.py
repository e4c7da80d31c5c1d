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

A name in target groups that no audience answers to (``activity_names``) is an audience of its
own, before anyone curates: two plans writing "Alle medarbejdere" collide as if an audience held
it (a **same-name** overlap, key ``near:name:<digest of the name>:<digest of its activities>``).
Its owners are offered, once each per name, to make it an audience or map it (``same_name``
notices, key ``same_name:<digest of the name>:<person>``).

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

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from scheduler.reminders import outbox_row
from scheduler.throttle import ThrottledPlanner
from scheduler.workdays import working_days
from storage.models import (
    Activity,
    ActivityAudience,
    ActivityName,
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
class Collision:
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
    audience_id: int | None  # None: a name no audience holds (same_name)
    audience: str
    entries: tuple[Collision, ...]
    channel: str | None = None  # budget: the channel
    per_week: int | None = None  # budget: how many a week it allows
    same_name: str | None = None  # the folded name, when no audience holds it

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
            "same_name": self.same_name is not None,
        }


@dataclass(frozen=True, slots=True)
class _Row:
    group: int | str  # an audience's id, or a name no audience holds (folded)
    entry: Collision
    country: str
    name: str = ""  # the name as written (a name's rows)


def _rows(
    session: Session,
    first: dt.date,
    last: dt.date,
    plan_id: int | None = None,
    *,
    names: bool = False,
) -> list[_Row]:
    """The open activities of the span by audience, or (``names``) by the names no audience
    holds, in order of audience or name, day and id."""
    closed = (ActivityStatus.DONE, ActivityStatus.CANCELLED)
    open_in_span = (
        Activity.status.not_in(closed),
        Activity.next_due >= first,
        Activity.next_due <= last,
    )
    link = ActivityName if names else ActivityAudience
    group = ActivityName.key if names else ActivityAudience.audience_id
    spelled = ActivityName.name if names else ActivityAudience.audience_id
    query = (
        select(
            group,
            Activity.id,
            Activity.plan_id,
            Plan.name,
            Plan.owner_id,
            Activity.title,
            Activity.next_due,
            Activity.channel,
            Plan.country,
            spelled,
            Team.name,
            Person.name,
        )
        .join(Activity, Activity.id == link.activity_id)
        .join(Plan, Plan.id == Activity.plan_id)
        .join(Team, Team.id == Plan.team_id)
        .outerjoin(Person, Person.id == Plan.owner_id)
        .where(Plan.status == PlanStatus.ACTIVE, *open_in_span)
        .order_by(group, Activity.next_due, Activity.id)
    )
    if plan_id is not None:
        # Overlaps are found audience by audience: only the audiences this plan addresses in
        # the span can hold one of its overlaps, and each is read whole, so the windows (and
        # keys) are the same as when every audience is read.
        own = (
            select(group)
            .join(Activity, Activity.id == link.activity_id)
            .where(Activity.plan_id == plan_id, *open_in_span)
        )
        query = query.where(group.in_(own))
    found: list[_Row] = []
    for row in session.execute(query):
        day = row[6]
        assert day is not None  # by the query
        entry = Collision(row[1], row[2], row[3], row[4], row[5], day, row[7], row[10], row[11])
        group_of: Any = row[0]  # the audience's id, or the folded name
        found.append(_Row(group_of, entry, row[8], str(row[9]) if names else ""))
    return found


def _digest(ids: Iterable[object]) -> str:
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]


def _near(
    audience_id: int | None,
    name: str,
    rows: Sequence[_Row],
    apart: int,
    same_name: str | None = None,
) -> list[Overlap]:
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
            group = audience_id if same_name is None else f"name:{_digest([same_name])}"
            key = f"near:{group}:{_digest(ids)}"
            found.append(Overlap(key, "near", audience_id, name, window, same_name=same_name))
        start = end
    return found


def _over_budget(
    audience_id: int, name: str, rows: Sequence[_Row], budgets: dict[str, AudienceBudget]
) -> list[Overlap]:
    found: list[Overlap] = []
    counted: dict[tuple[str, int, int], list[Collision]] = {}
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
    rows_by_audience = groupby(_rows(session, first, last, plan_id), key=lambda r: r.group)
    for audience_id, group in rows_by_audience:
        assert isinstance(audience_id, int)
        rows = list(group)
        name = names.get(audience_id, "?")
        found += _near(audience_id, name, rows, apart)
        if audience_id in budgets:
            found += _over_budget(audience_id, name, rows, budgets[audience_id])
    # Names no audience holds: the same name in two plans is one audience (no budget: only an
    # audience has one).
    by_name = groupby(_rows(session, first, last, plan_id, names=True), key=lambda r: r.group)
    for key, group in by_name:
        rows = list(group)
        found += _near(None, rows[0].name, rows, apart, same_name=str(key))
    found.sort(key=lambda overlap: (overlap.first, overlap.audience, overlap.key))
    return found


# The farthest the overlaps look by default: plans are written a year or so ahead.
MAX_HORIZON_MONTHS = 18


def horizon(session: Session, today: dt.date, days: int | None = None) -> dt.date:
    """The last day overlaps are looked for from ``today``: ``days`` ahead when given, else as
    far as any active plan has a dated open activity, at most 18 months (a March clash is
    found in December without asking for it)."""
    if days is not None:
        return today + dt.timedelta(days=days)
    farthest = today + relativedelta(months=MAX_HORIZON_MONTHS)
    last = session.scalar(
        select(func.max(Activity.next_due))
        .join(Plan, Plan.id == Activity.plan_id)
        .where(
            Plan.status == PlanStatus.ACTIVE,
            Activity.status.not_in((ActivityStatus.DONE, ActivityStatus.CANCELLED)),
            Activity.next_due >= today,
            Activity.next_due <= farthest,
        )
    )
    if last is None:  # nothing that near: is there anything later?
        later = session.scalar(
            select(func.min(Activity.next_due))
            .join(Plan, Plan.id == Activity.plan_id)
            .where(
                Plan.status == PlanStatus.ACTIVE,
                Activity.status.not_in((ActivityStatus.DONE, ActivityStatus.CANCELLED)),
                Activity.next_due > farthest,
            )
        )
        return farthest if later is not None else today
    return min(last, farthest)


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


def offer_rows(
    overlaps: Iterable[Overlap], now: dt.datetime, told: Collection[str] = ()
) -> list[dict[str, object]]:
    """To each owner in a same-name overlap, once per name (not per overlap): the offer to make
    the name an audience (``audiences add``) or map it in their plan (``audiences map``)."""
    rows: list[dict[str, object]] = []
    written: set[str] = set(told)
    for overlap in overlaps:
        if overlap.same_name is None:
            continue
        for owner_id in overlap.owner_ids:
            key = f"same_name:{_digest([overlap.same_name])}:{owner_id}"
            if key in written:
                continue
            written.add(key)
            own = next(e for e in overlap.entries if e.owner_id == owner_id)
            payload = {
                "name": overlap.audience,
                "plan": own.plan_name,
                "plan_id": own.plan_id,
                "others": len(overlap.plan_ids) - 1,
            }
            rows.append(
                outbox_row(
                    key,
                    "same_name",
                    now,
                    plan_id=own.plan_id,
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
        horizon_days: int | None,
        zone: str,
        every: dt.timedelta = dt.timedelta(minutes=15),
    ) -> None:
        super().__init__(sessions, every=every)
        self.apart = apart
        self.horizon_days = horizon_days  # None: as far as the plans go (``horizon``)
        self.zone = ZoneInfo(zone)

    def rows(self, session: Session, now: dt.datetime) -> list[dict[str, object]]:
        today = now.astimezone(self.zone).date()
        last = horizon(session, today, self.horizon_days)
        overlaps = find_overlaps(session, today, last, apart=self.apart)
        intended = intended_keys(session)
        # Writing only what is new: most ticks find every overlap told already, and building
        # and sending thousands of no-op inserts was most of the time (bench/overlaps.py).
        already = set(
            session.scalars(
                select(OutboxMessage.key).where(OutboxMessage.kind.in_(("overlap", "same_name")))
            )
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

        told = [o for o in overlaps if o.key not in intended]
        return notice_rows(told, now, already, readable) + offer_rows(told, now, already)
