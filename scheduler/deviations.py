"""In the tick: an activity left overdue more than ``COMMPLAN_DEVIATION_WORKING_DAYS`` working
days is a deviation; its plan's owner and steering group's chair are told once (outbox key
``deviation:overdue:<activity>:<due day>:<person>``, so replicas and restarts write it once;
moving it and leaving the new date overdue too is told again)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import outbox_row
from scheduler.throttle import ThrottledPlanner
from storage.models import (
    Activity,
    ActivityStatus,
    Plan,
    PlanStatus,
    SteeringGroup,
)
from storage.rules.workdays import working_days

# How many working days after crossing the threshold an overdue activity is still told of.
CROSSING_DAYS = 5


def overdue_rows(
    session: Session, now: dt.datetime, threshold: int, zone: ZoneInfo
) -> list[dict[str, object]]:
    today = now.astimezone(zone).date()
    # Calendar days first (an index range), then the working days in each plan's country.
    rows = session.execute(
        select(Activity, Plan, SteeringGroup.chair_id)
        .join(Plan, Plan.id == Activity.plan_id)
        .outerjoin(SteeringGroup, SteeringGroup.id == Plan.steering_group_id)
        .where(
            Plan.status == PlanStatus.ACTIVE,
            Activity.status.not_in((ActivityStatus.DONE, ActivityStatus.CANCELLED)),
            Activity.next_due < today - dt.timedelta(days=threshold),
            # Told when it crosses the line, not every old overdue activity when this first
            # runs (those are listed by `commplan deviations`): a week of working days to notice.
            Activity.next_due >= today - dt.timedelta(days=2 * threshold + 21),
        )
    ).all()
    found: list[dict[str, object]] = []
    for activity, plan, chair_id in rows:
        due = activity.next_due
        assert due is not None  # by the query
        days = working_days(plan.country).between(due, today)
        if not threshold < days <= threshold + CROSSING_DAYS:
            continue
        payload = {
            "kind": "overdue",
            "activity_id": activity.id,
            "activity": activity.title,
            "plan": plan.name,
            "baseline": activity.baseline_due.isoformat() if activity.baseline_due else None,
            "moved_to": due.isoformat(),
            "working_days": days,
            "reason": None,
        }
        for person_id in dict.fromkeys(p for p in (plan.owner_id, chair_id) if p is not None):
            found.append(
                outbox_row(
                    f"deviation:overdue:{activity.id}:{due.isoformat()}:{person_id}",
                    NoticeKind.DEVIATION,
                    now,
                    plan_id=plan.id,
                    activity_id=activity.id,
                    person_id=person_id,
                    payload=payload,
                )
            )
    return found


class OverduePlanner(ThrottledPlanner):
    name = "overdue deviations"

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        threshold: int,
        zone: str,
        every: dt.timedelta = dt.timedelta(minutes=15),
    ) -> None:
        super().__init__(sessions, every=every)
        self.threshold = threshold
        self.zone = ZoneInfo(zone)

    def rows(self, session: Session, now: dt.datetime) -> list[dict[str, object]]:
        return overdue_rows(session, now, self.threshold, self.zone)
