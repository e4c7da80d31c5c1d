"""Reading the overlaps across plans: the open activities of active plans by audience (and
by the names no audience holds), worked out by storage.rules.overlaps (docs/coordination.md).

Used by the tick's ``OverlapPlanner`` (scheduler/overlaps.py) and by the services that show
overlaps (a plan's, a digest's).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from itertools import groupby
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import (
    Activity,
    ActivityAudience,
    ActivityName,
    Audience,
    AudienceBudget,
    IntendedOverlap,
    Person,
    Plan,
    PlanStatus,
    Team,
)
from storage.repositories.activities import CLOSED_STATUSES
from storage.repositories.audiences import fold
from storage.rules.overlaps import Collision, GroupedCollision, Overlap, near, over_budget


def _rows(
    session: Session,
    first: dt.date,
    last: dt.date,
    plan_id: int | None = None,
    *,
    names: bool = False,
) -> list[GroupedCollision]:
    """The open activities of the span by audience, or (``names``) by the names no audience
    holds, in order of audience or name, day and id."""
    open_in_span = (
        Activity.status.not_in(CLOSED_STATUSES),
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
    found: list[GroupedCollision] = []
    for row in session.execute(query):
        day = row[6]
        assert day is not None  # by the query
        entry = Collision(row[1], row[2], row[3], row[4], row[5], day, row[7], row[10], row[11])
        group_of: Any = row[0]  # the audience's id, or the folded name
        found.append(GroupedCollision(group_of, entry, row[8], str(row[9]) if names else ""))
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
        found += near(audience_id, name, rows, apart)
        if audience_id in budgets:
            # The channels folded as the budgets' keys are (only where a budget counts them).
            keyed = [dataclasses.replace(r, channel_key=fold(r.entry.channel or "")) for r in rows]
            found += over_budget(audience_id, name, keyed, budgets[audience_id])
    # Names no audience holds: the same name in two plans is one audience (no budget: only an
    # audience has one).
    by_name = groupby(_rows(session, first, last, plan_id, names=True), key=lambda r: r.group)
    for key, group in by_name:
        rows = list(group)
        found += near(None, rows[0].name, rows, apart, same_name=str(key))
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
            Activity.status.not_in(CLOSED_STATUSES),
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
                Activity.status.not_in(CLOSED_STATUSES),
                Activity.next_due > farthest,
            )
        )
        return farthest if later is not None else today
    return min(last, farthest)


def intended_keys(session: Session) -> set[str]:
    return set(session.scalars(select(IntendedOverlap.key)))
