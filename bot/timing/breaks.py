"""When the breaks, school holidays and feasts that plans write about begin and end, per
country, and the windows before, during and after each ("inden sommerferien", "efter
sportlovet", "før efterårsferien", "i vinterferien", "före midsommar", "after Easter").

"Before the summer holidays" names no day: it is read as the four weeks before the break begins,
tentative, so that the deadline is the last working day before it and the plan owner sees that
the day was not written. "After" is the four weeks after the break ends, tentative too;
"during" ("i vinterferien", "under sportlovet") is the break itself.

School holidays are set by each municipality (DK) or each kommun (SE) within a national pattern;
commplan uses this rule-of-thumb table (docs/timing.md), the weeks most pupils have off:

Denmark
- vinterferie: ISO week 7 (Saturday of week 6 to Sunday of week 7);
- påskeferie: the Saturday before Palm Sunday to Easter Monday;
- sommerferie: the last Saturday of June (when schools close) to the Sunday of week 32;
- efterårsferie: ISO week 42 (Saturday of week 41 to Sunday of week 42);
- juleferie: 21 December to 1 January.

Sweden
- sportlov: ISO week 8 (Saturday of week 7 to Sunday of week 8). Regions differ: week 7 in parts
  of Norrland, 8 in Skåne, Västra Götaland, Halland and others, 9 in Stockholm and Uppsala, 10
  in parts of Norrbotten; week 8 is the most common and is used;
- påsklov: Good Friday to the Sunday after Easter Monday (most kommuner take the week after
  Easter; some the week before);
- sommarlov: the Saturday of ISO week 24 (when schools close) to the Sunday of week 33;
- höstlov: ISO week 44 (Saturday of week 43 to Sunday of week 44);
- jullov: 21 December to 6 January (trettondedag jul).

Feasts, either country: midsommar (midsommarafton, the Friday from 19 to 25 June, to the
Saturday after), sankthans (23 June), jul (24 to 26 December), påske (Maundy Thursday to Easter
Monday). English names of school holidays ("winter break", "autumn break", "the Easter
holidays") follow the plan's country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dateutil.easter import easter

WEEKS_BEFORE = 4
WEEKS_AFTER = 4

Period = tuple[dt.date, dt.date]


def _last_saturday_of_june(year: int) -> dt.date:
    day = dt.date(year, 6, 30)
    return day - dt.timedelta(days=(day.weekday() - 5) % 7)


def _midsommarafton(year: int) -> dt.date:
    day = dt.date(year, 6, 19)
    return day + dt.timedelta(days=(4 - day.weekday()) % 7)


def _week(week: int, weekday: int) -> Callable[[int], dt.date]:
    """ISO ``weekday`` (1 Monday .. 7 Sunday) of ``week`` in a year."""
    return lambda year: dt.date.fromisocalendar(year, week, weekday)


def _easter(days: int) -> Callable[[int], dt.date]:
    return lambda year: easter(year) + dt.timedelta(days=days)


# name -> (first day, last day) of the break that begins in a year.
BREAKS: dict[str, tuple[Callable[[int], dt.date], Callable[[int], dt.date]]] = {
    "summer_dk": (_last_saturday_of_june, _week(32, 7)),
    "summer_se": (_week(24, 6), _week(33, 7)),
    "winter_dk": (_week(6, 6), _week(7, 7)),
    "winter_se": (_week(7, 6), _week(8, 7)),
    "autumn_dk": (_week(41, 6), _week(42, 7)),
    "autumn_se": (_week(43, 6), _week(44, 7)),
    "easter_holidays_dk": (_easter(-8), _easter(1)),
    "easter_holidays_se": (_easter(-2), _easter(7)),
    "christmas_holidays_dk": (lambda y: dt.date(y, 12, 21), lambda y: dt.date(y + 1, 1, 1)),
    "christmas_holidays_se": (lambda y: dt.date(y, 12, 21), lambda y: dt.date(y + 1, 1, 6)),
    "midsummer_se": (_midsommarafton, lambda y: _midsommarafton(y) + dt.timedelta(days=1)),
    "midsummer_dk": (lambda y: dt.date(y, 6, 23), lambda y: dt.date(y, 6, 23)),
    "christmas": (lambda y: dt.date(y, 12, 24), lambda y: dt.date(y, 12, 26)),
    "easter": (_easter(-3), _easter(1)),
}
# Feasts are days of their own: named alone ("påske 2027") they are not read as a window.
FEASTS_SET = frozenset(("midsummer_se", "midsummer_dk", "christmas", "easter"))
# The names whose country is the plan's ("winter break"): name + "_dk" or "_se".
BY_COUNTRY = ("summer", "winter", "autumn", "easter_holidays", "christmas_holidays")


def resolve(name: str, country: str) -> str:
    """The break ``name`` (a ``words.BREAKS`` value) means in ``country`` (DK or SE)."""
    return f"{name}_{'se' if country == 'SE' else 'dk'}" if name in BY_COUNTRY else name


def during(name: str, year: int) -> Period:
    """The break ``name`` that begins in ``year``, first to last day."""
    begins, ends = BREAKS[name]
    return begins(year), ends(year)


def window_before(name: str, year: int) -> Period:
    """The four weeks before the break ``name`` begins in ``year``."""
    begins = BREAKS[name][0](year)
    return begins - dt.timedelta(weeks=WEEKS_BEFORE), begins - dt.timedelta(days=1)


def window_after(name: str, year: int) -> Period:
    """The four weeks after the break ``name`` that begins in ``year`` ends."""
    ends = BREAKS[name][1](year)
    return ends + dt.timedelta(days=1), ends + dt.timedelta(weeks=WEEKS_AFTER)


WINDOWS: dict[str, Callable[[str, int], Period]] = {
    "before": window_before,
    "during": during,
    "after": window_after,
}
