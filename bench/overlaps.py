"""Overlap detection across 200 plans and 100k activities (docs/coordination.md).

Run: .venv/bin/python -m bench.overlaps [--url postgresql://...] [--rounds 20]
A fresh database (SQLite file by default): 20 teams of 10 plans, 100k activities over a year
from today (30 % done), 12 audiences, each activity addressing one or two of them, a weekly
budget on "Intranet" for 3 audiences. Timed: ``find_overlaps`` over the tick's horizon (90 days)
and over the whole year, and the tick's planner writing its notices (first run) and finding
them all told (the runs after, as every replica's tick does).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import tempfile
import time
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, func, insert, select, text

from bench.upcoming import measure
from scheduler.overlaps import OverlapPlanner, find_overlaps
from storage.database import make_engine, session_factory
from storage.migrate import upgrade
from storage.models import (
    Activity,
    ActivityAudience,
    Audience,
    AudienceBudget,
    Base,
    OutboxMessage,
    Person,
    Plan,
    Team,
)
from storage.timing import TimingKind
from storage.tokens import token_digest

TEAMS, PLANS_PER_TEAM, AUDIENCES = 20, 10, 12
CHANNELS = ("Intranet", "Nyhedsbrev", "Personalemøde", "Pressemeddelelse", "Hjemmeside")


def seed(engine: Engine, activities: int, today: dt.date, seed_value: int = 11) -> None:
    rng = random.Random(seed_value)
    now = dt.datetime.now(dt.UTC)
    plans = TEAMS * PLANS_PER_TEAM
    with engine.begin() as connection:
        connection.execute(
            insert(Team),
            [
                {
                    "id": t + 1,
                    "slug": f"team-{t}",
                    "name": f"Team {t}",
                    "feed_token": f"tok-{t}",
                    "feed_token_hash": token_digest(f"tok-{t}"),
                    "created_at": now,
                }
                for t in range(TEAMS)
            ],
        )
        connection.execute(
            insert(Person),
            [
                {"id": p + 1, "name": f"Owner {p}", "active": True, "created_at": now}
                for p in range(plans)
            ],
        )
        connection.execute(
            insert(Plan),
            [
                {
                    "id": n + 1,
                    "team_id": n // PLANS_PER_TEAM + 1,
                    "name": f"Plan {n}",
                    "owner_id": n + 1,
                    "country": "DK",
                    "time_zone": "Europe/Copenhagen",
                    "language": "da",
                    "status": "active",
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(plans)
            ],
        )
        connection.execute(
            insert(Audience),
            [
                {"id": a + 1, "slug": f"a-{a}", "name": f"Audience {a}", "created_at": now}
                for a in range(AUDIENCES)
            ],
        )
        connection.execute(
            insert(AudienceBudget),
            [
                {
                    "audience_id": a + 1,
                    "channel_key": "intranet",
                    "channel": "Intranet",
                    "per_week": 2,
                }
                for a in range(3)
            ],
        )
        for start in range(0, activities, 10_000):
            rows, links = [], []
            for i in range(start, min(start + 10_000, activities)):
                due = today + dt.timedelta(days=rng.randrange(365))
                rows.append(
                    {
                        "id": i + 1,
                        "plan_id": rng.randrange(plans) + 1,
                        "position": i,
                        "title": f"Activity {i}",
                        "channel": rng.choice(CHANNELS),
                        "timing_kind": TimingKind.DATE.name,
                        "timing_due": due,
                        "next_due": due,
                        "status": "done" if rng.random() < 0.3 else "planned",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                for audience in rng.sample(range(AUDIENCES), rng.choice((1, 1, 2))):
                    links.append({"activity_id": i + 1, "audience_id": audience + 1})
            connection.execute(insert(Activity), rows)
            connection.execute(insert(ActivityAudience), links)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: a new SQLite file")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--activities", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = make_engine(url)
        if args.url:
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade(engine)
        today = dt.date.today()
        seed(engine, args.activities, today)
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                for table in Base.metadata.sorted_tables:
                    connection.execute(text(f'ANALYZE "{table.name}"'))
        sessions = session_factory(engine)

        def find(days: int) -> int:
            with sessions() as session:
                last = today + dt.timedelta(days=days)
                return len(find_overlaps(session, today, last, apart=5))

        print(
            f"{engine.dialect.name}, {args.activities} activities, {TEAMS * PLANS_PER_TEAM} plans"
        )
        for days in (90, 365):
            count = find(days)
            p50, p99 = measure(partial(find, days), args.rounds)
            print(
                f"find_overlaps {days:>3} d: {count:>6} overlaps  p50 {p50:8.1f}  p99 {p99:8.1f} ms"
            )
        planner = OverlapPlanner(
            sessions, apart=5, horizon_days=90, zone="Europe/Copenhagen", every=dt.timedelta(0)
        )
        started = time.perf_counter()
        planner()  # the first run writes every notice
        first = (time.perf_counter() - started) * 1000
        with sessions() as session:
            told = session.scalar(select(func.count()).select_from(OutboxMessage))
        print(f"planner, first run: {told} notices  {first:8.1f} ms")
        p50, p99 = measure(planner, args.rounds)
        print(f"planner, all told:  p50 {p50:8.1f} ms  p99 {p99:8.1f} ms")
        engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
