"""The reminder planner: each tick, write the reminders now due (or soon due) into the outbox
and cancel the ones that no longer apply.

Its parts: what it reads (scheduler/subjects.py), what an activity's notices are
(scheduler/schedule.py), which rows they become (scheduler/reminder_rows.py); here, the run
itself and the outbox's rows of reminders read, written, cancelled and marked late.

Every replica runs it; the outbox's unique key makes the writes idempotent (INSERT ... ON
CONFLICT DO NOTHING on both databases), so three replicas scheduling the same reminder write one
row, and the claim protocol (scheduler/outbox/drain.py) sends it once.

- **Ahead**: rows are written up to ``LOOKAHEAD`` before they are due, so `reminders status`
  and `preview` show them, and a process that starts just before 09:00 has them ready.
- **Late**: a reminder whose time passed while no process ran is written (or, if written before,
  kept) and marked late, and moved out of the recipient's quiet hours; one older than the
  policy's ``late_horizon_hours`` is not sent at all. If that leaves an overdue activity without
  its overdue nudge, one "overdue" catch-up goes out instead of a burst of stale messages.
- **Changes**: a pending row whose key is no longer scheduled (new deadline, done, cancelled, new
  responsible, snoozed) is cancelled before it is claimed. A row already claimed and being sent
  at that instant still goes out (its mark then fails, and the drain logs it).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from scheduler.outbox.rows import cancel_rows, insert_new_rows
from scheduler.plain_rows import plain_rows
from scheduler.reminder_rows import LATE_AFTER, Existing, ShapeSlots, chunk_rows, zone_of
from scheduler.schedule import REMINDER_KINDS, OpenActivity
from scheduler.subjects import (
    CHUNK,
    SCHEDULED_TIMINGS,
    SchedulingWindow,
    blocked_ids,
    candidate_ids,
    load_chunk,
)
from storage.models import Activity, OutboxMessage, OutboxStatus, Plan
from storage.repositories import activities
from storage.rules.policy import ReminderPolicy, effective_policy
from storage.rules.quiet import outside_quiet_hours
from storage.types import utcnow

log = logging.getLogger(__name__)

# Every activity is scheduled at least this often; between, only changed ones (see the class).
FULL_EVERY = dt.timedelta(minutes=10)
# Another replica's clock may be a little behind ours when it stamps updated_at.
CLOCK_MARGIN = dt.timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class ScheduleResult:
    """What a run of the planner wrote, of it late, cancelled, and how many activities it read."""

    written: int = 0
    late: int = 0
    cancelled: int = 0
    subjects: int = 0


class ReminderPlanner:
    """Schedules the reminders of every open activity at least every ``full_every``; in the
    ticks between, only those of the activities changed since the last tick (so a change still
    takes effect at the next tick, and 100k activities are not worked out again every 30 s).

    ("Planner": the part of the scheduler that schedules one family of notices; a *plan* is
    always a communication plan, scheduler/schedule.py says more.)"""

    def __init__(
        self, sessions: sessionmaker[Session], *, full_every: dt.timedelta = FULL_EVERY
    ) -> None:
        self.sessions = sessions
        self.full_every = full_every
        self._last_full: dt.datetime | None = None
        self._last_run: dt.datetime | None = None

    def __call__(self, now: dt.datetime | None = None) -> ScheduleResult:
        now = now or utcnow()
        full = (
            self._last_full is None
            or self._last_run is None
            or now < self._last_run
            or now - self._last_full >= self.full_every
        )
        since = None if full or self._last_run is None else self._last_run - CLOCK_MARGIN
        written = late = cancelled = count = 0
        with self.sessions.begin() as session:
            reach = SchedulingWindow.of(_policies_in_use(session))
            ids = candidate_ids(session, now, reach, changed_since=since)
            shapes = ShapeSlots()
            for start in range(0, len(ids), CHUNK):
                subjects = load_chunk(session, ids[start : start + CHUNK])
                result = _schedule_chunk(session, subjects, now, shapes)
                written += result.written
                late += result.late
                cancelled += result.cancelled
                count += len(subjects)
            cancelled += _cancel_closed(session)
            _mark_late(session, now)
        self._last_run = now
        if full:
            self._last_full = now
        return ScheduleResult(written, late, cancelled, count)


def _policies_in_use(session: Session) -> list[ReminderPolicy]:
    """Every policy a plan or an open activity sets (few: most use their plan's)."""
    layers = {
        json.dumps(layer, sort_keys=True)
        for query in (
            select(Plan.reminder_policy).where(Plan.reminder_policy.is_not(None)),
            # No DISTINCT: PostgreSQL has no equality for json; duplicates fold below.
            select(Activity.reminder_policy).where(
                Activity.reminder_policy.is_not(None),
                Activity.status.not_in(activities.CLOSED_STATUSES),
            ),
        )
        for layer in session.scalars(query)
    }
    return [effective_policy(json.loads(layer)) for layer in sorted(layers)]


def _schedule_chunk(
    session: Session, subjects: list[OpenActivity], now: dt.datetime, shapes: ShapeSlots
) -> ScheduleResult:
    existing = _existing(session, [subject.activity_id for subject in subjects])
    found = chunk_rows(subjects, existing, now, shapes)
    count = insert_new_rows(session, found.rows)
    cancelled = _cancel_stale(session, existing, found.scheduled_keys)
    return ScheduleResult(count, found.late, cancelled, len(subjects))


def _existing(session: Session, ids: Sequence[int]) -> dict[int, list[Existing]]:
    """The reminder rows already written for these activities (ids ascending), pending or
    not: one query over their id range (see ``load_chunk``)."""
    found: dict[int, list[Existing]] = {}
    if not ids:
        return found
    wanted = set(ids)
    query = select(
        OutboxMessage.id,
        OutboxMessage.key,
        OutboxMessage.status,
        OutboxMessage.due_at,
        OutboxMessage.activity_id,
    ).where(
        OutboxMessage.activity_id.between(ids[0], ids[-1]),
        OutboxMessage.kind.in_(REMINDER_KINDS),
    )
    for row in plain_rows(session, query):
        if row[4] in wanted:
            found.setdefault(row[4], []).append(Existing._make(row))
    return found


def _cancel_stale(
    session: Session, existing: dict[int, list[Existing]], scheduled: set[str]
) -> int:
    ids = [
        row.id
        for rows in existing.values()
        for row in rows
        if row.status is OutboxStatus.PENDING and row.key not in scheduled
    ]
    return cancel_rows(session, ids, "no longer planned")


def _cancel_closed(session: Session) -> int:
    """Pending reminders of activities that are done, cancelled or no longer scheduled."""
    ids = session.scalars(
        select(OutboxMessage.id)
        .join(Activity, Activity.id == OutboxMessage.activity_id)
        .where(
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.kind.in_(REMINDER_KINDS),
            or_(
                Activity.status.in_(activities.CLOSED_STATUSES),
                Activity.timing_kind.not_in(SCHEDULED_TIMINGS),
                Activity.id.in_(blocked_ids()),
            ),
        )
    ).all()
    return cancel_rows(session, ids, "activity closed")


def _mark_late(session: Session, now: dt.datetime) -> None:
    """Rows written before a downtime and still pending after it: late, out of quiet hours."""
    rows = session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.late.is_(False),
            OutboxMessage.due_at < now - LATE_AFTER,
            OutboxMessage.claimed_until < now,
            OutboxMessage.attempts == 0,
            OutboxMessage.kind.in_(REMINDER_KINDS),
        )
    ).all()
    ids = sorted({row.activity_id for row in rows if row.activity_id is not None})
    subjects = {
        subject.activity_id: subject
        for start in range(0, len(ids), CHUNK)
        for subject in load_chunk(session, ids[start : start + CHUNK])
    }
    for row in rows:
        subject = subjects.get(row.activity_id or -1)
        if subject is None:
            continue
        policy = subject.policy
        zone = zone_of(subject, row.person_id)
        row.late = True
        row.due_at = outside_quiet_hours(now, zone, policy.quiet_from, policy.quiet_until)
