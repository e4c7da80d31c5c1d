"""Closing the loop in the tick: the follow-up question after done, and the weekly digests.

- **Follow-up**: ``followup_days`` (policy) after an activity was marked done, on the next
  working day at the policy's hour in the recipient's zone, its responsible people (else whoever
  marked it done, else the plan owner) are asked whether the expected reaction happened. Once an
  outcome is recorded, or the activity is reopened, pending questions are cancelled.
- **Weekly digest** to the steering group (person None, its channel): on the policy's
  ``digest_weekday`` at ``digest_hour`` in the plan's zone, moved to the next working day when
  that is a holiday; written only when the moment has come and the week has something to say.
  A group with no channel (on no surface) gets it as its approval requests: each member and the
  chair, one row each, on their own surface (an e-mail-only group by e-mail).
- **Personal digest** for people who opted in: Monday (next working day) 09:00 in their zone,
  their own week; nothing when there is nothing.

Keys name the activity and person, or the plan or person and the ISO week, so each goes out once
per week across replicas and restarts.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import LOOKAHEAD, cancel_rows, insert_rows, outbox_row
from storage.models import (
    Activity,
    ActivityResponsible,
    ActivityStatus,
    OutboxMessage,
    OutboxStatus,
    Owner,
    Person,
    Plan,
    PlanStatus,
    SteeringGroup,
)
from storage.repositories import addresses, steering
from storage.repositories.digests import week_content
from storage.rules.dates import at_local_hour, week_of
from storage.rules.policy import ReminderPolicy, effective_policy
from storage.rules.workdays import working_days
from storage.types import utcnow

log = logging.getLogger(__name__)

# Done activities this recent may still be asked about (a follow-up is at most 365 days on).
_FOLLOWUP_WINDOW = dt.timedelta(days=400)


@dataclass(frozen=True, slots=True)
class LoopResult:
    followups: int = 0
    digests: int = 0
    cancelled: int = 0


class LoopPlanner:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def __call__(self, now: dt.datetime | None = None) -> LoopResult:
        now = now or utcnow()
        with self.sessions.begin() as session:
            followups = insert_rows(session, self._followups(session, now))
            cancelled = cancel_rows(session, self._answered(session), "answered or reopened")
            digests = insert_rows(session, self._digests(session, now))
            digests += insert_rows(session, self._personal(session, now))
        if followups or digests:
            log.info("loop: %d follow-up questions, %d digests", followups, digests)
        return LoopResult(followups, digests, cancelled)

    def _followups(self, session: Session, now: dt.datetime) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        done = session.scalars(
            select(Activity).where(
                Activity.status == ActivityStatus.DONE,
                Activity.reaction_outcome.is_(None),
                Activity.done_at >= now - _FOLLOWUP_WINDOW,
            )
        ).all()
        for activity in done:
            plan = activity.plan
            policy = effective_policy(plan.reminder_policy, activity.reminder_policy)
            if policy.followup_days == 0 or activity.done_at is None:
                continue
            recipients = [person for person in activity.responsibles if person.active]
            if not recipients:
                fallback = activity.done_by_id or plan.owner_id
                person = session.get(Person, fallback) if fallback else None
                recipients = [person] if person is not None else []
            days = working_days(plan.country)
            for person in recipients:
                zone = person.time_zone or plan.time_zone
                done_day = activity.done_at.astimezone(ZoneInfo(zone)).date()
                day = days.on_or_after(done_day + dt.timedelta(days=policy.followup_days))
                due_at = at_local_hour(day, policy.hour, zone)
                horizon = now - dt.timedelta(hours=policy.late_horizon_hours)
                if due_at > now + LOOKAHEAD or due_at < horizon:
                    continue
                rows.append(
                    outbox_row(
                        f"followup:{activity.id}:{person.id}",
                        NoticeKind.FOLLOWUP,
                        due_at,
                        plan_id=plan.id,
                        activity_id=activity.id,
                        person_id=person.id,
                        payload={"done": done_day.isoformat()},
                    )
                )
        return rows

    def _answered(self, session: Session) -> list[int]:
        return list(
            session.scalars(
                select(OutboxMessage.id)
                .join(Activity, Activity.id == OutboxMessage.activity_id)
                .where(
                    OutboxMessage.kind == NoticeKind.FOLLOWUP,
                    OutboxMessage.status == OutboxStatus.PENDING,
                    # Answered, or no longer done (reopened): the question is moot either way.
                    or_(
                        Activity.reaction_outcome.is_not(None),
                        Activity.status != ActivityStatus.DONE,
                    ),
                )
            )
        )

    def _digests(self, session: Session, now: dt.datetime) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        plans = session.scalars(
            select(Plan).where(
                Plan.status == PlanStatus.ACTIVE, Plan.steering_group_id.is_not(None)
            )
        ).all()
        for plan in plans:
            group = session.get(SteeringGroup, plan.steering_group_id)
            if group is None:
                continue
            in_channel = addresses.has_any(session, Owner.steering_group(group.id))
            policy = effective_policy(plan.reminder_policy)
            zone = ZoneInfo(plan.time_zone)
            week = week_of(now.astimezone(zone).date(), zone)
            day = working_days(plan.country).on_or_after(
                week.monday + dt.timedelta(days=policy.digest_weekday)
            )
            due_at = at_local_hour(day, policy.digest_hour, plan.time_zone)
            # Written when its moment has come (what it says is read then), within the horizon.
            if not due_at <= now < due_at + dt.timedelta(hours=policy.late_horizon_hours):
                continue
            if week_content(session, week, plan_id=plan.id).empty:
                continue
            year, number, _ = week.monday.isocalendar()
            key = f"digest:{plan.id}:{year}-W{number:02d}"
            payload = {"week": week.monday.isoformat(), "steering_group_id": group.id}
            readers: list[int | None] = [None] if in_channel else list(_seated(session, group))
            for person_id in readers:
                rows.append(
                    outbox_row(
                        key if person_id is None else f"{key}:{person_id}",
                        NoticeKind.DIGEST,
                        due_at,
                        plan_id=plan.id,
                        activity_id=None,
                        person_id=person_id,
                        payload=payload,
                    )
                )
        return rows

    def _personal(self, session: Session, now: dt.datetime) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        default = ReminderPolicy()
        for person in session.scalars(
            select(Person).where(Person.weekly_digest.is_(True), Person.active.is_(True))
        ):
            # The person's plans say which country's holidays and which zone, failing their own.
            plan = session.scalars(
                select(Plan)
                .join(Activity, Activity.plan_id == Plan.id)
                .join(ActivityResponsible, ActivityResponsible.activity_id == Activity.id)
                .where(ActivityResponsible.person_id == person.id)
                .limit(1)
            ).first()
            zone_name = person.time_zone or (plan.time_zone if plan else "Europe/Copenhagen")
            zone = ZoneInfo(zone_name)
            week = week_of(now.astimezone(zone).date(), zone)
            day = working_days(plan.country if plan else "DK").on_or_after(week.monday)
            due_at = at_local_hour(day, default.digest_hour, zone_name)
            if not due_at <= now < due_at + dt.timedelta(hours=default.late_horizon_hours):
                continue
            content = week_content(session, week, person_id=person.id)
            if not (content.due or content.overdue):
                continue
            year, number, _ = week.monday.isocalendar()
            rows.append(
                outbox_row(
                    f"digest_person:{person.id}:{year}-W{number:02d}",
                    NoticeKind.DIGEST_PERSON,
                    due_at,
                    plan_id=None,
                    activity_id=None,
                    person_id=person.id,
                    payload={"week": week.monday.isoformat()},
                )
            )
        return rows


def _seated(session: Session, group: SteeringGroup) -> list[int]:
    """The active members and chair of a group, to reach one by one (in id order)."""
    seated = steering.seated_of_many(session, [group.id]).get(group.id, [])
    return [person.id for person in seated if person.active]
