"""Deadlines derived from a timing reading: the next due day, and the occurrences in a period.

Pure functions over ``storage.rules.timing.Timing`` so that the services (when an activity changes)
and the scheduler (when it plans reminders) agree on what "due" means.

Deadlines fall on working days of the plan's country (``storage.rules.workdays``):

- a date is due on that day, as written;
- a window is due on its last working day ("Uge 50" on Friday, not Sunday; "december" on the
  last working day before Christmas Eve in Denmark), or on its last day if it has none;
- a recurrence that names no day ("Hver måned", "Hvert kvartal", "Varannan vecka") is due on
  the first working day of each of its periods: months, calendar quarters and halves, years,
  ISO weeks (from the week of its start), days. Its first period is the one after the day it
  was written, or the one its start names ("Hver måned fra marts 2027": March). A start on a
  day that begins no period ("Hver måned fra 15. marts 2027") is a day, and the RRULE is kept;
- "sidste hverdag i måneden" (``BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1``, and ``=1`` for the first) is
  the last (first) working day of each period, the plan's holidays left out, which RFC 5545 cannot
  say: calendars get the rule of weekdays;
- any other RRULE is expanded as RFC 5545 says (with the month-end convention below): a
  recurrence on a named day ("hver mandag") is due on that day; its reminders still come on
  working days (scheduler/schedule.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from dateutil.rrule import rrulestr

from storage.rules.timing import Timing, TimingKind
from storage.rules.workdays import WorkingDays, working_days

# An RRULE without COUNT or UNTIL never ends; looking further than this is never needed.
_HORIZON_YEARS = 50
_WORKDAYS = "MO,TU,WE,TH,FR"
_ONE_DAY = dt.timedelta(days=1)


def _years_later(day: dt.date, years: int) -> dt.date:
    # 29 February has no twin in most years: the day before stands in.
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _parts(rrule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rrule.upper().split(";") if "=" in part)


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
    parts = _parts(rrule)
    if anchor.day <= 28 or parts.get("FREQ") not in ("MONTHLY", "YEARLY"):
        return rrule
    if any(name.startswith("BY") for name in parts):
        return rrule
    days = ",".join(str(day) for day in range(28, anchor.day + 1))
    extra = f";BYMONTHDAY={days};BYSETPOS=-1"
    if parts["FREQ"] == "YEARLY":
        extra += f";BYMONTH={anchor.month}"
    return rrule + extra


@dataclass(frozen=True, slots=True)
class _Periods:
    """A recurrence due on the first (position 1) or last (-1) working day of each period.

    Periods are ``days`` long, or ``months`` long; the first begins on ``base``. ``dayless``:
    the text named no day ("Hver måned"), as opposed to "sidste hverdag i måneden".
    """

    base: dt.date
    days: int
    months: int
    position: int
    dayless: bool

    def bounds(self, number: int) -> tuple[dt.date, dt.date]:
        """The first and last day of period ``number`` (0 is the one beginning on ``base``)."""
        if self.days:
            first = self.base + dt.timedelta(days=self.days * number)
            return first, first + dt.timedelta(days=self.days - 1)
        index = self.base.year * 12 + self.base.month - 1 + self.months * number
        after = index + self.months
        first = dt.date(index // 12, index % 12 + 1, 1)
        return first, dt.date(after // 12, after % 12 + 1, 1) - _ONE_DAY

    def number_of(self, day: dt.date) -> int:
        """The number of the period that holds ``day`` (negative before ``base``)."""
        if self.days:
            return (day - self.base).days // self.days
        months = (day.year - self.base.year) * 12 + day.month - self.base.month
        return months // self.months

    def due(self, number: int, workdays: WorkingDays) -> dt.date | None:
        first, last = self.bounds(number)
        if self.position > 0:
            return workdays.first_in(first, last)
        return workdays.last_in(first, last)


def _periods(timing: Timing, anchor: dt.date) -> _Periods | None:
    """How a recurrence falls on working days, or None when its RRULE decides alone."""
    read = _working_day_rule(timing)
    if read is None:
        return None
    freq, interval, position, dayless = read
    if freq == "DAILY":
        return _Periods(anchor, interval, 0, position, dayless)
    if freq == "WEEKLY":
        monday = anchor - dt.timedelta(days=anchor.weekday())
        return _Periods(monday, 7 * interval, 0, position, dayless)
    months = interval * (12 if freq == "YEARLY" else 1)
    month = anchor.month
    if dayless and timing.start is None:
        month = _first_month(anchor, months)
    return _Periods(dt.date(anchor.year, month, 1), 0, months, position, dayless)


def _working_day_rule(timing: Timing) -> tuple[str, int, int, bool] | None:
    """The RRULE's frequency, interval, position (1: the period's first working day, -1: its
    last) and whether it names no day; None when it is not a rule of working days."""
    if not timing.rrule:
        return None
    parts = _parts(timing.rrule)
    freq = parts.pop("FREQ", None)
    try:
        interval = int(parts.pop("INTERVAL", "1"))
    except ValueError:
        return None
    if freq is None or interval < 1 or freq not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        return None
    if parts in ({"BYDAY": _WORKDAYS, "BYSETPOS": "1"}, {"BYDAY": _WORKDAYS, "BYSETPOS": "-1"}):
        return freq, interval, int(parts["BYSETPOS"]), False
    if not parts and (timing.start is None or _begins_period(timing.start, freq)):
        return freq, interval, 1, True
    return None


def _first_month(anchor: dt.date, months: int) -> int:
    """The month a period of ``months`` written without a day starts in: "Hvert kvartal"
    written in February means calendar quarters, not February, May, ..."""
    if 12 % months == 0:
        return (anchor.month - 1) // months * months + 1
    if months % 12 == 0:
        return 1
    return anchor.month


def _begins_period(day: dt.date, freq: str) -> bool:
    if freq == "WEEKLY":
        return day.weekday() == 0
    return freq == "DAILY" or day.day == 1


def due_day(timing: Timing, country: str) -> dt.date | None:
    """The deadline of a DATE or WINDOW: the date, or the window's last working day."""
    if timing.due is None:
        return None
    if timing.kind is TimingKind.WINDOW and timing.start is not None:
        return working_days(country).last_in(timing.start, timing.due) or timing.due
    return timing.due


def occurrences(
    timing: Timing, *, anchor: dt.date, first: dt.date, last: dt.date, country: str
) -> Iterator[dt.date]:
    """Every due day of ``timing`` from ``first`` to ``last`` inclusive, in order.

    DATE and WINDOW have one due day (``due_day``); RECURRING expands from ``anchor``, on working
    days of ``country`` as the module says; the other kinds have none. An RRULE that dateutil
    rejects yields nothing (the reader only produces valid ones; a hand-edited row must not stop
    the scheduler).
    """
    if timing.kind in (TimingKind.DATE, TimingKind.WINDOW):
        due = due_day(timing, country)
        if due is not None and first <= due <= last:
            yield due
        return
    if timing.kind is not TimingKind.RECURRING or not timing.rrule:
        return
    last = min(last, _years_later(anchor, _HORIZON_YEARS))
    periods = _periods(timing, anchor)
    if periods is not None:
        yield from _working_occurrences(periods, anchor, first, last, working_days(country))
        return
    start = dt.datetime.combine(anchor, dt.time())
    try:
        rule = rrulestr(clamp_month_end(timing.rrule, anchor), dtstart=start)
    except (ValueError, TypeError):
        return
    after = dt.datetime.combine(first, dt.time()) - dt.timedelta(microseconds=1)
    before = dt.datetime.combine(last, dt.time())
    # one pass over the rule: ``after`` in a loop would expand it from its start every time
    for moment in rule.xafter(after):
        if moment > before:
            return
        yield moment.date()


def _working_occurrences(
    periods: _Periods, anchor: dt.date, first: dt.date, last: dt.date, workdays: WorkingDays
) -> Iterator[dt.date]:
    number = max(0, periods.number_of(max(first, anchor)))
    while periods.bounds(number)[0] <= last:
        due = periods.due(number, workdays)
        if due is not None and max(first, anchor) <= due <= last:
            yield due
        number += 1


def next_due(
    timing: Timing, *, anchor: dt.date, on_or_after: dt.date, country: str
) -> dt.date | None:
    """The deadline to meet next, as stored in ``activities.next_due``.

    DATE and WINDOW: the due day (``due_day``), even when it has passed (then the activity is
    overdue). RECURRING: the first occurrence on or after ``on_or_after``. Others: None.
    """
    if timing.kind in (TimingKind.DATE, TimingKind.WINDOW):
        return due_day(timing, country)
    horizon = _years_later(on_or_after, _HORIZON_YEARS)
    found = occurrences(timing, anchor=anchor, first=on_or_after, last=horizon, country=country)
    return next(found, None)


def first_due(timing: Timing, *, created: dt.date, today: dt.date, country: str) -> dt.date | None:
    """``next_due`` for a timing just read on ``created``, as of ``today``.

    A recurrence without a named start ("Hver måned") is anchored on the day it was read, but
    its first deadline is not that same day: "every month" written today means next month
    first (its first working day), not "overdue in two days"; "sidste hverdag i måneden" written
    on the 10th means this month's.
    """
    anchor = recurrence_anchor(timing, created)
    after = today
    if timing.kind is TimingKind.RECURRING and timing.start is None:
        after = max(today, created + _ONE_DAY)
        periods = _periods(timing, anchor)
        if periods is not None and periods.dayless:
            after = max(today, periods.bounds(periods.number_of(created) + 1)[0])
    return next_due(timing, anchor=anchor, on_or_after=after, country=country)


def calendar_rule(timing: Timing, anchor: dt.date) -> str | None:
    """The RRULE a calendar gets for a recurrence: the reading's, with the month-end convention;
    one on the first or last working day of its periods as what RFC 5545 can say without the
    plan's holidays, in the forms calendars read alike (Mozilla's ical.js, which Thunderbird
    uses, ignores BYSETPOS in a weekly rule): a week's first working day is its Monday (its
    last, Friday), a month's or year's "the first (last) weekday of the month", every working
    day "every weekday". A public holiday on that day is the calendar's one difference."""
    if timing.kind is not TimingKind.RECURRING or not timing.rrule:
        return None
    periods = _periods(timing, anchor)
    if periods is None:
        return clamp_month_end(timing.rrule, anchor)
    if periods.days == 1:
        return f"FREQ=WEEKLY;BYDAY={_WORKDAYS}"  # every working day
    if periods.days % 7:
        return timing.rrule  # every n days: a calendar cannot say "the first working day of"
    if periods.days:
        weeks = periods.days // 7
        every = f";INTERVAL={weeks}" if weeks > 1 else ""
        return f"FREQ=WEEKLY{every};BYDAY={'MO' if periods.position > 0 else 'FR'}"
    every = f";INTERVAL={periods.months}" if periods.months > 1 else ""
    return f"FREQ=MONTHLY{every};BYDAY={_WORKDAYS};BYSETPOS={periods.position}"
