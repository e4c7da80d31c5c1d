"""Draining the outbox: claim due rows atomically, deliver, and mark them sent only after.

The protocol (ARCHITECTURE.md, "Claiming works on both databases"):

- **claim**: a conditional ``UPDATE outbox SET claimed_until = now + lease, claim_token = NEW
  WHERE id = :id AND status = 'pending' AND claimed_until < :now``. Exactly one process can
  win it: on PostgreSQL a concurrent updater waits for the row lock and then finds the condition
  false; on SQLite writers are serialised. On PostgreSQL the candidates are read with
  ``FOR UPDATE SKIP LOCKED`` so that replicas do not queue behind each other (SQLAlchemy drops
  that clause on SQLite, which is why the conditional UPDATE, not the SELECT, is the guarantee).
- **deliver** through the ``Notifier``.
- **mark** ``sent`` with ``WHERE claim_token = :token``: a process whose lease expired and was
  taken over cannot mark the row (fencing). A crash between delivering and marking leaves the
  row pending; after the lease it is delivered again (at-least-once). Transports that can look
  up what they already sent (Slack message metadata carries the key) close that window.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import secrets
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, Result, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from scheduler.notifier import DeliveryError, Notice, Notifier
from storage.models import OutboxMessage, OutboxStatus, Plan
from storage.models.outbox import NEVER
from storage.types import utcnow

log = logging.getLogger(__name__)

DEFAULT_LEASE = dt.timedelta(minutes=2)
# A temporary failure without Retry-After waits this long times the attempt number.
BACKOFF = dt.timedelta(seconds=30)
MAX_ATTEMPTS = 8
SEND_MARGIN = dt.timedelta(seconds=20)
# The notice the plan owner gets when another could not be delivered for good.
FAILURE_KIND = "delivery_failed"


@dataclass(frozen=True, slots=True)
class Claim:
    row_id: int
    token: str
    notice: Notice
    until: dt.datetime  # when the lease ends and another process may take the row over


@dataclass(frozen=True, slots=True)
class DrainResult:
    sent: int = 0
    failed: int = 0
    retried: int = 0
    lost: int = 0  # delivered, but the claim had been taken over meanwhile
    released: int = 0  # not sent: too little of the lease was left; claimable again at once


class OutboxDrain:
    """One process's sender; call it from the scheduler's tick."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        notifier: Notifier,
        *,
        worker: str | None = None,
        lease: dt.timedelta = DEFAULT_LEASE,
        batch: int = 100,
        workers: int = 8,
    ) -> None:
        self.sessions = sessions
        self.notifier = notifier
        self.worker = worker or f"worker-{secrets.token_hex(4)}"
        self.lease = lease
        self.batch = batch
        self.workers = workers
        # A send may take up to the chat client's timeout (15 s); it starts only with at least
        # this much of the lease left.
        self.send_margin = min(SEND_MARGIN, lease / 2)
        # SQLite takes one writer at a time and makes the others sleep and retry (busy_timeout):
        # the sending threads of this process queue here instead. PostgreSQL needs no lock.
        bind = sessions.kw.get("bind")
        sqlite = bind is not None and bind.dialect.name == "sqlite"
        self._write_lock: AbstractContextManager[object] = (
            threading.Lock() if sqlite else nullcontext()
        )
        self._last_sent: dict[str, dt.datetime] = {}  # recipient -> when last sent to

    def claim(self, now: dt.datetime) -> list[Claim]:
        """Claim up to ``batch`` due rows, each this process's until its lease ends."""
        claims: list[Claim] = []
        with self.sessions.begin() as session:
            candidates = session.scalars(
                select(OutboxMessage)
                .where(
                    OutboxMessage.status == OutboxStatus.PENDING,
                    OutboxMessage.due_at <= now,
                    OutboxMessage.claimed_until < now,
                )
                .order_by(OutboxMessage.due_at, OutboxMessage.id)
                .limit(self.batch)
                .with_for_update(skip_locked=True)
            ).all()
            for row in candidates:
                token = secrets.token_hex(16)
                won = _rowcount(
                    session.execute(
                        update(OutboxMessage)
                        .where(
                            OutboxMessage.id == row.id,
                            OutboxMessage.status == OutboxStatus.PENDING,
                            OutboxMessage.claimed_until < now,
                        )
                        .values(
                            claimed_by=self.worker,
                            claimed_until=now + self.lease,
                            claim_token=token,
                            attempts=OutboxMessage.attempts + 1,
                        )
                        .execution_options(synchronize_session=False)
                    )
                )
                if won == 1:
                    notice = notice_of(row, attempt=row.attempts + 1)
                    claims.append(Claim(row.id, token, notice, now + self.lease))
        return claims

    def _finish(self, claim: Claim, **values: object) -> bool:
        """Update a claimed row only if the claim is still ours; False if it was taken over."""
        with self._write_lock, self.sessions.begin() as session:
            changed = _rowcount(
                session.execute(
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id == claim.row_id,
                        OutboxMessage.claim_token == claim.token,
                        OutboxMessage.status == OutboxStatus.PENDING,
                    )
                    .values(**values)
                    .execution_options(synchronize_session=False)
                )
            )
        return changed == 1

    def _pace(self, notice: Notice) -> None:
        """Wait, if need be, so one recipient gets at most one message per ``min_interval``.

        Claims are interleaved by recipient first, so waiting is the exception: 10,000
        reminders to 50 people go out 50 at a time, not 200 to one person in a row.
        """
        interval = self.notifier.min_interval
        if interval <= 0:
            return
        recipient = _recipient(notice)
        last = self._last_sent.get(recipient)
        # The clock the rest of the outbox uses (and tests travel in); a step of the wall
        # clock makes one wait shorter or skips it, never longer than ``interval``.
        since = (utcnow() - last).total_seconds() if last is not None else interval
        if 0 <= since < interval:
            time.sleep(interval - since)
        self._last_sent[recipient] = utcnow()

    def _tell_owner(self, claim: Claim, error: str) -> None:
        """Queue a message to the plan owner that a notice could not be delivered.

        Not for a notice to the owner itself, nor for such a message (no loop).
        """
        notice = claim.notice
        if notice.plan_id is None or notice.kind == FAILURE_KIND:
            return
        with self.sessions.begin() as session:
            owner_id = session.scalar(select(Plan.owner_id).where(Plan.id == notice.plan_id))
            if owner_id is None or owner_id == notice.person_id:
                return
            dialect = session.get_bind().dialect.name
            module = postgresql if dialect == "postgresql" else sqlite
            session.execute(
                module.insert(OutboxMessage)
                .values(
                    key=f"{FAILURE_KIND}:{notice.key}"[:255],
                    kind=FAILURE_KIND,
                    plan_id=notice.plan_id,
                    activity_id=notice.activity_id,
                    person_id=owner_id,
                    due_at=utcnow(),
                    payload={
                        "failed_key": notice.key,
                        "failed_kind": notice.kind,
                        "failed_person_id": notice.person_id,
                        "error": error[:500],
                    },
                )
                .on_conflict_do_nothing(index_elements=["key"])
            )

    def __call__(self) -> DrainResult:
        """Deliver everything due now; the scheduler's tick.

        With ``workers`` > 1, recipients are served by that many threads at once (a chat API
        call takes 100-300 ms; one at a time would send a few messages a second), each
        recipient's messages in order and paced by one thread.
        """
        queues = _by_recipient(self.claim(utcnow()))
        # Each thread serves its share of the recipients in rounds, so that pacing one
        # recipient rarely makes the thread wait: it sends to the others meanwhile.
        shares = [
            _interleaved(queues[worker :: self.workers])
            for worker in range(min(self.workers, len(queues)))
        ]
        if len(shares) <= 1:
            outcomes = [self._send(claim) for share in shares for claim in share]
        else:
            with ThreadPoolExecutor(max_workers=len(shares)) as pool:
                outcomes = [
                    outcome for chunk in pool.map(self._send_in_order, shares) for outcome in chunk
                ]
        count = Counter(outcomes)
        return DrainResult(
            count["sent"], count["failed"], count["retried"], count["lost"], count["released"]
        )

    def _send_in_order(self, claims: list[Claim]) -> list[str]:
        return [self._send(claim) for claim in claims]

    def _send(self, claim: Claim) -> str:
        """Deliver one claimed notice and record the outcome: sent, failed, retried, lost or
        released."""
        self._pace(claim.notice)
        if utcnow() >= claim.until - self.send_margin:
            # Too little of the lease is left to be sure the send ends before another process
            # may take the row over (and, not finding the message yet, send it too): leave it.
            self._finish(claim, claimed_until=NEVER, attempts=OutboxMessage.attempts - 1)
            return "released"
        try:
            delivery = self.notifier.deliver(claim.notice)
        except DeliveryError as err:
            now = utcnow()
            with self.sessions() as session:
                attempts = session.get(OutboxMessage, claim.row_id)
                count = attempts.attempts if attempts else MAX_ATTEMPTS
            if err.permanent or count >= MAX_ATTEMPTS:
                if self._finish(claim, status=OutboxStatus.FAILED, last_error=str(err)[:2000]):
                    self._tell_owner(claim, str(err))
                log.warning("outbox %s failed for good: %s", claim.notice.key, err)
                return "failed"
            wait = dt.timedelta(seconds=err.retry_after) if err.retry_after else BACKOFF * count
            self._finish(claim, claimed_until=now + wait, last_error=str(err)[:2000])
            log.info("outbox %s retried in %s: %s", claim.notice.key, wait, err)
            return "retried"
        if self._finish(
            claim,
            status=OutboxStatus.SENT,
            sent_at=utcnow(),
            external_id=delivery.external_id,
            transport=self.notifier.name,
        ):
            return "sent"
        log.warning("outbox %s was delivered after its claim was taken over", claim.notice.key)
        return "lost"


def _recipient(notice: Notice) -> str:
    if notice.person_id is not None:
        return f"person:{notice.person_id}"
    return f"group:{notice.payload.get('steering_group_id')}"


def _by_recipient(claims: list[Claim]) -> list[list[Claim]]:
    """The claims grouped by recipient, each group in due order, groups by their first."""
    queues: dict[str, list[Claim]] = {}
    for claim in claims:
        queues.setdefault(_recipient(claim.notice), []).append(claim)
    return list(queues.values())


def _interleaved(queues: list[list[Claim]]) -> list[Claim]:
    """One claim per recipient per round, keeping each recipient's order: for one sender,
    so that pacing one recipient rarely makes the others wait."""
    ordered: list[Claim] = []
    for round_ in itertools.zip_longest(*queues):
        ordered.extend(claim for claim in round_ if claim is not None)
    return ordered


def _rowcount(result: Result[Any]) -> int:
    # An UPDATE's result is a CursorResult; its rowcount is what makes the claim atomic.
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


def notice_of(row: OutboxMessage, *, attempt: int = 1) -> Notice:
    """The notice a transport is handed for an outbox row (its ``attempt``-th try)."""
    return Notice(
        attempt=attempt,
        key=row.key,
        kind=row.kind,
        due_at=row.due_at,
        person_id=row.person_id,
        activity_id=row.activity_id,
        plan_id=row.plan_id,
        late=row.late,
        payload=dict(row.payload or {}),
    )
