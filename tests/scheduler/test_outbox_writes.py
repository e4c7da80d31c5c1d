"""The planner's bulk writes (scheduler/outbox/bulk.py): the rows are the ones SQLAlchemy's
insert would write, and a second writer of the same keys writes none of them twice, also on
PostgreSQL's COPY path (a duplicate fails the COPY whole; the rows then go through ON CONFLICT)."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from scheduler.outbox.bulk import COPY_FROM
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import insert_new_rows, outbox_row
from storage.models import Activity, OutboxMessage, Person, Plan
from tests.fakes.burst import seed

COUNT = COPY_FROM  # the least that takes the COPY path on PostgreSQL
DUE = dt.datetime(2027, 3, 28, 0, 30, tzinfo=dt.UTC)  # just before the spring DST change


def rows(sessions: sessionmaker[Session], prefix: str, count: int) -> list[dict[str, object]]:
    with sessions() as session:
        plan = session.scalars(select(Plan.id)).one()
        people = session.scalars(select(Person.id).order_by(Person.id)).all()
        activities = session.scalars(select(Activity.id).order_by(Activity.id)).all()
    made = []
    for n in range(count):
        activity, person = activities[n % len(activities)], people[n % len(people)]
        payload: dict[str, object] = {"due": "2027-03-29", "offset_days": n % 2}
        if n % 7 == 0:  # an escalation names the responsible people: a list, unhashable
            payload = {**payload, "responsible": [person]}
        row = outbox_row(
            f"{prefix}:{n}",
            NoticeKind.REMINDER,
            DUE + dt.timedelta(hours=n % 3),
            plan_id=plan,
            activity_id=activity,
            person_id=person,
            payload=payload,
        )
        made.append({**row, "late": n % 5 == 0})
    return made


def keys(sessions: sessionmaker[Session]) -> tuple[int, int]:
    with sessions() as session:
        found = session.execute(
            select(func.count(), func.count(OutboxMessage.key.distinct()))
        ).one()
    return int(found[0]), int(found[1])


def test_the_rows_are_sqlalchemys(engine: Engine, sessions: sessionmaker[Session]) -> None:
    seed(engine, 10, people=3)
    with sessions.begin() as session:
        assert insert_new_rows(session, rows(sessions, "fast", COUNT)) == COUNT
        session.execute(insert(OutboxMessage), rows(sessions, "orm", COUNT))
    with sessions() as session:
        written = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        columns = [c.key for c in OutboxMessage.__table__.c if c.key not in ("id", "created_at")]
        by_key = {m.key: {c: getattr(m, c) for c in columns if c != "key"} for m in written}
    assert len(by_key) == 2 * COUNT
    for n in range(COUNT):
        assert by_key[f"fast:{n}"] == by_key[f"orm:{n}"]
    assert by_key["fast:7"]["payload"]["responsible"]  # the list came through


def test_a_second_writer_writes_no_key_twice(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    """Two planners found the same keys absent (one without the lease: SQLite, or a paused
    holder waking up); the second writes after the first committed."""
    seed(engine, 10, people=3)
    planned = rows(sessions, NoticeKind.REMINDER, 2 * COUNT)
    with sessions.begin() as session:
        assert insert_new_rows(session, planned[:COUNT]) == COUNT
    with sessions.begin() as session:
        assert insert_new_rows(session, planned) == COUNT  # only the new half
        # The transaction goes on after the refused COPY: the planner still cancels and marks.
        session.execute(select(func.count()).select_from(OutboxMessage))
    assert keys(sessions) == (2 * COUNT, 2 * COUNT)


def test_a_writer_racing_an_uncommitted_one_writes_no_key_twice(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    """The second writer's rows meet the first's before it commits: the unique key makes the
    second wait, then refuse those keys; it writes the rest."""
    seed(engine, 10, people=3)
    planned = rows(sessions, NoticeKind.REMINDER, 2 * COUNT)
    first = sessions()
    first.begin()
    assert insert_new_rows(first, planned[COUNT // 2 : COUNT + COUNT // 2]) == COUNT
    written: list[int] = []

    def second() -> None:
        with sessions.begin() as session:
            written.append(insert_new_rows(session, planned))

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(0.3)  # it waits for the first's keys (or, on SQLite, its write lock)
    assert thread.is_alive()
    first.commit()
    first.close()
    thread.join(10)
    assert written == [COUNT]
    assert keys(sessions) == (2 * COUNT, 2 * COUNT)
