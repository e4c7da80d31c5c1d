"""Local days and hours as UTC moments: "09:00" stays 09:00 local across DST."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo


def at_local_hour(day: dt.date, hour: int, zone: str) -> dt.datetime:
    """``hour``:00 on ``day`` in ``zone``, in UTC (09:00 local stays 09:00 across DST)."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class Week:
    """A digest's week: its Monday, and the moments (UTC) the week before it spans."""

    monday: dt.date
    last_week_from: dt.datetime
    last_week_until: dt.datetime

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


def week_of(day: dt.date, zone: ZoneInfo) -> Week:
    """The week ``day`` is in, and the week before it as UTC moments (local midnights)."""
    monday = day - dt.timedelta(days=day.weekday())
    start = dt.datetime.combine(monday, dt.time(), tzinfo=zone)
    before = dt.datetime.combine(monday - dt.timedelta(days=7), dt.time(), tzinfo=zone)
    return Week(monday, before.astimezone(dt.UTC), start.astimezone(dt.UTC))
