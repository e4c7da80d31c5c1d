"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment, stored in UTC and always returned time-zone aware (UTC).

    SQLite has no time zones and would hand back naive values; PostgreSQL's ``timestamptz``
    would convert to the session's zone. Storing naive UTC everywhere and attaching UTC on the
    way out gives one behaviour on both. A naive value on the way in is a bug, so it is refused.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    """The current moment in UTC (time-machine freezes this in tests)."""
    return dt.datetime.now(dt.UTC)
