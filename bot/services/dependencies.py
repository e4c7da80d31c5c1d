"""Cascades: an activity that waits for others ("OC informed" after "steering group approved").

While any predecessor is neither done nor approved, the activity gets no reminders (the planner
leaves it out: ``scheduler/reminders.py``). When the last one is, an activity without a date of
its own ("Efter godkendelse", an unread timing) becomes due ``offset_days`` after that day; one
with its own date keeps it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Activity, ActivityDependency, ActivityStatus, Origin
from storage.repositories import audit
from storage.rules.timing import Timing, TimingKind

FINISHED = (ActivityStatus.DONE, ActivityStatus.APPROVED)
_UNDATED = (TimingKind.ON_TRIGGER, TimingKind.UNKNOWN)


def predecessors(session: Session, activity_id: int) -> list[tuple[Activity, int]]:
    rows = session.execute(
        select(Activity, ActivityDependency.offset_days)
        .join(ActivityDependency, ActivityDependency.depends_on_id == Activity.id)
        .where(ActivityDependency.activity_id == activity_id)
    ).all()
    return [(row[0], row[1]) for row in rows]


def would_cycle(session: Session, activity_id: int, depends_on_id: int) -> bool:
    """True if ``depends_on_id`` already waits, directly or not, for ``activity_id``."""
    seen: set[int] = set()
    frontier = [depends_on_id]
    while frontier:
        current = frontier.pop()
        if current == activity_id:
            return True
        if current in seen:
            continue
        seen.add(current)
        frontier.extend(
            session.scalars(
                select(ActivityDependency.depends_on_id).where(
                    ActivityDependency.activity_id == current
                )
            )
        )
    return False


def unblock_dependents(session: Session, finished: Activity, today: dt.date) -> list[int]:
    """After ``finished`` is done or approved: date the dependents whose last predecessor it
    was and that have no date of their own. Returns the ids of the dependents now free."""
    freed: list[int] = []
    dependents = session.scalars(
        select(Activity)
        .join(ActivityDependency, ActivityDependency.activity_id == Activity.id)
        .where(ActivityDependency.depends_on_id == finished.id)
    ).all()
    for dependent in dependents:
        if not dependent.status.is_open:
            continue
        waits = predecessors(session, dependent.id)
        if any(
            activity.status not in FINISHED and activity.id != finished.id for activity, _ in waits
        ):
            continue
        freed.append(dependent.id)
        offset = max((days for _, days in waits), default=0)
        if dependent.timing_kind in _UNDATED:
            due = today + dt.timedelta(days=offset)
            dependent.timing = Timing(TimingKind.DATE, start=due, due=due)
            dependent.next_due = due
        dependent.sequence += 1
        audit.record(
            session,
            action="activity.unblocked",
            entity="activity",
            entity_id=dependent.id,
            plan_id=dependent.plan_id,
            origin=Origin.SCHEDULER,
            actor_text="commplan",
            details={
                "after": finished.id,
                "due": dependent.next_due.isoformat() if dependent.next_due else None,
            },
        )
    return freed
