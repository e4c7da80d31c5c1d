"""Reading a period of days ("1. marts 2027", "Uge 12", "Våren 2018", "Q2 2027") into dates.

``read_period(text, today)`` returns (first day, last day) or None. A text without a year means
the next such period that has not ended before ``today``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable

from bot.timing.break_words import (
    AFTER_WORDS,
    BEFORE_WORDS,
    BREAKS,
    DURING_WORDS,
    ENGLISH_BREAK_WORDS,
    NORDIC_ONLY_BREAKS,
)
from bot.timing.breaks import FEASTS_SET, WINDOWS, resolve
from bot.timing.period_words import (
    DAY_ARTICLES,
    HALF_WORDS,
    MONTH_PARTS,
    MONTHS,
    ORDINALS,
    QUARTER_WORDS,
    RANGE_SEPARATORS,
    SEASONS,
    SHORT_TERMS,
    TERMS,
    WEEK_PARTS,
    WEEK_WORDS,
)
from bot.timing.recurrence_words import WEEKDAYS
from bot.timing.relative import read_relative

Period = tuple[dt.date, dt.date]
# A reader of a text without its year: given a year, the period in it (or None).
_YearReader = Callable[[int], Period | None]

_MONTH_NAMES = "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-])")
# "skoleåret 2027/28", "vinter 2027-2028": a period across a year's end, named by both years.
_SPLIT_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)\s*[/-]\s*((?:19|20)?\d\d)(?![\d/.-])")
_WEEK_WORDS = "|".join(re.escape(word) for word in WEEK_WORDS)
_WEEKDAY_NAMES = "|".join(WEEKDAYS)
_ARTICLES = "|".join(re.escape(word) for word in sorted(DAY_ARTICLES, key=len, reverse=True))
_SHORT_TERM_YEAR = re.compile(rf"^({'|'.join(SHORT_TERMS)})\.?\s*(?:-\s*)?(\d\d)$")
_ISO_WEEKDAY = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, the longest first (so "i slutet av" beats "i")."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_WEEK_PART = re.compile(
    rf"(?P<part>{_alternatives(WEEK_PARTS)})\s*-?\s*(?:{_WEEK_WORDS})\s*\.?\s*(?P<week>\d{{1,2}})"
)
_BREAK = re.compile(
    rf"(?:(?P<before>{_alternatives(BEFORE_WORDS)})|(?P<after>{_alternatives(AFTER_WORDS)})"
    rf"|(?P<during>{_alternatives(DURING_WORDS)}))?\s*(?:the\s+)?"
    rf"(?P<name>{_alternatives(BREAKS)})(?:\s+(?P<year>(?:19|20)\d\d))?"
)


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
    for reader in (_days_of_month, _month_or_part, _season_or_term, _weeks, _quarter_or_half):
        found = reader(text)
        if found is not None:
            return found
    return None


def _days_of_month(text: str) -> _YearReader | None:
    """ "1. marts", "1 mars", "march 1", "1st of march", "1.-15. marts"."""
    day_month = re.fullmatch(
        rf"(?P<d1>\d{{1,2}})(?:\.|st|nd|rd|th)?(?:\s*-\s*(?P<d2>\d{{1,2}})(?:\.|st|nd|rd|th)?)?"
        rf"\s*(?:of\s+|i\s+)?{_MONTH}",
        text,
    ) or re.fullmatch(rf"{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?", text)
    if day_month is None:
        return None
    month = MONTHS[day_month.group("month")]
    first = int(day_month.group("d1"))
    last = int(day_month.groupdict().get("d2") or first)
    if last < first:
        return None
    return lambda year: _safe(lambda: (dt.date(year, month, first), dt.date(year, month, last)))


def _month_or_part(text: str) -> _YearReader | None:
    """ "marts", "primo marts", "slutet av mars", "late March"."""
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
    return None


def _months_from(first_month: int, months: int) -> _YearReader:
    def period(year: int) -> Period:
        end_year, end_month = _add_months(year, first_month, months - 1)
        return dt.date(year, first_month, 1), _month_end(end_year, end_month)

    return period


def _season_or_term(text: str) -> _YearReader | None:
    """ "foråret", "i sommer", "höstterminen", "vt", "forårssemestret", "skoleåret"."""
    season = re.sub(r"^(i|in|om|på|the|i løbet af|under|during)\s+", "", text)
    if season in SEASONS:
        return _months_from(SEASONS[season], 3)
    if text in TERMS:
        return _months_from(*TERMS[text])
    return None


def _weeks(text: str) -> _YearReader | None:
    """ "uge 12", "v. 12-14", and parts of one: "ultimo uge 12", "början av vecka 12"."""
    if match := _WEEK_PART.fullmatch(text):
        week = int(match.group("week"))
        return _week_days(week, week, *WEEK_PARTS[match.group("part")])
    match = re.fullmatch(rf"(?:{_WEEK_WORDS})\s*\.?\s*(\d{{1,2}})(?:\s*-\s*(\d{{1,2}}))?", text)
    if match is None:
        return None
    first_week = int(match.group(1))
    last_week = int(match.group(2) or first_week)
    return _week_days(first_week, last_week, 1, 7) if last_week >= first_week else None


def _week_days(first_week: int, last_week: int, first_day: int, last_day: int) -> _YearReader:
    """ISO weekday ``first_day`` of ``first_week`` to ``last_day`` of ``last_week``."""
    return lambda year: _safe(
        lambda: (
            dt.date.fromisocalendar(year, first_week, first_day),
            dt.date.fromisocalendar(year, last_week, last_day),
        )
    )


def _quarter_or_half(text: str) -> _YearReader | None:
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


def _plain_day(text: str) -> str:
    """Without the words around a day that add nothing: "den 14. marts" and "d. 14/3" are
    "14. marts" and "14/3"; the Swedish ordinal "14:e mars" is "14. mars"."""
    text = re.sub(rf"^(?:{_ARTICLES})\s*(?=\d)", "", text)
    return re.sub(r"\b(\d{1,2}):[ae]\b", r"\1.", text)


def _on_weekday(text: str, today: dt.date) -> Period | None:
    """ "tirsdag den 14. marts 2028": the day, if it is that weekday; a weekday that does not
    match the date is a mistake somewhere, and we do not choose which part to believe."""
    match = re.fullmatch(rf"({_WEEKDAY_NAMES}),?\s+(.+)", text)
    if match is None:
        return None
    period = read_period(match.group(2), today)
    if period is None or period[0] != period[1]:
        return None
    return period if period[0].weekday() == _ISO_WEEKDAY[WEEKDAYS[match.group(1)]] else None


def _names_across_years(text: str) -> bool:
    """Whether ``text`` names something with a pair of years ("skoleåret 2027/28"), not only
    the years ("2027-2028", a range of two years)."""
    return bool(_SPLIT_YEAR.search(text)) and bool(_SPLIT_YEAR.sub("", text).strip(" ,."))


def _across_years(text: str) -> Period | None:
    """A period named with two consecutive years ("skoleåret 2027/28"): it must run from the
    first into the second."""
    match = _SPLIT_YEAR.search(text)
    if match is None:
        return None
    first = int(match.group(1))
    second = int(match.group(2))
    second += first // 100 * 100 if second < 100 else 0
    rest = re.sub(r"\s+", " ", (text[: match.start()] + " " + text[match.end() :]).strip(" ,."))
    reader = _within_year(rest) if rest and second == first + 1 else None
    period = reader(first) if reader is not None else None
    if period is None or period[0].year != first or period[1].year != second:
        return None
    return period


def read_break(text: str, today: dt.date, country: str) -> tuple[Period, bool] | None:
    """ "inden sommerferien", "efter sportlovet", "i vinterferien", "före midsommar 2027": the
    window before, after or during a break (``bot.timing.breaks``) in ``country``, and whether
    it is tentative (before and after name no day); None when the text is not one."""
    match = _BREAK.fullmatch(text)
    if match is None:
        return None
    word = match.group("before") or match.group("after") or match.group("during")
    name = BREAKS[match.group("name")]
    if match.group("name") in NORDIC_ONLY_BREAKS and (word is None or word in ENGLISH_BREAK_WORDS):
        return None  # "before jul 2027", "jul 2027": July
    if word is None and name in FEASTS_SET:
        return None  # "påske 2027" alone: which day of it?
    relation = "before" if match.group("before") else "after" if match.group("after") else "during"
    window = WINDOWS[relation]
    name = resolve(name, country)
    if match.group("year"):
        period = window(name, int(match.group("year")))
    else:
        found = _next_occurrence(lambda year: window(name, year), today)
        if found is None:
            return None
        period = found
    return period, relation != "during"


def read_period(text: str, today: dt.date) -> Period | None:
    """The first and last day ``text`` names, or None when it names no period."""
    text = _plain_day(text.strip(" ,."))
    if not text:
        return None
    relative = read_relative(text, today)
    if relative is not None:
        return relative
    if match := _SHORT_TERM_YEAR.fullmatch(text):
        text = f"{match.group(1)} 20{match.group(2)}"  # "vt28" is the spring term 2028
    if re.match(rf"(?:{_WEEKDAY_NAMES})\b", text):
        return _on_weekday(text, today)
    if _names_across_years(text):
        return _across_years(text)
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
    if single is not None or _names_across_years(text):
        return single
    for separator in RANGE_SEPARATORS:
        if separator not in text:
            continue
        left, right = (part.strip(" ,.") for part in text.split(separator, 1))
        if not left or not right:
            continue
        found = _range_of(left, right, today)
        if found is not None:
            return found
    return None


def _range_of(left: str, right: str, today: dt.date) -> Period | None:
    """The range from the period ``left`` names to the one ``right`` names, the one without a
    year taking the other's; None when either is no period or they run backwards."""
    end = read_period(right, today)
    if end is None:
        return None
    start = read_period(left, today)
    if not _YEAR.search(left):
        reader = _within_year(re.sub(r"\s+", " ", _plain_day(left)))
        if reader is not None:
            start = _not_after(reader, end)
    elif start is not None and not _YEAR.search(right):
        # "dec 2027 - jan": the second part follows the first, in its year or the next
        reader = _within_year(re.sub(r"\s+", " ", _plain_day(right)))
        if reader is not None:
            end = _not_before(reader, start)
    if start is not None and end is not None and start[0] <= end[1]:
        return start[0], end[1]
    return None


def _not_after(reader: _YearReader, end: Period) -> Period | None:
    """The first part in the second's year, or the year before when it would come after the
    second ("november-februar 2028")."""
    start = reader(end[1].year)
    if start is not None and start[0] > end[1]:
        start = reader(end[1].year - 1)
    return start


def _not_before(reader: _YearReader, start: Period) -> Period | None:
    """The second part in the first's year, or the year after when it would come before it."""
    end = reader(start[0].year)
    if end is not None and end[1] < start[0]:
        end = reader(start[0].year + 1)
    return end
