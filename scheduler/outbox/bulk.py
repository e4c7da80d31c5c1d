"""Writing many pending outbox rows at once, below SQLAlchemy's per-parameter processing.

A full plan writes 100k rows. Through ``insert(...).values`` SQLAlchemy converts every value of
every row (2 s of the plan's 5 on SQLite); psycopg's text arrays escape every element with a
regular expression (2.5 s on PostgreSQL). Here each column's value is converted once per
*distinct* value, by the column type's own bind processor (so the stored text is exactly what
SQLAlchemy would store), and the rows go to the driver as plain tuples:

- SQLite: one ``executemany`` of ``INSERT ... ON CONFLICT (key) DO NOTHING``; the unique key
  stays the guard against a second writer, and the count is SQLite's own count of changes.
- PostgreSQL: ``COPY ... FROM STDIN (FORMAT BINARY)`` straight into the outbox, for rows whose
  keys the caller has just found absent. A key another writer added meanwhile makes the whole
  COPY fail on the unique key (nothing of it is written); the COPY runs in a savepoint, which is
  rolled back, and the rows then go through ``INSERT ... ON CONFLICT DO NOTHING`` instead. So
  the unique key, not the check before, decides that a key is written once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Dialect
from sqlalchemy.orm import Session

from scheduler.plain_rows import Converter
from storage.models import OutboxMessage, OutboxStatus
from storage.models.outbox import NEVER
from storage.types import utcnow

# The columns of a row of ``outbox_row`` (``rows``), then the ones the model
# fills with a default (written here explicitly: raw SQL gets no Python-side defaults).
ROW_COLUMNS = ("key", "kind", "plan_id", "activity_id", "person_id", "due_at", "late", "payload")
_DEFAULTED = ("status", "claimed_until", "attempts", "created_at")
_COLUMNS = (*ROW_COLUMNS, *_DEFAULTED)
ROW_KEYS = {*ROW_COLUMNS, "status"}
_PENDING = OutboxStatus.PENDING.value
# PostgreSQL's names of the columns' types, for the binary COPY (storage/migrations 0001).
_COPY_TYPES = (
    "varchar",  # key
    "varchar",  # kind
    "int4",  # plan_id
    "int4",  # activity_id
    "int4",  # person_id
    "timestamp",  # due_at: UTCDateTime, naive UTC
    "bool",  # late
    "text",  # payload: JSON text already; json's binary form is its text (declared json,
    # psycopg would encode the str again, as a JSON string)
    "varchar",  # status (a non-native enum)
    "timestamp",  # claimed_until
    "int4",  # attempts
    "timestamp",  # created_at
)
# Fewer rows than this go through the ordinary INSERT: a COPY in a savepoint costs three
# round trips where one statement does.
COPY_FROM = 200


def fits(rows: Sequence[dict[str, object]]) -> bool:
    """Rows these writers can take: pending rows of ``outbox_row``'s columns."""
    return all(row.keys() == ROW_KEYS and row["status"] == _PENDING for row in rows)


class _PayloadTexts:
    """Payloads as JSON text, once per payload object: the planner's rows of one shape and
    time share theirs. By identity, the payload kept beside its text so that its id is not
    reused while the entry lives (the rows are all made before they are written)."""

    def __init__(self) -> None:
        self.done: dict[int, tuple[object, str]] = {}

    def __call__(self, payload: object) -> str | None:
        if payload is None:
            return None
        found = self.done.get(id(payload))
        if found is None:
            found = self.done[id(payload)] = (payload, json.dumps(payload))
        return found[1]


def _bind(column: ColumnElement[Any], dialect: Dialect) -> Converter:
    """The column type's bind processor, applied once per distinct value: the rows of a plan
    share few values per column (the due times, kinds, plan and the payloads of a shape)."""
    return Converter(column.type.dialect_impl(dialect).bind_processor(dialect))


def _tuples(rows: Sequence[dict[str, object]], dialect: Dialect) -> list[tuple[object, ...]]:
    table = OutboxMessage.__table__
    # (Not the key: a str, the one column every row has its own value of.)
    convert = [_bind(table.c[name], dialect) for name in ROW_COLUMNS[1:-1]]
    payload = _PayloadTexts()
    tail = tuple(
        _bind(table.c[name], dialect)(value)
        for name, value in zip(_DEFAULTED, (_PENDING, NEVER, 0, utcnow()), strict=True)
    )
    kind, plan, activity, person, due_at, late = convert
    return [
        (
            row["key"],
            kind(row["kind"]),
            plan(row["plan_id"]),
            activity(row["activity_id"]),
            person(row["person_id"]),
            due_at(row["due_at"]),
            late(row["late"]),
            payload(row["payload"]),
            *tail,
        )
        for row in rows
    ]


_NAMES = ", ".join(_COLUMNS)
_INSERT = (
    f"INSERT INTO outbox ({_NAMES}) VALUES ({', '.join('?' for _ in _COLUMNS)})"  # noqa: S608 (names are the constants above)
    " ON CONFLICT (key) DO NOTHING"
)
_COPY = f"COPY outbox ({_NAMES}) FROM STDIN (FORMAT BINARY)"


def insert_sqlite(session: Session, rows: Sequence[dict[str, object]]) -> int:
    """Rows whose key is new, by one ``executemany``; returns how many were written."""
    connection = session.connection()
    result = connection.exec_driver_sql(_INSERT, _tuples(rows, connection.dialect))
    return int(result.rowcount)


def copy_postgresql(session: Session, rows: Sequence[dict[str, object]]) -> bool:
    """Rows whose keys were just found absent, by one binary COPY in a savepoint. False if a
    key was there after all (another writer): then nothing of ``rows`` is written."""
    # Imported here: a process on SQLite need not load the PostgreSQL driver (9 MB).
    import psycopg  # noqa: PLC0415

    connection = session.connection()
    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    values = _tuples(rows, connection.dialect)
    # The connection's own savepoint, emitted now (the session's would be emitted only when
    # the session next executes something, and the COPY goes past it to the driver).
    savepoint = connection.begin_nested()
    try:
        with driver.cursor() as cursor, cursor.copy(_COPY) as copy:
            copy.set_types(_COPY_TYPES)
            for value in values:
                copy.write_row(value)
    except psycopg.errors.UniqueViolation:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True
