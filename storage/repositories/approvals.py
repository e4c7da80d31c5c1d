"""Approval requests, their versions and decisions."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import (
    Activity,
    ApprovalDecision,
    ApprovalRequest,
    ApprovalStatus,
    ApprovalVersion,
    OutboxMessage,
    OutboxStatus,
)
from storage.rules.approvals import Vote

OPEN = (ApprovalStatus.PENDING, ApprovalStatus.CHANGES_REQUESTED)


def by_id(session: Session, request_id: int) -> ApprovalRequest | None:
    return session.get(ApprovalRequest, request_id)


def open_for_activity(session: Session, activity_id: int) -> ApprovalRequest | None:
    return session.scalars(
        select(ApprovalRequest).where(
            ApprovalRequest.activity_id == activity_id, ApprovalRequest.status.in_(OPEN)
        )
    ).first()


def versions(session: Session, request_id: int) -> Sequence[ApprovalVersion]:
    return session.scalars(
        select(ApprovalVersion)
        .where(ApprovalVersion.request_id == request_id)
        .order_by(ApprovalVersion.number)
    ).all()


def current_version(session: Session, request_id: int) -> ApprovalVersion:
    return session.scalars(
        select(ApprovalVersion)
        .where(ApprovalVersion.request_id == request_id)
        .order_by(ApprovalVersion.number.desc())
        .limit(1)
    ).one()


def decisions(session: Session, request_id: int) -> Sequence[ApprovalDecision]:
    return session.scalars(
        select(ApprovalDecision)
        .where(ApprovalDecision.request_id == request_id)
        .order_by(ApprovalDecision.id)
    ).all()


def votes(session: Session, version_id: int) -> list[Vote]:
    """The decisions on one version, as the rules count them."""
    rows = session.scalars(
        select(ApprovalDecision)
        .where(ApprovalDecision.version_id == version_id)
        .order_by(ApprovalDecision.id)
    ).all()
    return [
        Vote(
            person=row.person_id,
            seat=None if row.for_group else (row.on_behalf_of_id or row.person_id),
            capacity=row.capacity,
            on_behalf_of=row.on_behalf_of_id,
            decision=row.decision,
        )
        for row in rows
    ]


def by_idempotency_key(session: Session, key: str) -> ApprovalDecision | None:
    return session.scalars(
        select(ApprovalDecision).where(ApprovalDecision.idempotency_key == key)
    ).one_or_none()


def claim_revision(session: Session, request_id: int, seen: int) -> bool:
    """Move the request on from revision ``seen``; False if someone else did first.

    Every change to a request goes through this conditional UPDATE first: on PostgreSQL a
    second writer waits for the first to commit and then finds the revision moved; on SQLite
    the write lock serialises them the same way. So two decisions racing leave one outcome.
    """
    result = session.execute(
        update(ApprovalRequest)
        .where(ApprovalRequest.id == request_id, ApprovalRequest.revision == seen)
        .values(revision=seen + 1)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0)) == 1


def listing(
    session: Session,
    *,
    plan_id: int | None = None,
    status: ApprovalStatus | None = None,
    group_ids: Collection[int] | None = None,
) -> Sequence[ApprovalRequest]:
    query = select(ApprovalRequest).join(Activity, Activity.id == ApprovalRequest.activity_id)
    if plan_id is not None:
        query = query.where(Activity.plan_id == plan_id)
    if group_ids is not None:
        query = query.where(ApprovalRequest.steering_group_id.in_(sorted(group_ids)))
    if status is not None:
        query = query.where(ApprovalRequest.status == status)
    return session.scalars(query.order_by(ApprovalRequest.id)).all()


def channel_message(session: Session, request_id: int, version: int | None) -> str | None:
    """Where the request's version (None: its newest posted one) was posted in its group's
    channel (the transport's message id, e.g. Slack's "channel:ts"); None before."""
    key = OutboxMessage.key == f"approval_channel:{request_id}:{version}"
    if version is None:
        key = OutboxMessage.key.startswith(f"approval_channel:{request_id}:", autoescape=True)
    return session.scalar(
        select(OutboxMessage.external_id)
        .where(key, OutboxMessage.status == OutboxStatus.SENT)
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
