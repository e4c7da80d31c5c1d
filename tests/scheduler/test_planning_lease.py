"""One replica plans at a time on PostgreSQL, and another takes over when its lease lapses.

Two holders stand for two replicas' processes. The first to ask gets the planning lease and
renews it tick after tick; the second does not plan (it still sends). When the first stops
renewing (stopped, paused by SIGSTOP, cut off from the database), the lease lapses after its
time and the second plans from its next tick; the first, back, finds it taken. SQLite always
plans (one scheduler process per file). The paused-sender test (test_paused_sender.py) runs the
same with real processes, one of them stopped.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlalchemy.orm import Session, sessionmaker

from scheduler.leadership import SchedulingLease
from storage.database import make_engine, session_factory

TTL = dt.timedelta(seconds=90)
START = dt.datetime(2027, 3, 28, 0, 59, tzinfo=dt.UTC)  # the spring DST change is at 01:00 UTC


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_one_replica_plans_and_the_next_takes_over(sessions: sessionmaker[Session]) -> None:
    a = SchedulingLease(sessions, ttl=TTL, holder="host-a:1:aa")
    b = SchedulingLease(sessions, ttl=TTL, holder="host-b:2:bb")
    with time_machine.travel(START, tick=False) as clock:
        assert a.holds() and not b.holds()
        clock.shift(60)
        assert a.holds() and not b.holds()  # renewed: 90 s from now again
        clock.shift(89)
        assert not b.holds()  # a renewed 89 s ago: still a's
        clock.shift(2)  # a stopped renewing 91 s ago (paused, or gone)
        assert b.holds() and not a.holds()
        clock.shift(30)
        assert b.holds() and not a.holds()


def test_sqlite_always_plans(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        sessions = session_factory(engine)
        a = SchedulingLease(sessions, ttl=TTL, holder="a")
        b = SchedulingLease(sessions, ttl=TTL, holder="b")
        assert a.holds() and b.holds()
    finally:
        engine.dispose()
