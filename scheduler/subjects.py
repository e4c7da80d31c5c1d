"""What the reminder planner reads: the open activities that may have a reminder, as
``OpenActivity``s (scheduler/schedule.py works out their notices from them).

Every activity is read at least every ``FULL_EVERY`` by the planner (scheduler/reminders.py);
``candidate_ids`` picks the ones that may have a message now, ``load_chunk`` reads them, their
plans and their people with one Core select each, in chunks of ``CHUNK`` ids.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row, Select, Text, cast, or_, select
from sqlalchemy.orm import Session, aliased

from scheduler.plain_rows import Converter, plain_rows, raw_rows
from scheduler.schedule import REMINDER_KINDS, OpenActivity, ReminderReader, Shape, shape_of
from storage.models import (
    Activity,
    ActivityDependency,
    ActivityResponsible,
    ActivityStatus,
    OutboxMessage,
    OutboxStatus,
    Person,
    Plan,
)
from storage.repositories import activities
from storage.rules.policy import ReminderPolicy, effective_policy
from storage.rules.timing import Timing, TimingKind

# How far back an overdue activity is still considered: the overdue path ends well within it.
OVERDUE_WINDOW = dt.timedelta(days=120)
# The timings that have reminders (on-trigger and unknown ones have none).
SCHEDULED_TIMINGS = (
    TimingKind.DATE,
    TimingKind.WINDOW,
    TimingKind.RECURRING,
    TimingKind.ONGOING,
    TimingKind.ASAP,
)
# Activities read at a time.
CHUNK = 5000
_SLACK_DAYS = 14


def subjects_query(
    today: dt.date, *, plan_id: int | None = None, until: dt.date | None = None
) -> Select[int]:
    """Open activities that may have a reminder from ``today`` to ``until`` (default: the coming
    day) or an overdue nudge. A recurring one counts however far behind its open occurrence is:
    its later occurrences have reminders of their own."""
    ahead = max(today, until or today) + dt.timedelta(days=400)
    behind = today - OVERDUE_WINDOW
    query = (
        select(Activity.id)
        .where(Activity.status.not_in(activities.CLOSED_STATUSES))
        .where(Activity.timing_kind.in_(SCHEDULED_TIMINGS))
        .where(Activity.id.not_in(blocked_ids()))
        .where(
            or_(
                Activity.next_due.between(behind, ahead),
                (Activity.timing_kind == TimingKind.RECURRING) & (Activity.next_due <= ahead),
                Activity.timing_kind.in_((TimingKind.ONGOING, TimingKind.ASAP)),
                Activity.snoozed_until.is_not(None),
            )
        )
        .order_by(Activity.id)
    )
    if plan_id is not None:
        query = query.where(Activity.plan_id == plan_id)
    return query


def load_subjects(
    session: Session, today: dt.date, *, plan_id: int | None = None, until: dt.date | None = None
) -> list[OpenActivity]:
    ids = list(session.scalars(subjects_query(today, plan_id=plan_id, until=until)))
    return [
        subject
        for start in range(0, len(ids), CHUNK)
        for subject in load_chunk(session, ids[start : start + CHUNK])
    ]


@dataclass(frozen=True, slots=True)
class SchedulingWindow:
    """How far around today any plan's policy can put a message, in days (with slack for
    weekends and holidays): the planner looks only at activities due within it."""

    before: int
    after: int
    horizon: dt.timedelta

    @classmethod
    def of(cls, policies: Iterable[ReminderPolicy]) -> SchedulingWindow:
        policies = [ReminderPolicy(), *policies]
        before = max(p.lookahead_days for p in policies)
        # Working days to calendar days: at most 7/5, plus the longest run of holidays.
        overdue = max((p.overdue_max + 1) * p.overdue_every_working_days for p in policies)
        horizon = dt.timedelta(hours=max(p.late_horizon_hours for p in policies))
        return cls(before + _SLACK_DAYS, overdue * 7 // 5 + _SLACK_DAYS + horizon.days, horizon)


_SLACK_DAYS = 14
CHUNK = 5000


def blocked_ids() -> Select[int]:
    """Activities waiting for a predecessor that is neither done nor approved: no reminders
    until it is (a cascade, bot/services/dependencies.py)."""
    predecessor = aliased(Activity)
    return (
        select(ActivityDependency.activity_id)
        .join(predecessor, predecessor.id == ActivityDependency.depends_on_id)
        .where(predecessor.status.not_in((ActivityStatus.DONE, ActivityStatus.APPROVED)))
    )


def candidate_ids(
    session: Session,
    now: dt.datetime,
    reach: SchedulingWindow,
    *,
    changed_since: dt.datetime | None,
) -> list[int]:
    """Open activities that may have a message between ``reach`` ago and the lookahead.

    Dates and windows due within reach; recurring ones not yet far ahead (a missed occurrence
    must not silence the next ones); every ongoing one; "asap" ones created recently; snoozed
    ones; any with a pending reminder (it may have to be cancelled). With ``changed_since``:
    only those changed since then (an incremental tick between full ones).
    """
    today = now.date()
    upper = today + dt.timedelta(days=reach.before + 2)
    # Overdue ones as far back as a downtime could have hidden all their nudges (catch-up).
    lower = today - max(dt.timedelta(days=reach.after), OVERDUE_WINDOW)
    pending = select(OutboxMessage.activity_id).where(
        OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.kind.in_(REMINDER_KINDS)
    )
    query = (
        select(Activity.id)
        .where(Activity.status.not_in(activities.CLOSED_STATUSES))
        .where(Activity.timing_kind.in_(SCHEDULED_TIMINGS))
        .where(Activity.id.not_in(blocked_ids()))
        .order_by(Activity.id)
    )
    if changed_since is not None:
        query = query.where(Activity.updated_at >= changed_since)
    else:
        query = query.where(
            or_(
                Activity.next_due.between(lower, upper),
                (Activity.timing_kind == TimingKind.RECURRING) & (Activity.next_due <= upper),
                (Activity.timing_kind == TimingKind.WINDOW)
                & Activity.timing_start.between(today - dt.timedelta(days=1), upper),
                Activity.timing_kind == TimingKind.ONGOING,
                (Activity.timing_kind == TimingKind.ASAP)
                & (Activity.created_at >= now - dt.timedelta(days=120)),
                Activity.snoozed_until >= now - reach.horizon,
                Activity.id.in_(pending),
            )
        )
    return list(session.scalars(query))


def load_chunk(session: Session, ids: Sequence[int]) -> list[OpenActivity]:
    """The subjects of these activities (ids ascending), in id order.

    Their columns, their plans and their people are read with one Core select each, no ORM
    objects (100k of them took most of a full plan's time). The selects ask for the id range
    of the chunk and the rows are picked here: a list of thousands of ids as parameters cost
    more to bind than the rows in between cost to read.
    """
    if not ids:
        return []
    rows, converters = _activity_rows(session, ids)
    plans = _plans(session, {row[1] for row in rows})
    zone_of = {row[0]: plans[row[1]].time_zone for row in rows}  # the plan's, by activity
    people = _People()
    responsible = _responsible(session, ids, zone_of, people)
    owners = _owners(session, plans, people)
    make = _SubjectMaker(converters, plans, responsible, owners)
    return [make(row) for row in rows]


def _activity_rows(
    session: Session, ids: Sequence[int]
) -> tuple[list[tuple[Any, ...]], list[Converter]]:
    """The open activities' columns, as the driver gives them (the range, then the ids)."""
    wanted = set(ids)
    rows, converters = raw_rows(
        session,
        select(
            Activity.id,
            Activity.plan_id,
            *activities.TIMING,
            Activity.next_due,
            Activity.created_at,
            Activity.snoozed_until,
            # As its text (both databases keep it so): the text is the layer's key below.
            cast(Activity.reminder_policy, Text),
        )
        .where(
            Activity.id.between(ids[0], ids[-1]), Activity.status.not_in(activities.CLOSED_STATUSES)
        )
        .order_by(Activity.id),
    )
    return [row for row in rows if row[0] in wanted], converters


def _plans(session: Session, plan_ids: set[int]) -> dict[int, Row[Any]]:
    return {
        row.id: row
        for row in session.execute(
            select(
                Plan.id,
                Plan.owner_id,
                Plan.time_zone,
                Plan.country,
                Plan.steering_group_id,
                Plan.reminder_policy,
            ).where(Plan.id.in_(plan_ids))
        )
    }


class _People:
    """One ``ReminderReader`` per person and zone met in a chunk, shared by the subjects."""

    def __init__(self) -> None:
        self._known: dict[tuple[int, str], ReminderReader] = {}

    def __call__(self, person_id: int, zone: str) -> ReminderReader:
        found = self._known.get((person_id, zone))
        if found is None:
            found = self._known[(person_id, zone)] = ReminderReader(person_id, zone)
        return found


def _responsible(
    session: Session, ids: Sequence[int], zone_of: Mapping[int, str], people: _People
) -> dict[int, list[ReminderReader]]:
    """The active responsible people of each activity, in their own zone or the plan's."""
    responsible: dict[int, list[ReminderReader]] = {}
    for activity_id, person_id, own_zone in plain_rows(
        session,
        select(ActivityResponsible.activity_id, Person.id, Person.time_zone)
        .join(Person, Person.id == ActivityResponsible.person_id)
        .where(ActivityResponsible.activity_id.between(ids[0], ids[-1]), Person.active.is_(True))
        .order_by(ActivityResponsible.activity_id, Person.id),
    ):
        if activity_id in zone_of:
            recipient = people(person_id, own_zone or zone_of[activity_id])
            responsible.setdefault(activity_id, []).append(recipient)
    return responsible


def _owners(
    session: Session, plans: Mapping[int, Row[Any]], people: _People
) -> dict[int, ReminderReader]:
    """Each plan's owner, by plan, in their own zone or the plan's."""
    owner_ids = {plan.owner_id for plan in plans.values() if plan.owner_id is not None}
    owner_zones: dict[int, str | None] = {
        person.id: person.time_zone
        for person in session.execute(
            select(Person.id, Person.time_zone).where(Person.id.in_(owner_ids))
        )
    }
    return {
        plan.id: people(plan.owner_id, owner_zones[plan.owner_id] or plan.time_zone)
        for plan in plans.values()
        if plan.owner_id is not None and plan.owner_id in owner_zones
    }


class _SubjectMaker:
    """Subjects of rows as the driver gave them.

    Timing, policy, ReminderReader and Shape are looked up by those values and built once for the
    rows that share them; only what a OpenActivity keeps of its own is converted (once per distinct
    value too). Building them anew for each of 100k rows cost more than reading the rows.
    """

    def __init__(
        self,
        converters: Sequence[Converter],
        plans: Mapping[int, Row[Any]],
        responsible: Mapping[int, list[ReminderReader]],
        owners: Mapping[int, ReminderReader],
    ) -> None:
        self._timing_of = converters[2:7]  # kind, start, due, rrule, tentative
        self._date_of, self._moment_of, self._snooze_of = converters[7:10]
        self._plans = plans
        self._responsible = responsible
        self._owners = owners
        # The local day of creation, by moment and zone (the rows of an import share a few).
        self._days: dict[tuple[object, str], dt.date] = {}
        self._policies: dict[tuple[int, str | None], ReminderPolicy] = {}
        self._timings: dict[tuple[object, ...], Timing] = {}
        self._shapes: dict[tuple[object, ...], Shape] = {}

    def __call__(self, row: tuple[Any, ...]) -> OpenActivity:
        activity_id, plan_id, kind, start, due, rrule, tentative, *rest = row
        next_due, created_at, snoozed_until, layer = rest
        plan = self._plans[plan_id]
        # Each looked up first, made only when new (a miss is the exception: the rows share).
        policy = self._policies.get((plan_id, layer)) or self._policy(plan_id, plan, layer)
        timing_key = (kind, start, due, rrule, tentative)
        timing = self._timings.get(timing_key) or self._timing(timing_key)
        owner = self._owners.get(plan_id)
        recipients = tuple(self._responsible.get(activity_id, ()))
        if not recipients and owner is not None and policy.fallback_to_owner:
            recipients = (owner,)  # nobody mapped: the plan owner hears instead
        moment = self._moment_of(created_at)
        zone = plan.time_zone
        created = self._days.get((created_at, zone)) or self._day(created_at, moment, zone)
        zones = tuple(recipient.zone for recipient in recipients)
        # What the shape depends on, of values as read (cheap to hash): one Shape object each.
        # (The plan decides the country, the owner and the steering group.)
        owner_hears = owner is not None and owner in recipients
        raw = (
            id(timing),
            next_due,
            created,
            plan_id,
            id(policy),
            snoozed_until,
            zones,
            owner_hears,
        )
        shape = self._shapes.get(raw)
        subject = OpenActivity(
            activity_id,
            plan_id,
            timing,
            self._date_of(next_due),
            created,
            recipients,
            owner,
            plan.steering_group_id,
            plan.country,
            policy,
            self._snooze_of(snoozed_until),
            moment,
            shape,
        )
        if shape is None:
            shape = self._shapes[raw] = shape_of(subject)
            subject = dataclasses.replace(subject, shape=shape)
        return subject

    def _policy(self, plan_id: int, plan: Row[Any], layer: str | None) -> ReminderPolicy:
        activity_layer = None if layer is None else json.loads(layer)
        policy = effective_policy(plan.reminder_policy, activity_layer)
        self._policies[(plan_id, layer)] = policy
        return policy

    def _timing(self, values: tuple[object, ...]) -> Timing:
        kind, start, due, rrule, tentative = (
            convert(value) for convert, value in zip(self._timing_of, values, strict=True)
        )
        timing = Timing(kind=kind, start=start, due=due, rrule=rrule, tentative=tentative)
        self._timings[values] = timing
        return timing

    def _day(self, created_at: object, moment: dt.datetime, zone: str) -> dt.date:
        created = self._days[(created_at, zone)] = moment.astimezone(ZoneInfo(zone)).date()
        return created
