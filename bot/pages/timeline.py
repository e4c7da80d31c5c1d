"""Where each activity sits on a timeline: pure geometry, drawn as SVG (the page) or PNG.

Windows are bars from their first to their last day, dates (and the next occurrence of a
recurrence) are points; activities without a date are not on a timeline (the table has them).
Each item carries a kind (done, overdue, waiting, planned) that is shown by colour *and* symbol,
so colour is never the only signal (WCAG 1.4.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bot.pages.colours import COLOURS, SYMBOLS
from bot.services.views import ActivityView
from storage.timing import TimingKind


@dataclass(frozen=True, slots=True)
class Item:
    activity_id: int
    label: str
    kind: str
    start: float  # 0..1 across the span
    end: float
    row: int

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
class Tick:
    label: str
    at: float


@dataclass(frozen=True, slots=True)
class Timeline:
    first: dt.date
    last: dt.date
    ticks: tuple[Tick, ...]
    items: tuple[Item, ...]
    today: float | None  # None: today is outside the span


def kind_of(view: ActivityView, today: dt.date) -> str:
    if view.status == "done":
        return "done"
    if view.next_due is not None and view.next_due < today:
        return "overdue"
    if view.status == "awaiting_approval":
        return "waiting"
    return "planned"


def _span(view: ActivityView) -> tuple[dt.date, dt.date] | None:
    timing = view.timing
    if timing.kind is TimingKind.WINDOW and timing.start and timing.due:
        return timing.start, timing.due
    if timing.kind is TimingKind.DATE and timing.due:
        return timing.due, timing.due
    if timing.kind is TimingKind.RECURRING and view.next_due:
        return view.next_due, view.next_due
    return None


def layout(
    views: Sequence[ActivityView],
    today: dt.date,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    ticks: str = "month",
    month_names: Sequence[str] = (),
) -> Timeline:
    """Place ``views`` between ``first`` and ``last`` (default: the months their dates span)."""
    spans = [(view, span) for view in views if (span := _span(view)) is not None]
    if first is None or last is None:
        days = [day for _, span in spans for day in span] or [today]
        low, high = min(days), max(days)
        first = first or low.replace(day=1)
        if last is None:
            following = (high.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            last = following - dt.timedelta(days=1)
    length = max((last - first).days + 1, 1)

    def at(day: dt.date) -> float:
        return min(max((day - first).days / length, 0.0), 1.0)

    items: list[Item] = []
    for view, (start, end) in spans:
        if end < first or start > last:
            continue
        items.append(
            Item(
                view.id,
                view.title,
                kind_of(view, today),
                at(start),
                at(end + dt.timedelta(days=1)) if end > start else at(start),
                len(items),
            )
        )
    marks: list[Tick] = []
    if ticks == "month":
        day = first.replace(day=1)
        while day <= last:
            name = month_names[day.month - 1] if month_names else f"{day:%m}"
            # The year on the first month and on each January: labels stay short enough.
            label = f"{name} {day.year}" if not marks or day.month == 1 else name
            marks.append(Tick(label, at(day)))
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    else:
        day = first - dt.timedelta(days=first.weekday())
        while day <= last:
            marks.append(Tick(str(day.isocalendar()[1]), at(max(day, first))))
            day += dt.timedelta(days=7)
    return Timeline(
        first, last, tuple(marks), tuple(items), at(today) if first <= today <= last else None
    )
