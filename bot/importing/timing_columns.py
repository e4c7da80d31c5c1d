"""Timing from any column that holds it, and from several columns of one row together.

A column is a timing column when its heading names a timing ("Hvornår", "Tid", "Vecka", "Uge",
"Datum", "Deadline", "Period" ... see ``headings``), or, in a table without such a column, when
its heading names nothing and its cells read as timings (four in five, and at least two). A
column headed "Uge" or "Vecka" reads a bare number or range ("12", "12–14") as that week; a cell
naming a weekday ("onsdag") gives the day within the week another column names.

A row's timing cells combine (``read_row``): a start column and an end column ("Startdato",
"Slutdatum", "End date") are a window from the one to the other; a date wins over a week or a
period; a weekday and
a week are that day of the week; a recurrence or an ongoing activity with a date or a period
starts there. Otherwise the narrowest period wins. The text kept as the activity's "when" is
the cells' texts joined by " · ", which an import reads back the same way (an export writes it
in one column).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bot.importing import headings
from bot.importing.document import Row
from bot.timing import read_timing
from bot.timing.words import WEEKDAYS
from storage.rules.timing import UNKNOWN, Timing, TimingKind

JOIN = " \u00b7 "  # between the texts of several timing cells, in one "when" text
# Cells of a column with a heading that names nothing, read to tell whether it holds timings.
SAMPLE_ROWS = 50
_WEEK_HEADINGS = frozenset(
    {"uge", "uger", "ugenr", "uge nr", "vecka", "veckor", "veckonummer", "v", "week", "weeks"}
)
_WEEK_WORD = {"da": "Uge", "sv": "Vecka", "en": "Week"}
# A start column and an end column make a window together ("Startdato" 1/3, "Slutdato" 31/3).
_ROLES = {
    **dict.fromkeys(("start", "startdato", "startdatum", "start date", "begin"), "start"),
    **dict.fromkeys(("slut", "slutdato", "slutdatum", "end", "end date"), "end"),
}
_BARE_WEEKS = re.compile(r"^\d{1,2}(?:\s*[-\u2010-\u2015]\s*\d{1,2})?$")
_ISO_DAY = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_READ = (TimingKind.DATE, TimingKind.WINDOW, TimingKind.RECURRING, TimingKind.ONGOING)


@dataclass(frozen=True, slots=True)
class TimingColumn:
    index: int
    heading: str  # as written, on one line
    weeks: bool  # headed by a week word: bare numbers are weeks
    role: str | None = None  # "start" or "end": the two make a window


@dataclass(frozen=True, slots=True)
class Reading:
    """A row's timing: the text kept, its reading, and the columns it came from."""

    text: str | None
    timing: Timing
    columns: tuple[int, ...] = ()  # the cells that decided it
    unread: tuple[tuple[int, str], ...] = ()  # cells that could not be read (column, text)


def timing_columns(
    header: Sequence[str], rows: Sequence[Row], *, skip: frozenset[int], reference: dt.date
) -> list[TimingColumn]:
    """The timing columns of a table with ``header``, by their headings and by their cells."""
    found = []
    unnamed = []
    for index, cell in enumerate(header):
        if index in skip:
            continue
        heading = " ".join(cell.split())
        key = headings.normalise(cell).replace("\n", " ")
        weeks = key in _WEEK_HEADINGS
        if headings.field_of(cell) == "when" or weeks:
            found.append(TimingColumn(index, heading, weeks, _ROLES.get(key)))
        elif headings.field_of(cell) is None:
            unnamed.append((index, heading))
    if found:
        # A table with a timing column by its heading takes its timings from there: a column
        # of other dates ("Godkendt den") must not silently win over "Hvornår".
        return found
    return [
        TimingColumn(index, heading, False)
        for index, heading in unnamed
        if _holds_timings(rows, index, reference)
    ]


def _holds_timings(rows: Sequence[Row], index: int, reference: dt.date) -> bool:
    texts = [
        row.cells[index].strip()
        for row in rows[:SAMPLE_ROWS]
        if index < len(row.cells) and row.cells[index].strip()
    ]
    if len(texts) < 2 or len(set(texts)) < 2:
        return False  # one text over and over is a merged label, not a column of timings
    read = sum(
        1
        for text in texts
        if _weekday(text) is not None or read_timing(text, today=reference).kind in _READ
    )
    return read * 5 >= len(texts) * 4


def _weekday(text: str) -> int | None:
    code = WEEKDAYS.get(text.strip(" .,").casefold())
    return _ISO_DAY[code] if code else None


def cell_text(text: str, column: TimingColumn, language: str) -> str:
    """The cell as a timing text: a bare week number under a week heading names the week."""
    text = " ".join(text.split())
    if column.weeks and _BARE_WEEKS.match(text):
        return f"{_WEEK_WORD.get(language, 'Uge')} {text}"
    return text


def read_row(
    cells: Sequence[tuple[int, str]],
    *,
    language: str,
    reference: dt.date,
    roles: Mapping[int, str] | None = None,
) -> Reading:
    """The timing of a row's timing cells ((column, text) in column order; a text that holds
    several parts joined by " · " is split into them, with the same column). ``roles``: the
    start and end columns, by index."""
    parts = [
        (column, part.strip())
        for column, text in cells
        for part in text.split(JOIN.strip())
        if part.strip()
    ]
    if not parts:
        return Reading(None, UNKNOWN)
    text = JOIN.join(part for _, part in parts)
    readings = [
        (column, part, read_timing(part, language=language, today=reference))
        for column, part in parts
    ]
    unread = tuple(
        (column, part)
        for column, part, timing in readings
        if timing.kind is TimingKind.UNKNOWN and _weekday(part) is None
    )
    if len(parts) == 1:
        return Reading(text, readings[0][2], (parts[0][0],), unread)
    known = [(column, timing) for column, _, timing in readings if timing.kind is not UNKNOWN.kind]
    day = next(((c, d) for c, p, _ in readings if (d := _weekday(p)) is not None), None)
    combined = _combine(known, day, roles or {})
    if combined is None:
        return Reading(text, UNKNOWN, (), unread)
    timing, columns = combined
    if len(columns) == 2 and roles and [roles.get(c) for c in columns] == ["start", "end"]:
        # Kept as a range, which reads back as the same window from one column.
        by_column = dict(parts)
        text = f"{by_column[columns[0]]} \u2013 {by_column[columns[1]]}"
    return Reading(text, timing, columns, unread)


def _combine(
    known: Sequence[tuple[int, Timing]], day: tuple[int, int] | None, roles: Mapping[int, str]
) -> tuple[Timing, tuple[int, ...]] | None:
    tentative = any(timing.tentative for _, timing in known)
    dated = [(c, t) for c, t in known if t.kind in (TimingKind.DATE, TimingKind.WINDOW)]
    starts = [(c, t) for c, t in dated if roles.get(c) == "start"]
    ends = [(c, t) for c, t in dated if roles.get(c) == "end"]
    if starts and ends:
        (start_column, begins), (end_column, ends_on) = starts[0], ends[0]
        if begins.start is not None and ends_on.due is not None and begins.start <= ends_on.due:
            window = Timing(TimingKind.WINDOW, begins.start, ends_on.due, None, tentative)
            return window, (start_column, end_column)
    dates = [(c, t) for c, t in dated if t.kind is TimingKind.DATE]
    weeks = [(c, t) for c, t in dated if t.start and t.due and _is_week(t.start, t.due)]
    running = [(c, t) for c, t in known if t.kind in (TimingKind.RECURRING, TimingKind.ONGOING)]
    if running and dated:
        # "Varannan vecka" beside a start date or week: the recurrence, from there.
        column, timing = running[0]
        first_column, first = min(dated, key=lambda item: item[1].start or dt.date.max)
        start = timing.start or first.start
        return replace(timing, start=start, tentative=tentative), (column, first_column)
    if dates:
        column, timing = dates[0]  # a date wins over a week or a period
        return replace(timing, tentative=tentative), (column,)
    if weeks and day is not None:
        (column, week), (day_column, weekday) = weeks[0], day
        assert week.start is not None
        date = week.start + dt.timedelta(days=weekday)
        return Timing(TimingKind.DATE, date, date, None, tentative), (column, day_column)
    if dated:
        column, timing = min(dated, key=lambda item: _span(item[1]))
        return replace(timing, tentative=tentative), (column,)
    if known:
        column, timing = known[0]
        return replace(timing, tentative=tentative), (column,)
    return None


def _is_week(start: dt.date, due: dt.date) -> bool:
    return start.weekday() == 0 and (due - start).days == 6


def _span(timing: Timing) -> int:
    if timing.start is None or timing.due is None:
        return 1 << 30
    return (timing.due - timing.start).days
