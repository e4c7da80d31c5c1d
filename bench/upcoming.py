"""`upcoming` at 1k, 10k and 100k activities: p50 and p99 of the service call.

Run: .venv/bin/python -m bench.upcoming [--url postgresql://...] [--rounds 200]
Each size gets a fresh database (SQLite file by default), seeded by bench/seed.py, then the
service call `/commplan upcoming` makes (the caller's teams, 14 days) is timed `rounds` times,
plus a whole-organisation and a one-person query.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from bench.seed import seed
from bot.services import Services
from bot.services.actor import Actor
from config import load_settings
from storage.database import make_engine
from storage.migrate import upgrade
from storage.models import Base, Origin


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(
    call: Callable[[], object], rounds: int, *, before: Callable[[], object] | None = None
) -> tuple[float, float]:
    """``call``'s median and 99th percentile in ms over ``rounds`` runs; ``before``, if given,
    runs untimed ahead of each (a change the call must then see)."""
    call()  # warm caches and statement compilation
    samples = []
    for _ in range(rounds):
        if before is not None:
            before()
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), percentile(samples, 0.99)


def queries_for(services: Services) -> dict[str, Callable[[], object]]:
    """The calls timed: `/commplan upcoming` as most people type it (a linked member of a team,
    so the permission filter runs: the plans they may read), and two narrower ones."""
    member = Actor(Origin.SLACK, 1, "member", surface_user="U1")
    admin = Actor.cli()
    return {
        "caller's teams, 14 d": lambda: services.upcoming.query(actor=member, teams_of_person=1),
        "all they may read, 14 d": lambda: services.upcoming.query(actor=member),
        "whole org (admin), 14 d": lambda: services.upcoming.query(actor=admin),
        "one person, 14 d": lambda: services.upcoming.query(actor=member, person_id=1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: a new SQLite file")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    print(f"{'activities':>10} {'query':<22} {'p50 ms':>8} {'p99 ms':>8}")
    for size in (int(value) for value in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            url = args.url or f"sqlite:///{Path(folder) / 'bench.db'}"
            engine = make_engine(url)
            if args.url:
                with engine.begin() as connection:
                    connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            upgrade(engine)
            services = Services.create(load_settings(COMMPLAN_DATABASE_URL=url), engine)
            seed(engine, size, services.context.today())
            if engine.dialect.name == "postgresql":
                with engine.begin() as connection:
                    for table in Base.metadata.sorted_tables:
                        connection.execute(text(f'ANALYZE "{table.name}"'))
            queries = queries_for(services)
            for name, call in queries.items():
                p50, p99 = measure(call, args.rounds)
                print(f"{size:>10} {name:<22} {p50:>8.2f} {p99:>8.2f}")
            engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
