"""Overlap detection across 200 plans and 100k activities (docs/coordination.md).

Run: .venv/bin/python -m bench.overlaps [--url postgresql://...] [--rounds 5]
A fresh database (SQLite file by default) seeded by bench/seed.py with 20 teams of 10 plans
(deadlines from 60 days ago to 22 months ahead, 30 % done), each plan with an owner; then 12
audiences, each activity addressing one or two of them, and a budget of 2 a week on its channel
("Intranet") for 3 audiences. Timed: ``find_overlaps`` over the tick's horizon (90 days) and a
year, the tick's planner writing its notices (first run) and finding them all told (the runs
after, as every replica's tick does), and `commplan calendar` for 8 weeks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import tempfile
import time
from functools import partial

from sqlalchemy import Engine, func, insert, select, update

from bench.seed import PEOPLE, analyze, fresh_engine, seed
from bench.upcoming import measure
from bot.services import Services
from bot.services.actor import Actor
from config import load_settings
from scheduler.overlaps import OverlapPlanner
from storage.database import session_factory
from storage.models import (
    Activity,
    ActivityAudience,
    Audience,
    AudienceBudget,
    Origin,
    OutboxMessage,
    Plan,
)
from storage.repositories.overlaps import find_overlaps

TEAMS, AUDIENCES = 20, 12


def add_audiences(engine: Engine, seed_value: int = 11) -> None:
    """12 audiences, one or two per activity, and a weekly budget on Intranet for three."""
    rng = random.Random(seed_value)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        connection.execute(update(Plan).values(owner_id=Plan.id % PEOPLE + 1))
        connection.execute(
            insert(Audience),
            [
                {"id": a + 1, "slug": f"a-{a}", "name": f"Audience {a}", "created_at": now}
                for a in range(AUDIENCES)
            ],
        )
        budgets = [
            {"audience_id": a + 1, "channel_key": "intranet", "channel": "Intranet", "per_week": 2}
            for a in range(3)
        ]
        connection.execute(insert(AudienceBudget), budgets)
        ids = list(connection.scalars(select(Activity.id).order_by(Activity.id)))
        for start in range(0, len(ids), 10_000):
            links = [
                {"activity_id": activity_id, "audience_id": audience + 1}
                for activity_id in ids[start : start + 10_000]
                for audience in rng.sample(range(AUDIENCES), rng.choice((1, 1, 2)))
            ]
            connection.execute(insert(ActivityAudience), links)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: a new SQLite file")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--activities", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = fresh_engine(args.url, folder)
        today = dt.date.today()
        seed(engine, args.activities, today, teams=TEAMS)
        add_audiences(engine)
        analyze(engine)
        sessions = session_factory(engine)

        def find(days: int) -> int:
            with sessions() as session:
                last = today + dt.timedelta(days=days)
                return len(find_overlaps(session, today, last, apart=5))

        print(f"{engine.dialect.name}, {args.activities} activities, {TEAMS * 10} plans")
        for days in (90, 365):
            count = find(days)
            p50, p99 = measure(partial(find, days), args.rounds)
            print(
                f"find_overlaps {days:>3} d: {count:>5} overlaps  p50 {p50:7.1f}  p99 {p99:7.1f} ms"
            )

        # One plan's overlaps, as its weekly digest reads them (two weeks): every audience read,
        # then kept to the plan, against only the audiences the plan addresses then.
        def one_plan(alone: bool) -> int:
            with sessions() as session:
                last = today + dt.timedelta(days=13)
                found = find_overlaps(session, today, last, apart=5, plan_id=1 if alone else None)
                return sum(1 for overlap in found if 1 in overlap.plan_ids)

        assert one_plan(True) == one_plan(False)
        for alone in (False, True):
            p50, p99 = measure(partial(one_plan, alone), args.rounds)
            how = "its audiences only" if alone else "every audience    "
            print(f"one plan's digest, {how}: p50 {p50:7.1f}  p99 {p99:7.1f} ms")
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
        # The calendar (`commplan calendar`, 8 weeks) as the admin, and as a team's member
        # (the permission gate decides plan by plan: 10 of the 200 are theirs).
        url = engine.url.render_as_string(hide_password=False)
        services = Services.create(load_settings(COMMPLAN_DATABASE_URL=url), engine)
        member = Actor(Origin.SLACK, 1, "member", surface_user="U1")
        for who, caller in (("admin", Actor.cli()), ("member", member)):
            p50, p99 = measure(partial(services.calendar.grid, caller, weeks=8), args.rounds)
            print(f"calendar 8 weeks, {who}: p50 {p50:8.1f} ms  p99 {p99:8.1f} ms")
        engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
