"""Deadlines derived from a timing reading: the next due day, and the occurrences in a period.

Pure functions over ``storage.timing.Timing`` so that the services (when an activity changes)
and the scheduler (when it plans reminders) agree on what "due" means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dateutil.rrule import rrulestr

from storage.timing import Timing, TimingKind

# An RRULE without COUNT or UNTIL never ends; looking further than this is never needed.
_HORIZON_YEARS = 50


def _years_later(day: dt.date, years: int) -> dt.date:
    # 29 February has no twin in most years: the day before stands in.
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def recurrence_anchor(timing: Timing, created: dt.date) -> dt.date:
    """The first day of a recurrence: its start if the text named one, else the day it was read."""
    return timing.start or created


def occurrences(
    timing: Timing, *, anchor: dt.date, first: dt.date, last: dt.date
) -> Iterator[dt.date]:
    """Every due day of ``timing`` from ``first`` to ``last`` inclusive, in order.

    DATE and WINDOW have one due day; RECURRING expands its RRULE from ``anchor``; the other
    kinds have none. An RRULE that dateutil rejects yields nothing (the reader only produces valid
    ones; a hand-edited row must not stop the scheduler).
    """
    if timing.kind in (TimingKind.DATE, TimingKind.WINDOW):
        if timing.due is not None and first <= timing.due <= last:
            yield timing.due
        return
    if timing.kind is not TimingKind.RECURRING or not timing.rrule:
        return
    start = dt.datetime.combine(anchor, dt.time())
    try:
        rule = rrulestr(timing.rrule, dtstart=start)
    except (ValueError, TypeError):
        return
    after = dt.datetime.combine(first, dt.time()) - dt.timedelta(microseconds=1)
    before = dt.datetime.combine(min(last, _years_later(anchor, _HORIZON_YEARS)), dt.time())
    moment = rule.after(after)
    while moment is not None and moment <= before:
        yield moment.date()
        moment = rule.after(moment)


def next_due(timing: Timing, *, anchor: dt.date, on_or_after: dt.date) -> dt.date | None:
    """The deadline to meet next, as stored in ``activities.next_due``.

    DATE and WINDOW: the due day, even when it has passed (then the activity is overdue).
    RECURRING: the first occurrence on or after ``on_or_after``. Others: None.
    """
    if timing.kind in (TimingKind.DATE, TimingKind.WINDOW):
        return timing.due
    horizon = _years_later(on_or_after, _HORIZON_YEARS)
    return next(occurrences(timing, anchor=anchor, first=on_or_after, last=horizon), None)
