"""Approval requests in the tick: reminding approvers, and expiring what waits too long.

Every tick, for each pending request:

- **Expiry**: a request still pending at local midnight starting the activity's due day (less
  the plan's ``approval_expiry_days``) expires; the activity goes back to planned, the audit log
  says so, and the plan owner is told ("approval_expired").
- **Reminders to approvers**: each decider the request waits for (a member with an empty seat,
  or their deputy while they are away; the chair under a chair-only rule) gets
  "approval_requested" when a version is made, then "approval_nudge" every
  ``overdue_every_working_days`` working days at the policy's hour in their zone, at most
  ``overdue_max`` times. A decider who decides, or a request that closes, has its pending
  notices cancelled. With no channel, the chair (and whoever stands in for the chair now)
  gets "approval_requested" too, under any rule: they may decide alone.
- **Expiring**: the requester is warned ("approval_expiring") at the policy's hour of the
  working day before the request expires, while it is still pending.

The keys name request, version, round and person, so replicas write each notice once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import LOOKAHEAD, cancel_rows, insert_rows, outbox_row
from storage.models import (
    Activity,
    ActivityStatus,
    ApprovalRequest,
    ApprovalStatus,
    Origin,
    OutboxMessage,
    OutboxStatus,
    Owner,
    Person,
    Plan,
)
from storage.repositories import addresses, audit
from storage.repositories import approvals as requests
from storage.repositories import steering as groups
from storage.rules.approvals import chair_seats, deciders_waited_for
from storage.rules.dates import at_local_hour
from storage.rules.policy import ReminderPolicy, effective_policy
from storage.rules.workdays import working_days
from storage.types import utcnow

log = logging.getLogger(__name__)

APPROVER_KINDS = frozenset({NoticeKind.APPROVAL_REQUESTED, NoticeKind.APPROVAL_NUDGE})


@dataclass(frozen=True, slots=True)
class ApprovalTickResult:
    expired: int = 0
    written: int = 0
    cancelled: int = 0


def expiry_of(activity: Activity, plan: Plan, policy: ReminderPolicy) -> dt.datetime | None:
    """When a pending request about ``activity`` expires (None: the activity has no date)."""
    if activity.next_due is None:
        return None
    day = activity.next_due - dt.timedelta(days=policy.approval_expiry_days)
    return dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(plan.time_zone)).astimezone(dt.UTC)


class ApprovalPlanner:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def __call__(self, now: dt.datetime | None = None) -> ApprovalTickResult:
        now = now or utcnow()
        expired = written = 0
        rows: list[dict[str, object]] = []
        scheduled: set[str] = set()
        with self.sessions.begin() as session:
            pending = session.scalars(
                select(ApprovalRequest)
                .where(ApprovalRequest.status == ApprovalStatus.PENDING)
                .order_by(ApprovalRequest.id)
            ).all()
            for request in pending:
                activity = session.get(Activity, request.activity_id)
                if activity is None:
                    continue
                plan = activity.plan
                policy = effective_policy(plan.reminder_policy, activity.reminder_policy)
                expires = expiry_of(activity, plan, policy)
                if request.expires_at != expires:
                    request.expires_at = expires
                if expires is not None and expires <= now:
                    expired += self._expire(session, request, activity, plan, now)
                    continue
                rows += self._approver_rows(
                    session,
                    request,
                    activity=activity,
                    plan=plan,
                    policy=policy,
                    now=now,
                    scheduled=scheduled,
                )
                if expires is not None:
                    rows += self._expiring_rows(
                        session,
                        request,
                        activity=activity,
                        plan=plan,
                        policy=policy,
                        moments=(expires, now),
                        scheduled=scheduled,
                    )
            written = insert_rows(session, rows)
            stale = session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.status == OutboxStatus.PENDING,
                    OutboxMessage.kind.in_(APPROVER_KINDS | {NoticeKind.APPROVAL_EXPIRING}),
                    OutboxMessage.key.not_in(scheduled)
                    if scheduled
                    else OutboxMessage.id.is_not(None),
                )
            ).all()
            cancelled = cancel_rows(session, stale, "no longer waited for")
        if expired or written:
            log.info("approvals: %d expired, %d notices written", expired, written)
        return ApprovalTickResult(expired, written, cancelled)

    def _expire(
        self,
        session: Session,
        request: ApprovalRequest,
        activity: Activity,
        plan: Plan,
        now: dt.datetime,
    ) -> int:
        if not requests.claim_revision(session, request.id, request.revision):
            return 0  # another replica expired it (or someone decided) this instant
        session.refresh(request)
        request.status = ApprovalStatus.EXPIRED
        request.decided_at = now
        if activity.status is ActivityStatus.AWAITING_APPROVAL:
            activity.status = ActivityStatus.PLANNED
            activity.sequence += 1
        audit.record(
            session,
            action="approval.expire",
            entity="approval",
            entity_id=request.id,
            plan_id=plan.id,
            origin=Origin.SCHEDULER,
            actor_text="commplan",
            details={"due": activity.next_due.isoformat() if activity.next_due else None},
        )
        if plan.owner_id is not None:
            insert_rows(
                session,
                [
                    outbox_row(
                        f"approval_expired:{request.id}:{plan.owner_id}",
                        NoticeKind.APPROVAL_EXPIRED,
                        now,
                        plan_id=plan.id,
                        activity_id=activity.id,
                        person_id=plan.owner_id,
                        payload={"request": request.id},
                    )
                ],
            )
        return 1

    def _approver_rows(
        self,
        session: Session,
        request: ApprovalRequest,
        *,
        activity: Activity,
        plan: Plan,
        policy: ReminderPolicy,
        now: dt.datetime,
        scheduled: set[str],
    ) -> list[dict[str, object]]:
        group = groups.by_id(session, request.steering_group_id or 0)
        if group is None:
            return []
        version = requests.current_version(session, request.id)
        rules = groups.as_rules_group(session, group, now)
        waited = deciders_waited_for(
            rules, requests.votes(session, version.id), requester=request.requested_by_id
        )
        days = working_days(plan.country)
        horizon = now - dt.timedelta(hours=policy.late_horizon_hours)
        rows: list[dict[str, object]] = []
        # A group with a channel (on any surface) gets the request there, with the buttons.
        in_channel = addresses.has_any(session, Owner.steering_group(group.id))
        if in_channel:
            rows.append(
                outbox_row(
                    f"{NoticeKind.APPROVAL_CHANNEL}:{request.id}:{version.number}",
                    NoticeKind.APPROVAL_CHANNEL,
                    version.created_at,
                    plan_id=plan.id,
                    activity_id=activity.id,
                    person_id=None,
                    payload={
                        "request": request.id,
                        "version": version.number,
                        "steering_group_id": group.id,
                    },
                )
            )
        # No channel: the chair, who may decide alone, is asked directly under any rule (only
        # those the rule waits for are nudged).
        chairs = [] if in_channel else chair_seats(rules, requester=request.requested_by_id)
        for person_id in sorted(set(waited) | set(chairs)):
            person = session.get(Person, person_id)
            if person is None or not person.active:
                continue
            zone = person.time_zone or plan.time_zone
            asked = version.created_at.astimezone(ZoneInfo(zone)).date()
            # Asked in the group's channel already: the first direct message would repeat it.
            moments = [] if in_channel else [(0, NoticeKind.APPROVAL_REQUESTED, version.created_at)]
            for round_ in range(1, policy.overdue_max + 1 if person_id in waited else 1):
                day = days.add(asked, round_ * policy.overdue_every_working_days)
                moments.append(
                    (round_, NoticeKind.APPROVAL_NUDGE, at_local_hour(day, policy.hour, zone))
                )
            for round_, kind, due_at in moments:
                key = f"approval:{request.id}:{version.number}:{round_}:{person_id}"
                scheduled.add(key)
                if due_at > now + LOOKAHEAD or due_at < horizon:
                    continue
                rows.append(
                    outbox_row(
                        key,
                        kind,
                        due_at,
                        plan_id=plan.id,
                        activity_id=activity.id,
                        person_id=person_id,
                        payload={
                            "request": request.id,
                            "version": version.number,
                            # The draft asked about: the notice shows it even if it goes out
                            # after a revision (and then says so).
                            "draft": {
                                "text": version.text,
                                "link": version.link,
                                "file_ref": version.file_ref,
                            },
                        },
                    )
                )
        return rows

    def _expiring_rows(
        self,
        session: Session,
        request: ApprovalRequest,
        *,
        activity: Activity,
        plan: Plan,
        policy: ReminderPolicy,
        moments: tuple[dt.datetime, dt.datetime],
        scheduled: set[str],
    ) -> list[dict[str, object]]:
        """The requester's warning, the working day before ``expires`` at the policy's hour in
        their zone. The key names the day it expires: a request whose activity moves is
        warned again of its new day."""
        expires, now = moments
        person = session.get(Person, request.requested_by_id or 0)
        if person is None or not person.active:
            return []
        zone = person.time_zone or plan.time_zone
        # Expiry is local midnight starting its day: the day before it is the last whole day.
        last = (expires.astimezone(ZoneInfo(plan.time_zone)) - dt.timedelta(days=1)).date()
        day = working_days(plan.country).on_or_before(last)
        due_at = at_local_hour(day, policy.hour, zone)
        key = (
            f"{NoticeKind.APPROVAL_EXPIRING}:{request.id}:{last + dt.timedelta(days=1)}:{person.id}"
        )
        scheduled.add(key)
        horizon = now - dt.timedelta(hours=policy.late_horizon_hours)
        if due_at > now + LOOKAHEAD or due_at < horizon or due_at >= expires:
            return []
        return [
            outbox_row(
                key,
                NoticeKind.APPROVAL_EXPIRING,
                due_at,
                plan_id=plan.id,
                activity_id=activity.id,
                person_id=person.id,
                payload={
                    "request": request.id,
                    "expires": (last + dt.timedelta(days=1)).isoformat(),
                },
            )
        ]
