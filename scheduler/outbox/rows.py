"""Writing the outbox: the one way a planner or a service queues a notice.

A row's ``key`` names its notice for good (kind, subject, occurrence, recipient), so writing
the same notice twice, on one replica or three, writes one row: ``INSERT ... ON CONFLICT DO
NOTHING`` on both databases. A pending row no longer wanted is cancelled (``cancel_rows``)
before it is claimed; a failed one is made pending again by ``resend_rows``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

from sqlalchemy import JSON, Text, bindparam, cast, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from scheduler.outbox import bulk
from scheduler.outbox.kinds import NoticeKind
from storage.models import OutboxMessage, OutboxStatus
from storage.models.outbox import NEVER

# Rows are written up to this long before they are due, by every planner: `reminders status`
# and `preview` show them, and a process that starts just before 09:00 has them ready.
LOOKAHEAD = dt.timedelta(hours=26)


def outbox_row(
    key: str,
    kind: NoticeKind,
    due_at: dt.datetime,
    *,
    plan_id: int | None,
    activity_id: int | None,
    person_id: int | None,
    payload: dict[str, object],
) -> dict[str, object]:
    """A pending outbox row, due at ``due_at``, for ``insert_rows``: its ``key`` makes it once."""
    return {
        "key": key,
        "kind": kind.value,
        "plan_id": plan_id,
        "activity_id": activity_id,
        "person_id": person_id,
        "due_at": due_at,
        "late": False,
        "payload": payload,
        "status": OutboxStatus.PENDING.value,
    }


def insert_rows(session: Session, rows: list[dict[str, object]]) -> int:
    """Write rows whose key is new; a key already there (any status) is left alone.

    ON CONFLICT DO NOTHING makes a row another replica wrote first a no-op. Pending rows go on
    SQLite as one ``executemany`` of plain tuples (``bulk``), on PostgreSQL as
    one array per column in one statement (``_insert_arrays``); other rows as one compiled
    statement executed for many rows (SQLAlchemy batches them itself).
    """
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and bulk.fits(rows):
        return bulk.insert_sqlite(session, rows)
    if dialect == "postgresql" and bulk.fits(rows):
        return _insert_arrays(session, rows)
    module = postgresql if dialect == "postgresql" else sqlite
    statement = (
        module.insert(OutboxMessage)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(OutboxMessage.id)
    )
    result = session.connection().execute(statement, rows)
    return len(result.all())


def insert_new_rows(session: Session, rows: list[dict[str, object]]) -> int:
    """``insert_rows`` for rows whose keys were just found absent (the planner's): on
    PostgreSQL by COPY, which a key written meanwhile by another writer makes fail whole, and
    then by ``insert_rows`` (``bulk`` says why that is safe)."""
    if (
        len(rows) >= bulk.COPY_FROM
        and session.get_bind().dialect.name == "postgresql"
        and bulk.fits(rows)
        and bulk.copy_postgresql(session, rows)
    ):
        return len(rows)
    return insert_rows(session, rows)


_ARRAY_COLUMNS = ("key", "kind", "plan_id", "activity_id", "person_id", "due_at", "late")


def _insert_arrays(session: Session, rows: list[dict[str, object]]) -> int:
    """``INSERT ... SELECT unnest(:keys), unnest(:kinds), ... ON CONFLICT DO NOTHING``.

    PostgreSQL parses and plans one small statement, where a multi-row VALUES of 1,000 rows
    has 11,000 parameters: 100k rows took 32 s that way and 5 s this way on the same server.
    """
    table = OutboxMessage.__table__
    columns = [table.c[name] for name in _ARRAY_COLUMNS]
    arrays = [
        func.unnest(bindparam(column.name, [row[column.name] for row in rows], ARRAY(column.type)))
        for column in columns
    ]
    # The payload as JSON text (what the JSON type would send), cast back to json.
    payloads = bindparam("payload", [json.dumps(row["payload"]) for row in rows], ARRAY(Text))
    source = select(
        *arrays,
        cast(func.unnest(payloads), JSON),
        literal(OutboxStatus.PENDING, table.c.status.type),
    )
    statement = (
        postgresql.insert(OutboxMessage)
        .from_select([*columns, table.c.payload, table.c.status], source)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(OutboxMessage.id)
    )
    return len(session.connection().execute(statement).all())


def cancel_rows(session: Session, ids: Iterable[int], reason: str) -> int:
    ids = list(ids)
    cancelled = 0
    for start in range(0, len(ids), 500):
        result = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(ids[start : start + 500]),
                OutboxMessage.status == OutboxStatus.PENDING,
            )
            .values(status=OutboxStatus.CANCELLED, last_error=reason)
            .execution_options(synchronize_session=False)
        )
        cancelled += int(getattr(result, "rowcount", 0))
    return cancelled


def resend_rows(session: Session, ids: Sequence[int], now: dt.datetime) -> None:
    """Failed rows pending again, due ``now``, as a new first attempt under the same key
    (``commplan reminders resend``): unclaimed, so any replica's next drain sends them."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.status == OutboxStatus.FAILED)
        .values(
            status=OutboxStatus.PENDING,
            attempts=0,
            due_at=now,
            claimed_until=NEVER,
            claim_token=None,
            claimed_by=None,
        )
        .execution_options(synchronize_session=False)
    )
