"""The scheduler of one process: APScheduler 3 calling one tick at a fixed interval.

Nothing about reminders lives here: the tick is given. Only an in-memory job store is used;
APScheduler 3 job stores must not be shared between processes (ARCHITECTURE.md), and the
database, not the job store, is the source of truth.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine

from scheduler.single_runner import SingleRunnerLock, sqlite_file

log = logging.getLogger(__name__)

Tick = Callable[[], object]


@runtime_checkable
class Unfinished(Protocol):
    """A tick's result that can say more was due when it stopped (scheduler.tick.TickResult)."""

    @property
    def more(self) -> bool: ...


class SchedulerRunner:
    def __init__(self, engine: Engine, tick: Tick, interval_seconds: int) -> None:
        self.tick = tick
        self.interval_seconds = interval_seconds
        database = sqlite_file(engine)
        self.lock = SingleRunnerLock(database) if database is not None else None
        self.scheduler: BackgroundScheduler | None = None
        self._stopping = threading.Event()

    def _run_tick(self) -> None:
        # A tick that stopped at its budget with more due is followed by the next one at once.
        # Left to the interval, it would wait a whole one: APScheduler skips a run that comes
        # while the previous is still going, and a tick that drained for its whole budget is.
        while not self._stopping.is_set():
            try:
                result = self.tick()
            except Exception:
                # One failed tick must not end the job: the next one retries from the database.
                log.exception("scheduler tick failed")
                return
            if not (isinstance(result, Unfinished) and result.more):
                return

    def start(self) -> None:
        """Start ticking; raises ``SchedulerRefused`` if another process has this SQLite file."""
        if self.lock is not None:
            self.lock.acquire()
        scheduler = BackgroundScheduler(timezone="UTC")
        scheduler.add_job(
            self._run_tick,
            "interval",
            seconds=self.interval_seconds,
            id="tick",
            max_instances=1,  # a slow tick is never overlapped by the next
            coalesce=True,  # after a pause, run once, not once per missed interval
            next_run_time=dt.datetime.now(dt.UTC),  # the first tick at once, not after a wait
        )
        scheduler.start()
        self.scheduler = scheduler
        log.info("scheduler started: a tick every %s s", self.interval_seconds)

    def shutdown(self) -> None:
        self._stopping.set()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=True)
            self.scheduler = None
        if self.lock is not None:
            self.lock.release()
