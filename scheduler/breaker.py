"""A surface that is down is not a failed message: the outbox's circuit breaker, per surface.

When ``THRESHOLD`` calls in a row to a surface fail as an outage does (``DeliveryError.outage``:
refused, timed out, 5xx, whoever the recipient), the surface is *down*: its messages are held
back (``DeliveryError.paused``: no attempt spent, marked late, cancelled only past their late
horizon, like a rate limit) and one message at a time *probes* it, first after ``FIRST_PROBE``,
then at doubling intervals up to ``MAX_PROBE``. The probe that gets an answer closes the breaker
and the backlog goes out. An answer about one recipient (no such user, a 4xx) is an answer: the
surface is up.

The state is a row per surface in ``surface_health``, so every replica sees the same breaker,
and one probe at a time is taken with a conditional UPDATE (as the outbox claims rows). Each
process reads it at most every ``REFRESH`` (a message sent in between reads no row).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from scheduler.notifier import Delivery, DeliveryError, Notice, Notifier, Preparing
from storage.models import SurfaceHealth, surface_word
from storage.types import utcnow

log = logging.getLogger(__name__)

THRESHOLD = 3
FIRST_PROBE = dt.timedelta(seconds=30)
MAX_PROBE = dt.timedelta(minutes=15)
REFRESH = dt.timedelta(seconds=2)
# While a probe is out, nobody else probes for this long (its call ends well within it).
PROBING = dt.timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class Health:
    surface: str
    failures: int = 0
    down_since: dt.datetime | None = None
    probe_at: dt.datetime | None = None
    probe_seconds: int = 0
    last_error: str | None = None

    @property
    def down(self) -> bool:
        return self.down_since is not None


def _health(row: SurfaceHealth) -> Health:
    return Health(
        row.surface,
        row.failures,
        row.down_since,
        row.probe_at,
        row.probe_seconds,
        row.last_error,
    )


def down_surfaces(session: Session) -> list[Health]:
    """The surfaces that are down now, and since when (for `reminders status`, `/healthz`)."""
    rows = session.scalars(
        select(SurfaceHealth)
        .where(SurfaceHealth.down_since.is_not(None))
        .order_by(SurfaceHealth.surface)
    )
    return [_health(row) for row in rows]


class BreakerNotifier:
    """``inner``, with deliveries held back while the recipient's surface is down."""

    def __init__(
        self,
        inner: Notifier,
        sessions: sessionmaker[Session],
        surface_of: Callable[[Notice], str] | None = None,
    ) -> None:
        self.inner = inner
        self.sessions = sessions
        self.name = inner.name
        self._surface_of = surface_of or (lambda _notice: inner.name)
        self._lock = threading.Lock()
        self._known: dict[str, tuple[dt.datetime, Health]] = {}  # surface -> (read at, health)

    @property
    def min_interval(self) -> float:
        return self.inner.min_interval

    @min_interval.setter
    def min_interval(self, value: float) -> None:
        self.inner.min_interval = value

    def prepare(self, notices: Sequence[Notice]) -> None:
        if isinstance(self.inner, Preparing):
            self.inner.prepare(notices)

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        return self.inner.remove(notice, delivery)

    def deliver(self, notice: Notice) -> Delivery:
        surface = self._surface_of(notice)
        now = utcnow()
        health = self._read(surface, now)
        if health.down:
            assert health.probe_at is not None and health.down_since is not None
            if now < health.probe_at or not self._take_probe(surface, health.probe_at, now):
                raise self._paused(health, now)
        try:
            delivery = self.inner.deliver(notice)
        except DeliveryError as err:
            if not err.outage:
                if health.failures:
                    self._answered(surface)  # it answered, about this recipient: it is up
                raise
            health = self._failed(surface, now, str(err))
            if health.down:
                raise self._paused(health, now) from err
            raise
        if health.failures or health.down:
            self._answered(surface)
        return delivery

    def _paused(self, health: Health, now: dt.datetime) -> DeliveryError:
        assert health.down_since is not None and health.probe_at is not None
        wait = max(health.probe_at - now, dt.timedelta(seconds=1))
        return DeliveryError(
            f"{surface_word(health.surface)} is down since {health.down_since.isoformat()}: held "
            f"back until it answers (next try {health.probe_at.isoformat()})",
            paused=True,
            retry_after=wait.total_seconds(),
        )

    def _read(self, surface: str, now: dt.datetime) -> Health:
        with self._lock:
            known = self._known.get(surface)
        if known is not None and now - known[0] < REFRESH and not known[1].down:
            return known[1]
        with self.sessions() as session:
            row = session.get(SurfaceHealth, surface)
            health = _health(row) if row is not None else Health(surface)
        self._remember(health, now)
        return health

    def _remember(self, health: Health, now: dt.datetime) -> None:
        with self._lock:
            self._known[health.surface] = (now, health)

    def _take_probe(self, surface: str, due: dt.datetime, now: dt.datetime) -> bool:
        """This message probes the surface, unless another (thread or replica) took the probe."""
        with self.sessions.begin() as session:
            taken = session.execute(
                update(SurfaceHealth)
                .where(SurfaceHealth.surface == surface, SurfaceHealth.probe_at == due)
                .values(probe_at=now + PROBING)
                .execution_options(synchronize_session=False)
            )
        return bool(getattr(taken, "rowcount", 0) == 1)

    def _failed(self, surface: str, now: dt.datetime, error: str) -> Health:
        """Count an outage-like failure; at ``THRESHOLD`` in a row the surface is down, and a
        failed probe doubles the wait for the next one."""
        try:
            return self._count_failure(surface, now, error)
        except IntegrityError:
            # Another thread or replica wrote the surface's first row this instant: count on it.
            return self._count_failure(surface, now, error)

    def _count_failure(self, surface: str, now: dt.datetime, error: str) -> Health:
        with self.sessions.begin() as session:
            row = session.get(SurfaceHealth, surface, with_for_update=True)
            if row is None:
                row = SurfaceHealth(surface=surface, failures=0, probe_seconds=0)
                session.add(row)
            row.failures += 1
            row.last_error = error[:2000]
            if row.down_since is not None:
                seconds = min(row.probe_seconds * 2, int(MAX_PROBE.total_seconds()))
                row.probe_seconds = seconds
                row.probe_at = now + dt.timedelta(seconds=seconds)
            elif row.failures >= THRESHOLD:
                row.down_since = now
                row.probe_seconds = int(FIRST_PROBE.total_seconds())
                row.probe_at = now + FIRST_PROBE
                log.warning(
                    "%s is down: %d calls in a row failed (%s)", surface, row.failures, error
                )
            session.flush()
            health = _health(row)
        self._remember(health, now)
        return health

    def _answered(self, surface: str) -> None:
        with self.sessions.begin() as session:
            row = session.get(SurfaceHealth, surface, with_for_update=True)
            if row is not None:
                if row.down_since is not None:
                    log.warning("%s answers again (down since %s)", surface, row.down_since)
                row.failures = 0
                row.down_since = None
                row.probe_at = None
                row.probe_seconds = 0
        self._remember(Health(surface), utcnow())
