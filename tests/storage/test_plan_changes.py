"""``plans.changes`` (revision 0007): the database moves it on every write a calendar feed may
show, whichever way the write comes (ORM, Core statement, cascade), on SQLite and PostgreSQL;
and not on the bookkeeping writes the planner makes in bulk."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, delete, insert, inspect, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from storage.migrate import downgrade, is_current, upgrade
from storage.models import Activity, ActivityResponsible, Person, Plan, Team
from storage.repositories import feeds
from storage.types import utcnow

TRIGGERS = {
    "activities_feed_insert",
    "activities_feed_delete",
    "activities_feed_update",
    "responsibles_feed_insert",
    "responsibles_feed_delete",
    "responsibles_feed_update",
    "people_feed_rename",
    "plans_feed_update",
}


def seed(sessions: sessionmaker[Session]) -> None:
    """Two plans of one team; activities 1 and 2 in plan 1, 3 in plan 2; Frida on 1 and 3."""
    now = utcnow()
    with sessions.begin() as session:
        session.add(Team(id=1, slug="udbud", name="Udbud"))
        session.execute(
            insert(Person), [{"id": 1, "name": "Frida Carlsson"}, {"id": 2, "name": "Sven Ek"}]
        )
        session.execute(
            insert(Plan), [{"id": n, "team_id": 1, "name": f"Plan {n}"} for n in (1, 2)]
        )
        session.execute(
            insert(Activity),
            [
                {"id": 1, "plan_id": 1, "title": "Nyhedsbrev", "created_at": now},
                {"id": 2, "plan_id": 1, "title": "Borgermøde", "created_at": now},
                {"id": 3, "plan_id": 2, "title": "Pressemeddelelse", "created_at": now},
            ],
        )
        session.execute(
            insert(ActivityResponsible),
            [{"activity_id": 1, "person_id": 1}, {"activity_id": 3, "person_id": 1}],
        )


def counters(sessions: sessionmaker[Session]) -> dict[int, int]:
    with sessions() as session:
        return dict(session.execute(select(Plan.id, Plan.changes)).all())


def moved(sessions: sessionmaker[Session], write: Callable[[Session], Any]) -> set[int]:
    """The plans whose counter moved when ``write`` ran in one transaction (by how much is
    the backend's business: PostgreSQL counts an insert statement once, SQLite each row)."""
    before = counters(sessions)
    with sessions.begin() as session:
        write(session)
    after = counters(sessions)
    assert all(after[plan] >= before[plan] for plan in after)
    return {plan for plan in after if after[plan] != before[plan]}


def set_activity(activity_id: int, **values: Any) -> Callable[[Session], Any]:
    return lambda session: session.execute(
        update(Activity).where(Activity.id == activity_id).values(**values)
    )


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        # Core statements, as imports, forgetting and the scheduler write.
        (set_activity(1, title="Nyhedsbrev 2"), {1}),
        (set_activity(3, status="done"), {2}),
        (set_activity(2, when_text="Uge 12", timing_kind="window"), {1}),
        (set_activity(1, reminder_policy={"before_days": [3]}), {1}),
        (set_activity(1, sequence=Activity.sequence + 1), {1}),
        (set_activity(1, plan_id=2), {1, 2}),  # moved: both feeds change
        # The planner's and the reminders' bookkeeping: no event changes.
        (set_activity(1, next_due=None, snoozed_until=utcnow()), set()),
        (set_activity(1, updated_at=utcnow()), set()),
        (set_activity(1, title="Nyhedsbrev"), set()),  # the same value: no change
        (
            lambda s: s.execute(
                insert(Activity).values(id=4, plan_id=2, title="Ny", created_at=utcnow())
            ),
            {2},
        ),
        (lambda s: s.execute(delete(Activity).where(Activity.id == 2)), {1}),
        (
            lambda s: s.execute(insert(ActivityResponsible).values(activity_id=2, person_id=2)),
            {1},
        ),
        (
            lambda s: s.execute(
                delete(ActivityResponsible).where(ActivityResponsible.activity_id == 3)
            ),
            {2},
        ),
        # Deleting a person cascades to their responsibilities: both their plans move.
        (lambda s: s.execute(delete(Person).where(Person.id == 1)), {1, 2}),
        # A rename changes the events' text (the responsible's name) in both plans.
        (
            lambda s: s.execute(update(Person).values(name="Frida C.").where(Person.id == 1)),
            {1, 2},
        ),
        (
            lambda s: s.execute(update(Person).values(email="f@x.dk").where(Person.id == 1)),
            set(),
        ),
        (
            lambda s: s.execute(update(Plan).where(Plan.id == 2).values(name="Ny plan")),
            {2},
        ),
    ],
)
def test_each_write_moves_the_counters_of_the_plans_it_touches(
    sessions: sessionmaker[Session], write: Callable[[Session], Any], expected: set[int]
) -> None:
    seed(sessions)
    assert moved(sessions, write) == expected


def plan_then_activity(session: Session) -> None:
    # The plan's row written first (PostgreSQL counts a plan once a transaction: this must be it).
    session.execute(update(Plan).where(Plan.id == 1).values(owner_id=2))
    session.execute(update(Activity).where(Activity.id == 1).values(title="Efter ejerskifte"))


def savepoint_rolled_back_then_activity(session: Session) -> None:
    with session.begin_nested() as savepoint:
        session.execute(update(Activity).where(Activity.id == 1).values(title="Fortrudt"))
        savepoint.rollback()
    session.execute(update(Activity).where(Activity.id == 2).values(title="Borgermøde 2"))


def many_rows_one_transaction(session: Session) -> None:
    for title in ("a", "b", "c"):
        session.execute(update(Activity).where(Activity.plan_id == 1).values(title=title))


@pytest.mark.parametrize(
    "write", [plan_then_activity, savepoint_rolled_back_then_activity, many_rows_one_transaction]
)
def test_a_transaction_that_writes_a_plan_twice_still_counts(
    sessions: sessionmaker[Session], write: Callable[[Session], None]
) -> None:
    seed(sessions)
    assert moved(sessions, write) == {1}


def test_orm_writes_move_it_too(sessions: sessionmaker[Session]) -> None:
    seed(sessions)

    def edit(session: Session) -> None:
        activity = session.get_one(Activity, 2)
        activity.title = "Borgermøde i Malmö"
        activity.responsibles.append(session.get_one(Person, 2))
        session.delete(session.get_one(Activity, 3))  # cascades to its responsible

    assert moved(sessions, edit) == {1, 2}


def test_a_rename_moves_the_sequence_of_the_persons_activities(
    sessions: sessionmaker[Session],
) -> None:
    seed(sessions)
    with sessions.begin() as session:
        session.get_one(Person, 1).name = "Frida Carlsson-Holm"
    with sessions() as session:
        sequences = dict(session.execute(select(Activity.id, Activity.sequence)).all())
    assert sequences == {1: 1, 2: 0, 3: 1}


def test_two_transactions_on_one_plan_both_count(engine: Engine) -> None:
    """Each transaction adds one under the plan row's lock: the second waits, then adds its
    own (no read-modify-write in Python, so nothing is lost)."""
    sessions = sessionmaker(engine)
    seed(sessions)
    before = counters(sessions)
    first = engine.connect()
    first.begin()
    first.execute(update(Activity).where(Activity.id == 1).values(title="A"))
    done = threading.Event()

    def second() -> None:
        with engine.begin() as connection:
            connection.execute(update(Activity).where(Activity.id == 2).values(title="B"))
        done.set()

    thread = threading.Thread(target=second)
    thread.start()
    assert not done.wait(0.2)  # held behind the first transaction's lock
    first.commit()
    first.close()
    thread.join()
    assert counters(sessions) == {1: before[1] + 2, 2: before[2]}


def test_the_triggers_exist_and_watch_every_column_a_feed_event_shows(engine: Engine) -> None:
    """A later migration that copies one of these tables on SQLite (a batch operation) drops
    its triggers: this fails until it makes them again. And a column the feed starts to read
    must be added to the activities' update trigger."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            query = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        else:
            query = "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal"
        found: dict[str, str] = dict(connection.execute(text(query)).all())
    assert set(found) == TRIGGERS
    watched = re.search(r"UPDATE OF (.*?) ON", found["activities_feed_update"], re.DOTALL)
    assert watched is not None
    columns = {name.strip().strip('"') for name in watched.group(1).split(",")}
    read = {column.key for column in (*feeds.EVENT_COLUMNS, *feeds.SHOWN_BY)}
    assert read - {"id", "updated_at"} <= columns


def test_downgrade_removes_counter_and_triggers_and_upgrade_restores_them(engine: Engine) -> None:
    downgrade(engine, "0006")
    assert "changes" not in {column["name"] for column in inspect(engine).get_columns("plans")}
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            left = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        else:
            left = connection.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
        assert left.all() == []
    upgrade(engine)
    assert is_current(engine)
