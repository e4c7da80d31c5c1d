"""When the breaks and feasts that plans write "before" begin ("inden sommerferien", "före
midsommar", "before Easter"), and the tentative window before each.

"Before the summer holidays" names no day: it is read as the four weeks before the break begins,
tentative, so that the deadline is the last working day before it and the plan owner sees that
the day was not written. When each begins:

- the Danish summer holidays (sommerferien, and the English "summer holidays"): the last
  Saturday of June, when Danish schools close;
- the Swedish sommarlov: the Saturday of ISO week 24, when Swedish schools close;
- midsommar (and "midsummer"): midsommarafton, the Friday from 19 to 25 June;
- sankthans: sankthansaften, 23 June;
- jul, Christmas: 24 December (juleaften / julafton, when offices close);
- påske, påsk, Easter: Maundy Thursday, three days before Easter Sunday (a holiday in Denmark).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dateutil.easter import easter

WEEKS_BEFORE = 4


def _last_saturday_of_june(year: int) -> dt.date:
    day = dt.date(year, 6, 30)
    return day - dt.timedelta(days=(day.weekday() - 5) % 7)


def _saturday_of_week_24(year: int) -> dt.date:
    return dt.date.fromisocalendar(year, 24, 6)


def _midsommarafton(year: int) -> dt.date:
    day = dt.date(year, 6, 19)
    return day + dt.timedelta(days=(4 - day.weekday()) % 7)


BEGINS: dict[str, Callable[[int], dt.date]] = {
    "summer_dk": _last_saturday_of_june,
    "summer_se": _saturday_of_week_24,
    "midsummer_se": _midsommarafton,
    "midsummer_dk": lambda year: dt.date(year, 6, 23),
    "christmas": lambda year: dt.date(year, 12, 24),
    "easter": lambda year: easter(year) - dt.timedelta(days=3),
}


def window_before(name: str, year: int) -> tuple[dt.date, dt.date]:
    """The four weeks before the break ``name`` (a ``words.BREAKS`` value) begins in ``year``."""
    begins = BEGINS[name](year)
    return begins - dt.timedelta(weeks=WEEKS_BEFORE), begins - dt.timedelta(days=1)
