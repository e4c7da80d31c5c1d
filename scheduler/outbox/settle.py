"""A message that went out though another process had taken its row over meanwhile (the
sender was paused between its lease check and the post, or the request was slow on the way):
there may be two copies. ``LateCopies.settle`` keeps one, the one the row records."""

from __future__ import annotations

import datetime as dt
import logging
import time
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import CursorResult, Result, update
from sqlalchemy.orm import Session, sessionmaker

from scheduler.notifier import Delivery, Notifier
from scheduler.outbox.reading import Claim
from storage.models import OutboxMessage, OutboxStatus
from storage.types import utcnow

log = logging.getLogger(__name__)


class LateCopies:
    """Settles the copies a drain posted after its claim was taken over."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        notifier: Notifier,
        lease: dt.timedelta,
        write_lock: AbstractContextManager[object],
    ) -> None:
        self.sessions = sessions
        self.notifier = notifier
        self.lease = lease
        self._write_lock = write_lock

    def settle(self, claim: Claim, delivery: Delivery) -> str:
        """A message went out though another process had taken the row over meanwhile: there
        may be two copies. Wait until the claim that took over has ended (its post, if any, is
        then out), then keep one copy: the one the row records. If the row was sent with
        another copy, remove ours; if it is still unsent and nobody holds it, record ours.
        Every process that posts late settles its own copy, so however many there were, one
        remains."""
        deadline = time.monotonic() + 3 * self.lease.total_seconds()
        poll = min(1.0, self.lease.total_seconds() / 10)
        while time.monotonic() < deadline:
            with self.sessions() as session:
                row = session.get(OutboxMessage, claim.row_id)
                if row is None:
                    return "lost"
                status, token, until = row.status, row.claim_token, row.claimed_until
                recorded = row.external_id
            if status is OutboxStatus.SENT:
                if recorded != delivery.external_id:
                    removed = self.notifier.remove(claim.notice, delivery)
                    log.warning(
                        "outbox %s: a second copy (%s) %s",
                        claim.notice.key,
                        delivery.external_id,
                        "removed" if removed else "could not be removed",
                    )
                return "lost"
            if status is not OutboxStatus.PENDING:
                return "lost"  # failed or cancelled meanwhile: ours is the one copy
            if token is None or until <= utcnow():
                # Nobody is sending it now (its holder let it go, backs off after an error, or
                # ran out of lease): ours is the copy to record, unless someone claims it this
                # instant (then follow that claim).
                if self._adopt(claim, token, until, delivery):
                    return "sent"
                continue
            time.sleep(poll)  # a claim is in flight: its post, if any, is out when it ends
        log.warning("outbox %s: gave up settling a copy sent after a takeover", claim.notice.key)
        return "lost"

    def _adopt(
        self, claim: Claim, token: str | None, until: dt.datetime, delivery: Delivery
    ) -> bool:
        with self._write_lock, self.sessions.begin() as session:
            changed = rowcount(
                session.execute(
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id == claim.row_id,
                        OutboxMessage.status == OutboxStatus.PENDING,
                        OutboxMessage.claim_token == token,
                        OutboxMessage.claimed_until == until,
                    )
                    .values(
                        status=OutboxStatus.SENT,
                        sent_at=utcnow(),
                        external_id=delivery.external_id,
                        transport=self.notifier.name,
                    )
                    .execution_options(synchronize_session=False)
                )
            )
        return changed == 1


def rowcount(result: Result[Any]) -> int:
    # An UPDATE's result is a CursorResult; its rowcount is what makes the claim atomic.
    assert isinstance(result, CursorResult)
    return int(result.rowcount)
