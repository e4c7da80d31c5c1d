"""Days, weeks and months named from the day a text is read: "i morgen", "i overmorgen",
"næste uge", "om en uge", "om 14 dage", "nästa vecka", "i övermorgon", "in two weeks".

They are read relative to ``today`` (the plan's local day when the text is read) and stored as
the absolute days they named then: "i morgen" written on 3 March is 4 March for good, not a
deadline that moves a day every day. A day ("i morgen", "om en uge") is one date; a week or a
month ("næste uge", "næste måned") is a window, due on its last working day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

Period = tuple[dt.date, dt.date]

# A day named from today: the number of days after it.
DAYS_FROM_TODAY: dict[str, int] = {
    "i dag": 0,
    "idag": 0,
    "today": 0,
    "i morgen": 1,
    "imorgen": 1,
    "i morgon": 1,
    "imorgon": 1,
    "tomorrow": 1,
    "i overmorgen": 2,
    "overmorgen": 2,
    "i övermorgon": 2,
    "övermorgon": 2,
    "the day after tomorrow": 2,
    "day after tomorrow": 2,
}
# This or the next week, month or year: (unit, how many ahead).
PERIODS_FROM_TODAY: dict[str, tuple[str, int]] = {}
for _unit, _ahead, _names in (
    ("week", 0, ("denne uge", "i denne uge", "this week", "denna vecka", "den här veckan")),
    ("week", 1, ("næste uge", "i næste uge", "nästa vecka", "i nästa vecka", "next week")),
    ("month", 0, ("denne måned", "i denne måned", "this month", "denna månad")),
    ("month", 1, ("næste måned", "i næste måned", "nästa månad", "i nästa månad", "next month")),
    ("year", 1, ("næste år", "nästa år", "next year")),
):
    for _name in _names:
        PERIODS_FROM_TODAY[_name] = (_unit, _ahead)
# "om 14 dage", "om en uge", "om två veckor", "in three weeks", "in 2 months' time".
_NUMBERS = {
    "en": 1,
    "et": 1,
    "ett": 1,
    "one": 1,
    "a": 1,
    "an": 1,
    "to": 2,
    "två": 2,
    "two": 2,
    "tre": 3,
    "three": 3,
    "fire": 4,
    "fyra": 4,
    "four": 4,
    "fem": 5,
    "five": 5,
    "seks": 6,
    "sex": 6,
    "six": 6,
}
_UNITS = {
    "dag": "day",
    "dage": "day",
    "dagar": "day",
    "day": "day",
    "days": "day",
    "uge": "week",
    "uger": "week",
    "vecka": "week",
    "veckor": "week",
    "week": "week",
    "weeks": "week",
    "måned": "month",
    "måneder": "month",
    "månad": "month",
    "månader": "month",
    "month": "month",
    "months": "month",
}
_IN = re.compile(
    rf"(?:om|in)\s+(?P<count>\d{{1,3}}|{'|'.join(_NUMBERS)})\s+(?P<unit>{'|'.join(_UNITS)})"
    r"(?:'s?\s+time|s tid)?"
)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def read_relative(text: str, today: dt.date) -> Period | None:
    """The days ``text`` names counted from ``today``, or None when it names none that way."""
    if text in DAYS_FROM_TODAY:
        day = today + dt.timedelta(days=DAYS_FROM_TODAY[text])
        return day, day
    if text in PERIODS_FROM_TODAY:
        unit, ahead = PERIODS_FROM_TODAY[text]
        if unit == "week":
            monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=ahead)
            return monday, monday + dt.timedelta(days=6)
        if unit == "month":
            first = _add_months(today.replace(day=1), ahead)
            return first, _add_months(first, 1) - dt.timedelta(days=1)
        return dt.date(today.year + ahead, 1, 1), dt.date(today.year + ahead, 12, 31)
    match = _IN.fullmatch(text)
    if match is None:
        return None
    count_text = match.group("count")
    count = int(count_text) if count_text.isdigit() else _NUMBERS[count_text]
    unit = _UNITS[match.group("unit")]
    if unit == "month":
        day = _add_months(today, count)
    else:
        day = today + dt.timedelta(days=count * (7 if unit == "week" else 1))
    return day, day
