"""The scheduler runner: it ticks, survives a failing tick, and one SQLite file has one runner."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine

from scheduler.runner import SchedulerRunner
from scheduler.single_runner import SchedulerRefused
from storage.database import make_engine


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    return make_engine(sqlite_url)


def test_ticks_and_a_failing_tick_does_not_stop_it(engine: Engine) -> None:
    calls: list[int] = []
    third = threading.Event()

    def tick() -> None:
        calls.append(1)
        if len(calls) >= 3:
            third.set()
        raise RuntimeError("boom")

    runner = SchedulerRunner(engine, tick, interval_seconds=1)
    runner.start()
    try:
        assert third.wait(timeout=15), "the tick stopped after failing"
    finally:
        runner.shutdown()


def test_second_runner_on_one_sqlite_file_is_refused(engine: Engine) -> None:
    first = SchedulerRunner(engine, lambda: None, interval_seconds=60)
    first.start()
    second = SchedulerRunner(engine, lambda: None, interval_seconds=60)
    try:
        with pytest.raises(SchedulerRefused, match="in use by another commplan process"):
            second.start()
    finally:
        first.shutdown()
    second.start()  # free again
    second.shutdown()


def test_lock_held_by_another_process_is_freed_when_it_is_killed(
    engine: Engine, tmp_path: Path
) -> None:
    lock = tmp_path / "commplan.db.scheduler.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time\n"
            f"f = open({str(lock)!r}, 'a+')\n"
            "fcntl.flock(f, fcntl.LOCK_EX)\n"
            "f.write('4242'); f.flush()\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        runner = SchedulerRunner(engine, lambda: None, interval_seconds=60)
        with pytest.raises(SchedulerRefused, match="pid 4242"):
            runner.start()
    finally:
        holder.kill()  # SIGKILL: no clean-up code runs in the holder
        holder.wait()
    runner.start()
    runner.shutdown()


def test_postgres_needs_no_lock(db_url: str) -> None:
    runner = SchedulerRunner(make_engine(db_url), lambda: None, interval_seconds=60)
    assert (runner.lock is None) == db_url.startswith("postgresql")


class _Result:
    def __init__(self, more: bool) -> None:
        self.more = more


def test_a_tick_that_ends_with_more_due_is_followed_at_once(engine: Engine) -> None:
    # An hour's interval: without the runner going on at once, the second call would come an
    # hour later and the wait below would give up.
    calls: list[int] = []
    done = threading.Event()

    def tick() -> _Result:
        calls.append(1)
        if len(calls) == 4:
            done.set()
        return _Result(more=len(calls) < 4)

    runner = SchedulerRunner(engine, tick, interval_seconds=3600)
    runner.start()
    try:
        assert done.wait(timeout=15), f"{len(calls)} ticks, then it waited for the interval"
    finally:
        runner.shutdown()
    assert len(calls) == 4  # the fourth said nothing more was due: no fifth


def test_shutdown_ends_a_run_of_ticks_that_always_have_more(engine: Engine) -> None:
    calls: list[int] = []
    started = threading.Event()

    def tick() -> _Result:
        calls.append(1)
        started.set()
        return _Result(more=True)

    runner = SchedulerRunner(engine, tick, interval_seconds=3600)
    runner.start()
    assert started.wait(timeout=15)
    runner.shutdown()  # returns (waiting for the job): the loop sees the stop between ticks
    stopped_at = len(calls)
    threading.Event().wait(0.3)
    assert len(calls) == stopped_at
