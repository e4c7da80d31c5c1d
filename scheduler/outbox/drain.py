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

The fencing token guards the mark, not the send; two more rules guard the send:

- a transport posts only if the call, at its HTTP timeout, ends before the lease does, checked
  right before posting (``check_lease``); the timeouts are a fraction of the lease
  (``call_timeout``);
- a post that still went out after a takeover (the process was paused between that check and
  the post, or the request was slow on the way) is settled afterwards (``settle.LateCopies``):
  once the claim that took over has ended, the copy the row does not record is removed, or,
  when the row is still unsent, this one is recorded.

A rate limit (HTTP 429) is no failure: the row waits as long as the service said, without
spending an attempt, for as long as the message is worth sending (its late horizon).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import secrets
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from sqlalchemy import String, case, cast, literal, select, update
from sqlalchemy.orm import Session, sessionmaker

from scheduler.notifier import (
    Delivery,
    DeliveryError,
    LeaseExpiring,
    Notice,
    Notifier,
    Preparing,
)
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.marks import Countdown, Marks, by_recipient, interleaved, recipient_of
from scheduler.outbox.reading import NOTICE_COLUMNS, Claim, notice_of
from scheduler.outbox.rows import insert_rows, outbox_row
from scheduler.outbox.settle import LateCopies, rowcount
from storage.models import Activity, OutboxMessage, OutboxStatus, Plan
from storage.models.outbox import NEVER
from storage.rules.policy import ReminderPolicy, effective_policy
from storage.types import utcnow

log = logging.getLogger(__name__)

DEFAULT_LEASE = dt.timedelta(minutes=2)
# A temporary failure without Retry-After waits this long times the attempt number.
BACKOFF = dt.timedelta(seconds=30)
MAX_ATTEMPTS = 8
SEND_MARGIN = dt.timedelta(seconds=20)
# The longest one call to a chat service may take: a quarter of the lease, at most this.
MAX_CALL_TIMEOUT = 15.0


def call_timeout(lease: dt.timedelta) -> float:
    """The HTTP timeout of a transport's calls under ``lease``: short enough that a call begun
    with the margin ``check_lease`` asks for ends inside the lease."""
    return min(MAX_CALL_TIMEOUT, lease.total_seconds() / 4)


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
        self._late_copies = LateCopies(sessions, notifier, lease, self._write_lock)
        self._last_sent: dict[str, dt.datetime] = {}  # recipient -> when last sent to
        self._ahead: list[Claim] = []  # the next batch, claimed while the last went out

    def claim(self, now: dt.datetime) -> list[Claim]:
        """Claim up to ``batch`` due rows, each this process's until its lease ends.

        One statement for the batch: ``UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP
        LOCKED LIMIT n) RETURNING ...``. Each row gets its own fencing token (this claim's
        random prefix and the row's id) and the same lease. The conditions are repeated on the
        UPDATE, so a row another process claimed between the SELECT and the UPDATE is not
        taken (on PostgreSQL the SELECT's lock already prevents it; SQLite, which has no row
        locks and drops the clause, runs one writer at a time). Replicas do not fight over the
        oldest rows: each skips the rows another is claiming and takes the next ``batch``.
        """
        prefix = f"{secrets.token_hex(16)}-"
        until = now + self.lease
        due = (
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.due_at <= now,
            OutboxMessage.claimed_until < now,
        )
        # MATERIALIZED: the candidates are picked (and locked) once. As a plain subquery,
        # PostgreSQL may run it again for every row the UPDATE scans, locking the batch
        # thousands of times and holding rows other replicas then wait for.
        candidates = (
            select(OutboxMessage.id)
            .where(*due)
            .order_by(OutboxMessage.due_at, OutboxMessage.id)
            .limit(self.batch)
            .with_for_update(skip_locked=True)
            .cte("candidates")
            .prefix_with("MATERIALIZED")
        )
        with self._write_lock, self.sessions.begin() as session:
            rows = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(select(candidates.c.id)), *due)
                .values(
                    claimed_by=self.worker,
                    claimed_until=until,
                    claim_token=literal(prefix) + cast(OutboxMessage.id, String),
                    attempts=OutboxMessage.attempts + 1,
                )
                .returning(*NOTICE_COLUMNS, OutboxMessage.claim_token, OutboxMessage.attempts)
                .execution_options(synchronize_session=False)
            ).all()
        return [
            Claim(
                row.id,
                str(row.claim_token),
                notice_of(row, attempt=row.attempts, lease_until=until),
                until,
            )
            for row in sorted(rows, key=lambda row: (row.due_at, row.id))  # RETURNING: any order
        ]

    def _finish(self, claim: Claim, **values: object) -> bool:
        """Update a claimed row only if the claim is still ours; False if it was taken over."""
        with self._write_lock, self.sessions.begin() as session:
            changed = rowcount(
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
        recipient = recipient_of(notice)
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
        if notice.plan_id is None or notice.kind == NoticeKind.DELIVERY_FAILED:
            return
        with self.sessions.begin() as session:
            owner_id = session.scalar(select(Plan.owner_id).where(Plan.id == notice.plan_id))
            if owner_id is None or owner_id == notice.person_id:
                return
            failure = outbox_row(
                # One notice per failure: a message sent again (``reminders resend``) that
                # fails again is told again (the claim's token is new each time).
                f"{NoticeKind.DELIVERY_FAILED}:{claim.row_id}:{claim.token}"[:255],
                NoticeKind.DELIVERY_FAILED,
                utcnow(),
                plan_id=notice.plan_id,
                activity_id=notice.activity_id,
                person_id=owner_id,
                payload={
                    "failed_id": claim.row_id,
                    "failed_key": notice.key,
                    "failed_kind": notice.kind,
                    "failed_person_id": notice.person_id,
                    "error": error[:500],
                },
            )
            insert_rows(session, [failure])

    def __call__(self, *, ahead: bool = False) -> DrainResult:
        """Deliver a batch of what is due now; the scheduler's tick calls it while batches
        come back full.

        With ``workers`` > 1, recipients are served by that many threads at once (a chat API
        call takes 100-300 ms; one at a time would send a few messages a second), each
        recipient's messages in order and paced by one thread. With ``ahead`` (the caller
        will call again at once), a full batch's successor is claimed and read while its last
        quarter goes out, instead of after: the threads wait neither for the claim nor for the
        reads. Not sooner: rows claimed early wait for this process while an idle replica
        could send them. The next call sends it; a caller that passes ``ahead`` must make that
        call.
        """
        marks = Marks(self._mark_sent)
        claims, self._ahead = self._ahead or self._claim_batch(), []
        queues = by_recipient(claims)
        # Each thread serves its share of the recipients in rounds, so that pacing one
        # recipient rarely makes the thread wait: it sends to the others meanwhile.
        shares = [
            interleaved(queues[worker :: self.workers])
            for worker in range(min(self.workers, len(queues)))
        ]
        if len(shares) <= 1:
            outcomes = [self._send(claim, marks) for share in shares for claim in share]
            marks.flush()
        else:
            full = len(claims) >= self.batch
            outcomes = self._send_in_threads(shares, marks, len(claims), ahead=ahead and full)
        count = Counter(outcome for outcome in outcomes if outcome != "delivered")
        count.update(marks.outcomes)
        return DrainResult(
            count["sent"], count["failed"], count["retried"], count["lost"], count["released"]
        )

    def _send_in_threads(
        self, shares: list[list[Claim]], marks: Marks, claimed: int, *, ahead: bool
    ) -> list[str]:
        """Each share by a thread of its own; with ``ahead``, the next batch is claimed once
        three quarters of the ``claimed`` are sent (or a sending thread ended early)."""
        cue = Countdown(claimed * 3 // 4)
        with ThreadPoolExecutor(max_workers=len(shares)) as pool:
            sending = [pool.submit(self._send_in_order, share, marks, cue) for share in shares]
            if ahead:
                while not cue.reached.wait(0.05) and not all(f.done() for f in sending):
                    pass
                self._claim_ahead()
            return [outcome for done in sending for outcome in done.result()]

    @property
    def holds_next(self) -> bool:
        """A batch was claimed ahead (``ahead``) and waits for the next call."""
        return bool(self._ahead)

    def _claim_ahead(self) -> None:
        try:
            self._ahead = self._claim_batch()
        except Exception:
            # The batch going out is still counted and marked; the next call claims anew.
            log.exception("claiming the next batch while one went out failed")

    def _claim_batch(self) -> list[Claim]:
        """Claim a batch and have the notifier read what its messages need, at once."""
        claims = self.claim(utcnow())
        if claims and isinstance(self.notifier, Preparing):
            try:
                self.notifier.prepare([claim.notice for claim in claims])
            except Exception:
                # Only a saving: each delivery reads what it needs on its own.
                log.exception("reading what a batch of %d notices needs failed", len(claims))
        return claims

    def _send_in_order(
        self, claims: list[Claim], marks: Marks, cue: Countdown | None = None
    ) -> list[str]:
        outcomes = []
        for claim in claims:
            outcomes.append(self._send(claim, marks))
            if cue is not None:
                cue.one()
        marks.flush()  # what this thread delivered last is marked now
        return outcomes

    def _send(self, claim: Claim, marks: Marks | None = None) -> str:
        """Deliver one claimed notice and record the outcome: sent, failed, retried, lost or
        released; "delivered" when its mark waits in ``marks`` (counted when they are
        written)."""
        self._pace(claim.notice)
        if utcnow() >= claim.until - self.send_margin:
            # Too little of the lease is left to be sure the send ends before another process
            # may take the row over (and, not finding the message yet, send it too): leave it.
            self._release(claim)
            return "released"
        try:
            delivery = self.notifier.deliver(claim.notice)
        except LeaseExpiring:
            # The transport's own check right before posting (after its look-ups): the same.
            self._release(claim)
            return "released"
        except DeliveryError as err:
            if err.rate_limited:
                return self._rate_limited(claim, err)
            return self._failed(claim, err)
        except Exception as err:
            # A fault of ours on one row (a name that breaks a header, a payload a renderer
            # cannot read) fails that row alone, for good (sending it again fails again), and
            # the tick goes on with the others: raised, it stalled every send of this thread.
            log.exception("outbox %s could not be delivered", claim.notice.key)
            reason = f"{type(err).__name__}: {err}"
            return self._failed(claim, DeliveryError(reason, permanent=True))
        if marks is not None:
            return marks.add(claim, delivery)
        if self._finish(
            claim,
            status=OutboxStatus.SENT,
            sent_at=utcnow(),
            external_id=delivery.external_id,
            transport=self.notifier.name,
        ):
            return "sent"
        log.warning("outbox %s was delivered after its claim was taken over", claim.notice.key)
        return self._late_copies.settle(claim, delivery)

    def _mark_sent(self, delivered: list[tuple[Claim, Delivery, dt.datetime]]) -> list[str]:
        """Mark delivered rows sent in one statement, each only if it still carries its claim's
        token (fencing, as ``_finish``); a row taken over meanwhile is settled (``LateCopies``)."""
        if not delivered:
            return []
        ids = [claim.row_id for claim, _, _ in delivered]
        with self._write_lock, self.sessions.begin() as session:
            marked = set(
                session.scalars(
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id.in_(ids),
                        OutboxMessage.claim_token.in_([claim.token for claim, _, _ in delivered]),
                        OutboxMessage.status == OutboxStatus.PENDING,
                    )
                    .values(
                        status=OutboxStatus.SENT,
                        sent_at=case(
                            {claim.row_id: at for claim, _, at in delivered},
                            value=OutboxMessage.id,
                        ),
                        external_id=case(
                            {claim.row_id: sent.external_id for claim, sent, _ in delivered},
                            value=OutboxMessage.id,
                        ),
                        transport=self.notifier.name,
                    )
                    .returning(OutboxMessage.id)
                    .execution_options(synchronize_session=False)
                )
            )
        outcomes = []
        for claim, delivery, _ in delivered:
            if claim.row_id in marked:
                outcomes.append("sent")
                continue
            log.warning("outbox %s was delivered after its claim was taken over", claim.notice.key)
            outcomes.append(self._late_copies.settle(claim, delivery))
        return outcomes

    def _release(self, claim: Claim) -> None:
        """Let the row go unspent: claimable again at once."""
        self._finish(
            claim, claimed_until=NEVER, claim_token=None, attempts=OutboxMessage.attempts - 1
        )

    def _failed(self, claim: Claim, err: DeliveryError) -> str:
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
        # No token: the row waits, nobody is sending it (what a late copy's settling looks at).
        self._finish(claim, claimed_until=now + wait, claim_token=None, last_error=str(err)[:2000])
        log.info("outbox %s retried in %s: %s", claim.notice.key, wait, err)
        return "retried"

    def _rate_limited(self, claim: Claim, err: DeliveryError) -> str:
        """Wait as long as the service said, without spending the attempt (nothing was sent:
        a 429 is an answer), unless the wait ends after the message stopped being worth
        sending; then it is cancelled, like a reminder missed in a downtime, and nobody is told
        (a rate limit is not a failure to reach the person)."""
        now = utcnow()
        until = now + dt.timedelta(seconds=max(err.retry_after or 1.0, 0.0))
        if until > self._horizon(claim.notice):
            self._finish(
                claim,
                status=OutboxStatus.CANCELLED,
                attempts=OutboxMessage.attempts - 1,
                last_error=f"{'paused' if err.paused else 'rate limited'} past its late horizon: "
                f"{err}"[:2000],
            )
            log.warning("outbox %s rate limited past its late horizon", claim.notice.key)
            return "failed"
        self._finish(
            claim,
            claimed_until=until,
            claim_token=None,
            attempts=OutboxMessage.attempts - 1,
            last_error=str(err)[:2000],
            # Held back while its surface is down: it goes out after the downtime, late.
            **({"late": True} if err.paused else {}),
        )
        log.info("outbox %s rate limited until %s", claim.notice.key, until)
        return "retried"

    def _horizon(self, notice: Notice) -> dt.datetime:
        """The last moment the notice is still worth sending: its planned time plus the late
        horizon of its activity's policy (the plan's, or the defaults)."""
        planned = notice.due_at
        stated = notice.payload.get("planned_at")
        if isinstance(stated, str):
            with contextlib.suppress(ValueError):  # a payload written by hand, say
                planned = min(planned, dt.datetime.fromisoformat(stated))
        policy = ReminderPolicy()
        with self.sessions() as session:
            if notice.activity_id is not None:
                layers = session.execute(
                    select(Plan.reminder_policy, Activity.reminder_policy)
                    .join(Activity, Activity.plan_id == Plan.id)
                    .where(Activity.id == notice.activity_id)
                ).first()
                if layers is not None:
                    policy = effective_policy(layers[0], layers[1])
            elif notice.plan_id is not None:
                layer = session.scalar(
                    select(Plan.reminder_policy).where(Plan.id == notice.plan_id)
                )
                policy = effective_policy(layer)
        return planned + dt.timedelta(hours=policy.late_horizon_hours)
