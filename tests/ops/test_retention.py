"""Retention: old sent and cancelled outbox rows and ended delegations go, in small batches,
from one replica at a time; what a planner could write again, and everything recent, stays."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.services import Services
from bot.services.actor import Actor
from scheduler.outbox.drain import OutboxDrain
from scheduler.outbox.kinds import NoticeKind
from scheduler.reminders import ReminderPlanner
from scheduler.retention import ADVISORY_LOCK_KEY, Retention
from scheduler.tick import Tick
from storage.models import (
    Activity,
    ApprovalRequest,
    AuditEntry,
    Delegation,
    Origin,
    OutboxMessage,
    OutboxStatus,
    Person,
    Plan,
    SteeringGroup,
    Team,
)
from tests.ops.test_backup import GatedRecorder

NOW = dt.datetime(2027, 10, 31, 1, 30, tzinfo=dt.UTC)  # the night the clocks go back
OLD = NOW - dt.timedelta(days=100)
RECENT = NOW - dt.timedelta(days=20)


def seed(sessions: sessionmaker[Session], old_sent: int) -> None:
    with sessions.begin() as session:
        team = Team(slug="t", name="T")
        people = [Person(name="A"), Person(name="B")]
        session.add_all([team, *people])
        session.flush()
        plan = Plan(team_id=team.id, name="P")
        session.add(plan)
        session.flush()
        waiting = Activity(plan_id=plan.id, title="Awaits approval")
        session.add(waiting)
        session.flush()
        session.add(ApprovalRequest(activity_id=waiting.id))
        group = SteeringGroup(team_id=team.id, name="S")
        session.add(group)
        session.flush()
        for ends in (OLD - dt.timedelta(days=400), RECENT):
            session.add(
                Delegation(
                    group_id=group.id,
                    member_id=people[0].id,
                    deputy_id=people[1].id,
                    starts_at=ends - dt.timedelta(days=1),
                    ends_at=ends,
                )
            )

        def row(
            key: str, status: OutboxStatus, due: dt.datetime, kind: str = NoticeKind.REMINDER
        ) -> None:
            session.add(
                OutboxMessage(key=key, kind=kind, status=status, due_at=due, activity_id=waiting.id)
            )

        for n in range(old_sent):
            row(f"old-sent-{n}", OutboxStatus.SENT, OLD - dt.timedelta(minutes=n))
        row("old-cancelled", OutboxStatus.CANCELLED, OLD)
        row("old-failed", OutboxStatus.FAILED, OLD)  # someone should look at it: kept
        row("old-pending", OutboxStatus.PENDING, OLD)
        row("recent-sent", OutboxStatus.SENT, RECENT)
        # Written again while its request is pending, were it deleted: kept.
        row("channel-post", OutboxStatus.SENT, OLD, kind=NoticeKind.APPROVAL_CHANNEL)


def keys(sessions: sessionmaker[Session]) -> set[str]:
    with sessions() as session:
        return set(session.scalars(select(OutboxMessage.key)))


def retention(sessions: sessionmaker[Session], batch: int) -> Retention:
    return Retention(
        sessions,
        outbox_days=90,
        delegation_days=365,
        batch=batch,
        max_batches=3,
        every=dt.timedelta(0),
    )


@time_machine.travel(NOW, tick=False)
def test_old_rows_go_in_small_batches_and_the_rest_stays(sessions: sessionmaker[Session]) -> None:
    seed(sessions, old_sent=20)
    purge = retention(sessions, batch=4)
    runs = [purge() for _ in range(3)]
    # 21 old rows in batches of 4, at most 3 batches a run: 12, then 9 (4 + 4 + 1, the budget
    # spent); the ended delegation waits for the run with budget left.
    assert [(r.outbox, r.delegations) for r in runs] == [(12, 0), (9, 0), (0, 1)]
    assert keys(sessions) == {"old-failed", "old-pending", "recent-sent", "channel-post"}
    with sessions() as session:
        assert session.scalars(select(Delegation.ends_at)).all() == [RECENT]


def test_the_shortest_outbox_retention_outlives_every_late_write(
    sessions: sessionmaker[Session],
) -> None:
    with pytest.raises(ValueError, match="at least 31 days"):
        Retention(sessions, outbox_days=30, delegation_days=1)


# Replicas share PostgreSQL; on SQLite one process runs the scheduler (scheduler/single_runner).
@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
@time_machine.travel(NOW, tick=False)
def test_one_replica_at_a_time(engine: Engine) -> None:
    sessions = sessionmaker(engine)
    seed(sessions, old_sent=3)
    with engine.connect() as other_replica:
        assert other_replica.scalar(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
        )
        skipped = retention(sessions, batch=10)()
        assert skipped.skipped and skipped.outbox == 0
        assert len(keys(sessions)) == 8
        other_replica.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
    done = retention(sessions, batch=10)()
    assert (done.skipped, done.outbox) == (False, 4)


@time_machine.travel(NOW, tick=False)
def test_the_tick_runs_retention_after_sending(sessions: sessionmaker[Session]) -> None:
    seed(sessions, old_sent=2)
    tick = Tick(
        ReminderPlanner(sessions),
        OutboxDrain(sessions, GatedRecorder()),
        budget_seconds=5,
        housekeeping=retention(sessions, batch=10),
    )
    tick()
    assert "old-sent-0" not in keys(sessions) and "recent-sent" in keys(sessions)


def test_audit_entries_past_their_years_are_archived_then_deleted(
    services: Services, tmp_path: Path
) -> None:
    with services.context.sessions.begin() as session:
        for year in (2014, 2015, 2024):
            session.add(
                AuditEntry(
                    at=dt.datetime(year, 3, 30, 12, tzinfo=dt.UTC),
                    actor_text="cli:x",
                    origin="cli",
                    action="plan.add",
                    entity="plan",
                    details={"name": f"Plan {year}"},
                )
            )
    archive = tmp_path / "audit.jsonl.gz"
    with time_machine.travel(dt.datetime(2026, 12, 1, tzinfo=dt.UTC), tick=False):
        archived = services.records.purge_audit(
            archive, Actor(Origin.CLI, None, "cli:test", admin=True)
        )
    assert archived.entries == 2
    with gzip.open(archive, "rt", encoding="utf-8") as packed:
        lines = [json.loads(line) for line in packed]
    assert [line["details"]["name"] for line in lines] == ["Plan 2014", "Plan 2015"]
    with services.context.sessions() as session:
        left = session.scalars(select(AuditEntry.action).order_by(AuditEntry.at)).all()
        assert left == ["plan.add", "audit.purge"]
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 2
