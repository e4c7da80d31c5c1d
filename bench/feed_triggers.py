"""What the feed's change-counter triggers (revision 0007) cost writes: a bulk seed and two bulk
updates, with the triggers and with them dropped, alternately.

Run: .venv/bin/python -m bench.feed_triggers [--activities 100000] [--runs 2] [--url postgresql://...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import tempfile
import time

from sqlalchemy import Engine, text

from bench.seed import fresh_engine, seed

# The revision's own list of its triggers (a module name that starts with a digit).
REVISION = importlib.import_module("storage.migrations.versions.0007_plan_change_counter")


def drop_triggers(engine: Engine) -> None:
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        for trigger, table in REVISION.TRIGGERS.items():
            on = f" ON {table}" if postgres else ""
            connection.execute(text(f"DROP TRIGGER {trigger}{on}"))


def timed(engine: Engine, statement: str) -> float:
    with engine.begin() as connection:
        start = time.perf_counter()
        connection.execute(text(statement))
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: a new SQLite file")
    args = parser.parse_args()
    for _ in range(args.runs):
        for triggers in (True, False):
            engine = fresh_engine(args.url, tempfile.mkdtemp(prefix="commplan-bench-"))
            if not triggers:
                drop_triggers(engine)
            start = time.perf_counter()
            seed(engine, args.activities, dt.date.today())
            seeded = time.perf_counter() - start
            # The planner's kind of write (no column an event shows), then one every event shows.
            planner = timed(engine, "UPDATE activities SET next_due = next_due")
            titles = timed(engine, "UPDATE activities SET title = title || '.'")
            print(
                f"{engine.dialect.name}, triggers {'on ' if triggers else 'off'}:"
                f" seed {args.activities} {seeded:5.2f} s;"
                f" next_due of every row {planner:5.2f} s; title of every row {titles:5.2f} s"
            )
            engine.dispose()


if __name__ == "__main__":
    main()
