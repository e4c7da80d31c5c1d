"""Retention: deleting what commplan no longer needs, a little at a time, from the tick.

What goes (docs/data-protection.md has the why):

- **outbox rows** sent or cancelled more than ``COMMPLAN_RETENTION_OUTBOX_DAYS`` ago. A row may
  go only when no planner can write its key again, or the reminder would be sent twice: every
  planner writes rows at most ``late_horizon_hours`` (30 days at most, storage.rules.policy) late,
  which is why the setting is at least 31 days, except the approval request's post in the
  steering channel, written while the request is pending, whose row stays while it is.
  Failed rows stay: someone should look at them (``reminders status``).
- **delegations** that ended more than ``COMMPLAN_RETENTION_DELEGATION_DAYS`` ago (who was away
  when is personal data; a deputy's decisions name whom they decided for themselves).
- **plan files sent in a chat** (``pending_uploads``) that waited for Import or Cancel longer than
  ``UPLOAD_HOURS`` (24): a preview's file is the person's material, kept only for their answer.

Each statement deletes at most ``batch`` rows in a transaction of its own, and one run does at
most ``max_batches`` of them, so a backlog of years drains over some ticks without a long lock.
On PostgreSQL one replica at a time runs it, under a session advisory lock; the others skip.
On SQLite one process runs the scheduler anyway (scheduler.single_runner).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, delete, exists, select, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import Select

from scheduler.outbox.kinds import NoticeKind
from scheduler.throttle import Every
from storage.models import (
    ApprovalRequest,
    ApprovalStatus,
    Delegation,
    OutboxMessage,
    OutboxStatus,
    PendingUpload,
)
from storage.models.uploads import UPLOAD_HOURS
from storage.types import utcnow

log = logging.getLogger(__name__)

# pg_try_advisory_lock's key: a constant no other user of the database takes ("commplan").
ADVISORY_LOCK_KEY = 0x636F6D6D706C616E
# The smallest outbox retention: longer than any planner writes a row late (30 days).
MIN_OUTBOX_DAYS = 31


@dataclass(frozen=True, slots=True)
class RetentionResult:
    outbox: int = 0
    delegations: int = 0
    uploads: int = 0
    skipped: bool = False  # another replica was at it, or it ran a moment ago


class Retention:
    """Call it from the tick; it does its work at most every ``every``."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        outbox_days: int,
        delegation_days: int,
        batch: int = 500,
        max_batches: int = 10,
        every: dt.timedelta = dt.timedelta(minutes=10),
    ) -> None:
        if outbox_days < MIN_OUTBOX_DAYS:
            raise ValueError(f"outbox retention must be at least {MIN_OUTBOX_DAYS} days")
        bind = sessions.kw.get("bind")
        if not isinstance(bind, Engine):
            raise TypeError("retention needs sessions bound to an engine")
        self.engine = bind
        self.outbox_days = outbox_days
        self.delegation_days = delegation_days
        self.batch = batch
        self.max_batches = max_batches
        self.every = Every(every)

    def __call__(self, now: dt.datetime | None = None) -> RetentionResult:
        now = now or utcnow()
        if not self.every.due(now):
            return RetentionResult(skipped=True)
        with self.engine.connect() as connection:
            if not _try_lock(connection):
                return RetentionResult(skipped=True)
            try:
                budget = [self.max_batches]
                outbox = self._purge(connection, self._old_outbox(now), OutboxMessage.id, budget)
                delegations = self._purge(
                    connection, self._ended_delegations(now), Delegation.id, budget
                )
                uploads = self._purge(connection, self._old_uploads(now), PendingUpload.id, budget)
            finally:
                _unlock(connection)
        if outbox or delegations or uploads:
            log.info(
                "retention: %d outbox rows, %d delegations, %d uploads deleted",
                outbox,
                delegations,
                uploads,
            )
        return RetentionResult(outbox, delegations, uploads)

    def _old_outbox(self, now: dt.datetime) -> Select[int]:
        cutoff = now - dt.timedelta(days=self.outbox_days)
        pending_request = exists().where(
            ApprovalRequest.activity_id == OutboxMessage.activity_id,
            ApprovalRequest.status == ApprovalStatus.PENDING,
        )
        return (
            select(OutboxMessage.id)
            .where(
                OutboxMessage.status.in_([OutboxStatus.SENT, OutboxStatus.CANCELLED]),
                OutboxMessage.due_at < cutoff,
                ~((OutboxMessage.kind == NoticeKind.APPROVAL_CHANNEL) & pending_request),
            )
            .order_by(OutboxMessage.due_at)
        )

    def _ended_delegations(self, now: dt.datetime) -> Select[int]:
        cutoff = now - dt.timedelta(days=self.delegation_days)
        return select(Delegation.id).where(Delegation.ends_at < cutoff).order_by(Delegation.id)

    @staticmethod
    def _old_uploads(now: dt.datetime) -> Select[int]:
        cutoff = now - dt.timedelta(hours=UPLOAD_HOURS)
        return (
            select(PendingUpload.id)
            .where(PendingUpload.created_at < cutoff)
            .order_by(PendingUpload.id)
        )

    def _purge(self, connection: Connection, old: Select[int], key: Any, budget: list[int]) -> int:
        """Delete ``old``'s rows (``key`` their id column), ``batch`` per transaction, while
        ``budget`` lasts."""
        table = key.class_
        deleted = 0
        while budget[0] > 0:
            budget[0] -= 1
            with connection.begin():
                ids = connection.scalars(old.limit(self.batch)).all()
                if ids:
                    connection.execute(delete(table).where(key.in_(ids)))
            deleted += len(ids)
            if len(ids) < self.batch:
                break
        return deleted


def _try_lock(connection: Connection) -> bool:
    if connection.dialect.name != "postgresql":
        return True
    got = bool(
        connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
    )
    connection.commit()
    return got


def _unlock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
        connection.commit()
