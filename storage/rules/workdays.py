"""Working days: not a weekend, not a public holiday of the plan's country (DK or SE).

Besides the official holidays, the days offices close by custom or agreement count as closed:
Sweden's de facto holidays (midsommarafton, julafton, nyårsafton) and Denmark's "optional"
ones (grundlovsdag, 1 May, juleaftensdag, nytårsaftensdag). A reminder moved a day earlier
than needed does no harm; one sent to an empty office does.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=8)
def working_days(country: str) -> WorkingDays:
    return WorkingDays(country)


class WorkingDays:
    def __init__(self, country: str) -> None:
        self.country = country
        extra = {
            "SE": (holidays.PUBLIC, holidays.DE_FACTO),
            "DK": (holidays.PUBLIC, holidays.OPTIONAL),
        }
        self._holidays = holidays.country_holidays(
            country, categories=extra.get(country, (holidays.PUBLIC,))
        )

    def is_working(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def holiday_name(self, day: dt.date) -> str | None:
        name = self._holidays.get(day)
        return None if name is None else str(name)

    def on_or_before(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the working day before it."""
        while not self.is_working(day):
            day -= _ONE_DAY
        return day

    def on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_working(day):
            day += _ONE_DAY
        return day

    def last_in(self, first: dt.date, last: dt.date) -> dt.date | None:
        """The last working day from ``first`` to ``last``, or None if there is none."""
        day = last
        while day >= first:
            if self.is_working(day):
                return day
            day -= _ONE_DAY
        return None

    def first_in(self, first: dt.date, last: dt.date) -> dt.date | None:
        """The first working day from ``first`` to ``last``, or None if there is none."""
        day = first
        while day <= last:
            if self.is_working(day):
                return day
            day += _ONE_DAY
        return None

    def add(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``day``."""
        for _ in range(count):
            day = self.on_or_after(day + _ONE_DAY)
        return day

    def back(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th working day before ``day``."""
        for _ in range(count):
            day = self.on_or_before(day - _ONE_DAY)
        return day

    def between(self, first: dt.date, last: dt.date) -> int:
        """Working days from ``first`` to ``last``: positive later, negative earlier, 0 the
        same day (Wednesday before Easter to the Tuesday after is 2 in Denmark)."""
        low, high = sorted((first, last))
        count, day = 0, low
        while day < high:
            day += _ONE_DAY
            count += self.is_working(day)
        return count if last >= first else -count
