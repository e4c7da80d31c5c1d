"""Scale-out: 1, 2 and 3 `commplan reminders run` processes on one PostgreSQL sending a burst.

Run: scripts/with-postgres bash -c \
       '.venv/bin/python -m bench.replicas --url "$COMMPLAN_TEST_POSTGRES_URL" [--count 3000]'

Each round empties the database, writes ``count`` reminders due now to 2,000 people
(tests/fakes/burst.py), starts the fake Slack Web API in its own process answering in
``latency`` seconds without a rate limit, then starts N real replicas (each with 8 sending
threads) and times until every row is sent. Reported: messages per second from the first
replica's start (so process start-up and the first planning tick count), how many rows each
replica claimed, and duplicates (always 0: the claim protocol).
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from bench.reminders import FakeProcess, fresh
from storage.models import OutboxMessage
from tests.fakes.burst import seed
from tests.fakes.replica import start_replica


def replica(url: str, fake: FakeProcess, log: Path) -> subprocess.Popen[bytes]:
    return start_replica(
        url, fake.url, log, SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET="bench-secret"
    )


def round_(folder: Path, url: str, replicas: int, count: int, latency: float) -> None:
    engine, _ = fresh(folder, url, f"replicas-{replicas}")
    seed(engine, count, people=2000)
    fake = FakeProcess(folder, str(latency))
    log = folder / f"replicas-{replicas}.log"
    started = time.monotonic()
    processes = [replica(url, fake, log) for _ in range(replicas)]
    try:
        while True:
            with engine.connect() as connection:
                sent = connection.scalar(
                    select(func.count())
                    .select_from(OutboxMessage)
                    .where(OutboxMessage.status == "sent")
                )
            if sent == count:
                break
            if time.monotonic() - started > 600:
                raise SystemExit(f"not all sent after 600 s: {sent}/{count}; see {log}")
            time.sleep(0.05)
        elapsed = time.monotonic() - started
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)
        fake.stop()
    with engine.connect() as connection:
        shares = sorted(
            n
            for _, n in connection.execute(
                select(OutboxMessage.claimed_by, func.count()).group_by(OutboxMessage.claimed_by)
            )
        )
    duplicates = sum(n - 1 for n in Counter(fake.keys()).values() if n > 1)
    print(
        f"| {replicas} | {count} | {elapsed:.1f} s | {count / elapsed:.0f} msg/s "
        f"| {' / '.join(map(str, shares))} | {duplicates} |"
    )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="a PostgreSQL URL (the database is emptied)")
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--latency", type=float, default=0.05, help="the fake's answer time, s")
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    print("| replicas | reminders | time | throughput | rows per replica | duplicates |")
    print("|---:|---:|---:|---:|---|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for replicas in args.replicas:
            round_(Path(folder), args.url, replicas, args.count, args.latency)


if __name__ == "__main__":
    main()
