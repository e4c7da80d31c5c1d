"""The seam between the scheduler and the chat transports.

The scheduler decides *what* is due and *when*; it hands each outbox row to a ``Notifier`` as a
``Notice``. The bot layer implements ``Notifier`` once per transport (console, Slack, Teams) and
decides how the message looks. The scheduler never imports the bot (ARCHITECTURE.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from storage.types import utcnow

# Added to a call's timeout when checking the lease: the moment from the check to the request
# leaving, and how far the clocks of two replicas may differ.
LEASE_SAFETY = dt.timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class Notice:
    """One message to deliver, as claimed from the outbox."""

    key: str  # the outbox row's unique key: the same notice is the same key, always
    kind: str  # a NoticeKind value (scheduler/outbox/kinds.py): "reminder", "overdue", ...
    due_at: dt.datetime
    person_id: int | None = None
    activity_id: int | None = None
    plan_id: int | None = None
    late: bool = False  # sent after its time (the process was down)
    payload: Mapping[str, Any] = field(default_factory=dict)
    # 1 for the first try; above 1 the message may have gone out already (a crash between
    # sending and marking, or a lost answer): a transport that can look it up should.
    attempt: int = 1
    # When the sender's claim on the row ends and another process may take it over (and, not
    # finding the message yet, send it too). None: no lease (a test, a one-off send).
    lease_until: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    """What the chat service answered: an id of the message, to update it later."""

    external_id: str | None = None


def retry_after_seconds(header: str | None) -> float:
    """A Retry-After header's wait in seconds (1 when it is missing or not a number)."""
    try:
        return max(float(header or 1), 0.0)
    except ValueError:
        return 1.0


class DeliveryError(Exception):
    """A notice could not be delivered.

    ``permanent`` errors (no such user, invalid credentials) are not retried: the row is marked
    failed and the plan owner is told. Temporary ones are retried, after ``retry_after``
    seconds when the service said so. ``rate_limited`` (HTTP 429) is no failure at all: nothing
    was sent, the row waits ``retry_after`` and no attempt is spent. ``code`` is the service's
    own name for the error, where it gave one (Slack's ``channel_not_found``).

    ``outage``: the failure says nothing about the recipient (the connection was refused or
    timed out, the service answered 5xx): the surface may be down, which the circuit breaker
    (scheduler/breaker.py) counts. ``paused``: not sent because the surface is down; like a
    rate limit no attempt is spent, and the message is marked late.
    """

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        rate_limited: bool = False,
        code: str | None = None,
        outage: bool = False,
        paused: bool = False,
    ) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after
        self.rate_limited = rate_limited or paused
        self.code = code
        self.outage = outage
        self.paused = paused


class LeaseExpiring(Exception):
    """Not sent: too little of the claim's lease was left for the call to end inside it."""


def check_lease(notice: Notice, timeout: float) -> None:
    """Raise ``LeaseExpiring`` unless a call that may take ``timeout`` seconds, started now,
    ends before the notice's lease does. Called right before posting: the last moment this
    process can still decide not to send (a pause before it, or a slow call to the service,
    would otherwise post after another process took the row over)."""
    if notice.lease_until is None:
        return
    if utcnow() + dt.timedelta(seconds=timeout) + LEASE_SAFETY >= notice.lease_until:
        raise LeaseExpiring(f"{notice.key}: the lease ends at {notice.lease_until.isoformat()}")


class Notifier(Protocol):
    """Delivers notices through one transport."""

    name: str
    # The least time between two messages to one recipient (Slack: about 1 s per channel).
    min_interval: float

    def deliver(self, notice: Notice) -> Delivery:
        """Send ``notice``; return once the service accepted it, or raise ``DeliveryError``
        (``LeaseExpiring`` when it did not post for want of lease)."""
        ...

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        """Take back a message ``deliver`` posted (a second copy: another process sent the
        notice too); False when the transport cannot, or the service refused."""
        ...


@runtime_checkable
class Preparing(Protocol):
    """A notifier that reads what a batch of notices needs once, before delivering them."""

    def prepare(self, notices: Sequence[Notice]) -> None:
        """Read, for all of ``notices`` at once, what delivering each needs (recipients,
        activities): the outbox calls it once per claimed batch. Only a saving: ``deliver``
        reads on its own what it was not given. It may be called for the next batch while
        the previous one is still being delivered: keep what that one needs until the call
        after (bot/transports/recipients.py, ``Batch.following``)."""
        ...
