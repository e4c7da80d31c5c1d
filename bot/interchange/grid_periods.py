"""The columns of a week, month or quarter grid, which the importer reads a grid plan into and
the Excel export writes it back as (``bot/importing/grids.py``, ``bot/exporting/excel.py``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WEEK, MONTH, QUARTER = "week", "month", "quarter"
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    """One column of a grid: a week (ISO), a month or a quarter of a year."""

    unit: str
    year: int
    number: int

    @property
    def first(self) -> dt.date:
        if self.unit == WEEK:
            return dt.date.fromisocalendar(self.year, self.number, 1)
        month = self.number if self.unit == MONTH else 3 * self.number - 2
        return dt.date(self.year, month, 1)

    @property
    def last(self) -> dt.date:
        if self.unit == WEEK:
            return dt.date.fromisocalendar(self.year, self.number, 7)
        months = 1 if self.unit == MONTH else 3
        index = self.year * 12 + self.number * months  # the month after, counted from 0
        return dt.date(index // 12, index % 12 + 1, 1) - _ONE_DAY
