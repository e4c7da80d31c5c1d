"""Reading a period of days ("1. marts 2027", "Uge 12", "Våren 2018", "Q2 2027") into dates.

``read_period(text, today)`` returns (first day, last day) or None. A text without a year means
the next such period that has not ended before ``today``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from bot.timing.words import (
    HALF_WORDS,
    MONTH_PARTS,
    MONTHS,
    ORDINALS,
    QUARTER_WORDS,
    RANGE_SEPARATORS,
    SEASONS,
    WEEK_WORDS,
)

Period = tuple[dt.date, dt.date]
# A reader of a text without its year: given a year, the period in it (or None).
_YearReader = Callable[[int], Period | None]

_MONTH_NAMES = "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-])")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _safe(make: Callable[[], Period | None]) -> Period | None:
    try:
        return make()
    except ValueError:  # 31 February, week 54: no such day
        return None


def _numeric_date(text: str, today: dt.date) -> Period | None:
    """2027-06-03, 03.06.2027, 3/6-2027, 3/6 2027, 3/6/27, 3/6 (day first, as in DK and SE)."""
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = (int(group) for group in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})[./](\d{1,2})(?:[./ -]\s*(\d{2}|\d{4}))?", text):
        day, month = int(match.group(1)), int(match.group(2))
        if match.group(3) is None:
            return _next_occurrence(lambda year: _safe(lambda: _day(year, month, day)), today)
        year = int(match.group(3))
        year += 2000 if year < 100 else 0
    else:
        return None
    return _safe(lambda: _day(year, month, day))


def _day(year: int, month: int, day: int) -> Period:
    date = dt.date(year, month, day)
    return date, date


def _next_occurrence(reader: _YearReader, today: dt.date) -> Period | None:
    """The period in this year if it has not ended yet, else in the next year."""
    for year in (today.year, today.year + 1):
        period = reader(year)
        if period is not None and period[1] >= today:
            return period
    return None


def _within_year(text: str) -> _YearReader | None:
    """A reader for a period named without its year, or None if the text is not one."""
    text = text.strip(" ,.")
    if text == "":
        return lambda year: (dt.date(year, 1, 1), dt.date(year, 12, 31))
    # day and month: "1. marts", "1 mars", "march 1", "1st of march", "1.-15. marts"
    day_month = re.fullmatch(
        rf"(?P<d1>\d{{1,2}})(?:\.|st|nd|rd|th)?(?:\s*-\s*(?P<d2>\d{{1,2}})(?:\.|st|nd|rd|th)?)?"
        rf"\s*(?:of\s+|i\s+)?{_MONTH}",
        text,
    ) or re.fullmatch(rf"{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?", text)
    if day_month:
        month = MONTHS[day_month.group("month")]
        first = int(day_month.group("d1"))
        last = int(day_month.groupdict().get("d2") or first)
        if last < first:
            return None
        return lambda year: _safe(lambda: (dt.date(year, month, first), dt.date(year, month, last)))
    if match := re.fullmatch(_MONTH, text):
        month = MONTHS[match.group("month")]
        return lambda year: (dt.date(year, month, 1), _month_end(year, month))
    for words, (first_day, last_day) in sorted(MONTH_PARTS.items(), key=lambda i: -len(i[0])):
        if match := re.fullmatch(rf"{re.escape(words)}\s*-?\s*{_MONTH}", text):
            month = MONTHS[match.group("month")]
            return lambda year: (
                dt.date(year, month, first_day),
                dt.date(year, month, last_day) if last_day else _month_end(year, month),
            )
    season = re.sub(r"^(i|in|om|på|the|i løbet af|under|during)\s+", "", text)
    if season in SEASONS:
        first_month = SEASONS[season]

        def season_period(year: int) -> Period:
            end_year, end_month = _add_months(year, first_month, 2)
            return dt.date(year, first_month, 1), _month_end(end_year, end_month)

        return season_period
    week_words = "|".join(re.escape(word) for word in WEEK_WORDS)
    if match := re.fullmatch(rf"(?:{week_words})\s*\.?\s*(\d{{1,2}})(?:\s*-\s*(\d{{1,2}}))?", text):
        first_week = int(match.group(1))
        last_week = int(match.group(2) or first_week)
        if last_week < first_week:
            return None
        return lambda year: _safe(
            lambda: (
                dt.date.fromisocalendar(year, first_week, 1),
                dt.date.fromisocalendar(year, last_week, 7),
            )
        )
    quarter = _numbered(text, QUARTER_WORDS, "q", 4)
    if quarter is not None:
        return lambda year: (dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter))
    half = _numbered(text, HALF_WORDS, "h", 2)
    if half is not None:
        return lambda year: (dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half))
    return None


def _numbered(text: str, words: tuple[str, ...], letter: str, most: int) -> int | None:
    """Which quarter or half: "Q2", "2. kvartal", "kvartal 2", "andet kvartal", "first half of"."""
    text = re.sub(r"\s+(of|af|av)$", "", text)
    if match := re.fullmatch(rf"{letter}\s*([1-{most}])", text):
        return int(match.group(1))
    names = "|".join(re.escape(word) for word in words)
    if match := re.fullmatch(rf"(\S+)\s+(?:{names})", text):
        number = ORDINALS.get(match.group(1))
    elif match := re.fullmatch(rf"(?:{names})\s+(\d)", text):
        number = int(match.group(1))
    else:
        return None
    return number if number is not None and 1 <= number <= most else None


def read_period(text: str, today: dt.date) -> Period | None:
    """The first and last day ``text`` names, or None when it names no period."""
    text = text.strip(" ,.")
    if not text:
        return None
    numeric = _numeric_date(text, today)
    if numeric is not None:
        return numeric
    if re.fullmatch(r"[\d\s./-]+", text) and not re.fullmatch(r"(?:19|20)\d\d", text):
        return None  # digits we cannot read as a date: never guess
    years = _YEAR.findall(text)
    if len(years) > 1:
        return None
    rest = _YEAR.sub(" ", text).strip(" ,.")
    rest = re.sub(r"\s+", " ", rest)
    rest = re.sub(r"^(?:i løbet af|i|in|om|på|under|during|the)\s+", "", rest)
    reader = _within_year(rest)
    if reader is None:
        return None
    if years:
        return reader(int(years[0]))
    if rest == "":
        return None
    return _next_occurrence(reader, today)


def read_range(text: str, today: dt.date) -> Period | None:
    """A period, or a range of two ("maj-juni 2027", "januar til marts 2027", "uge 12 - uge 14").

    The first part may borrow the second's year; a first part after the second in the same year
    belongs to the year before ("november-februar 2028").
    """
    single = read_period(text, today)
    if single is not None:
        return single
    for separator in RANGE_SEPARATORS:
        if separator not in text:
            continue
        left, right = (part.strip(" ,.") for part in text.split(separator, 1))
        if not left or not right:
            continue
        end = read_period(right, today)
        if end is None:
            continue
        start = read_period(left, today)
        if not _YEAR.search(left):
            reader = _within_year(re.sub(r"\s+", " ", left))
            if reader is not None:
                start = reader(end[1].year)
                if start is not None and start[0] > end[1]:
                    start = reader(end[1].year - 1)
        if start is not None and start[0] <= end[1]:
            return start[0], end[1]
    return None
