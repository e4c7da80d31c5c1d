"""Which replica schedules: one at a time on PostgreSQL, by a lease in the database it renews.

Every replica sends (the outbox claim shares the due rows between them), but planning (reading
every open activity, working out what is due, writing it) needs doing once, not once per replica.
Each tick a replica asks for the planning lease (``scheduler_leases``): it gets it when the lease
is its own (renewed, for ``ttl`` more) or has lapsed. The holder plans; the others only send. A
holder that stops, loses the database or is paused (SIGSTOP, a frozen VM) stops renewing, and
another replica plans from its next tick after the lease ends: planning waits at most ``ttl``.
A holder paused mid-plan that wakes up finds the lease gone and stops planning after that run;
the two runs meanwhile write each row once (the planners' unique keys). Lease times are the
processes' clocks, as the outbox's leases are (docs/reminders.md: keep them in sync).

SQLite runs one scheduler process (scheduler/single_runner.py), which always plans.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket

from sqlalchemy import or_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from storage.models import SchedulerLease
from storage.types import utcnow

log = logging.getLogger(__name__)

PLANNING = "planning"
# Who holds a lease: this process (every tick it builds renews the same lease).
PROCESS = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


class SchedulingLease:
    """``holds()`` once per tick: whether this process schedules now (and, if so, for ``ttl``).

    (The lease's stored name stays "planning".)"""

    def __init__(
        self, sessions: sessionmaker[Session], *, ttl: dt.timedelta, holder: str = PROCESS
    ) -> None:
        self.sessions = sessions
        self.ttl = ttl
        self.holder = holder  # a test names two "processes" in one
        self._held = False

    def holds(self) -> bool:
        bind = self.sessions.kw.get("bind")
        if bind is None or bind.dialect.name != "postgresql":
            return True
        now = utcnow()
        try:
            with self.sessions.begin() as session:
                # One statement: written when nobody asked yet, renewed when ours, taken when
                # lapsed; otherwise left alone (no row returned).
                lease = insert(SchedulerLease).values(
                    name=PLANNING, holder=self.holder, expires_at=now + self.ttl
                )
                held = (
                    session.execute(
                        lease.on_conflict_do_update(
                            index_elements=["name"],
                            set_={"holder": self.holder, "expires_at": now + self.ttl},
                            where=or_(
                                SchedulerLease.holder == self.holder,
                                SchedulerLease.expires_at < now,
                            ),
                        ).returning(SchedulerLease.name)
                    ).first()
                    is not None
                )
        except DBAPIError:
            log.warning("planning: could not ask for the planning lease; not planning this tick")
            held = False
        if held != self._held:
            log.info("planning: this replica %s", "plans" if held else "no longer plans")
        self._held = held
        return held
