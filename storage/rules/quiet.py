"""Quiet hours: a message that is late (the process was down) waits for the morning."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def outside_quiet_hours(
    moment: dt.datetime, zone: str, quiet_from: int, quiet_until: int
) -> dt.datetime:
    """``moment`` if it is outside the quiet hours in ``zone``, else the end of them (UTC)."""
    if quiet_from == quiet_until:
        return moment
    local = moment.astimezone(ZoneInfo(zone))
    hour = local.hour
    overnight = quiet_from > quiet_until
    quiet = (
        (hour >= quiet_from or hour < quiet_until)
        if overnight
        else (quiet_from <= hour < quiet_until)
    )
    if not quiet:
        return moment
    day = local.date()
    if overnight and hour >= quiet_from:
        day += dt.timedelta(days=1)
    end = dt.datetime.combine(day, dt.time(quiet_until), tzinfo=ZoneInfo(zone))
    return end.astimezone(dt.UTC)
