"""One replica plans at a time on PostgreSQL, and another takes over when it goes.

Two engines stand for two replicas' processes (each its own connections to one database). The
first to ask takes the planning lock and keeps it tick after tick; the second does not plan but
still sends; when the first's connection ends (its process stopped, or the connection was lost)
the second takes over at its next tick. SQLite always plans (one scheduler process per file).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from sqlalchemy import text

from scheduler.leadership import PLANNING_LOCK_KEY, PlanningLeader, planning_leader
from storage.database import make_engine


@pytest.mark.postgres
def test_one_replica_plans_and_the_next_takes_over(empty_postgres: Callable[[], str]) -> None:
    url = empty_postgres()
    first_engine, second_engine = make_engine(url), make_engine(url)
    first, second = PlanningLeader(first_engine), PlanningLeader(second_engine)
    try:
        assert first.holds() and first.holds()  # taken, and kept from tick to tick
        assert not second.holds() and not second.holds()
        # The lock lives on one connection of the first replica's, seen from the server.
        with second_engine.connect() as connection:
            holders = connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND ((classid::bigint << 32) | objid::bigint) = :key"
                ),
                {"key": PLANNING_LOCK_KEY},
            ).scalar_one()
        assert holders == 1
        # The first replica's connection is cut (a restart of its host, a network failure):
        # the server ends the session and, with it, the lock.
        with second_engine.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    " AND ((classid::bigint << 32) | objid::bigint) = :key"
                ),
                {"key": PLANNING_LOCK_KEY},
            )
        # The server ends the session as soon as the signal is taken: the second replica plans
        # at its next tick (a tick is seconds apart; here asked until it does, for 5 s at most).
        deadline = time.monotonic() + 5
        while not second.holds():
            assert time.monotonic() < deadline, "the lock was never released"
            time.sleep(0.05)
        assert not first.holds()  # the first finds its connection gone, and the lock taken
        second.release()  # a clean stop gives it up at once
        assert first.holds()
    finally:
        first.release()
        second.release()
        first_engine.dispose()
        second_engine.dispose()


@pytest.mark.postgres
def test_one_leader_per_engine_and_disposing_of_it_lets_go(
    empty_postgres: Callable[[], str],
) -> None:
    """Ticks built again on one engine (`make_tick` twice) ask the same leader; disposing of the
    engine (a test's end, a process's) releases the lock for the next."""
    url = empty_postgres()
    engine, other = make_engine(url), make_engine(url)
    try:
        assert planning_leader(engine) is planning_leader(engine)
        assert planning_leader(engine).holds() and planning_leader(engine).holds()
        assert not planning_leader(other).holds()
        engine.dispose()
        assert planning_leader(other).holds()
    finally:
        engine.dispose()
        other.dispose()


def test_sqlite_always_plans(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        assert PlanningLeader(engine).holds() and PlanningLeader(engine).holds()
    finally:
        engine.dispose()
