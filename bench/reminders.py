"""The reminder engine under load: a burst of due reminders, Slack's rate limit, memory.

Run: .venv/bin/python -m bench.reminders [--count 10000] [--limited 600] [--pending 100000]
     [--url postgresql://...]

The fake Slack Web API (tests/fakes/slack_api.py) runs as its own process; this process runs
the real tick (planner, outbox claim, Slack notifier) as `commplan reminders run` does.

1. Burst: ``count`` reminders to 2,000 people, all due at once; one process; no rate limit.
   Throughput (messages per second) and lateness (sent_at minus the time the reminder was due,
   measured from when the tick began; the first message and p99). With ``--processes N``, the
   reminders are planned first and N sending processes (1 included) drain them together against
   the one fake: the send path alone, from the moment all N are ready.
2. Slack's limit: ``limited`` reminders to 20 people, the fake allowing one message per second
   per channel and answering 429 with Retry-After otherwise. Lost, duplicates, and the total time
   against the least the limit allows ((messages per person - 1) seconds).
3. Memory: ``pending`` activities whose reminders fall due tomorrow: the planning tick that
   writes them into the outbox, its time, the process's peak RSS and the database's growth.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import multiprocessing.queues
import multiprocessing.synchronize
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import Engine, func, select, text

from bench.checks import reference_now, require
from bot.services import Services
from bot.transports.slack.notifier import SlackNotifier
from bot.transports.slack.pooled import PooledWebClient
from config import load_settings
from scheduler.outbox.drain import OutboxDrain
from scheduler.reminders import ReminderPlanner
from scheduler.tick import Tick
from storage.database import make_engine
from storage.migrate import upgrade
from storage.models import OutboxMessage
from tests.fakes.burst import POLICY, seed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class FakeProcess:
    def __init__(self, folder: Path, *limits: str) -> None:
        self.port = free_port()
        self.state = folder / f"slack-{self.port}.jsonl"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.fakes.slack_api",
                str(self.port),
                str(self.state),
                *limits,
            ]
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def keys(self) -> list[str | None]:
        if not self.state.exists():
            return []
        return [json.loads(line)["key"] for line in self.state.read_text().splitlines()]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def fresh(folder: Path, url: str | None, name: str) -> tuple[Engine, Services]:
    database = url or f"sqlite:///{folder / f'{name}.db'}"
    engine = make_engine(database)
    if url:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    return engine, Services.create(load_settings(COMMPLAN_DATABASE_URL=database), engine)


def tick_for(services: Services, fake: FakeProcess | _Url, *, pace: bool, workers: int = 8) -> Tick:
    client = PooledWebClient(token="xoxb-bench", base_url=fake.url, timeout=15)
    client.retry_handlers = []
    notifier = SlackNotifier(services, client)
    if not pace:
        notifier.min_interval = 0.0
    drain = OutboxDrain(services.context.sessions, notifier, batch=200, workers=workers)
    return Tick(ReminderPlanner(services.context.sessions), drain, budget_seconds=3600)


def sent_times(engine: Engine) -> list[tuple[dt.datetime, dt.datetime]]:
    with engine.connect() as connection:
        return [
            (row.sent_at, row.due_at)
            for row in connection.execute(
                select(OutboxMessage.sent_at, OutboxMessage.due_at).where(
                    OutboxMessage.status == "sent"
                )
            )
        ]


def burst(folder: Path, url: str | None, count: int, latency: float, workers: int) -> None:
    engine, services = fresh(folder, url, f"burst-{latency}-{workers}")
    seed(engine, count, people=2000)
    fake = FakeProcess(folder, str(latency))
    try:
        tick = tick_for(services, fake, pace=False, workers=workers)
        began = dt.datetime.now(dt.UTC)
        started = time.perf_counter()
        result = tick()
        elapsed = time.perf_counter() - started
    finally:
        fake.stop()
    times = sent_times(engine)
    lateness = sorted((sent - began).total_seconds() for sent, _ in times)
    keys = Counter(fake.keys())
    print(
        f"burst: {count} reminders, 2,000 people, one process, {engine.dialect.name}, "
        f"{workers} sending threads, fake answering in {latency * 1000:.0f} ms"
    )
    rate = result.drained.sent / elapsed
    print(f"  sent {result.drained.sent} in {elapsed:.1f} s: {rate:.0f} messages/s")
    p99 = lateness[int(0.99 * (len(lateness) - 1))]
    print(
        f"  lateness from the tick's start: first {lateness[0]:.2f} s, median "
        f"{statistics.median(lateness):.1f} s, p99 {p99:.1f} s"
    )
    print(f"  lost {count - len(keys)}, duplicates {sum(keys.values()) - len(keys)}")
    engine.dispose()


def burst_processes(  # noqa: PLR0917 (the benchmark's options, as burst's)
    folder: Path, url: str | None, count: int, latency: float, workers: int, processes: int
) -> None:
    engine, services = fresh(folder, url, f"processes-{processes}")
    seed(engine, count, people=2000)
    ReminderPlanner(services.context.sessions)()  # planned here: the processes only send
    database = engine.url.render_as_string(hide_password=False)
    fake = FakeProcess(folder, str(latency))
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(processes + 1)
    results: multiprocessing.queues.Queue[tuple[int, float]] = context.Queue()
    children = [
        context.Process(target=_sender, args=(database, fake.url, workers, ready, results))
        for _ in range(processes)
    ]
    try:
        for child in children:
            child.start()
        ready.wait(timeout=120)
        started = time.perf_counter()
        shares = sorted(results.get(timeout=3600) for _ in children)
        elapsed = time.perf_counter() - started
        for child in children:
            child.join()
    finally:
        fake.stop()
    keys = Counter(fake.keys())
    sent = sum(n for n, _ in shares)
    cpu = sum(seconds for _, seconds in shares)
    print(
        f"burst: {count} reminders, 2,000 people, {processes} sending processes, "
        f"{engine.dialect.name}, {workers} threads each, fake answering in {latency * 1000:.0f} ms"
    )
    print(
        f"  sent {sent} in {elapsed:.1f} s: {sent / elapsed:.0f} messages/s; "
        f"per process {' / '.join(str(n) for n, _ in shares)}; senders' CPU {cpu:.1f} s"
    )
    print(f"  lost {count - len(keys)}, duplicates {sum(keys.values()) - len(keys)}")
    engine.dispose()


def _sender(
    database: str,
    fake_url: str,
    workers: int,
    ready: multiprocessing.synchronize.Barrier,
    results: multiprocessing.queues.Queue[tuple[int, float]],
) -> None:
    """One sending process of ``burst_processes``: drains until nothing is due."""
    engine = make_engine(database)
    services = Services.create(load_settings(COMMPLAN_DATABASE_URL=database), engine)
    drain = tick_for(services, _Url(fake_url), pace=False, workers=workers).drain
    ready.wait(timeout=120)
    cpu = time.process_time()
    sent = 0
    while True:
        result = drain(ahead=True)  # as the tick: the next batch is read while one goes out
        sent += result.sent
        if result.sent + result.failed + result.retried + result.released + result.lost:
            continue
        # Nothing claimed: the others hold what is left (or it is all sent).
        with engine.connect() as connection:
            left = connection.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.status == "pending")
            )
        if not left:
            break
        time.sleep(0.05)
    results.put((sent, time.process_time() - cpu))
    engine.dispose()


class _Url:
    """The fake as a sending process sees it: its address only."""

    def __init__(self, url: str) -> None:
        self.url = url


def limited(folder: Path, url: str | None, count: int) -> None:
    people = 20
    engine, services = fresh(folder, url, "limited")
    seed(engine, count, people=people)
    fake = FakeProcess(folder, "0", "1")  # no delay, 1 message per second per channel
    try:
        tick = tick_for(services, fake, pace=True)
        started = time.perf_counter()
        sent = 0
        while sent < count and time.perf_counter() - started < 10 * count / people + 60:
            tick()
            with engine.connect() as connection:
                sent = int(
                    connection.scalar(
                        select(func.count())
                        .select_from(OutboxMessage)
                        .where(OutboxMessage.status == "sent")
                    )
                    or 0
                )
            if sent < count:
                time.sleep(0.2)
        elapsed = time.perf_counter() - started
    finally:
        fake.stop()
    keys = Counter(fake.keys())
    least = count / people - 1
    print(f"Slack's limit: {count} reminders to {people} people, 1 message/s per channel")
    print(
        f"  all sent in {elapsed:.1f} s; the limit allows {least:.0f} s at best "
        f"({100 * (elapsed / least - 1):+.1f} %)"
    )
    print(f"  lost {count - len(keys)}, duplicates {sum(keys.values()) - len(keys)}")
    engine.dispose()


def memory(folder: Path, url: str | None, pending: int) -> None:
    engine, services = fresh(folder, url, "memory")
    # Planned at a fixed hour of the day (bench.checks), so a run does the same work at any hour.
    now = reference_now()
    tomorrow = now.date() + dt.timedelta(days=1)
    policy = {**POLICY, "hour": 12, "late_horizon_hours": 24}
    # Seeded in a child process, so that the peak RSS below is the planner's own.
    child = multiprocessing.get_context("spawn").Process(
        target=_seed_into,
        args=(str(engine.url.render_as_string(hide_password=False)), pending, tomorrow, policy),
    )
    child.start()
    child.join()
    size_before = _size(engine, folder)
    planner = ReminderPlanner(services.context.sessions)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    server = _ServerCpu(engine)
    started, cpu = time.perf_counter(), time.process_time()
    result = planner(now)
    elapsed, first_cpu = time.perf_counter() - started, time.process_time() - cpu
    first_server = server.used()
    # The ticks after it: incremental (nothing changed) 30 s on, then full again 10 min on.
    started = time.perf_counter()
    planner(now + dt.timedelta(seconds=30))
    incremental = time.perf_counter() - started
    server.used()
    started, cpu = time.perf_counter(), time.process_time()
    planner(now + dt.timedelta(minutes=10, seconds=30))
    full_again, next_cpu = time.perf_counter() - started, time.process_time() - cpu
    next_server = server.used()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_after = _size(engine, folder)
    print(f"memory: {pending} activities due tomorrow, {engine.dialect.name}")
    print(
        f"  the full planning tick that wrote {result.written} pending reminders: {elapsed:.1f} s"
    )
    print(
        f"  an incremental tick after it: {incremental:.2f} s; "
        f"the next full one (nothing new): {full_again:.1f} s"
    )
    print(
        f"  CPU of this process: first {first_cpu:.1f} s, next {next_cpu:.1f} s"
        + (
            f"; of the database server: first {first_server:.1f} s, next {next_server:.1f} s"
            if first_server is not None and next_server is not None
            else ""
        )
    )
    with engine.connect() as connection:
        rows, keys = connection.execute(
            select(func.count(), func.count(OutboxMessage.key.distinct()))
        ).one()
    print(f"  lost {pending - keys}, duplicates {rows - keys}")
    require(
        result.written == pending and rows == keys == pending,
        f"the planner wrote {result.written:,} reminders ({rows:,} rows, {keys:,} keys) "
        f"of {pending:,} seeded",
    )
    print(f"  peak RSS {peak:.0f} MB (before planning {before:.0f} MB)")
    if size_before is not None and size_after is not None:
        grown = size_after - size_before
        per_row = grown / max(1, result.written)
        print(f"  database grew {grown / 1e6:.1f} MB ({per_row:.0f} bytes per pending row)")
    engine.dispose()


class _ServerCpu:
    """CPU time of the PostgreSQL backend serving the planner (the pool's one connection), from
    /proc when the server runs on this machine; None otherwise (and on SQLite)."""

    def __init__(self, engine: Engine) -> None:
        self.stat: Path | None = None
        if engine.dialect.name == "postgresql":
            with engine.connect() as connection:
                pid = connection.scalar(text("SELECT pg_backend_pid()"))
            self.stat = Path(f"/proc/{pid}/stat")
        self.last = self._read()

    def _read(self) -> float | None:
        try:
            fields = self.stat.read_text().rsplit(")", 1)[1].split() if self.stat else None
        except OSError:
            return None
        # utime and stime, in clock ticks (proc(5): fields 14 and 15, here 11 and 12).
        return None if fields is None else (int(fields[11]) + int(fields[12])) / _TICKS

    def used(self) -> float | None:
        now = self._read()
        used = None if now is None or self.last is None else now - self.last
        self.last = now
        return used


_TICKS = os.sysconf("SC_CLK_TCK")


def _seed_into(url: str, count: int, due: dt.date, policy: dict[str, object]) -> None:
    engine = make_engine(url)
    seed(engine, count, people=2000, due=due, policy=policy)
    engine.dispose()


def _size(engine: Engine, folder: Path) -> int | None:
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(path.stat().st_size for path in folder.glob("memory.db*"))
    with engine.connect() as connection:
        return int(connection.scalar(text("SELECT pg_database_size(current_database())")) or 0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--limited", type=int, default=600)
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: new SQLite files")
    parser.add_argument("--only", choices=["burst", "limited", "memory"])
    parser.add_argument("--latency", type=float, default=0.0, help="the fake's answer time, s")
    parser.add_argument("--workers", type=int, default=8, help="sending threads")
    parser.add_argument(
        "--processes", type=int, help="the burst only, sent by this many processes at once"
    )
    args = parser.parse_args()
    os.environ.setdefault("PYTHONPATH", str(Path(__file__).resolve().parents[1]))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if args.processes:
            burst_processes(
                folder, args.url, args.count, args.latency, args.workers, args.processes
            )
            return
        if args.only in (None, "burst"):
            burst(folder, args.url, args.count, args.latency, args.workers)
        if args.only in (None, "limited"):
            limited(folder, args.url, args.limited)
        if args.only in (None, "memory"):
            memory(folder, args.url, args.pending)


if __name__ == "__main__":
    main()
