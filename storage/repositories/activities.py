"""Activities: lookups, the upcoming query, and responsible people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.models import Activity, ActivityResponsible, ActivityStatus
from storage.rules.timing import TimingKind

CLOSED_STATUSES = (ActivityStatus.DONE, ActivityStatus.CANCELLED)


def by_id(session: Session, activity_id: int) -> Activity | None:
    return session.get(Activity, activity_id)


def by_id_with_people(session: Session, activity_id: int) -> Activity | None:
    return session.scalars(
        select(Activity)
        .where(Activity.id == activity_id)
        .options(joinedload(Activity.plan), selectinload(Activity.responsibles))
    ).first()


def many_with_people(session: Session, ids: Collection[int]) -> Sequence[Activity]:
    """``by_id_with_people`` for many activities at once (a batch of notices): three queries
    (the activities, their plans, their people) however many there are."""
    if not ids:
        return []
    return session.scalars(
        select(Activity)
        .where(Activity.id.in_(ids))
        .options(selectinload(Activity.plan), selectinload(Activity.responsibles))
    ).all()


def of_plan(session: Session, plan_id: int, *, people: bool = True) -> Sequence[Activity]:
    """The plan's activities in its order; ``people=False`` skips loading who is responsible."""
    # The plan once, not a lookup per activity (2,000 of them on the plan page).
    options = [selectinload(Activity.plan)]
    if people:
        options.append(selectinload(Activity.responsibles))
    return session.scalars(
        select(Activity)
        .where(Activity.plan_id == plan_id)
        .options(*options)
        .order_by(Activity.position, Activity.id)
    ).all()


# An activity's timing (storage.rules.timing.Timing) as columns, in the order of Timing's fields.
TIMING = (
    Activity.timing_kind,
    Activity.timing_start,
    Activity.timing_due,
    Activity.timing_rrule,
    Activity.timing_tentative,
)
# What the plan page lists of each activity, in this order (bot/services/pages.py, Listed).
LISTED = (
    Activity.id,
    Activity.plan_id,
    Activity.title,
    Activity.target_group,
    Activity.message,
    Activity.goal,
    Activity.channel,
    Activity.when_text,
    *TIMING,
    Activity.next_due,
    Activity.responsible_text,
    Activity.expected_reaction,
    Activity.remarks,
    Activity.status,
    Activity.requires_approval,
    Activity.reaction_outcome,
    Activity.reaction_note,
    Activity.phase,
)


def listed(session: Session, plan_id: int) -> Sequence[Any]:
    """The plan's activities but cancelled ones, in its order, as plain rows of ``LISTED``
    (no ORM objects: the page of a 10,000-activity plan spent most of its time making them)."""
    return session.execute(
        select(*LISTED)
        .where(Activity.plan_id == plan_id, Activity.status != ActivityStatus.CANCELLED)
        .order_by(Activity.position, Activity.id)
    ).all()


def next_position(session: Session, plan_id: int) -> int:
    last = session.scalars(
        select(Activity.position)
        .where(Activity.plan_id == plan_id)
        .order_by(Activity.position.desc())
        .limit(1)
    ).first()
    return 0 if last is None else last + 1


def upcoming(
    session: Session,
    *,
    until: dt.date,
    since: dt.date | None,
    plan_ids: Sequence[int] | None = None,
    not_plan_ids: Sequence[int] | None = None,
    person_id: int | None = None,
    limit: int = 200,
) -> Sequence[Activity]:
    """Open activities whose next deadline is on or before ``until``, earliest first.

    ``since`` None includes everything overdue; a date leaves out deadlines before it.
    ``plan_ids`` and ``person_id`` narrow the set (None: no narrowing); ``not_plan_ids`` leaves
    plans out. One range scan on ``ix_activities_next_due``, so it stays fast at 100k
    activities: to read most plans, name the few left out (SQLite then walks the deadline
    index and stops at ``limit``; a long list of plans to keep makes it gather and sort them all).
    """
    query: Select[Activity] = select(Activity).where(
        # Written as the partial indexes' own condition, so that SQLite can use them.
        Activity.next_due <= until,
        Activity.status.not_in(CLOSED_STATUSES),
    )
    if since is not None:
        query = query.where(Activity.next_due >= since)
    query = _narrowed(query, plan_ids, not_plan_ids, person_id)
    query = (
        query.options(selectinload(Activity.responsibles), selectinload(Activity.plan))
        .order_by(Activity.next_due, Activity.id)
        .limit(limit)
    )
    return session.scalars(query).all()


def _narrowed(
    query: Select[Activity],
    plan_ids: Sequence[int] | None,
    not_plan_ids: Sequence[int] | None,
    person_id: int | None,
) -> Select[Activity]:
    """``query`` kept to the plans ``plan_ids`` (None: every plan), without ``not_plan_ids``,
    and to the activities ``person_id`` is responsible for (None: anyone's)."""
    if plan_ids is not None:
        query = query.where(Activity.plan_id.in_(plan_ids))
    if not_plan_ids:
        query = query.where(Activity.plan_id.not_in(not_plan_ids))
    if person_id is not None:
        query = query.where(
            Activity.id.in_(
                select(ActivityResponsible.activity_id).where(
                    ActivityResponsible.person_id == person_id
                )
            )
        )
    return query


def undated(
    session: Session,
    *,
    plan_ids: Sequence[int] | None = None,
    not_plan_ids: Sequence[int] | None = None,
    person_id: int | None = None,
    limit: int = 200,
) -> Sequence[Activity]:
    """Open activities with no date: their "when" could not be read, or was kept as free text
    (timing kind unknown). They get no reminder, so every list of what is coming names them
    under a heading of their own rather than leave them out. In the plans' order."""
    query: Select[Activity] = select(Activity).where(
        Activity.timing_kind == TimingKind.UNKNOWN,
        Activity.status.not_in(CLOSED_STATUSES),
    )
    query = _narrowed(query, plan_ids, not_plan_ids, person_id)
    query = (
        query.options(selectinload(Activity.responsibles), selectinload(Activity.plan))
        .order_by(Activity.plan_id, Activity.position, Activity.id)
        .limit(limit)
    )
    return session.scalars(query).all()
