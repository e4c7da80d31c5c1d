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


def clamp_month_end(rrule: str, anchor: dt.date) -> str:
    """The rule with the month-end convention: a day the month lacks is its last day.

    RFC 5545 skips a month without the anchor's day: "every month" from 31 January would have no
    February, April, June... and yearly from 29 February only leap years. Plans mean "at the end
    of the month", so a monthly or yearly rule anchored on the 29th to 31st without BY* parts
    becomes "the last of the days 28..anchor that the month has" (BYMONTHDAY=28,29,30,31;
    BYSETPOS=-1). Each occurrence is computed from the anchor, never from the one before, so
    31 January gives 28 February and then 31 March again: no drift.
    """
    parts = dict(part.split("=", 1) for part in rrule.upper().split(";") if "=" in part)
    if anchor.day <= 28 or parts.get("FREQ") not in ("MONTHLY", "YEARLY"):
        return rrule
    if any(name.startswith("BY") for name in parts):
        return rrule
    days = ",".join(str(day) for day in range(28, anchor.day + 1))
    extra = f";BYMONTHDAY={days};BYSETPOS=-1"
    if parts["FREQ"] == "YEARLY":
        extra += f";BYMONTH={anchor.month}"
    return rrule + extra


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
        rule = rrulestr(clamp_month_end(timing.rrule, anchor), dtstart=start)
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


def first_due(timing: Timing, *, created: dt.date, today: dt.date) -> dt.date | None:
    """``next_due`` for a timing just read on ``created``, as of ``today``.

    A recurrence without a named start ("Hver måned") is anchored on the day it was read, but
    its first deadline is one period later, not that same day: "every month" written today
    means next month first, not "overdue in two days".
    """
    anchor = recurrence_anchor(timing, created)
    after = today
    if timing.kind is TimingKind.RECURRING and timing.start is None:
        after = max(today, created + dt.timedelta(days=1))
    return next_due(timing, anchor=anchor, on_or_after=after)
