"""Reading many rows as plain tuples, each column's value converted once per distinct value.

A full plan reads 100k activities and, the next time, 100k outbox rows. SQLAlchemy converts
every value of every row through its column type (a date or a moment parsed from SQLite's
text, a UTC zone attached, an enum looked up): a third of the reading. The values repeat (the
same due day, the same due time, the same status in thousands of rows), so here the driver's
value comes through untouched and the column type's own result processor is applied once per
distinct value: the values are the ones SQLAlchemy would give, built once and shared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType


class Converter:
    """A column type's result (or bind) processor, applied once per distinct (hashable) value
    (scheduler/outbox/bulk.py converts the rows it writes with it too)."""

    def __init__(self, process: Callable[[Any], Any] | None) -> None:
        self.process = process
        self.done: dict[object, object] = {}

    def __call__(self, value: Any) -> Any:
        if self.process is None:
            return value
        try:
            found = self.done.get(value, self)
        except TypeError:  # unhashable: a JSON value the driver has parsed already
            return self.process(value)
        if found is self:
            found = self.done[value] = self.process(value)
        return found

    def column(self, values: Sequence[Any]) -> Sequence[Any]:
        """A whole column: each distinct value converted once, then looked up (in C)."""
        if self.process is None:
            return values
        try:
            done = {value: self(value) for value in set(values)}
        except TypeError:
            return tuple(map(self.process, values))
        return tuple(map(done.__getitem__, values))


def raw_rows(
    session: Session, query: Select[*tuple[Any, ...]]
) -> tuple[list[tuple[Any, ...]], list[Converter]]:
    """The rows of ``query`` as the driver gives them, and for each column what turns its
    values into the ones SQLAlchemy would give: for a caller that looks values up by what
    was read (cheaper to hash) and converts only what it keeps."""
    connection = session.connection()
    dialect = connection.dialect
    columns = list(query.selected_columns)
    # NullType: SQLAlchemy hands the driver's value through as it is. Executed on the
    # connection (a Core result): through the session, the ORM would build each row again.
    raw = query.with_only_columns(*(type_coerce(c, NullType()) for c in columns))
    result = connection.execute(raw)
    # The driver's own rows (tuples): SQLAlchemy's Row objects would cost more than the values.
    rows = list(result.cursor.fetchall())
    result.close()
    converters = [
        Converter(column.type.dialect_impl(dialect).result_processor(dialect, None))
        for column in columns
    ]
    return rows, converters


def plain_rows(session: Session, query: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows of ``query`` as tuples of the values SQLAlchemy would give, in its order."""
    rows, converters = raw_rows(session, query)
    if not rows or all(convert.process is None for convert in converters):
        return rows
    values = [
        convert.column(column)
        for convert, column in zip(converters, zip(*rows, strict=True), strict=True)
    ]
    return list(zip(*values, strict=True))
