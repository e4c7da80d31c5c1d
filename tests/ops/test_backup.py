"""Backups taken while reminders are being sent restore every row and send nothing twice."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from scheduler.notifier import Delivery, Notice
from scheduler.outbox.drain import OutboxDrain
from scheduler.outbox.kinds import NoticeKind
from storage.backup import BackupError, backup, restore
from storage.database import make_engine, session_factory
from storage.migrate import upgrade
from storage.models import (
    Activity,
    AuditEntry,
    Base,
    OutboxMessage,
    OutboxStatus,
    Person,
    Plan,
    Team,
)

ROWS = 30
PAUSE_AT = 10  # the delivery during which the backup is taken


class GatedRecorder:
    """A chat service that stops in the middle of the PAUSE_AT-th delivery until told to go on,
    so that the backup is certainly taken while sending is under way."""

    name = "recorder"
    min_interval = 0.0

    def __init__(self, pause_at: int | None = None) -> None:
        self.delivered: list[str] = []
        self.pause_at = pause_at
        self.paused = threading.Event()
        self.resume = threading.Event()
        self.lock = threading.Lock()

    def deliver(self, notice: Notice) -> Delivery:
        with self.lock:
            self.delivered.append(notice.key)
            count = len(self.delivered)
        if count == self.pause_at:
            self.paused.set()
            assert self.resume.wait(60)
        return Delivery(external_id=f"msg-{notice.key}")

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        return False  # no second copy is ever posted here: nothing takes a row over


def seed(sessions: sessionmaker[Session]) -> None:
    now = dt.datetime.now(dt.UTC)
    with sessions.begin() as session:
        team = Team(slug="udbud", name="Udbud")
        person = Person(name="Mette Holm", email="mette@example.dk")
        session.add_all([team, person])
        session.flush()
        plan = Plan(team_id=team.id, name="Plan", owner_id=person.id)
        session.add(plan)
        session.flush()
        activity = Activity(plan_id=plan.id, title="Nyhedsbrev", when_text="Løbende")
        session.add(activity)
        session.flush()
        session.add(
            AuditEntry(
                actor_text="cli:test", origin="cli", action="plan.add", entity="plan", plan_id=1
            )
        )
        session.add_all(
            OutboxMessage(
                key=f"reminder:{n}",
                kind=NoticeKind.REMINDER,
                plan_id=plan.id,
                activity_id=activity.id,
                due_at=now - dt.timedelta(seconds=ROWS - n),
            )
            for n in range(ROWS)
        )


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, outbox aside (sending changes it), in primary-key order."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name != "outbox":
                order = list(table.primary_key.columns)
                rows[table.name] = [
                    tuple(r) for r in connection.execute(table.select().order_by(*order))
                ]
    return rows


def outbox(engine: Engine) -> dict[str, tuple[OutboxStatus, dt.datetime]]:
    with session_factory(engine)() as session:
        return {
            row.key: (row.status, row.claimed_until)
            for row in session.scalars(select(OutboxMessage))
        }


def fresh_database(db_url: str, tmp_path: Path) -> Engine:
    """An empty database of the same kind to restore into."""
    if db_url.startswith("sqlite"):
        return make_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    engine = make_engine(db_url)  # the test's own PostgreSQL database, emptied entirely
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    return engine


def test_backup_while_sending_restores_every_row_and_sends_nothing_twice(
    db_url: str, tmp_path: Path
) -> None:
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    seed(sessions)
    notifier = GatedRecorder(pause_at=PAUSE_AT)
    drain = OutboxDrain(sessions, notifier, batch=4, workers=1)

    def send_all() -> None:
        while drain().sent:
            pass

    sender = threading.Thread(target=send_all)
    sender.start()
    try:
        assert notifier.paused.wait(60)
        file = tmp_path / "commplan.backup"
        info = backup(engine, file)
    finally:
        notifier.resume.set()
        sender.join(60)
    assert info.size > 0 and info.revision
    original_rows = snapshot(engine)
    original_outbox = outbox(engine)
    assert sorted(notifier.delivered) == sorted(original_outbox)  # every row sent once
    engine.dispose()

    restored = fresh_database(db_url, tmp_path)
    restore(restored, file)
    upgrade(restored)
    assert snapshot(restored) == original_rows
    restored_outbox = outbox(restored)
    assert set(restored_outbox) == set(original_outbox)
    sent_marks = {
        key for key, (status, _) in restored_outbox.items() if status is OutboxStatus.SENT
    }
    # Taken mid-send: some rows were marked sent, the rest not yet; a mark is only ever made
    # after its delivery.
    assert 0 < len(sent_marks) < ROWS
    assert sent_marks <= set(notifier.delivered[: PAUSE_AT - 1])

    again = GatedRecorder()
    restored_drain = OutboxDrain(session_factory(restored), again, batch=50)
    while restored_drain().sent:
        pass
    now = dt.datetime.now(dt.UTC)
    claimable = {
        key
        for key, (status, until) in restored_outbox.items()
        if status is OutboxStatus.PENDING and until < now
    }
    assert set(again.delivered) == claimable
    assert not set(again.delivered) & sent_marks  # what the backup knew as sent stays sent
    restored.dispose()


def test_backup_refuses_an_existing_file_and_restore_a_non_backup(
    sqlite_url: str, tmp_path: Path
) -> None:
    engine = make_engine(sqlite_url)
    existing = tmp_path / "taken"
    existing.write_text("keep me")
    with pytest.raises(BackupError) as refused:
        backup(engine, existing)
    assert refused.value.key == "db.backup_exists"
    assert existing.read_text() == "keep me"
    target = make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    with pytest.raises(BackupError) as not_backup:
        restore(target, existing)
    assert not_backup.value.key == "db.not_a_backup"
    engine.dispose()
    target.dispose()


def test_restore_refuses_a_database_that_holds_data(sqlite_url: str, tmp_path: Path) -> None:
    engine = make_engine(sqlite_url)
    seed(session_factory(engine))
    file = tmp_path / "b"
    backup(engine, file)
    with pytest.raises(BackupError) as refused:
        restore(engine, file)
    assert refused.value.key == "db.not_empty"
    restore(engine, file, force=True)  # the operator said so
    with engine.connect() as connection:
        assert connection.execute(select(Person.name)).scalar_one() == "Mette Holm"
    engine.dispose()
