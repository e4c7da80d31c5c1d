"""Start-up time until /healthz answers, and the resident memory of `commplan serve`.

Run: .venv/bin/python -m bench.startup [--runs 5] [--activities 100000]
Each run starts `commplan serve` on a SQLite file (fresh, or seeded with N activities), polls
/healthz every 10 ms until it answers 200, reads VmRSS from /proc, and stops the process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.seed import seed
from storage.database import make_engine
from storage.migrate import upgrade

COMMPLAN = Path(sys.executable).with_name("commplan")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_run(database: Path) -> tuple[float, float]:
    port = free_port()
    environment = dict(
        os.environ,
        COMMPLAN_DATABASE_URL=f"sqlite:///{database}",
        COMMPLAN_PORT=str(port),
        COMMPLAN_LOG_LEVEL="WARNING",
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(COMMPLAN), "serve"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = started + 30
        while time.perf_counter() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.01)
        elapsed = time.perf_counter() - started
        time.sleep(1.0)  # let the first tick run: idle means after it
        return elapsed, rss_mb(process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--activities", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty.db"
        full = Path(folder) / "full.db"
        engine = make_engine(f"sqlite:///{full}")
        upgrade(engine)
        seed(engine, args.activities, dt.date.today())
        engine.dispose()
        for name, template in (("empty database", None), (f"{args.activities} activities", full)):
            times, memory = [], []
            for _ in range(args.runs):
                database = Path(folder) / "run.db"
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{database}{suffix}").unlink(missing_ok=True)
                if template is not None:
                    shutil.copyfile(template, database)
                else:
                    database = empty
                    database.unlink(missing_ok=True)
                elapsed, rss = one_run(database)
                times.append(elapsed)
                memory.append(rss)
            print(
                f"{name:<20} start to /healthz: median {statistics.median(times):.2f} s, "
                f"max {max(times):.2f} s; idle RSS median {statistics.median(memory):.0f} MB"
            )


if __name__ == "__main__":
    main()
