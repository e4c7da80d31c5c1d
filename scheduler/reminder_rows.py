"""Working out a chunk's reminder rows: from the subjects (scheduler/subjects.py) and the
rows already written for them to the rows to write now.

A notice becomes a row when it is due within ``LOOKAHEAD`` and its key is not written yet; a
notice whose time passed more than ``LATE_AFTER`` ago is written late and moved out of the
recipient's quiet hours; an overdue activity whose nudges all fell in a downtime gets one
catch-up instead (``catch_up``). The dates of a shape are worked out once for all the
activities that share it (``ShapeSlots``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import LOOKAHEAD
from scheduler.schedule import OpenActivity, ScheduledNotice, Shape, Slot, expand, shape_of, slots
from scheduler.subjects import OVERDUE_WINDOW
from storage.models import OutboxStatus
from storage.rules.quiet import outside_quiet_hours
from storage.rules.timing import TimingKind

# A row written or claimed later than this after its time is "late" (the process was down).
LATE_AFTER = dt.timedelta(minutes=5)
# Each kind as the plain text it is stored as: a driver binds a str subclass through its slower
# adaptation path (SQLite's took a tenth of a second more per 100k rows).
_STORED = {kind: kind.value for kind in NoticeKind}


class Existing(NamedTuple):
    """A reminder row already written (a row of the planner's select of them)."""

    id: int
    key: str
    status: OutboxStatus
    due_at: dt.datetime
    activity_id: int


@dataclass(frozen=True, slots=True)
class ChunkRows:
    """What a chunk's subjects come to: the rows to write, how many of them are late, and the
    key of every notice scheduled (a pending row whose key is not among them is cancelled)."""

    rows: list[dict[str, object]]
    late: int
    scheduled_keys: set[str]


def chunk_rows(
    subjects: Sequence[OpenActivity],
    existing: dict[int, list[Existing]],
    now: dt.datetime,
    shapes: ShapeSlots,
) -> ChunkRows:
    """The rows to write for ``subjects``, given the rows already ``existing`` for them."""
    rows: list[dict[str, object]] = []
    scheduled_keys: set[str] = set()
    late = 0
    ahead = now + LOOKAHEAD
    payloads = RowPayloads()
    for subject in subjects:
        horizon = dt.timedelta(hours=subject.policy.late_horizon_hours)
        written = existing.get(subject.activity_id, ())
        latest = max((row.due_at for row in written), default=now)
        shape = shape_of(subject)
        notices = shapes.notices(subject, shape, now - horizon, max(latest, ahead))
        notices += catch_up(
            subject, shape, now=now, horizon=horizon, existing=written, shapes=shapes
        )
        written_keys = {row.key for row in written}
        for notice in notices:
            scheduled_keys.add(notice.key)
            if notice.due_at > ahead or notice.key in written_keys:
                continue
            row = row_of(notice, subject, now, payloads)
            late += bool(row["late"])
            rows.append(row)
    return ChunkRows(rows, late, scheduled_keys)


class ShapeSlots:
    """The slots of each shape met in one run of the planner: a rule's dates are worked out once
    for all the activities that share it, not once per row."""

    def __init__(self) -> None:
        # By the shape's identity: hashing and comparing a Shape (its policy, its timing) for
        # each of 100k activities cost more than the rest of scheduling them. The shape is kept
        # beside its slots, so its id is not reused while the entry lives.
        self._found: dict[tuple[int, dt.datetime, dt.datetime], tuple[Shape, tuple[Slot, ...]]]
        self._found = {}
        self._overdue: dict[tuple[int, dt.datetime], tuple[Shape, tuple[Slot, ...]]] = {}

    def notices(
        self, subject: OpenActivity, shape: Shape, first: dt.datetime, last: dt.datetime
    ) -> list[ScheduledNotice]:
        return expand(self.slots(shape, first, last), subject)

    def slots(self, shape: Shape, first: dt.datetime, last: dt.datetime) -> tuple[Slot, ...]:
        key = (id(shape), first, last)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = (shape, slots(shape, first, last))
        return found[1]

    def overdue(self, shape: Shape, now: dt.datetime) -> tuple[Slot, ...]:
        """The shape's slots of the overdue window if one of them is an overdue nudge or an
        escalation, else none (the common case, asked for each activity of the shape)."""
        key = (id(shape), now)
        found = self._overdue.get(key)
        if found is None:
            window = self.slots(shape, now - OVERDUE_WINDOW, now)
            if not any(slot.kind in (NoticeKind.OVERDUE, NoticeKind.ESCALATION) for slot in window):
                window = ()
            found = self._overdue[key] = (shape, window)
        return found[1]


def catch_up(
    subject: OpenActivity,
    shape: Shape,
    *,
    now: dt.datetime,
    horizon: dt.timedelta,
    existing: Sequence[Existing],
    shapes: ShapeSlots,
) -> list[ScheduledNotice]:
    """One "overdue" now for an overdue activity whose nudges all fell in a downtime."""
    if subject.next_due is None or subject.timing.kind not in (
        TimingKind.DATE,
        TimingKind.WINDOW,
        TimingKind.RECURRING,
    ):
        return []
    found = shapes.overdue(shape, now)
    if not found:
        return []  # the common case: not overdue, no need to name anyone
    path = [
        n
        for n in expand(found, subject)
        if n.kind in (NoticeKind.OVERDUE, NoticeKind.ESCALATION) and n.person_id is not None
    ]
    stale = [n for n in path if n.due_at < now - horizon]
    if not stale or len(stale) != len(path):
        return []  # nothing missed, or a recent nudge is due (or was sent) anyway
    written = {row.key for row in existing}
    if stale[-1].key in written:
        return []
    due = subject.next_due
    return [
        ScheduledNotice(
            key=f"overdue:{subject.activity_id}:{due}:catchup:{recipient.person_id}",
            kind=NoticeKind.OVERDUE,
            due_at=now,
            activity_id=subject.activity_id,
            plan_id=subject.plan_id,
            person_id=recipient.person_id,
            payload={"due": due.isoformat(), "catch_up": True},
        )
        for recipient in subject.recipients
    ]


class RowPayloads:
    """A row's payload: its notice's, and when it was scheduled for (``planned_at``). The
    notices of a shape share their payload object and often their time, so their rows share
    one dict (the rows are only written, never changed)."""

    def __init__(self) -> None:
        # By the notice payload's identity, kept beside it so that its id is not reused.
        self._made: dict[tuple[int, dt.datetime], tuple[object, dict[str, object]]] = {}

    def __call__(self, notice: ScheduledNotice) -> dict[str, object]:
        key = (id(notice.payload), notice.due_at)
        found = self._made.get(key)
        if found is None:
            payload = {**notice.payload, "planned_at": notice.due_at.isoformat()}
            found = self._made[key] = (notice.payload, payload)
        return found[1]


def row_of(
    notice: ScheduledNotice, subject: OpenActivity, now: dt.datetime, payloads: RowPayloads
) -> dict[str, object]:
    due_at, late = notice.due_at, notice.due_at < now - LATE_AFTER
    if late:
        zone = zone_of(subject, notice.person_id)
        policy = subject.policy
        due_at = outside_quiet_hours(now, zone, policy.quiet_from, policy.quiet_until)
    return {
        "key": notice.key,
        "kind": _STORED[notice.kind],
        "plan_id": notice.plan_id,
        "activity_id": notice.activity_id,
        "person_id": notice.person_id,
        "due_at": due_at,
        "late": late,
        "payload": payloads(notice),
        "status": OutboxStatus.PENDING.value,
    }


def zone_of(subject: OpenActivity, person_id: int | None) -> str:
    candidates = list(subject.recipients)
    if subject.owner is not None:
        candidates.append(subject.owner)
    for recipient in candidates:
        if recipient.person_id == person_id:
            return recipient.zone
    return "UTC"
