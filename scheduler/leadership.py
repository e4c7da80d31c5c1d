"""Which replica plans: on PostgreSQL one at a time, by a session advisory lock it keeps.

Every replica sends (the outbox claim shares the due rows between them), but planning (reading
every open activity, working out what is due, writing it) needs doing once, not once per replica:
three replicas that each run the full plan of 100k activities every ten minutes triple the work
for the same rows. The first replica to tick takes the lock on a connection of its own and keeps
it for as long as it lives; the others skip the planners and only send. When the planning
replica stops, or its connection drops, PostgreSQL releases the lock and the next replica to tick
takes it over, so planning pauses for about one tick. Each replica's planners track their own
last run, so one that takes over starts with a full plan. SQLite runs one scheduler process
(scheduler/single_runner.py), which always plans.

A replica that is paused (SIGSTOP, a frozen VM) keeps the lock while paused: sending goes on
(the others take over its claimed rows when their leases end), planning waits for it. Rows are
planned ahead (``scheduler.reminders.LOOKAHEAD``) and written late up to the policy's late
horizon, so a pause shorter than that loses nothing.
"""

from __future__ import annotations

import contextlib
import logging
import weakref

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

# pg_try_advisory_lock's key for planning ("cplanner"): apart from retention's and migration's.
PLANNING_LOCK_KEY = 0x63706C616E6E6572


class PlanningLeader:
    """``holds()`` once per tick: whether this process plans now. One per engine in a process
    (``planning_leader``): a second would fail to take the lock its first one holds."""

    def __init__(self, engine: Engine) -> None:
        # Weakly: the engine's registry entry must not keep the engine alive.
        self._engine = weakref.ref(engine)
        self._connection: Connection | None = None

    def holds(self) -> bool:
        engine = self._engine()
        if engine is None:
            return False
        if engine.dialect.name != "postgresql":
            return True
        if self._connection is not None:
            try:
                self._connection.exec_driver_sql("SELECT 1")
                return True
            except DBAPIError:
                log.warning("planning: the connection holding the planning lock was lost")
                self._drop()
        return self._try_take(engine)

    def release(self) -> None:
        """Give the lock up: when the engine is disposed, or a process stops cleanly (ending the
        process does the same). The connection is closed, not handed back to the pool: a
        session lock lives as long as its connection."""
        if self._connection is None:
            return
        with contextlib.suppress(DBAPIError):  # a lost connection has lost its lock too
            self._connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": PLANNING_LOCK_KEY}
            )
        self._drop()

    def _try_take(self, engine: Engine) -> bool:
        try:
            # Autocommit: the connection idles between ticks without holding a transaction open.
            connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except DBAPIError:
            log.warning("planning: no connection to take the planning lock")
            return False
        try:
            taken = bool(
                connection.scalar(
                    text("SELECT pg_try_advisory_lock(:key)"), {"key": PLANNING_LOCK_KEY}
                )
            )
        except DBAPIError:
            connection.invalidate()
            connection.close()
            return False
        if not taken:
            connection.close()
            return False
        log.info("planning: this replica plans (it holds the planning lock)")
        self._connection = connection
        return True

    def _drop(self) -> None:
        """Forget a connection that failed: invalidated, so the pool closes it rather than
        handing it out again with the lock still taken on the server's side."""
        connection, self._connection = self._connection, None
        if connection is None:
            return
        with contextlib.suppress(DBAPIError):
            connection.invalidate()
            connection.close()


_LEADERS: weakref.WeakKeyDictionary[Engine, PlanningLeader] = weakref.WeakKeyDictionary()


def planning_leader(engine: Engine) -> PlanningLeader:
    """This process's planning leader for ``engine`` (each tick built on it asks the same one);
    disposing of the engine releases the lock."""
    leader = _LEADERS.get(engine)
    if leader is None:
        leader = _LEADERS[engine] = PlanningLeader(engine)
        event.listen(engine, "engine_disposed", lambda _engine: leader.release())
    return leader
