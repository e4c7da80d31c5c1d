"""Week and month grids: a plan whose columns are weeks or months, marked where an activity runs.

The Gantt shape most Danish and Swedish plans have in Excel: a column per week ("Uge 1",
"v. 1", "Vecka 1", or bare numbers under a merged "Uge"/"Vecka" heading, often with month names
merged above), or per month ("Januar", "jan", "Q1"), and a mark in the cells of the weeks an
activity runs: any text ("x", "●", a word) or a fill colour (``Row.filled``). The labels are in
the header row or the row just below it.

Each run of consecutive marked columns is one window, from the first period's first day to the
last period's last day (a week's Sunday: its deadline is its last working day, as "Uge 12" is).
The year is the one written above a column (a "2027" row over the weeks), else the one the
sheet's title names, else the coming one: the year in which the grid has not ended yet. A week
number lower than the one before it starts the next year (weeks 33 ... 52, 1 ... 26).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.importing.document import Row
from bot.interchange.grid_periods import MONTH, QUARTER, WEEK, Period
from bot.texts import t
from bot.timing.period_words import MONTHS
from config.languages import Language

# At least this many period columns make a grid (a lone "Q1" column is a heading, not a grid).
MIN_COLUMNS = 3
_WEEK_WORD = r"(?:uge|vecka|week|wk|w|v|u)"
_WEEK_LABEL = re.compile(rf"^{_WEEK_WORD}\s*\.?\s*(?:nr\.?\s*)?(\d{{1,2}})$")
_WEEK_HEADING = re.compile(r"^(?:uge|uger|ugenr|uge nr|vecka|veckor|veckonummer|week|weeks|v)\.?$")
_NUMBER = re.compile(r"^\d{1,2}$")
_MONTH_LABEL = re.compile(r"^([a-zæøåäö]+)\.?(?:\s+((?:19|20)\d\d))?$")
_QUARTER_LABEL = re.compile(r"^(?:q|k|kvartal\s*|quarter\s*)([1-4])(?:\s+((?:19|20)\d\d))?$")
_YEAR = re.compile(r"^((?:19|20)\d\d)$")
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class Grid:
    """The period columns of a table: which row holds their labels, and each column's period."""

    label_index: int  # within the table's rows
    unit: str
    columns: tuple[tuple[int, Period], ...]  # (column from 0, its period), in column order
    # Columns filled on every row (a shaded holiday week, "this week"): the column's style,
    # not marks.
    styled: frozenset[int] = frozenset()

    @property
    def column_set(self) -> frozenset[int]:
        return frozenset(column for column, _ in self.columns)

    def runs(self, row: Row) -> list[tuple[Period, Period]]:
        """Each run of consecutive marked columns of ``row``: its first and last period."""
        found: list[tuple[Period, Period]] = []
        start: Period | None = None
        previous: Period | None = None
        for column, period in self.columns:
            marked = (column in row.filled and column not in self.styled) or (
                column < len(row.cells) and bool(row.cells[column].strip())
            )
            if marked and start is None:
                start = period
            if not marked and start is not None and previous is not None:
                found.append((start, previous))
                start = None
            previous = period
        if start is not None and previous is not None:
            found.append((start, previous))
        return found


def _label(text: str) -> tuple[str, int, int | None] | None:
    """A column label's (unit, number, year if it names one), or None; bare numbers excepted."""
    text = " ".join(text.casefold().split())
    if match := _WEEK_LABEL.match(text):
        week = int(match.group(1))
        return (WEEK, week, None) if 1 <= week <= 53 else None
    if match := _QUARTER_LABEL.match(text):
        return QUARTER, int(match.group(1)), int(match.group(2)) if match.group(2) else None
    if (match := _MONTH_LABEL.match(text)) and match.group(1) in MONTHS:
        return MONTH, MONTHS[match.group(1)], int(match.group(2)) if match.group(2) else None
    return None


# A period label: (column, unit, number, year if it names one).
Label = tuple[int, str, int, int | None]


def find_grid(
    rows: Sequence[Row], header_index: int, *, year: int | None, reference: dt.date
) -> Grid | None:
    """The grid of a table whose header is ``rows[header_index]``, or None if it has none.

    ``year``: the year the sheet's title names, if any; ``reference``: the day a grid without
    any year is read relative to."""
    best = _label_row(rows, header_index)
    if best is None:
        return None
    index, labels = best
    unit = _main_unit(labels)
    labels = [label for label in labels if label[1] == unit]
    years = _years_above(rows, header_index, index)
    periods = _place(labels, years, year if year is not None else reference.year)
    if periods is None:
        return None
    if not any(label[3] for label in labels) and not years and year is None:
        periods = _coming(labels, periods, reference)
    return Grid(index, unit, tuple(periods), _styled(rows[index + 1 :], periods))


def _main_unit(labels: list[Label]) -> str:
    """The unit most labels name (weeks, months or quarters): the grid's."""
    units = [unit for _, unit, _, _ in labels]
    return max(set(units), key=units.count)


def _styled(body: Sequence[Row], periods: list[tuple[int, Period]]) -> frozenset[int]:
    """Columns filled on every row below the labels: the column's style, not marks."""
    body = [row for row in body if any(row.cells)]
    return frozenset(
        column
        for column, _ in periods
        if len(body) >= MIN_COLUMNS and all(column in row.filled for row in body)
    )


def _label_row(rows: Sequence[Row], header_index: int) -> tuple[int, list[Label]] | None:
    """The row of the header or the one below it with the most period labels (at least
    ``MIN_COLUMNS``), and its labels."""
    best: tuple[int, list[Label]] | None = None
    for index in (header_index, header_index + 1):
        if index >= len(rows):
            break
        labels = _labels(rows, header_index, index)
        # Counted by distinct periods: a month merged over its four weeks is one label.
        count = len({label[1:] for label in labels})
        if count >= MIN_COLUMNS and (best is None or count > len({b[1:] for b in best[1]})):
            best = (index, labels)
    return best


def _coming(
    labels: list[Label], periods: list[tuple[int, Period]], reference: dt.date
) -> list[tuple[int, Period]]:
    """No year anywhere: the coming one, the year in which the grid has not ended yet."""
    ends = periods[-1][1].last
    if ends >= reference:
        return periods
    shifted = _place(labels, {}, reference.year + 1)
    return shifted if shifted is not None else periods


def _labels(
    rows: Sequence[Row], header_index: int, index: int
) -> list[tuple[int, str, int, int | None]]:
    """(column, unit, number, year) of each period label in ``rows[index]``. Bare numbers are
    weeks when a week word ("Uge", "Vecka") stands above them in the header's rows."""
    found = []
    band = rows[max(0, header_index - 3) : index]
    numbers: list[tuple[int, int]] = []
    for column, cell in enumerate(rows[index].cells):
        text = cell.strip()
        label = _label(text)
        if label is not None:
            found.append((column, *label))
        elif _NUMBER.match(text) and 1 <= int(text) <= 53:
            if _week_word_above(band, column):
                found.append((column, WEEK, int(text), None))
            else:
                numbers.append((column, int(text)))
    if len(numbers) >= MIN_COLUMNS and _weeks_under_months(band, numbers):
        found.extend((column, WEEK, number, None) for column, number in numbers)
        found.sort()
    return found


def _weeks_under_months(band: Sequence[Row], numbers: Sequence[tuple[int, int]]) -> bool:
    """Bare numbers under month names are weeks when they run on across the months (4, 5, 6
    under January and February), not days, which start again at 1 each month."""
    months = set()
    for column, _ in numbers:
        for row in band:
            if column < len(row.cells):
                label = _label(row.cells[column].strip())
                if label is not None and label[0] == MONTH:
                    months.add(label[1])
    if len(months) < 2:
        return False
    values = [number for _, number in numbers]
    return all(
        after == before + 1 or (before >= 52 and after == 1)
        for before, after in itertools.pairwise(values)
    )


def _week_word_above(band: Sequence[Row], column: int) -> bool:
    for row in band:
        if column < len(row.cells):
            text = " ".join(row.cells[column].casefold().split())
            if _WEEK_HEADING.match(text):
                return True
    return False


def _years_above(rows: Sequence[Row], header_index: int, index: int) -> dict[int, int]:
    """Columns with a year written above them (a "2027" row over the weeks)."""
    found: dict[int, int] = {}
    for row in rows[max(0, header_index - 3) : index]:
        for column, cell in enumerate(row.cells):
            if match := _YEAR.match(cell.strip()):
                found[column] = int(match.group(1))
    return found


def _place(
    labels: Sequence[tuple[int, str, int, int | None]], years: dict[int, int], base: int
) -> list[tuple[int, Period]] | None:
    """Each label's period: the year above its column, the label's own, else the one running
    on from the column before (a lower number than the one before is the next year's)."""
    placed: list[tuple[int, Period]] = []
    year = base
    previous: int | None = None
    for column, unit, number, own in labels:
        if own is not None:
            year = own
        elif column in years:
            year = years[column]
        elif previous is not None and number < previous:
            year += 1
        period = Period(unit, year, number)
        try:
            period.first  # noqa: B018 - week 53 of a year without one: not a column
        except ValueError:
            continue
        placed.append((column, period))
        previous = number
    return placed or None


def year_named(texts: Sequence[str]) -> int | None:
    """The first year the texts name ("Aktivitetsplan 2027", "Plan 2026/27": 2026)."""
    for text in texts:
        if match := _ANY_YEAR.search(text):
            return int(match.group(1))
    return None


def run_text(first: Period, last: Period, language: Language) -> str:
    """The timing text of a run, as a person would write it, which the timing reader reads
    back as the same window: "Uge 3–5 2027", "Vecka 51 2026 – vecka 2 2027", "jan–mar 2027"."""

    def name(period: Period) -> str:
        if period.unit == WEEK:
            return f"{t('page.week', language)} {period.number}"
        if period.unit == QUARTER:
            return f"Q{period.number}"
        return t("page.months", language).split(",")[period.number - 1]

    if first == last:
        return f"{name(first)} {first.year}"
    if first.year == last.year:
        end = name(last)
        if last.unit == WEEK:
            end = str(last.number)
        return f"{name(first)}\u2013{end} {first.year}"
    return f"{name(first)} {first.year} \u2013 {name(last).lower()} {last.year}"
