"""Planners that read across every plan (overlaps, overdue deviations, lead times): what they
find changes only when plans do, so each runs at most once per period in a process, and writes
its outbox rows by key, once across replicas."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.orm import Session, sessionmaker

from scheduler.outbox.rows import insert_rows
from storage.types import utcnow

log = logging.getLogger(__name__)


class Every:
    def __init__(self, period: dt.timedelta) -> None:
        self.period = period
        self._last: dt.datetime | None = None

    def due(self, now: dt.datetime) -> bool:
        """Whether to run at ``now`` (and, if so, the period starts again)."""
        if self._last is not None and now - self._last < self.period:
            return False
        self._last = now
        return True


class ThrottledPlanner:
    """Writes ``rows(session, now)`` into the outbox, at most once per ``every``."""

    name = "planner"

    def __init__(
        self, sessions: sessionmaker[Session], *, every: dt.timedelta = dt.timedelta(minutes=15)
    ) -> None:
        self.sessions = sessions
        self.every = Every(every)

    def rows(self, session: Session, now: dt.datetime) -> list[dict[str, object]]:
        raise NotImplementedError

    def __call__(self, now: dt.datetime | None = None) -> int:
        now = now or utcnow()
        if not self.every.due(now):
            return 0
        with self.sessions.begin() as session:
            written = insert_rows(session, self.rows(session, now))
        if written:
            log.info("%s: %d notices written", self.name, written)
        return written
