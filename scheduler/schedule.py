"""What reminders an activity should get: a pure function of the activity, its policy and time.

Words: a *plan* is always a communication plan; what the scheduler does with an activity's
reminders is to *schedule* them (``schedule_notices``, ``ScheduledNotice``; the tick's
``ScheduleResult``). The planners keep their names (``ReminderPlanner``, ``ApprovalPlanner``
...): each is the part of the scheduler that schedules one family of notices.

Every notice has a key that names it for good: kind, activity, occurrence (the due day it is
about), offset or sequence number, recipient. The tick writes each key once (the outbox's unique
key), so scheduling the same thing twice, on one replica or three, writes it once. A change to
the activity (new deadline, new person, done) changes which keys are scheduled, and the tick
cancels pending rows whose keys are no longer scheduled.

Times: a reminder is at ``policy.hour`` local time in the recipient's zone on a working day of
the plan's country; a day that is a weekend or public holiday moves to the working day before
(a reminder must not come later than promised). Overdue nudges count working days after the due
day. Everything returned is in UTC.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta

from scheduler.outbox.kinds import NoticeKind
from storage.rules.dates import at_local_hour
from storage.rules.occurrences import occurrences, recurrence_anchor
from storage.rules.policy import ReminderPolicy
from storage.rules.timing import Timing, TimingKind
from storage.rules.workdays import WorkingDays, working_days

# The kinds of notice the reminder engine plans (and so may cancel); other outbox rows
# (approvals, digests) belong to other planners.
REMINDER_KINDS = frozenset(
    {
        NoticeKind.REMINDER,
        NoticeKind.STARTS_SOON,
        NoticeKind.ONGOING,
        NoticeKind.OVERDUE,
        NoticeKind.ESCALATION,
        NoticeKind.ASAP,
        NoticeKind.SNOOZED,
    }
)


@dataclass(frozen=True, slots=True)
class ReminderReader:
    person_id: int
    zone: str  # IANA


@dataclass(frozen=True, slots=True)
class OpenActivity:
    """What scheduling needs to know of one open activity."""

    activity_id: int
    plan_id: int
    timing: Timing
    next_due: dt.date | None
    created: dt.date  # local day it was created (the anchor of "asap" and of undated rules)
    recipients: tuple[ReminderReader, ...]
    owner: ReminderReader | None
    steering_group_id: int | None
    country: str
    policy: ReminderPolicy
    snoozed_until: dt.datetime | None = None
    # When it was created: a reminder whose time had passed by then is not owed.
    created_at: dt.datetime | None = None
    # Its shape, when the loader has it already (the same object for every subject that has
    # it: the planner looks a shape's dates up by identity).
    shape: Shape | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ScheduledNotice:
    key: str
    kind: NoticeKind
    due_at: dt.datetime  # UTC
    activity_id: int
    plan_id: int
    person_id: int | None
    payload: dict[str, Any] = field(default_factory=dict)


# Who a slot is for: a recipient's index in ``OpenActivity.recipients``, or one of these.
OWNER = -1
STEERING = -2


@dataclass(frozen=True, slots=True)
class Shape:
    """What an activity's notices depend on, leaving out who it is and who hears them.

    Activities that share a shape (most rows of an imported plan, due the same day, their
    people in the plan's zone) share their dates: the planner works them out once per shape
    (``slots``) and only names the activity and people per row (``expand``).
    """

    timing: Timing
    next_due: dt.date | None
    created: dt.date
    country: str
    policy: ReminderPolicy
    snoozed_until: dt.datetime | None
    zones: tuple[str, ...]  # the recipients' zones, in their order
    owner_zone: str | None  # None: no owner
    owner_responsible: bool  # the owner is one of the recipients (no escalation to themselves)
    steering_group_id: int | None


@dataclass(frozen=True, slots=True)
class Slot:
    """One notice of a shape: ``key`` is ``kind:<activity>:detail[:<person>]``."""

    kind: NoticeKind
    due_at: dt.datetime  # UTC
    detail: str
    who: int  # a recipient's index, OWNER or STEERING
    payload: dict[str, Any]  # shared by the notices of every activity of the shape: read-only
    names_responsible: bool = False  # the payload lists the responsible people's ids


def shape_of(subject: OpenActivity) -> Shape:
    if subject.shape is not None:
        return subject.shape
    owner = subject.owner
    return Shape(
        timing=subject.timing,
        next_due=subject.next_due,
        created=subject.created,
        country=subject.country,
        policy=subject.policy,
        snoozed_until=subject.snoozed_until,
        zones=tuple(recipient.zone for recipient in subject.recipients),
        owner_zone=owner.zone if owner is not None else None,
        owner_responsible=owner is not None
        and any(r.person_id == owner.person_id for r in subject.recipients),
        steering_group_id=subject.steering_group_id,
    )


def schedule_notices(
    subject: OpenActivity, *, first: dt.datetime, last: dt.datetime
) -> list[ScheduledNotice]:
    """The notices of ``subject`` due from ``first`` to ``last`` (UTC, inclusive), in time order.

    Reminders held back by a snooze are left out; the snooze's own reminder takes their place.
    """
    return expand(slots(shape_of(subject), first, last), subject)


def slots(shape: Shape, first: dt.datetime, last: dt.datetime) -> tuple[Slot, ...]:
    """The notices of every activity of ``shape`` due from ``first`` to ``last``, unnamed."""
    return tuple(
        slot
        for slot in _all(shape, first, last)
        if first <= slot.due_at <= last
        and not (
            shape.snoozed_until is not None
            and slot.kind != NoticeKind.SNOOZED
            and slot.due_at < shape.snoozed_until
        )
    )


def expand(found: tuple[Slot, ...], subject: OpenActivity) -> list[ScheduledNotice]:
    """``found`` (the slots of the subject's shape) as the subject's notices, in time order;
    those due before the activity was created are not owed."""
    created_at = subject.created_at
    activity_id, plan_id = subject.activity_id, subject.plan_id
    notices = []
    for slot in found:
        if created_at is not None and slot.due_at < created_at:
            continue
        payload = slot.payload
        if slot.names_responsible:
            payload = {**payload, "responsible": [r.person_id for r in subject.recipients]}
        if slot.who == STEERING:
            key, person_id = f"{slot.kind}:{activity_id}:{slot.detail}", None
        else:
            person = subject.owner if slot.who == OWNER else subject.recipients[slot.who]
            assert person is not None  # an OWNER slot exists only with an owner
            person_id = person.person_id
            key = f"{slot.kind}:{activity_id}:{slot.detail}:{person_id}"
        notices.append(
            ScheduledNotice(key, slot.kind, slot.due_at, activity_id, plan_id, person_id, payload)
        )
    if len(notices) > 1:
        notices.sort(key=lambda notice: (notice.due_at, notice.key))
    return notices


def _each(shape: Shape) -> range:
    return range(len(shape.zones))


def _all(shape: Shape, first: dt.datetime, last: dt.datetime) -> Iterator[Slot]:
    policy = shape.policy
    days = working_days(shape.country)
    kind = shape.timing.kind
    if shape.snoozed_until is not None:
        for who in _each(shape):
            yield Slot(
                NoticeKind.SNOOZED, shape.snoozed_until, shape.snoozed_until.isoformat(), who, {}
            )
    if kind in (TimingKind.DATE, TimingKind.WINDOW, TimingKind.RECURRING):
        yield from _deadlines(shape, days, first, last)
    elif kind is TimingKind.ONGOING:
        yield from _ongoing(shape, days, first, last)
    elif kind is TimingKind.ASAP:
        day = (
            days.add(shape.created, policy.asap_after_days)
            if policy.asap_after_days
            else (days.on_or_after(shape.created))
        )
        for who in _each(shape):
            when = at_local_hour(day, policy.hour, shape.zones[who])
            yield Slot(NoticeKind.ASAP, when, "once", who, {"day": day.isoformat()})
    # ON_TRIGGER and UNKNOWN: no schedule, no reminders.


def _deadlines(
    shape: Shape, days: WorkingDays, first: dt.datetime, last: dt.datetime
) -> Iterator[Slot]:
    policy = shape.policy
    if shape.next_due is None:
        return
    # The open occurrence, and later ones whose reminders already fall in the period.
    furthest = last.date() + dt.timedelta(days=max(policy.before_days, default=0) + 2)
    anchor = recurrence_anchor(shape.timing, shape.created)
    dues = [shape.next_due]
    if shape.timing.kind is TimingKind.RECURRING:
        dues += list(
            occurrences(
                shape.timing,
                anchor=anchor,
                first=shape.next_due + dt.timedelta(days=1),
                last=furthest,
                country=shape.country,
            )
        )
    for due in dues:
        reminder_days: set[dt.date] = set()
        for offset in policy.before_days:
            day = days.on_or_before(due - dt.timedelta(days=offset))
            if day < shape.created:
                continue  # the activity did not exist yet
            reminder_days.add(day)
            payload = {"due": due.isoformat(), "offset_days": offset}
            for who in _each(shape):
                when = at_local_hour(day, policy.hour, shape.zones[who])
                yield Slot(NoticeKind.REMINDER, when, f"{due}:{offset}d", who, payload)
        start = shape.timing.start
        if (
            shape.timing.kind is TimingKind.WINDOW
            and start is not None
            and policy.starts_soon_days is not None
        ):
            day = days.on_or_before(start - dt.timedelta(days=policy.starts_soon_days))
            if day >= shape.created and day not in reminder_days:
                payload = {"due": due.isoformat(), "start": start.isoformat()}
                for who in _each(shape):
                    when = at_local_hour(day, policy.hour, shape.zones[who])
                    yield Slot(NoticeKind.STARTS_SOON, when, f"{due}", who, payload)
    yield from _overdue(shape, days, shape.next_due)


def _overdue(shape: Shape, days: WorkingDays, due: dt.date) -> Iterator[Slot]:
    policy = shape.policy
    step = policy.overdue_every_working_days
    for number in range(1, policy.overdue_max + 1):
        day = days.add(due, number * step)
        payload = {"due": due.isoformat(), "number": number}
        for who in _each(shape):
            when = at_local_hour(day, policy.hour, shape.zones[who])
            yield Slot(NoticeKind.OVERDUE, when, f"{due}:{number}", who, payload)
    day = days.add(due, (policy.overdue_max + 1) * step)
    payload = {"due": due.isoformat()}
    if policy.escalate_to_owner and shape.owner_zone is not None and not shape.owner_responsible:
        # (nobody escalates to themselves)
        when = at_local_hour(day, policy.hour, shape.owner_zone)
        yield Slot(
            NoticeKind.ESCALATION, when, f"{due}:owner", OWNER, payload, names_responsible=True
        )
    if policy.escalate_to_steering_group and shape.steering_group_id is not None:
        zone = shape.owner_zone or (shape.zones[0] if shape.zones else "UTC")
        when = at_local_hour(day, policy.hour, zone)
        yield Slot(
            NoticeKind.ESCALATION,
            when,
            f"{due}:steering:{shape.steering_group_id}",
            STEERING,
            {**payload, "steering_group_id": shape.steering_group_id},
            names_responsible=True,
        )


def _ongoing(
    shape: Shape, days: WorkingDays, first: dt.datetime, last: dt.datetime
) -> Iterator[Slot]:
    """A nudge every ``ongoing_every_months`` from the start (or creation), on a working day."""
    policy = shape.policy
    anchor = shape.timing.start or shape.created
    step = policy.ongoing_every_months
    # Skip straight to the period: nudge n is anchor + n * step months (from the anchor, so
    # the 31st stays the month's end and never drifts).
    months = max(0, (first.year - anchor.year) * 12 + first.month - anchor.month - step)
    number = max(1, months // step)
    while True:
        day = days.on_or_before(anchor + relativedelta(months=number * step))
        if at_local_hour(day, 0, "UTC") > last + dt.timedelta(days=1):
            return
        if day >= shape.created:
            for who in _each(shape):
                when = at_local_hour(day, policy.hour, shape.zones[who])
                yield Slot(NoticeKind.ONGOING, when, f"{day}", who, {"number": number})
        number += 1
