"""How a drain's sending threads share a claimed batch, and how their deliveries are marked.

Claims are grouped by recipient and interleaved (one per recipient per round), so that pacing
one recipient rarely makes a thread wait; deliveries are marked sent in batches (``Marks``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time
from collections import Counter
from collections.abc import Callable

from scheduler.notifier import Delivery, Notice
from scheduler.outbox.reading import Claim
from storage.types import utcnow

# Delivered rows are marked sent this many at a time, or after waiting this long (seconds).
MARK_BATCH = 50
MARK_WAIT = 0.5

# Marks delivered rows sent, each only with its own claim; returns each one's outcome.
MarkSent = Callable[[list[tuple[Claim, Delivery, dt.datetime]]], list[str]]


class Marks:
    """Deliveries of one drain waiting to be marked sent, written ``MARK_BATCH`` at a time (or
    when the oldest has waited ``MARK_WAIT``, or when a sending thread ends its share). A
    waiting mark changes no guarantee: the row stays claimed by its token, and a row taken
    over before its mark is written is settled as it would be one at a time."""

    def __init__(self, mark_sent: MarkSent) -> None:
        self.mark_sent = mark_sent
        self._lock = threading.Lock()
        self._waiting: list[tuple[Claim, Delivery, dt.datetime]] = []
        self._since = 0.0
        self.outcomes: Counter[str] = Counter()  # of the marks written: sent, or lost

    def add(self, claim: Claim, delivery: Delivery) -> str:
        with self._lock:
            if not self._waiting:
                self._since = time.monotonic()
            self._waiting.append((claim, delivery, utcnow()))
            full = len(self._waiting) >= MARK_BATCH
            stale = time.monotonic() - self._since >= MARK_WAIT
        if full or stale:
            self.flush()
        return "delivered"

    def flush(self) -> None:
        with self._lock:
            delivered, self._waiting = self._waiting, []
        outcomes = self.mark_sent(delivered)
        with self._lock:
            self.outcomes.update(outcomes)


class Countdown:
    """Set once ``count`` sends have ended: the cue to claim the next batch."""

    def __init__(self, count: int) -> None:
        self._left = count
        self._lock = threading.Lock()
        self.reached = threading.Event()
        if count <= 0:
            self.reached.set()

    def one(self) -> None:
        with self._lock:
            self._left -= 1
            if self._left <= 0:
                self.reached.set()


def recipient_of(notice: Notice) -> str:
    if notice.person_id is not None:
        return f"person:{notice.person_id}"
    return f"group:{notice.payload.get('steering_group_id')}"


def by_recipient(claims: list[Claim]) -> list[list[Claim]]:
    """The claims grouped by recipient, each group in due order, groups by their first."""
    queues: dict[str, list[Claim]] = {}
    for claim in claims:
        queues.setdefault(recipient_of(claim.notice), []).append(claim)
    return list(queues.values())


def interleaved(queues: list[list[Claim]]) -> list[Claim]:
    """One claim per recipient per round, keeping each recipient's order: for one sender,
    so that pacing one recipient rarely makes the others wait."""
    ordered: list[Claim] = []
    for round_ in itertools.zip_longest(*queues):
        ordered.extend(claim for claim in round_ if claim is not None)
    return ordered
