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

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Select, Text, bindparam, cast, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, aliased, sessionmaker

from scheduler import outbox_writes
from scheduler.plain_rows import plain_rows, raw_rows
from scheduler.planning import (
    REMINDER_KINDS,
    OpenActivity,
    Planned,
    ReminderReader,
    Shape,
    Slot,
    expand,
    shape_of,
    slots,
)
from scheduler.policy import ReminderPolicy, effective_policy
from scheduler.quiet import outside_quiet_hours
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
from storage.timing import Timing, TimingKind
from storage.types import utcnow

log = logging.getLogger(__name__)

LOOKAHEAD = dt.timedelta(hours=26)
# Every activity is planned at least this often; between, only changed ones (see the class).
FULL_EVERY = dt.timedelta(minutes=10)
# Another replica's clock may be a little behind ours when it stamps updated_at.
CLOCK_MARGIN = dt.timedelta(minutes=1)
CLOSED = (ActivityStatus.DONE, ActivityStatus.CANCELLED)
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
        .where(Activity.status.not_in((ActivityStatus.DONE, ActivityStatus.CANCELLED)))
        .where(Activity.timing_kind.in_(_PLANNED_KINDS))
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
        for start in range(0, len(ids), _CHUNK)
        for subject in load_chunk(session, ids[start : start + _CHUNK])
    ]


@dataclass(frozen=True, slots=True)
class PlanningWindow:
    """How far around today any plan's policy can put a message, in days (with slack for
    weekends and holidays): the planner looks only at activities due within it."""

    before: int
    after: int
    horizon: dt.timedelta

    @classmethod
    def of(cls, policies: Iterable[ReminderPolicy]) -> PlanningWindow:
        policies = [ReminderPolicy(), *policies]
        before = max(p.lookahead_days for p in policies)
        # Working days to calendar days: at most 7/5, plus the longest run of holidays.
        overdue = max((p.overdue_max + 1) * p.overdue_every_working_days for p in policies)
        horizon = dt.timedelta(hours=max(p.late_horizon_hours for p in policies))
        return cls(before + _SLACK_DAYS, overdue * 7 // 5 + _SLACK_DAYS + horizon.days, horizon)


_SLACK_DAYS = 14
_CHUNK = 5000


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
    session: Session, now: dt.datetime, reach: PlanningWindow, *, changed_since: dt.datetime | None
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
        .where(Activity.status.not_in(CLOSED))
        .where(Activity.timing_kind.in_(_PLANNED_KINDS))
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
    wanted, first, last = set(ids), ids[0], ids[-1]
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
        .where(Activity.id.between(first, last), Activity.status.not_in(CLOSED))
        .order_by(Activity.id),
    )
    rows = [row for row in rows if row[0] in wanted]
    kind_of, start_of, due_of, rrule_of, tentative_of, date_of, moment_of, snooze_of = converters[
        2:10
    ]
    plans = {
        row.id: row
        for row in session.execute(
            select(
                Plan.id,
                Plan.owner_id,
                Plan.time_zone,
                Plan.country,
                Plan.steering_group_id,
                Plan.reminder_policy,
            ).where(Plan.id.in_({row[1] for row in rows}))
        )
    }
    zone_of = {row[0]: plans[row[1]].time_zone for row in rows}  # the plan's, by activity
    people: dict[tuple[int, str], ReminderReader] = {}
    responsible: dict[int, list[ReminderReader]] = {}
    for activity_id, person_id, own_zone in plain_rows(
        session,
        select(ActivityResponsible.activity_id, Person.id, Person.time_zone)
        .join(Person, Person.id == ActivityResponsible.person_id)
        .where(ActivityResponsible.activity_id.between(first, last), Person.active.is_(True))
        .order_by(ActivityResponsible.activity_id, Person.id),
    ):
        if activity_id in zone_of:
            zone = own_zone or zone_of[activity_id]
            recipient = _person(people, person_id, zone)
            responsible.setdefault(activity_id, []).append(recipient)
    owner_ids = {plan.owner_id for plan in plans.values() if plan.owner_id is not None}
    owner_zones: dict[int, str | None] = {
        person.id: person.time_zone
        for person in session.execute(
            select(Person.id, Person.time_zone).where(Person.id.in_(owner_ids))
        )
    }
    owners = {
        plan.id: _person(people, plan.owner_id, owner_zones[plan.owner_id] or plan.time_zone)
        for plan in plans.values()
        if plan.owner_id is not None and plan.owner_id in owner_zones
    }
    # The local day of creation, by moment and zone (the rows of an import share a few).
    days: dict[tuple[object, str], dt.date] = {}
    policies: dict[tuple[int, str | None], ReminderPolicy] = {}
    timings: dict[tuple[object, ...], Timing] = {}
    shapes: dict[tuple[object, ...], Shape] = {}
    subjects = []
    # The rows as the driver gave them: Timing, policy, ReminderReader and Shape are looked up by
    # those values and built once for the rows that share them; only what a OpenActivity keeps of
    # its own is converted (once per distinct value too). Building them anew for each of
    # 100k rows cost more than reading the rows.
    for (
        activity_id,
        plan_id,
        kind,
        start,
        due,
        rrule,
        tentative,
        next_due,
        created_at,
        snoozed_until,
        layer,
    ) in rows:
        plan = plans[plan_id]
        policy = policies.get((plan_id, layer))
        if policy is None:
            activity_layer = None if layer is None else json.loads(layer)
            policy = effective_policy(plan.reminder_policy, activity_layer)
            policies[(plan_id, layer)] = policy
        timing = timings.get((kind, start, due, rrule, tentative))
        if timing is None:
            timing = Timing(
                kind=kind_of(kind),
                start=start_of(start),
                due=due_of(due),
                rrule=rrule_of(rrule),
                tentative=tentative_of(tentative),
            )
            timings[(kind, start, due, rrule, tentative)] = timing
        owner = owners.get(plan_id)
        recipients = tuple(responsible.get(activity_id, ()))
        if not recipients and owner is not None and policy.fallback_to_owner:
            recipients = (owner,)  # nobody mapped: the plan owner hears instead
        moment = moment_of(created_at)
        created = days.get((created_at, plan.time_zone))
        if created is None:
            created = moment.astimezone(ZoneInfo(plan.time_zone)).date()
            days[(created_at, plan.time_zone)] = created
        zones = tuple(recipient.zone for recipient in recipients)
        # What the shape depends on, of values as read (cheap to hash): one Shape object each.
        raw: tuple[object, ...] = (id(timing), next_due, created, plan_id, id(policy))
        # (The plan decides the country, the owner and the steering group.)
        raw += (snoozed_until, zones, owner is not None and owner in recipients)
        shape = shapes.get(raw)
        subject = OpenActivity(
            activity_id,
            plan_id,
            timing,
            date_of(next_due),
            created,
            recipients,
            owner,
            plan.steering_group_id,
            plan.country,
            policy,
            snooze_of(snoozed_until),
            moment,
            shape,
        )
        if shape is None:
            shape = shapes[raw] = shape_of(subject)
            subject = dataclasses.replace(subject, shape=shape)
        subjects.append(subject)
    return subjects


def _person(
    known: dict[tuple[int, str], ReminderReader], person_id: int, zone: str
) -> ReminderReader:
    found = known.get((person_id, zone))
    if found is None:
        found = known[(person_id, zone)] = ReminderReader(person_id, zone)
    return found


class _Shapes:
    """The slots of each shape met in one planning run: a rule's dates are worked out once
    for all the activities that share it, not once per row."""

    def __init__(self) -> None:
        # By the shape's identity: hashing and comparing a Shape (its policy, its timing) for
        # each of 100k activities cost more than the rest of planning them. The shape is kept
        # beside its slots, so its id is not reused while the entry lives.
        self._found: dict[tuple[int, dt.datetime, dt.datetime], tuple[Shape, tuple[Slot, ...]]]
        self._found = {}
        self._overdue: dict[tuple[int, dt.datetime], tuple[Shape, tuple[Slot, ...]]] = {}

    def notices(
        self, subject: OpenActivity, shape: Shape, first: dt.datetime, last: dt.datetime
    ) -> list[Planned]:
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
            if not any(slot.kind in ("overdue", "escalation") for slot in window):
                window = ()
            found = self._overdue[key] = (shape, window)
        return found[1]


class ReminderPlanner:
    """Plans every open activity at least every ``full_every``; in the ticks between, only
    the activities changed since the last tick (so a change still takes effect at the next
    tick, and 100k activities are not re-planned every 30 s)."""

    def __init__(
        self, sessions: sessionmaker[Session], *, full_every: dt.timedelta = FULL_EVERY
    ) -> None:
        self.sessions = sessions
        self.full_every = full_every
        self._last_full: dt.datetime | None = None
        self._last_run: dt.datetime | None = None

    def __call__(self, now: dt.datetime | None = None) -> PlanResult:
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
            reach = PlanningWindow.of(_plan_policies(session))
            ids = candidate_ids(session, now, reach, changed_since=since)
            shapes = _Shapes()
            for start in range(0, len(ids), _CHUNK):
                subjects = load_chunk(session, ids[start : start + _CHUNK])
                result = _plan_chunk(session, subjects, now, shapes)
                written += result.written
                late += result.late
                cancelled += result.cancelled
                count += len(subjects)
            cancelled += _cancel_closed(session)
            _mark_late(session, now)
        self._last_run = now
        if full:
            self._last_full = now
        return PlanResult(written, late, cancelled, count)


def _plan_policies(session: Session) -> list[ReminderPolicy]:
    """Every policy a plan or an open activity sets (few: most use their plan's)."""
    layers = {
        json.dumps(layer, sort_keys=True)
        for query in (
            select(Plan.reminder_policy).where(Plan.reminder_policy.is_not(None)),
            # No DISTINCT: PostgreSQL has no equality for json; duplicates fold below.
            select(Activity.reminder_policy).where(
                Activity.reminder_policy.is_not(None), Activity.status.not_in(CLOSED)
            ),
        )
        for layer in session.scalars(query)
    }
    return [effective_policy(json.loads(layer)) for layer in sorted(layers)]


def _plan_chunk(
    session: Session, subjects: list[OpenActivity], now: dt.datetime, shapes: _Shapes
) -> PlanResult:
    existing = _existing(session, [subject.activity_id for subject in subjects])
    rows: list[dict[str, object]] = []
    planned_keys: set[str] = set()
    late = 0
    ahead = now + LOOKAHEAD
    payloads = _RowPayloads()
    for subject in subjects:
        horizon = dt.timedelta(hours=subject.policy.late_horizon_hours)
        written = existing.get(subject.activity_id, ())
        latest = max((row.due_at for row in written), default=now)
        shape = shape_of(subject)
        notices = shapes.notices(subject, shape, now - horizon, max(latest, ahead))
        notices += _catch_up(
            subject, shape, now=now, horizon=horizon, existing=written, shapes=shapes
        )
        written_keys = {row.key for row in written}
        for notice in notices:
            planned_keys.add(notice.key)
            if notice.due_at > ahead or notice.key in written_keys:
                continue
            row = _row(notice, subject, now, payloads)
            late += bool(row["late"])
            rows.append(row)
    count = insert_new_rows(session, rows)
    cancelled = _cancel_stale(session, existing, planned_keys)
    return PlanResult(count, late, cancelled, len(subjects))


class _Existing(NamedTuple):
    """A reminder row already written (a row of the select in ``_existing``)."""

    id: int
    key: str
    status: OutboxStatus
    due_at: dt.datetime
    activity_id: int


def _existing(session: Session, ids: Sequence[int]) -> dict[int, list[_Existing]]:
    """The reminder rows already written for these activities (ids ascending), pending or
    not: one query over their id range (see ``load_chunk``)."""
    found: dict[int, list[_Existing]] = {}
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
            found.setdefault(row[4], []).append(_Existing._make(row))
    return found


def _catch_up(
    subject: OpenActivity,
    shape: Shape,
    *,
    now: dt.datetime,
    horizon: dt.timedelta,
    existing: Sequence[_Existing],
    shapes: _Shapes,
) -> list[Planned]:
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


class _RowPayloads:
    """A row's payload: its notice's, and when it was planned for. The notices of a shape
    share their payload object and often their time, so their rows share one dict (the
    rows are only written, never changed)."""

    def __init__(self) -> None:
        # By the notice payload's identity, kept beside it so that its id is not reused.
        self._made: dict[tuple[int, dt.datetime], tuple[object, dict[str, object]]] = {}

    def __call__(self, notice: Planned) -> dict[str, object]:
        key = (id(notice.payload), notice.due_at)
        found = self._made.get(key)
        if found is None:
            payload = {**notice.payload, "planned_at": notice.due_at.isoformat()}
            found = self._made[key] = (notice.payload, payload)
        return found[1]


def _row(
    notice: Planned, subject: OpenActivity, now: dt.datetime, payloads: _RowPayloads
) -> dict[str, object]:
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
        "payload": payloads(notice),
        "status": OutboxStatus.PENDING.value,
    }


def _zone_of(subject: OpenActivity, person_id: int | None) -> str:
    candidates = list(subject.recipients)
    if subject.owner is not None:
        candidates.append(subject.owner)
    for recipient in candidates:
        if recipient.person_id == person_id:
            return recipient.zone
    return "UTC"


def outbox_row(
    key: str,
    kind: str,
    due_at: dt.datetime,
    *,
    plan_id: int | None,
    activity_id: int | None,
    person_id: int | None,
    payload: dict[str, object],
) -> dict[str, object]:
    """A pending outbox row, due at ``due_at``, for ``insert_rows``: its ``key`` makes it once."""
    return {
        "key": key,
        "kind": kind,
        "plan_id": plan_id,
        "activity_id": activity_id,
        "person_id": person_id,
        "due_at": due_at,
        "late": False,
        "payload": payload,
        "status": OutboxStatus.PENDING.value,
    }


def insert_rows(session: Session, rows: list[dict[str, object]]) -> int:
    """Write rows whose key is new; a key already there (any status) is left alone.

    ON CONFLICT DO NOTHING makes a row another replica wrote first a no-op. Pending rows go on
    SQLite as one ``executemany`` of plain tuples (scheduler/outbox_writes.py), on PostgreSQL as
    one array per column in one statement (``_insert_arrays``); other rows as one compiled
    statement executed for many rows (SQLAlchemy batches them itself).
    """
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and outbox_writes.fits(rows):
        return outbox_writes.insert_sqlite(session, rows)
    if dialect == "postgresql" and outbox_writes.fits(rows):
        return _insert_arrays(session, rows)
    module = postgresql if dialect == "postgresql" else sqlite
    statement = (
        module.insert(OutboxMessage)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(OutboxMessage.id)
    )
    result = session.connection().execute(statement, rows)
    return len(result.all())


def insert_new_rows(session: Session, rows: list[dict[str, object]]) -> int:
    """``insert_rows`` for rows whose keys were just found absent (the planner's): on
    PostgreSQL by COPY, which a key written meanwhile by another writer makes fail whole, and
    then by ``insert_rows`` (scheduler/outbox_writes.py says why that is safe)."""
    if (
        len(rows) >= outbox_writes.COPY_FROM
        and session.get_bind().dialect.name == "postgresql"
        and outbox_writes.fits(rows)
        and outbox_writes.copy_postgresql(session, rows)
    ):
        return len(rows)
    return insert_rows(session, rows)


_ARRAY_COLUMNS = ("key", "kind", "plan_id", "activity_id", "person_id", "due_at", "late")


def _insert_arrays(session: Session, rows: list[dict[str, object]]) -> int:
    """``INSERT ... SELECT unnest(:keys), unnest(:kinds), ... ON CONFLICT DO NOTHING``.

    PostgreSQL parses and plans one small statement, where a multi-row VALUES of 1,000 rows
    has 11,000 parameters: 100k rows took 32 s that way and 5 s this way on the same server.
    """
    table = OutboxMessage.__table__
    columns = [table.c[name] for name in _ARRAY_COLUMNS]
    arrays = [
        func.unnest(bindparam(column.name, [row[column.name] for row in rows], ARRAY(column.type)))
        for column in columns
    ]
    # The payload as JSON text (what the JSON type would send), cast back to json.
    payloads = bindparam("payload", [json.dumps(row["payload"]) for row in rows], ARRAY(Text))
    source = select(
        *arrays,
        cast(func.unnest(payloads), JSON),
        literal(OutboxStatus.PENDING, table.c.status.type),
    )
    statement = (
        postgresql.insert(OutboxMessage)
        .from_select([*columns, table.c.payload, table.c.status], source)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(OutboxMessage.id)
    )
    return len(session.connection().execute(statement).all())


def cancel_rows(session: Session, ids: Iterable[int], reason: str) -> int:
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


def _cancel_stale(session: Session, existing: dict[int, list[_Existing]], planned: set[str]) -> int:
    ids = [
        row.id
        for rows in existing.values()
        for row in rows
        if row.status is OutboxStatus.PENDING and row.key not in planned
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
                Activity.status.in_((ActivityStatus.DONE, ActivityStatus.CANCELLED)),
                Activity.timing_kind.not_in(_PLANNED_KINDS),
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
        for start in range(0, len(ids), _CHUNK)
        for subject in load_chunk(session, ids[start : start + _CHUNK])
    }
    for row in rows:
        subject = subjects.get(row.activity_id or -1)
        if subject is None:
            continue
        policy = subject.policy
        zone = _zone_of(subject, row.person_id)
        row.late = True
        row.due_at = outside_quiet_hours(now, zone, policy.quiet_from, policy.quiet_until)
