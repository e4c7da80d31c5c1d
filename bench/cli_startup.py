"""How long the command line takes to answer: `commplan --help`, `commplan upcoming` on a small
SQLite database; beside them `python -c pass` (the interpreter's own start) and the imports
neither can do without (Typer, pydantic-settings, SQLAlchemy), the floor under each.

Run: .venv/bin/python -m bench.cli_startup [--runs 15] [--activities 100]
Each figure is the wall time of a fresh process, from start to exit, the median (and the fastest
and slowest) of ``--runs`` runs, and the median CPU time (user + system) the process used: on a
busy machine the wall time waits for a core, the CPU time much less. The database is a SQLite
file at the newest revision holding ``--activities`` activities (bench/seed.py), so `upcoming`
reads and prints real rows. A run that exits non-zero, or prints nothing where a table is
expected, stops the benchmark (exit 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
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


def cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(command: Sequence[str], environment: dict[str, str]) -> tuple[float, float, str]:
    """The wall and CPU time of one run of ``command`` and what it printed; a failed run stops
    here."""
    cpu = cpu_of_children()
    started = time.perf_counter()
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    require(
        done.returncode == 0,
        f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-500:]}",
    )
    return elapsed, cpu_of_children() - cpu, done.stdout


def figures(name: str, runs: list[float], cpu: list[float]) -> str:
    return (
        f"{name:<34} wall median {statistics.median(runs) * 1000:5.0f} ms "
        f"(fastest {min(runs) * 1000:5.0f}, slowest {max(runs) * 1000:5.0f}); "
        f"CPU median {statistics.median(cpu) * 1000:5.0f} ms"
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
            # The floors: what `--help` cannot do without (Typer and its rich help), and what
            # a command on the database cannot (those, the settings, SQLAlchemy's ORM).
            "floor of --help": [sys.executable, "-c", "import typer.main, typer.rich_utils"],
            "floor of a database command": [
                sys.executable,
                "-c",
                "import typer.main, pydantic_settings, sqlalchemy.orm",
            ],
            "commplan --help": [str(COMMPLAN), "--help"],
            f"commplan upcoming ({args.activities} activities)": [
                str(COMMPLAN),
                "upcoming",
                "--days",
                "60",
            ],
        }
        load = os.getloadavg()[0]
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so that a busy moment costs every command
            for name, command in commands.items():
                elapsed, used, printed = timed(command, environment)
                require(
                    not name.startswith("commplan") or bool(printed.strip()),
                    f"{name} printed nothing",
                )
                require(
                    not name.startswith("commplan upcoming")
                    or re.search(r"#\d+", printed) is not None,
                    f"{name} listed no activity: {printed.strip()[:300]}",
                )
                times[name].append(elapsed)
                cpu[name].append(used)
        after = os.getloadavg()[0]
        print(f"{args.runs} runs each; load average {load:.2f} before, {after:.2f} after")
        for name, runs in times.items():
            print(figures(name, runs, cpu[name]))


if __name__ == "__main__":
    main()
