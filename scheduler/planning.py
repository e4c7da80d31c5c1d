"""What reminders an activity should get: a pure function of the activity, its policy and time.

Every notice has a key that names it for good: kind, activity, occurrence (the due day it is
about), offset or sequence number, recipient. The tick writes each key once (the outbox's unique
key), so planning the same thing twice, on one replica or three, writes it once. A change to
the activity (new deadline, new person, done) changes which keys are planned, and the tick
cancels pending rows whose keys are no longer planned.

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
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from scheduler.policy import ReminderPolicy
from scheduler.workdays import WorkingDays, working_days
from storage.occurrences import occurrences, recurrence_anchor
from storage.timing import Timing, TimingKind

# The kinds of notice the reminder engine plans (and so may cancel); other outbox rows
# (approvals, digests) belong to other planners.
REMINDER_KINDS = frozenset(
    {"reminder", "starts_soon", "ongoing", "overdue", "escalation", "asap", "snoozed"}
)


@dataclass(frozen=True, slots=True)
class Recipient:
    person_id: int
    zone: str  # IANA


@dataclass(frozen=True, slots=True)
class Subject:
    """What planning needs to know of one open activity."""

    activity_id: int
    plan_id: int
    timing: Timing
    next_due: dt.date | None
    created: dt.date  # local day it was created (the anchor of "asap" and of undated rules)
    recipients: tuple[Recipient, ...]
    owner: Recipient | None
    steering_group_id: int | None
    country: str
    policy: ReminderPolicy
    snoozed_until: dt.datetime | None = None
    # When it was created: a reminder whose time had passed by then is not owed.
    created_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Planned:
    key: str
    kind: str
    due_at: dt.datetime  # UTC
    activity_id: int
    plan_id: int
    person_id: int | None
    payload: dict[str, Any] = field(default_factory=dict)


def at_local_hour(day: dt.date, hour: int, zone: str) -> dt.datetime:
    """``hour``:00 on ``day`` in ``zone``, in UTC (09:00 local stays 09:00 across DST)."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)


def plan_notices(subject: Subject, *, first: dt.datetime, last: dt.datetime) -> list[Planned]:
    """The notices of ``subject`` due from ``first`` to ``last`` (UTC, inclusive), in time order.

    Reminders held back by a snooze are left out; the snooze's own reminder takes their place.
    """
    found = [
        notice
        for notice in _all(subject, first, last)
        if first <= notice.due_at <= last
        and (subject.created_at is None or notice.due_at >= subject.created_at)
        and not (
            subject.snoozed_until is not None
            and notice.kind != "snoozed"
            and notice.due_at < subject.snoozed_until
        )
    ]
    return sorted(found, key=lambda notice: (notice.due_at, notice.key))


def _all(subject: Subject, first: dt.datetime, last: dt.datetime) -> Iterator[Planned]:
    policy = subject.policy
    days = working_days(subject.country)
    kind = subject.timing.kind
    if subject.snoozed_until is not None:
        for recipient in subject.recipients:
            yield _notice(
                subject,
                "snoozed",
                subject.snoozed_until,
                recipient,
                f"{subject.snoozed_until.isoformat()}",
                payload={},
            )
    if kind in (TimingKind.DATE, TimingKind.WINDOW, TimingKind.RECURRING):
        yield from _deadlines(subject, days, first, last)
    elif kind is TimingKind.ONGOING:
        yield from _ongoing(subject, days, first, last)
    elif kind is TimingKind.ASAP:
        day = (
            days.add(subject.created, policy.asap_after_days)
            if policy.asap_after_days
            else (days.on_or_after(subject.created))
        )
        for recipient in subject.recipients:
            when = at_local_hour(day, policy.hour, recipient.zone)
            yield _notice(
                subject, "asap", when, recipient, "once", payload={"day": day.isoformat()}
            )
    # ON_TRIGGER and UNKNOWN: no schedule, no reminders.


def _deadlines(
    subject: Subject, days: WorkingDays, first: dt.datetime, last: dt.datetime
) -> Iterator[Planned]:
    policy = subject.policy
    if subject.next_due is None:
        return
    # The open occurrence, and later ones whose reminders already fall in the period.
    furthest = last.date() + dt.timedelta(days=max(policy.before_days, default=0) + 2)
    anchor = recurrence_anchor(subject.timing, subject.created)
    dues = [subject.next_due]
    if subject.timing.kind is TimingKind.RECURRING:
        dues += list(
            occurrences(
                subject.timing,
                anchor=anchor,
                first=subject.next_due + dt.timedelta(days=1),
                last=furthest,
                country=subject.country,
            )
        )
    for due in dues:
        reminder_days: set[dt.date] = set()
        for offset in policy.before_days:
            day = days.on_or_before(due - dt.timedelta(days=offset))
            if day < subject.created:
                continue  # the activity did not exist yet
            reminder_days.add(day)
            for recipient in subject.recipients:
                when = at_local_hour(day, policy.hour, recipient.zone)
                yield _notice(
                    subject,
                    "reminder",
                    when,
                    recipient,
                    f"{due}:{offset}d",
                    payload={"due": due.isoformat(), "offset_days": offset},
                )
        start = subject.timing.start
        if (
            subject.timing.kind is TimingKind.WINDOW
            and start is not None
            and policy.starts_soon_days is not None
        ):
            day = days.on_or_before(start - dt.timedelta(days=policy.starts_soon_days))
            if day >= subject.created and day not in reminder_days:
                for recipient in subject.recipients:
                    when = at_local_hour(day, policy.hour, recipient.zone)
                    yield _notice(
                        subject,
                        "starts_soon",
                        when,
                        recipient,
                        f"{due}",
                        payload={"due": due.isoformat(), "start": start.isoformat()},
                    )
    yield from _overdue(subject, days, subject.next_due)


def _overdue(subject: Subject, days: WorkingDays, due: dt.date) -> Iterator[Planned]:
    policy = subject.policy
    step = policy.overdue_every_working_days
    for number in range(1, policy.overdue_max + 1):
        day = days.add(due, number * step)
        for recipient in subject.recipients:
            when = at_local_hour(day, policy.hour, recipient.zone)
            yield _notice(
                subject,
                "overdue",
                when,
                recipient,
                f"{due}:{number}",
                payload={"due": due.isoformat(), "number": number},
            )
    day = days.add(due, (policy.overdue_max + 1) * step)
    payload = {"due": due.isoformat(), "responsible": [r.person_id for r in subject.recipients]}
    responsible = {recipient.person_id for recipient in subject.recipients}
    if (
        policy.escalate_to_owner
        and subject.owner is not None
        and subject.owner.person_id not in responsible  # nobody escalates to themselves
    ):
        when = at_local_hour(day, policy.hour, subject.owner.zone)
        yield _notice(subject, "escalation", when, subject.owner, f"{due}:owner", payload=payload)
    if policy.escalate_to_steering_group and subject.steering_group_id is not None:
        zone = (
            subject.owner.zone
            if subject.owner
            else (subject.recipients[0].zone if subject.recipients else "UTC")
        )
        when = at_local_hour(day, policy.hour, zone)
        yield Planned(
            key=f"escalation:{subject.activity_id}:{due}:steering:{subject.steering_group_id}",
            kind="escalation",
            due_at=when,
            activity_id=subject.activity_id,
            plan_id=subject.plan_id,
            person_id=None,
            payload={**payload, "steering_group_id": subject.steering_group_id},
        )


def _ongoing(
    subject: Subject, days: WorkingDays, first: dt.datetime, last: dt.datetime
) -> Iterator[Planned]:
    """A nudge every ``ongoing_every_months`` from the start (or creation), on a working day."""
    policy = subject.policy
    anchor = subject.timing.start or subject.created
    step = policy.ongoing_every_months
    # Skip straight to the period: nudge n is anchor + n * step months (from the anchor, so
    # the 31st stays the month's end and never drifts).
    months = max(0, (first.year - anchor.year) * 12 + first.month - anchor.month - step)
    number = max(1, months // step)
    while True:
        day = days.on_or_before(anchor + relativedelta(months=number * step))
        if at_local_hour(day, 0, "UTC") > last + dt.timedelta(days=1):
            return
        if day >= subject.created:
            for recipient in subject.recipients:
                when = at_local_hour(day, policy.hour, recipient.zone)
                yield _notice(
                    subject, "ongoing", when, recipient, f"{day}", payload={"number": number}
                )
        number += 1


def _notice(
    subject: Subject,
    kind: str,
    when: dt.datetime,
    recipient: Recipient,
    detail: str,
    *,
    payload: dict[str, Any],
) -> Planned:
    return Planned(
        key=f"{kind}:{subject.activity_id}:{detail}:{recipient.person_id}",
        kind=kind,
        due_at=when,
        activity_id=subject.activity_id,
        plan_id=subject.plan_id,
        person_id=recipient.person_id,
        payload=payload,
    )
