"""Filling a database with N activities fast (Core inserts), for the benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlalchemy import Engine, func, insert, select, text

from storage.database import make_engine
from storage.migrate import upgrade
from storage.models import (
    Activity,
    ActivityResponsible,
    ActivityStatus,
    ApprovalDecision,
    Base,
    Person,
    Plan,
    Team,
    TeamMember,
)
from storage.rules.timing import TimingKind
from storage.tokens import token_digest

TEAMS = 10
PLANS_PER_TEAM = 10
PEOPLE = 200


def seed(
    engine: Engine, activities: int, today: dt.date, seed_value: int = 7, *, teams: int = TEAMS
) -> None:
    """``activities`` spread over 100 plans of 10 teams (``teams``: 10 plans each), deadlines
    over two years."""
    rng = random.Random(seed_value)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(Team),
            [
                {
                    "id": t + 1,
                    "slug": f"team-{t}",
                    "name": f"Team {t}",
                    "feed_token_hash": token_digest(f"tok-{t}"),  # only the digest is kept
                    "created_at": now,
                }
                for t in range(teams)
            ],
        )
        connection.execute(
            insert(Person),
            [
                {"id": p + 1, "name": f"Person {p}", "active": True, "created_at": now}
                for p in range(PEOPLE)
            ],
        )
        connection.execute(
            insert(TeamMember),
            [
                {"team_id": p % teams + 1, "person_id": p + 1, "is_admin": False}
                for p in range(PEOPLE)
            ],
        )
        connection.execute(
            insert(Plan),
            [
                {
                    "id": n + 1,
                    "team_id": n // PLANS_PER_TEAM + 1,
                    "name": f"Plan {n}",
                    "country": "DK",
                    "time_zone": "Europe/Copenhagen",
                    "language": "da",
                    "status": "active",
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(teams * PLANS_PER_TEAM)
            ],
        )
        rows = []
        links = []
        for n in range(activities):
            due = today + dt.timedelta(days=rng.randint(-60, 670))
            rows.append(
                {
                    "id": n + 1,
                    "plan_id": n % (teams * PLANS_PER_TEAM) + 1,
                    "position": n,
                    "title": f"Aktivitet {n}",
                    "target_group": "Medarbejdere",
                    "channel": "Intranet",
                    "when_text": due.isoformat(),
                    "timing_kind": TimingKind.DATE.value,
                    "timing_start": due,
                    "timing_due": due,
                    "timing_tentative": False,
                    "next_due": due,
                    "status": (
                        ActivityStatus.DONE if rng.random() < 0.3 else ActivityStatus.PLANNED
                    ).value,
                    "responsible_steering_group": False,
                    "requires_approval": False,
                    "sequence": 0,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            links.append({"activity_id": n + 1, "person_id": rng.randrange(PEOPLE) + 1})
            if len(rows) == 5000:
                connection.execute(insert(Activity), rows)
                connection.execute(insert(ActivityResponsible), links)
                rows, links = [], []
        if rows:
            connection.execute(insert(Activity), rows)
            connection.execute(insert(ActivityResponsible), links)


def fresh_engine(url: str | None, folder: str) -> Engine:
    """A migrated, empty database: the PostgreSQL at ``url`` (emptied!) or a new SQLite file."""
    engine = make_engine(url or f"sqlite:///{Path(folder) / 'bench.db'}")
    if url:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    with engine.begin() as connection:  # without the shipped vocabulary: each bench adds its own
        connection.execute(text("DELETE FROM audience_aliases"))
        connection.execute(text("DELETE FROM audiences"))
    return engine


def analyze(engine: Engine) -> None:
    """Fresh statistics after a bulk seed (PostgreSQL plans by them; SQLite needs none)."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            for table in Base.metadata.sorted_tables:
                connection.execute(text(f'ANALYZE "{table.name}"'))


def resync_sequences(engine: Engine) -> None:
    """After inserting explicit ids on PostgreSQL, move each id sequence past them, so rows
    added later by the services get fresh ids. (SQLite needs nothing: it takes max + 1.)"""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        for table in ("teams", "people", "plans", "activities"):
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            )


def decisions_per_request(engine: Engine, request_ids: list[int]) -> list[int]:
    """How many decisions each request got (sorted): the click benchmarks want 1 each."""
    with engine.connect() as db:
        counts = dict(
            db.execute(
                select(ApprovalDecision.request_id, func.count()).group_by(
                    ApprovalDecision.request_id
                )
            ).all()
        )
    return sorted(counts.get(request_id, 0) for request_id in request_ids)
