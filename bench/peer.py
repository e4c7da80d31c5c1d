"""commplan's full reminder plan beside a naive peer, for the same reminders, in one run.

Run: .venv/bin/python -m bench.peer [--db file|memory] [--url postgresql://...] [--count 100000]

The peer is what a team would write without commplan's outbox: one APScheduler 3 job per
reminder, in APScheduler's own ``SQLAlchemyJobStore``, on the same database as commplan (a
SQLite file, an in-memory SQLite database, or the PostgreSQL at ``--url``: emptied!).

1. ``count`` activities due the day after the instant planned at (``tests/fakes/burst.py``, as
   ``bench.reminders``'s memory part: 2,000 people, one reminder each at 12:00) are seeded. The
   instant is fixed (``bench.checks``: a Tuesday at 12:00 UTC), so a run does the same work at
   any hour of the day, and a run that wrote fewer reminders than it seeded exits non-zero.
2. commplan's full plan runs once (``ReminderPlanner``, as the tick does): it works out every
   activity's reminders and writes them into the outbox. Timed.
3. The peer does the same work, the naive way, timed in two parts:
   - *working out*: every open activity is read (with commplan's own bulk reader: generous to
     the peer) and its reminders worked out one activity at a time with commplan's rules
     (``schedule_notices``, the per-row path commplan had before it worked dates out once per
     shape), those within commplan's lookahead kept;
   - *scheduling*: one ``date`` job per reminder, added to a started, paused
     ``BackgroundScheduler`` whose job store writes each job as it is added.
   Two ratios are printed: the same work (both parts), and the scheduling alone (the peer
   handed the reminders' times, which flatters it).

Both are checked: the outbox holds ``count`` pending rows with distinct keys, the job store
``count`` jobs, and the peer's reminders are the outbox's (key and time, nothing lost, nothing
twice, nothing else). Wall time and the process's CPU time are printed for each (the machine is
shared: CPU time is the steadier of the two), and their ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from bench.checks import reference_now, require
from scheduler.outbox.rows import LOOKAHEAD
from scheduler.reminders import ReminderPlanner
from scheduler.schedule import ScheduledNotice, schedule_notices
from scheduler.subjects import load_subjects
from storage.database import make_engine, session_factory
from storage.migrate import upgrade
from storage.models import OutboxMessage, OutboxStatus
from storage.rules.policy import ReminderPolicy
from tests.fakes.burst import POLICY, seed


def send_reminder(key: str, activity_id: int, person_id: int) -> None:
    """The peer's job (never run here: the scheduler stays paused)."""


@dataclass(frozen=True, slots=True)
class Timed:
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"


class Clock:
    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.timed = Timed(time.perf_counter() - self._wall, time.process_time() - self._cpu)


def database(kind: str, url: str | None, folder: Path) -> Engine:
    """An empty, migrated database of the kind asked for."""
    if url:
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    elif kind == "memory":
        # One connection shared by everything: an in-memory database lives in its connection.
        engine = make_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        engine = make_engine(f"sqlite:///{folder / 'peer.db'}")
    upgrade(engine)
    return engine


def run(kind: str, url: str | None, count: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        engine = database(kind, url, Path(name))
        label = "PostgreSQL" if url else f"SQLite ({'in memory' if kind == 'memory' else 'file'})"
        # ScheduledNotice at a fixed hour of the day, so a run does the same work at any hour.
        now = reference_now()
        tomorrow = now.date() + dt.timedelta(days=1)
        seed(engine, count, people=2000, due=tomorrow, policy={**POLICY, "hour": 12})
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(text("ANALYZE"))

        planner = ReminderPlanner(session_factory(engine))
        with Clock() as ours:
            written = planner(now).written
        with engine.connect() as connection:
            reminders = connection.execute(
                select(
                    OutboxMessage.key,
                    OutboxMessage.due_at,
                    OutboxMessage.activity_id,
                    OutboxMessage.person_id,
                )
                .where(OutboxMessage.status == OutboxStatus.PENDING)
                .order_by(OutboxMessage.id)
            ).all()
        keys = {row.key for row in reminders}

        # The peer works the reminders out itself, one activity at a time.
        with Clock() as working_out, session_factory(engine)() as session:
            worked_out = naive_reminders(session, now)
        same = {(notice.key, notice.due_at) for notice in worked_out} == {
            (row.key, _utc(row.due_at)) for row in reminders
        }

        peer = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(engine=engine)})
        peer.start(paused=True)
        try:
            with Clock() as theirs:
                for notice in worked_out:
                    peer.add_job(
                        send_reminder,
                        "date",
                        run_date=notice.due_at,
                        id=notice.key,
                        args=(notice.key, notice.activity_id, notice.person_id),
                    )
            with engine.connect() as connection:
                jobs = connection.scalar(text("SELECT count(*) FROM apscheduler_jobs"))
                pending = connection.scalar(
                    select(func.count())
                    .select_from(OutboxMessage)
                    .where(OutboxMessage.status == OutboxStatus.PENDING)
                )
        finally:
            # The job store disposes of the engine (an in-memory database goes with it), and
            # the scheduler's thread then looks for due jobs once more and logs that it failed.
            logging.getLogger("apscheduler").setLevel(logging.CRITICAL)
            peer.shutdown(wait=False)

    whole = Timed(
        working_out.timed.wall + theirs.timed.wall, working_out.timed.cpu + theirs.timed.cpu
    )
    print(f"{count:,} activities due tomorrow, one reminder each; {label}")
    print(f"  commplan, full plan (works out and writes {written:,} reminders): {ours.timed}")
    print(
        f"  naive peer, working out {len(worked_out):,} reminders row by row: {working_out.timed}"
    )
    print(
        f"  naive peer, {len(worked_out):,} APScheduler jobs added to its job store: {theirs.timed}"
    )
    print(
        f"  the same work: the peer takes {whole.wall / ours.timed.wall:.1f}x commplan's wall "
        f"time, {whole.cpu / ours.timed.cpu:.1f}x its CPU time"
    )
    print(
        f"  scheduling alone (the peer handed the times): "
        f"{theirs.timed.wall / ours.timed.wall:.1f}x wall, "
        f"{theirs.timed.cpu / ours.timed.cpu:.1f}x CPU"
    )
    print(
        f"  check: outbox {pending:,} pending, {len(keys):,} distinct keys; "
        f"job store {jobs:,} jobs (lost {count - min(pending or 0, jobs or 0):,}); "
        f"the peer's reminders {'are' if same else 'are NOT'} the outbox's"
    )
    require(written == count, f"commplan wrote {written:,} reminders of {count:,} seeded")
    require(
        pending == count and len(keys) == count,
        f"the outbox holds {pending:,} pending rows, {len(keys):,} keys, of {count:,} seeded",
    )
    require(jobs == count, f"the peer's job store holds {jobs:,} jobs of {count:,} seeded")
    require(same, "the peer's reminders are not the outbox's")


def naive_reminders(session: Session, now: dt.datetime) -> list[ScheduledNotice]:
    """Every reminder due within commplan's lookahead, worked out one activity at a time."""
    today = now.date()
    found: list[ScheduledNotice] = []
    for subject in load_subjects(session, today, until=today + dt.timedelta(days=2)):
        policy: ReminderPolicy = subject.policy
        first = now - dt.timedelta(hours=policy.late_horizon_hours)
        found += [
            notice
            for notice in schedule_notices(subject, first=first, last=now + LOOKAHEAD)
            if notice.due_at <= now + LOOKAHEAD
        ]
    return found


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--db", choices=["file", "memory"], default="file", help="SQLite kind")
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!) instead of SQLite")
    args = parser.parse_args()
    run(args.db, args.url, args.count)


if __name__ == "__main__":
    main()
