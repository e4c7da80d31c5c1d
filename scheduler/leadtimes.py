"""Lead times: an activity the steering group must approve has to reach it in time.

The group needs ``approval_lead_days`` working days (``COMMPLAN_APPROVAL_LEAD_DAYS`` when it has
set none) to decide. A group that meets on a weekday decides at its last meeting before the
activity is due, so the request is due that many working days before that meeting; a group
without meetings decides whenever, so it is due that many working days before the activity.
Holidays of the plan's country do not count.

An activity planned with less time than that is flagged when it is imported, added, edited or
moved (bot/services/leadtimes.py). The tick's ``LeadTimePlanner`` reminds whoever is
responsible to send it for approval ``REMIND_DAYS`` working days before the latest day, once
(key ``send_for_approval:<activity>:<latest day>:<person>``, so across replicas too; a new date
gives a new latest day and a new reminder).
"""

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
    Person,
    Plan,
    PlanStatus,
    SteeringGroup,
)
from storage.rules.dates import at_local_hour
from storage.rules.leadtimes import NOT_SENT, group_latest_day
from storage.rules.policy import effective_policy
from storage.rules.workdays import working_days

# How many working days before the latest day the reminder to send it goes out.
REMIND_DAYS = 2


class LeadTimePlanner(ThrottledPlanner):
    name = "lead times"

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        default_lead: int,
        every: dt.timedelta = dt.timedelta(minutes=15),
    ) -> None:
        super().__init__(sessions, every=every)
        self.default_lead = default_lead

    def rows(self, session: Session, now: dt.datetime) -> list[dict[str, object]]:
        found: list[dict[str, object]] = []
        candidates = session.execute(
            select(Activity, Plan, SteeringGroup)
            .join(Plan, Plan.id == Activity.plan_id)
            .join(SteeringGroup, SteeringGroup.id == Plan.steering_group_id)
            .where(
                Plan.status == PlanStatus.ACTIVE,
                Activity.requires_approval.is_(True),
                Activity.status.in_(NOT_SENT),
                Activity.next_due >= now.date(),
            )
        ).all()
        for activity, plan, group in candidates:
            latest = group_latest_day(activity, plan, group, self.default_lead)
            if latest is None:
                continue
            remind_day = working_days(plan.country).back(latest, REMIND_DAYS)
            today = now.astimezone(ZoneInfo(plan.time_zone)).date()
            if not remind_day - dt.timedelta(days=1) <= today <= latest + dt.timedelta(days=1):
                continue  # not its time (a day's slack each way for people in other zones)
            policy = effective_policy(plan.reminder_policy, activity.reminder_policy)
            people = [p for p in activity.responsibles if p.active]
            if not people and plan.owner_id is not None and policy.fallback_to_owner:
                owner = session.get(Person, plan.owner_id)
                people = [owner] if owner is not None else []
            for person in people:
                zone = person.time_zone or plan.time_zone
                due_at = at_local_hour(remind_day, policy.hour, zone)
                # From the reminder's moment until the latest day is over; after that the
                # activity is flagged where it is changed, not reminded.
                ends = at_local_hour(latest + dt.timedelta(days=1), 0, zone)
                if not due_at <= now < ends:
                    continue
                found.append(
                    outbox_row(
                        f"send_for_approval:{activity.id}:{latest.isoformat()}:{person.id}",
                        NoticeKind.SEND_FOR_APPROVAL,
                        due_at,
                        plan_id=plan.id,
                        activity_id=activity.id,
                        person_id=person.id,
                        payload={"due": latest.isoformat()},
                    )
                )
        return found
