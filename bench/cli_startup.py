"""How long the command line takes to answer: `commplan --help`, `commplan upcoming` on a small
SQLite database, and `python -c pass` (the interpreter's own start, the floor under both).

Run: .venv/bin/python -m bench.cli_startup [--runs 15] [--activities 100]
Each figure is the wall time of a fresh process, from start to exit, the median (and the fastest
and slowest) of ``--runs`` runs. The database is a SQLite file at the newest revision holding
``--activities`` activities (bench/seed.py), so `upcoming` reads and prints real rows. A run that
exits non-zero, or prints nothing where a table is expected, stops the benchmark (exit 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.checks import require
from bench.seed import seed
from storage.database import make_engine
from storage.migrate import upgrade

COMMPLAN = Path(sys.executable).with_name("commplan")


def timed(command: Sequence[str], environment: dict[str, str]) -> tuple[float, str]:
    """The wall time of one run of ``command`` and what it printed; a failed run stops here."""
    started = time.perf_counter()
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    require(
        done.returncode == 0,
        f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-500:]}",
    )
    return elapsed, done.stdout


def figures(name: str, runs: list[float]) -> str:
    return (
        f"{name:<34} median {statistics.median(runs) * 1000:6.0f} ms   "
        f"fastest {min(runs) * 1000:6.0f} ms   slowest {max(runs) * 1000:6.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--activities", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "small.db"
        engine = make_engine(f"sqlite:///{database}")
        upgrade(engine)
        seed(engine, args.activities, dt.datetime.now(dt.UTC).date())
        engine.dispose()
        environment = dict(
            os.environ,
            COMMPLAN_DATABASE_URL=f"sqlite:///{database}",
            COMMPLAN_LOG_LEVEL="WARNING",
            COLUMNS="160",
        )
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "commplan --help": [str(COMMPLAN), "--help"],
            f"commplan upcoming ({args.activities} activities)": [
                str(COMMPLAN),
                "upcoming",
                "--days",
                "60",
            ],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so that a busy moment costs every command
            for name, command in commands.items():
                elapsed, printed = timed(command, environment)
                require(
                    name == "python -c pass" or bool(printed.strip()),
                    f"{name} printed nothing",
                )
                times[name].append(elapsed)
        for name, runs in times.items():
            print(figures(name, runs))


if __name__ == "__main__":
    main()
