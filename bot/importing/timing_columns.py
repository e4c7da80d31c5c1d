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
from bot.timing.recurrence_words import WEEKDAYS
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
    parts = _parts(cells)
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
    combined = _combine(_RowCells(known, day, roles or {}))
    if combined is None:
        return Reading(text, UNKNOWN, (), unread)
    timing, columns = combined
    return Reading(_window_text(parts, columns, roles) or text, timing, columns, unread)


def _parts(cells: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each cell's parts (a text joined by " · " is several), with the cell's column."""
    return [
        (column, part.strip())
        for column, text in cells
        for part in text.split(JOIN.strip())
        if part.strip()
    ]


def _window_text(
    parts: Sequence[tuple[int, str]], columns: tuple[int, ...], roles: Mapping[int, str] | None
) -> str | None:
    """A start and an end column are kept as a range, which reads back as the same window
    from one column; None for any other timing."""
    if len(columns) != 2 or not roles or [roles.get(c) for c in columns] != ["start", "end"]:
        return None
    by_column = dict(parts)
    return f"{by_column[columns[0]]} \u2013 {by_column[columns[1]]}"


@dataclass(frozen=True, slots=True)
class _RowCells:
    """A row's read timing cells, as the rules that combine them look at them."""

    known: Sequence[tuple[int, Timing]]  # (column, timing) of the cells that read
    day: tuple[int, int] | None  # (column, weekday) of a cell naming a weekday
    roles: Mapping[int, str]  # "start" and "end" columns

    @property
    def tentative(self) -> bool:
        return any(timing.tentative for _, timing in self.known)

    @property
    def dated(self) -> list[tuple[int, Timing]]:
        return [(c, t) for c, t in self.known if t.kind in (TimingKind.DATE, TimingKind.WINDOW)]


Combined = tuple[Timing, tuple[int, ...]]


def _start_to_end(cells: _RowCells) -> Combined | None:
    """A start column and an end column: the window from the one to the other."""
    starts = [(c, t) for c, t in cells.dated if cells.roles.get(c) == "start"]
    ends = [(c, t) for c, t in cells.dated if cells.roles.get(c) == "end"]
    if not (starts and ends):
        return None
    (start_column, begins), (end_column, ends_on) = starts[0], ends[0]
    if begins.start is None or ends_on.due is None or begins.start > ends_on.due:
        return None
    window = Timing(TimingKind.WINDOW, begins.start, ends_on.due, None, cells.tentative)
    return window, (start_column, end_column)


def _running_from(cells: _RowCells) -> Combined | None:
    """ "Varannan vecka" beside a start date or week: the recurrence, from there."""
    running = [
        (c, t) for c, t in cells.known if t.kind in (TimingKind.RECURRING, TimingKind.ONGOING)
    ]
    dated = cells.dated
    if not (running and dated):
        return None
    column, timing = running[0]
    first_column, first = min(dated, key=lambda item: item[1].start or dt.date.max)
    start = timing.start or first.start
    return replace(timing, start=start, tentative=cells.tentative), (column, first_column)


def _first_date(cells: _RowCells) -> Combined | None:
    """A date wins over a week or a period."""
    dates = [(c, t) for c, t in cells.dated if t.kind is TimingKind.DATE]
    if not dates:
        return None
    column, timing = dates[0]
    return replace(timing, tentative=cells.tentative), (column,)


def _weekday_of_week(cells: _RowCells) -> Combined | None:
    """A weekday and a week: that day of the week."""
    weeks = [(c, t) for c, t in cells.dated if t.start and t.due and _is_week(t.start, t.due)]
    if not weeks or cells.day is None:
        return None
    (column, week), (day_column, weekday) = weeks[0], cells.day
    assert week.start is not None
    date = week.start + dt.timedelta(days=weekday)
    return Timing(TimingKind.DATE, date, date, None, cells.tentative), (column, day_column)


def _narrowest(cells: _RowCells) -> Combined | None:
    """Otherwise the narrowest dated period."""
    dated = cells.dated
    if not dated:
        return None
    column, timing = min(dated, key=lambda item: _span(item[1]))
    return replace(timing, tentative=cells.tentative), (column,)


def _first_known(cells: _RowCells) -> Combined | None:
    """Last, the first cell that reads at all."""
    if not cells.known:
        return None
    column, timing = cells.known[0]
    return replace(timing, tentative=cells.tentative), (column,)


# The rules that combine a row's cells, first to answer wins.
_RULES = (_start_to_end, _running_from, _first_date, _weekday_of_week, _narrowest, _first_known)


def _combine(cells: _RowCells) -> Combined | None:
    return next((found for rule in _RULES if (found := rule(cells)) is not None), None)


def _is_week(start: dt.date, due: dt.date) -> bool:
    return start.weekday() == 0 and (due - start).days == 6


def _span(timing: Timing) -> int:
    if timing.start is None or timing.due is None:
        return 1 << 30
    return (timing.due - timing.start).days
