"""What a weekly digest reads: a plan's (or a person's) week, in a few queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import (
    Activity,
    ActivityResponsible,
    ActivityStatus,
    ApprovalRequest,
    ApprovalStatus,
)
from storage.rules.dates import Week

CLOSED = (ActivityStatus.DONE, ActivityStatus.CANCELLED)


@dataclass(frozen=True, slots=True)
class WeekContent:
    done: Sequence[Activity]
    due: Sequence[Activity]
    overdue: Sequence[Activity]
    approvals: Sequence[tuple[ApprovalRequest, Activity]]
    outcomes: Sequence[Activity]

    @property
    def empty(self) -> bool:
        return not (self.done or self.due or self.overdue or self.approvals or self.outcomes)


def _scoped(query: Any, plan_id: int | None, person_id: int | None) -> Any:
    # Any: Select is generic over its columns; this narrows selects of Activity.
    if plan_id is not None:
        query = query.where(Activity.plan_id == plan_id)
    if person_id is not None:
        query = query.where(
            Activity.id.in_(
                select(ActivityResponsible.activity_id).where(
                    ActivityResponsible.person_id == person_id
                )
            )
        )
    return query


def week_content(
    session: Session, week: Week, *, plan_id: int | None = None, person_id: int | None = None
) -> WeekContent:
    """Done last week, due this week, overdue, approvals waiting, follow-up outcomes."""
    loaded = select(Activity).options(selectinload(Activity.responsibles))

    def activities(*conditions: Any) -> Sequence[Activity]:
        query = _scoped(loaded.where(*conditions), plan_id, person_id)
        found: Sequence[Activity] = session.scalars(
            query.order_by(Activity.next_due, Activity.id)
        ).all()
        return found

    done = activities(
        Activity.status == ActivityStatus.DONE,
        Activity.done_at >= week.last_week_from,
        Activity.done_at < week.last_week_until,
    )
    due = activities(
        Activity.status.not_in(CLOSED),
        Activity.next_due >= week.monday,
        Activity.next_due <= week.sunday,
    )
    overdue = activities(Activity.status.not_in(CLOSED), Activity.next_due < week.monday)
    outcomes = activities(
        Activity.reaction_at >= week.last_week_from,
        Activity.reaction_at < week.last_week_until,
    )
    approvals: list[tuple[ApprovalRequest, Activity]] = []
    if person_id is None:
        query = (
            select(ApprovalRequest, Activity)
            .join(Activity, Activity.id == ApprovalRequest.activity_id)
            .where(ApprovalRequest.status == ApprovalStatus.PENDING)
            .order_by(ApprovalRequest.created_at)
        )
        if plan_id is not None:
            query = query.where(Activity.plan_id == plan_id)
        approvals = [(row[0], row[1]) for row in session.execute(query)]
    return WeekContent(done, due, overdue, approvals, outcomes)
