"""The reminder planner: each tick, write the reminders now due (or soon due) into the outbox
and cancel the ones that no longer apply.

Every replica runs it; the outbox's unique key makes the writes idempotent (INSERT ... ON
CONFLICT DO NOTHING on both databases), so three replicas planning the same reminder write one
row, and the claim protocol (scheduler/outbox.py) sends it once.

- **Ahead**: rows are written up to ``LOOKAHEAD`` before they are due, so `reminders status`
  and `preview` show them, and a process that starts just before 09:00 has them ready.
- **Late**: a reminder whose time passed while no process ran is written (or, if written before,
  kept) and marked late, and moved out of the recipient's quiet hours; one older than the
  policy's ``late_horizon_hours`` is not sent at all. If that leaves an overdue activity without
  its overdue nudge, one "overdue" catch-up goes out instead of a burst of stale messages.
- **Changes**: a pending row whose key is no longer planned (new deadline, done, cancelled, new
  responsible, snoozed) is cancelled before it is claimed. A row already claimed and being sent
  at that instant still goes out (its mark then fails, and the drain logs it).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Select, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload, sessionmaker

from scheduler.planning import REMINDER_KINDS, Planned, Recipient, Subject, plan_notices
from scheduler.policy import PolicyError, ReminderPolicy
from scheduler.quiet import outside_quiet_hours
from storage.models import Activity, ActivityStatus, OutboxMessage, OutboxStatus, Person, Plan
from storage.timing import TimingKind
from storage.types import utcnow

log = logging.getLogger(__name__)

LOOKAHEAD = dt.timedelta(hours=26)
# A row written or claimed later than this after its time is "late" (the process was down).
LATE_AFTER = dt.timedelta(minutes=5)
# How far back an overdue activity is still considered: the overdue path ends well within it.
OVERDUE_WINDOW = dt.timedelta(days=120)
_PLANNED_KINDS = (
    TimingKind.DATE,
    TimingKind.WINDOW,
    TimingKind.RECURRING,
    TimingKind.ONGOING,
    TimingKind.ASAP,
)


@dataclass(frozen=True, slots=True)
class PlanResult:
    written: int = 0
    late: int = 0
    cancelled: int = 0
    subjects: int = 0


def subjects_query(today: dt.date, *, plan_id: int | None = None) -> Select[Activity]:
    """Open activities that may have a reminder in the coming day or an overdue nudge."""
    ahead = today + dt.timedelta(days=400)
    behind = today - OVERDUE_WINDOW
    query = (
        select(Activity)
        .where(Activity.status.not_in((ActivityStatus.DONE, ActivityStatus.CANCELLED)))
        .where(Activity.timing_kind.in_(_PLANNED_KINDS))
        .where(
            or_(
                Activity.next_due.between(behind, ahead),
                Activity.timing_kind.in_((TimingKind.ONGOING, TimingKind.ASAP)),
                Activity.snoozed_until.is_not(None),
            )
        )
        .options(selectinload(Activity.responsibles), selectinload(Activity.plan))
        .order_by(Activity.id)
    )
    if plan_id is not None:
        query = query.where(Activity.plan_id == plan_id)
    return query


def subject_of(activity: Activity, owners: dict[int, Person]) -> Subject:
    plan: Plan = activity.plan
    try:
        policy = ReminderPolicy.merged(plan.reminder_policy, activity.reminder_policy)
    except PolicyError as err:
        log.warning("activity %s: bad reminder policy (%s); using the defaults", activity.id, err)
        policy = ReminderPolicy()
    owner_person = owners.get(plan.owner_id) if plan.owner_id is not None else None
    owner = _recipient(owner_person, plan) if owner_person is not None else None
    recipients = tuple(
        _recipient(person, plan) for person in activity.responsibles if person.active
    )
    if not recipients and owner is not None:
        recipients = (owner,)  # nobody mapped: the plan owner hears instead
    created_at = activity.created_at
    return Subject(
        activity_id=activity.id,
        plan_id=plan.id,
        timing=activity.timing,
        next_due=activity.next_due,
        created=created_at.astimezone(ZoneInfo(plan.time_zone)).date(),
        created_at=created_at,
        recipients=recipients,
        owner=owner,
        steering_group_id=plan.steering_group_id,
        country=plan.country,
        policy=policy,
        snoozed_until=activity.snoozed_until,
    )


def _recipient(person: Person, plan: Plan) -> Recipient:
    return Recipient(person.id, person.time_zone or plan.time_zone)


def load_subjects(session: Session, today: dt.date, *, plan_id: int | None = None) -> list[Subject]:
    rows = session.scalars(subjects_query(today, plan_id=plan_id)).all()
    owner_ids = {row.plan.owner_id for row in rows if row.plan.owner_id is not None}
    owners = (
        {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(owner_ids)))}
        if owner_ids
        else {}
    )
    return [subject_of(row, owners) for row in rows]


class ReminderPlanner:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def __call__(self, now: dt.datetime | None = None) -> PlanResult:
        now = now or utcnow()
        with self.sessions.begin() as session:
            subjects = load_subjects(session, now.date() - dt.timedelta(days=1))
            by_id = {subject.activity_id: subject for subject in subjects}
            existing = _existing(session, by_id)
            rows: list[dict[str, object]] = []
            planned_keys: set[str] = set()
            late = 0
            for subject in subjects:
                horizon = dt.timedelta(hours=subject.policy.late_horizon_hours)
                latest = max(
                    (row.due_at for row in existing.get(subject.activity_id, ())),
                    default=now,
                )
                notices = plan_notices(
                    subject, first=now - horizon, last=max(latest, now + LOOKAHEAD)
                )
                notices += _catch_up(subject, now, horizon, existing.get(subject.activity_id, ()))
                for notice in notices:
                    planned_keys.add(notice.key)
                    if notice.due_at > now + LOOKAHEAD:
                        continue
                    row = _row(notice, subject, now)
                    late += bool(row["late"])
                    rows.append(row)
            written = _insert(session, rows)
            cancelled = _cancel_stale(session, existing, by_id, planned_keys)
            cancelled += _cancel_closed(session)
            _mark_late(session, now, by_id)
        return PlanResult(written, late, cancelled, len(subjects))


@dataclass(frozen=True, slots=True)
class _Existing:
    id: int
    key: str
    status: OutboxStatus
    due_at: dt.datetime


def _existing(session: Session, subjects: dict[int, Subject]) -> dict[int, list[_Existing]]:
    """The reminder rows already written for these activities, pending or not."""
    found: dict[int, list[_Existing]] = {}
    ids = list(subjects)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in session.execute(
            select(
                OutboxMessage.id,
                OutboxMessage.key,
                OutboxMessage.status,
                OutboxMessage.due_at,
                OutboxMessage.activity_id,
            ).where(OutboxMessage.activity_id.in_(chunk), OutboxMessage.kind.in_(REMINDER_KINDS))
        ):
            assert row.activity_id is not None
            found.setdefault(row.activity_id, []).append(
                _Existing(row.id, row.key, row.status, row.due_at)
            )
    return found


def _catch_up(
    subject: Subject, now: dt.datetime, horizon: dt.timedelta, existing: Sequence[_Existing]
) -> list[Planned]:
    """One "overdue" now for an overdue activity whose nudges all fell in a downtime."""
    if subject.next_due is None or subject.timing.kind not in (
        TimingKind.DATE,
        TimingKind.WINDOW,
        TimingKind.RECURRING,
    ):
        return []
    path = [
        n
        for n in plan_notices(subject, first=now - OVERDUE_WINDOW, last=now)
        if n.kind in ("overdue", "escalation") and n.person_id is not None
    ]
    stale = [n for n in path if n.due_at < now - horizon]
    if not stale or len(stale) != len(path):
        return []  # nothing missed, or a recent nudge is due (or was sent) anyway
    written = {row.key for row in existing}
    if stale[-1].key in written:
        return []
    due = subject.next_due
    return [
        Planned(
            key=f"overdue:{subject.activity_id}:{due}:catchup:{recipient.person_id}",
            kind="overdue",
            due_at=now,
            activity_id=subject.activity_id,
            plan_id=subject.plan_id,
            person_id=recipient.person_id,
            payload={"due": due.isoformat(), "catch_up": True},
        )
        for recipient in subject.recipients
    ]


def _row(notice: Planned, subject: Subject, now: dt.datetime) -> dict[str, object]:
    due_at, late = notice.due_at, notice.due_at < now - LATE_AFTER
    if late:
        zone = _zone_of(subject, notice.person_id)
        policy = subject.policy
        due_at = outside_quiet_hours(now, zone, policy.quiet_from, policy.quiet_until)
    return {
        "key": notice.key,
        "kind": notice.kind,
        "plan_id": notice.plan_id,
        "activity_id": notice.activity_id,
        "person_id": notice.person_id,
        "due_at": due_at,
        "late": late,
        "payload": {**notice.payload, "planned_at": notice.due_at.isoformat()},
        "status": OutboxStatus.PENDING.value,
    }


def _zone_of(subject: Subject, person_id: int | None) -> str:
    candidates = list(subject.recipients)
    if subject.owner is not None:
        candidates.append(subject.owner)
    for recipient in candidates:
        if recipient.person_id == person_id:
            return recipient.zone
    return "UTC"


def _insert(session: Session, rows: list[dict[str, object]]) -> int:
    """Write rows whose key is new; a key already there (any status) is left alone."""
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    written = 0
    for start in range(0, len(rows), 500):
        statement = (
            module.insert(OutboxMessage)
            .values(rows[start : start + 500])
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(OutboxMessage.id)
        )
        written += len(session.execute(statement).all())
    return written


def _cancel(session: Session, ids: Iterable[int], reason: str) -> int:
    ids = list(ids)
    cancelled = 0
    for start in range(0, len(ids), 500):
        result = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(ids[start : start + 500]),
                OutboxMessage.status == OutboxStatus.PENDING,
            )
            .values(status=OutboxStatus.CANCELLED, last_error=reason)
            .execution_options(synchronize_session=False)
        )
        cancelled += int(getattr(result, "rowcount", 0))
    return cancelled


def _cancel_stale(
    session: Session,
    existing: dict[int, list[_Existing]],
    subjects: dict[int, Subject],
    planned: set[str],
) -> int:
    ids = [
        row.id
        for activity_id, rows in existing.items()
        for row in rows
        if row.status is OutboxStatus.PENDING and row.key not in planned
    ]
    return _cancel(session, ids, "no longer planned")


def _cancel_closed(session: Session) -> int:
    """Pending reminders of activities that are done, cancelled or no longer scheduled."""
    ids = session.scalars(
        select(OutboxMessage.id)
        .join(Activity, Activity.id == OutboxMessage.activity_id)
        .where(
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.kind.in_(REMINDER_KINDS),
            or_(
                Activity.status.in_((ActivityStatus.DONE, ActivityStatus.CANCELLED)),
                Activity.timing_kind.not_in(_PLANNED_KINDS),
            ),
        )
    ).all()
    return _cancel(session, ids, "activity closed")


def _mark_late(session: Session, now: dt.datetime, subjects: dict[int, Subject]) -> None:
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
    for row in rows:
        subject = subjects.get(row.activity_id or -1)
        if subject is None:
            continue
        policy = subject.policy
        zone = _zone_of(subject, row.person_id)
        row.late = True
        row.due_at = outside_quiet_hours(now, zone, policy.quiet_from, policy.quiet_until)
