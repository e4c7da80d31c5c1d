"""Lead times, for people: is an activity that needs approval planned with enough time for its
steering group? (scheduler/leadtimes.py has the rule.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from bot.services.activities import require_activity
from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.permissions import Gate, Permission
from storage.models import Activity, SteeringGroup
from storage.rules.leadtimes import group_latest_day


@dataclass(frozen=True, slots=True)
class LateForApproval:
    """Planned with less time than the steering group needs: the latest day has passed."""

    activity_id: int
    title: str
    due: dt.date
    latest: dt.date

    def as_json(self) -> dict[str, Any]:
        return {
            "activity_id": self.activity_id,
            "activity": self.title,
            "due": self.due.isoformat(),
            "latest": self.latest.isoformat(),
        }


def late_for_approval(
    session: Session, found: Iterable[Activity], today: dt.date, default_lead: int
) -> list[LateForApproval]:
    """Of ``found``, the activities whose latest day to send for approval is before today."""
    late: list[LateForApproval] = []
    groups: dict[int, SteeringGroup | None] = {}
    for activity in found:
        plan = activity.plan
        group_id = plan.steering_group_id
        if group_id is None:
            continue
        if group_id not in groups:
            groups[group_id] = session.get(SteeringGroup, group_id)
        latest = group_latest_day(activity, plan, groups[group_id], default_lead)
        if latest is not None and latest < today and activity.next_due is not None:
            late.append(LateForApproval(activity.id, activity.title, activity.next_due, latest))
    return late


class LeadTimeService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def check(self, activity_id: int, actor: Actor) -> LateForApproval | None:
        """Whether the activity is now too late for its steering group (after a change)."""
        with self.context.sessions() as session:
            activity = require_activity(session, activity_id)
            self.gate.require(
                session, actor, Permission.READ, action="activity.lead_time", activity=activity
            )
            today = self.context.today(activity.plan.time_zone)
            lead = self.context.settings.approval_lead_days
            late = late_for_approval(session, [activity], today, lead)
            return late[0] if late else None
