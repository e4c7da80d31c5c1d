"""Where each activity sits on a timeline: pure geometry, drawn as SVG (the page) or PNG.

Windows are bars from their first to their last day, dates (and the next occurrence of a
recurrence) are points; activities without a date are not on a timeline (the table has them).
Each item carries a kind (done, overdue, waiting, planned) that is shown by colour *and* symbol,
so colour is never the only signal (WCAG 1.4.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.pages.colours import COLOURS, SYMBOLS
from storage.rules.timing import Timing, TimingKind


class TimelineActivity(Protocol):
    """What a timeline reads of an activity (the services' ``ActivityView`` has them): the pictures
    sit below the services and take any object with these."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def timing(self) -> Timing: ...
    @property
    def next_due(self) -> dt.date | None: ...
    def is_overdue(self, today: dt.date) -> bool: ...


@dataclass(frozen=True, slots=True)
class TimelineItem:
    activity_id: int
    label: str
    kind: str
    start: float  # 0..1 across the span
    end: float
    row: int
    first_day: dt.date  # the dates drawn, for the vertical (phone) timeline's words
    last_day: dt.date

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.kind]

    @property
    def colour(self) -> str:
        return COLOURS[self.kind]

    @property
    def is_point(self) -> bool:
        return self.end - self.start < 1e-9


@dataclass(frozen=True, slots=True)
class AxisMark:
    """A labelled mark on the time axis (a week number, a month); not the scheduler's tick."""

    label: str
    at: float


@dataclass(frozen=True, slots=True)
class Timeline:
    first: dt.date
    last: dt.date
    ticks: tuple[AxisMark, ...]
    items: tuple[TimelineItem, ...]
    today: float | None  # None: today is outside the span


def kind_of(view: TimelineActivity, today: dt.date) -> str:
    """The state shown (bot/pages/colours.py STATES): overdue outranks every open status."""
    if view.status == "done":
        return "done"
    if view.is_overdue(today):
        return "overdue"
    return {
        "awaiting_approval": "waiting",
        "approved": "approved",
        "in_progress": "in_progress",
    }.get(view.status, "planned")


def _span(view: TimelineActivity) -> tuple[dt.date, dt.date] | None:
    timing = view.timing
    if timing.kind is TimingKind.WINDOW and timing.start and timing.due:
        return timing.start, timing.due
    if timing.kind is TimingKind.DATE and timing.due:
        return timing.due, timing.due
    if timing.kind is TimingKind.RECURRING and view.next_due:
        return view.next_due, view.next_due
    return None


def layout(
    views: Sequence[TimelineActivity],
    today: dt.date,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    ticks: str = "month",
    month_names: Sequence[str] = (),
    label_room: float = 0.0,
    overdue_at_start: bool = False,
) -> Timeline:
    """Place ``views`` between ``first`` and ``last`` (default: the months their dates span).

    ``label_room``: the share of the span one month label needs; months are labelled only as
    often as their labels fit side by side (every 2nd, 3rd, 6th or 12th), so labels never
    overlap. ``overdue_at_start``: an overdue activity dated before ``first`` is drawn at the
    start rather than left out (the picture's window starts this week)."""
    spans = [(view, span) for view in views if (span := _span(view)) is not None]
    first, last = _bounds([day for _, span in spans for day in span], today, first, last)
    length = max((last - first).days + 1, 1)

    def at(day: dt.date) -> float:
        return min(max((day - first).days / length, 0.0), 1.0)

    items = _items(spans, today, first, last, at, overdue_at_start=overdue_at_start)
    if ticks == "month":
        marks = _month_ticks(first, last, at, month_names, label_room)
    else:
        marks = _week_ticks(first, last, at)
    return Timeline(
        first, last, tuple(marks), tuple(items), at(today) if first <= today <= last else None
    )


def _bounds(
    days: Sequence[dt.date], today: dt.date, first: dt.date | None, last: dt.date | None
) -> tuple[dt.date, dt.date]:
    """``first`` and ``last`` where given; else from the first day of the month of the earliest
    day to the last day of the month of the latest (today alone when there are none)."""
    if first is not None and last is not None:
        return first, last
    low, high = min(days or [today]), max(days or [today])
    first = first or low.replace(day=1)
    if last is None:
        following = (high.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        last = following - dt.timedelta(days=1)
    return first, last


def _items(
    spans: Sequence[tuple[TimelineActivity, tuple[dt.date, dt.date]]],
    today: dt.date,
    first: dt.date,
    last: dt.date,
    at: Callable[[dt.date], float],
    *,
    overdue_at_start: bool,
) -> list[TimelineItem]:
    """The activities within the span, in order, each on a row of its own."""
    items: list[TimelineItem] = []
    for view, (start, end) in spans:
        kind = kind_of(view, today)
        if end < first and overdue_at_start and kind == "overdue":
            items.append(TimelineItem(view.id, view.title, kind, 0.0, 0.0, len(items), start, end))
            continue
        if end < first or start > last:
            continue
        items.append(
            TimelineItem(
                view.id,
                view.title,
                kind,
                at(start),
                at(end + dt.timedelta(days=1)) if end > start else at(start),
                len(items),
                start,
                end,
            )
        )
    return items


def _week_ticks(first: dt.date, last: dt.date, at: Callable[[dt.date], float]) -> list[AxisMark]:
    """A tick at every week, labelled with its ISO week number."""
    marks: list[AxisMark] = []
    day = first - dt.timedelta(days=first.weekday())
    while day <= last:
        marks.append(AxisMark(str(day.isocalendar()[1]), at(max(day, first))))
        day += dt.timedelta(days=7)
    return marks


# How many months one label may stand for: the smallest that leaves room between labels.
_STEPS = (1, 2, 3, 4, 6, 12, 24, 60, 120)


def _month_ticks(
    first: dt.date,
    last: dt.date,
    at: Callable[[dt.date], float],
    month_names: Sequence[str],
    label_room: float,
) -> list[AxisMark]:
    """A line at every month; a label every ``step`` months, the year on the first label and
    whenever it changes. A month is at least 28 days: ``step`` is chosen so that two labels are
    at least ``label_room`` apart however short the months between them."""
    days = max((last - first).days + 1, 1)
    step = next((s for s in _STEPS if s * 28 / days >= label_room), _STEPS[-1])
    marks: list[AxisMark] = []
    year = None
    day = first.replace(day=1)
    index = 0
    while day <= last:
        label = ""
        if index % step == 0:
            name = month_names[day.month - 1] if month_names else f"{day:%m}"
            label = name if day.year == year else f"{name} {day.year}"
            year = day.year
        marks.append(AxisMark(label, at(day)))
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        index += 1
    return marks
