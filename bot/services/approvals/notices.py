"""What the requester and the steering group's channel hear of a request, queued in the outbox
in the transaction that changes the request: the outcome, each decision while others are
awaited, and the channel message's rewrite (every decision and a withdrawal)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from bot.services.approvals.views import FACTS, view_of
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import insert_rows, outbox_row
from storage.models import Activity, ApprovalDecision, ApprovalRequest, ApprovalStatus, Owner
from storage.repositories import addresses
from storage.repositories import approvals as requests
from storage.repositories import steering as groups
from storage.types import utcnow


def tell_outcome(
    session: Session,
    request: ApprovalRequest,
    activity: Activity,
    state: ApprovalStatus,
    now: dt.datetime,
) -> None:
    """The requester hears of the outcome through the outbox, on whatever surface they use,
    once (the key), whichever surface the decision came from."""
    if request.requested_by_id is None:
        return
    version = requests.current_version(session, request.id)
    insert_rows(
        session,
        [
            outbox_row(
                f"approval_decided:{request.id}:{version.number}",
                NoticeKind.APPROVAL_DECIDED,
                now,
                plan_id=activity.plan_id,
                activity_id=activity.id,
                person_id=request.requested_by_id,
                payload={
                    "request": request.id,
                    "version": version.number,
                    "status": state.value,
                    # What the notice tells, as it is now (every decision, the closing
                    # one with its comment): it may go out after a revision.
                    FACTS: view_of(session, request).as_fact(),
                },
            )
        ],
    )


def tell_decision(
    session: Session,
    request: ApprovalRequest,
    activity: Activity,
    decision: ApprovalDecision,
    version: int,
    *,
    closed: ApprovalStatus,
) -> None:
    """Every decision is heard: by the requester (the outcome's notice tells of the one that
    closes the request) and in the group's channel, if it has one."""
    if closed is ApprovalStatus.PENDING:
        _tell_requester(session, request, activity, decision, version)
    show_in_channel(session, request, activity, version, f"decision:{decision.id}")


def _tell_requester(
    session: Session,
    request: ApprovalRequest,
    activity: Activity,
    decision: ApprovalDecision,
    version: int,
) -> None:
    """One member's decision on a request still waiting for others: the requester hears it at
    once, with its comment, on whatever surface they use, once (the key names the decision).
    A decision that closes the request is told by the outcome's notice instead, which lists
    every decision."""
    if request.requested_by_id is None or request.requested_by_id == decision.person_id:
        return
    insert_rows(
        session,
        [
            outbox_row(
                f"approval_decision:{decision.id}",
                NoticeKind.APPROVAL_DECISION,
                utcnow(),
                plan_id=activity.plan_id,
                activity_id=activity.id,
                person_id=request.requested_by_id,
                payload={
                    "request": request.id,
                    "version": version,
                    "decision": decision.id,
                    FACTS: view_of(session, request).as_fact(),
                },
            )
        ],
    )


def show_in_channel(
    session: Session, request: ApprovalRequest, activity: Activity, version: int | None, what: str
) -> None:
    """The group's channel message shows every decision with its comment, wherever it was made
    (a DM, the App Home, a typed `decide`, the CLI), and a withdrawal: the transport rewrites
    it from the outbox, once (``what`` names the change in the key)."""
    group = groups.by_id(session, request.steering_group_id or 0)
    if group is None or not addresses.has_any(session, Owner.steering_group(group.id)):
        return
    insert_rows(
        session,
        [
            outbox_row(
                f"{NoticeKind.APPROVAL_CHANNEL_UPDATE}:{request.id}:{what}",
                NoticeKind.APPROVAL_CHANNEL_UPDATE,
                utcnow(),
                plan_id=activity.plan_id,
                activity_id=activity.id,
                person_id=None,
                payload={
                    "request": request.id,
                    "version": version,
                    "steering_group_id": request.steering_group_id,
                },
            )
        ],
    )
