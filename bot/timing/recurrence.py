"""Reading recurrences ("Hver måned", "Varannan vecka", "To gange om året") into an RRULE."""

from __future__ import annotations

import re

from bot.timing.period_words import ORDINALS
from bot.timing.recurrence_words import (
    ADVERBS,
    COUNT_WORDS,
    EVERY_WORDS,
    LAST_WORDS,
    NTH_WORDS,
    OTHER_WORDS,
    TIMES_WORDS,
    UNITS,
    WEEKDAYS,
    WORKDAY_POSITIONS,
    WORKDAY_UNITS,
    WORKDAY_WORDS,
)

_UNIT_NAMES = "|".join(sorted((re.escape(u.strip()) for u in UNITS), key=len, reverse=True))
_EVERY = "|".join(re.escape(word) for word in EVERY_WORDS)
_OTHER = "|".join(re.escape(word) for word in OTHER_WORDS)
_TIMES = "|".join(re.escape(word) for word in TIMES_WORDS)
_DAYS = "|".join(WEEKDAYS)
# "every six months", "hver tredje uge" (ordinals: NTH_WORDS); the digits have a group of their own
_CARDINALS = "|".join(
    sorted((word for word in COUNT_WORDS if word.isalpha() and word != "once"), key=len)[::-1]
)
_PLURAL_DAY = r"(?:e|ar|s)?"
_NTH = "|".join(re.escape(word) for word in sorted({*NTH_WORDS, *ORDINALS}, key=len, reverse=True))
# "every" in the strong sense: "hver", not the "i" of "i måneden" (see WEAK_EVERY)
_STRONG_EVERY = r"hver|hvert|varje|varenda|every|each"
_WORKDAY = (
    rf"(?:den\s+|the\s+)?(?P<position>{'|'.join(WORKDAY_POSITIONS)})\s+"
    rf"(?:{'|'.join(re.escape(word) for word in WORKDAY_WORDS)})(?:en)?\s+"
    rf"(?:(?:i|of|in)\s+)?(?:(?:{_STRONG_EVERY}|the)\s+)?"
    rf"(?P<unit>{'|'.join(sorted(WORKDAY_UNITS, key=len, reverse=True))})\b"
)
_WORKDAY_ALONE = (
    rf"\b(?:den\s+|the\s+|on\s+the\s+)?(?P<position>{'|'.join(WORKDAY_POSITIONS)})\s+"
    rf"(?:{'|'.join(re.escape(word) for word in WORKDAY_WORDS)})(?:en)?\b"
)
# "Anden onsdag i hver måned", "första måndagen varje månad", "second Tuesday of every month",
# "sidste fredag i måneden": the n-th (or last) weekday of each month.
_ORDINAL_OR_LAST = _NTH + "|" + "|".join(re.escape(word) for word in LAST_WORDS)
_MONTH_UNITS = r"måneden|måned|månaden|månad|month"
_NTH_OF_MONTH = (
    rf"\b(?:den\s+|the\s+|on\s+the\s+)?(?P<nth>{_ORDINAL_OR_LAST})\s+(?P<day>{_DAYS})"
    rf"(?:en|e|s)?\s+(?:(?:i|of|in)\s+)?(?:(?:{_STRONG_EVERY}|the)\s+)?(?:{_MONTH_UNITS})\b"
)
# The five weekdays: with BYSETPOS=1 or -1 the first or last working day of the period
# (storage/rules/occurrences.py leaves out the plan's holidays too).
WORKDAYS_BYDAY = "MO,TU,WE,TH,FR"


def _nth(word: str) -> int | None:
    """ "tredje", "third", "3.", "3rd" -> 3."""
    word = word.rstrip(".")
    if word.isdigit():
        return int(word)
    return NTH_WORDS.get(word) or ORDINALS.get(word)


# Words that make a recurrence only after a count: "en gang i måneden", "two times a year".
WEAK_EVERY = frozenset(("per", "om", "i", "a", "an", "pr.", "pr"))


def rrule(freq: str, interval: int = 1, byday: str | None = None) -> str:
    parts = [f"FREQ={freq}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if byday:
        parts.append(f"BYDAY={byday}")
    return ";".join(parts)


def _simplify(freq: str, interval: int) -> tuple[str, int]:
    # "Hver 14. dag" is every other week; "hver 12. måned" is every year.
    if freq == "DAILY" and interval % 7 == 0:
        return "WEEKLY", interval // 7
    if freq == "MONTHLY" and interval % 12 == 0:
        return "YEARLY", interval // 12
    return freq, interval


def _per(count: int, freq: str, interval: int) -> tuple[str, int] | None:
    """``count`` times per (``freq`` × ``interval``), as one RRULE step."""
    if count == 1:
        return freq, interval
    months = {"YEARLY": 12, "MONTHLY": 1}.get(freq)
    if months is not None and (months * interval) % count == 0:
        return _simplify("MONTHLY", months * interval // count)
    if freq == "MONTHLY" and interval == 1 and count in (2, 4):
        # "To gange om måneden": every other week (a month is not a whole number of weeks).
        return "WEEKLY", 4 // count
    days = {"WEEKLY": 7, "DAILY": 1}.get(freq)
    if days is not None and (days * interval) % count == 0:
        return _simplify("DAILY", days * interval // count)
    return None


# A reader's answer: (RRULE, the rest of the text), or None when the text is not its kind.
Found = tuple[str, str] | None


def read_recurrence(text: str) -> tuple[str, str] | None:
    """(RRULE, the rest of the text) when ``text`` describes a recurrence, else None."""
    readers = (
        _workdays,
        _nth_weekday_of_month,
        _nth_weekday,
        _weekday,
        _var_unit,
        _every_unit,
        _once,
        _adverb,
    )
    for reader in readers:
        found = reader(text)
        if found is not None:
            return _with_workday(*found)
    return None


def _with_workday(rule: str, rest: str) -> tuple[str, str]:
    """ "Hver måned, sidste hverdag": the working day written apart from the recurrence."""
    match = re.search(_WORKDAY_ALONE, rest)
    if match is None or ";BY" in rule or rule.startswith("FREQ=DAILY"):
        return rule, rest
    position = WORKDAY_POSITIONS[match.group("position")]
    return f"{rule};BYDAY={WORKDAYS_BYDAY};BYSETPOS={position}", _cut(rest, match)


def _workdays(text: str) -> Found:
    """ "sidste hverdag i måneden", "sista vardagen i månaden", "last working day of the month"."""
    if match := re.search(rf"\b{_WORKDAY}", text):
        position = WORKDAY_POSITIONS[match.group("position")]
        freq = WORKDAY_UNITS[match.group("unit")]
        return f"FREQ={freq};BYDAY={WORKDAYS_BYDAY};BYSETPOS={position}", _cut(text, match)
    return None


def _nth_weekday_of_month(text: str) -> Found:
    """ "Anden onsdag i hver måned", "första måndagen varje månad", "second Tuesday of every
    month", "sidste fredag i måneden": BYDAY=2WE (-1FR for the last)."""
    match = re.search(_NTH_OF_MONTH, text)
    if match is None:
        return None
    word = match.group("nth")
    nth = -1 if word in LAST_WORDS else _nth(word)
    if nth is None or not (nth == -1 or 1 <= nth <= 4):
        return None
    return f"FREQ=MONTHLY;BYDAY={nth}{WEEKDAYS[match.group('day')]}", _cut(text, match)


def _nth_weekday(text: str) -> Found:
    """ "hver anden fredag", "varannan fredag", "every other friday", "var tredje torsdag"."""
    match = re.search(
        rf"\b(?:(?:{_STRONG_EVERY})\s+(?:(?P<other>{_OTHER})|(?P<nth>{_NTH}))"
        rf"|var(?:(?P<varannan>annan)|\s+(?P<varnth>{_NTH})))\s+(?P<day>{_DAYS}){_PLURAL_DAY}\b",
        text,
    )
    if match is None:
        return None
    nth = 2 if match.group("other") or match.group("varannan") else None
    nth = nth or _nth(match.group("nth") or match.group("varnth") or "")
    if nth is None or nth < 1:
        return None
    return rrule("WEEKLY", nth, WEEKDAYS[match.group("day")]), _cut(text, match)


def _weekday(text: str) -> Found:
    """ "hver mandag", "varje måndag", "every monday", "mandage", "måndagar"."""
    match = re.search(rf"(?:\b(?:{_EVERY})\s+)?\b({_DAYS}){_PLURAL_DAY}\b", text)
    # a weekday alone ("mandag") is no recurrence; with "hver" or in the plural it is
    if match and match.group(0) != match.group(1):
        return rrule("WEEKLY", byday=WEEKDAYS[match.group(1)]), _cut(text, match)
    return None


def _var_unit(text: str) -> Found:
    """ "varannan vecka", "vartannat år", "var tredje månad", "var fjortonde dag"."""
    if match := re.search(rf"\bvar(?:annan|annat|tannat|\s+(\S+))\s+({_UNIT_NAMES})\b", text):
        nth = _nth(match.group(1)) if match.group(1) else 2
        if nth:
            freq, interval = UNITS[match.group(2)]
            return rrule(*_simplify(freq, interval * nth)), _cut(text, match)
    return None


def _every_unit(text: str) -> Found:
    """ "hver måned", "hver anden uge", "every other week", "hver 14. dag", "every 2 weeks",
    "hver tredje uge", "to gange om året"."""
    match = re.search(
        rf"\b(?P<every>{_EVERY})\s+(?:(?P<other>{_OTHER})\s+|(?P<nth>\d{{1,3}})\.?\s+"
        rf"|(?P<nthword>{'|'.join(NTH_WORDS)})\s+|(?P<cardinal>{_CARDINALS})\s+)?"
        rf"(?P<unit>{_UNIT_NAMES})\b",
        text,
    )
    if match is None:
        return None
    freq, interval = UNITS[match.group("unit")]
    if match.group("other"):
        nth = 2
    elif match.group("nthword"):
        nth = NTH_WORDS[match.group("nthword")]
    elif match.group("cardinal"):
        nth = COUNT_WORDS[match.group("cardinal")]
    else:
        nth = int(match.group("nth") or 1)
    if nth < 1:
        return None
    before = text[: match.start()]
    count_before = re.search(rf"\b(\S+)\s+(?:{_TIMES})\s*$", before) or re.search(
        r"\b(once|twice)\s*$", before
    )
    count = COUNT_WORDS.get(count_before.group(1), 0) if count_before else 1
    if count_before is None and match.group("every") in WEAK_EVERY:
        count = 0  # "i år" is this year, "per uge" alone says nothing
    step = _per(count, freq, interval * nth) if count else None
    if step is None:
        return None
    start = count_before.start() if count_before else match.start()
    rest = (text[:start] + " " + text[match.end() :]).strip()
    return rrule(*_simplify(*step)), rest


def _once(text: str) -> Found:
    """ "twice a year" / "once a month" written without a unit word's article."""
    if match := re.search(rf"\b(once|twice)\s+(?:a|an|per|every)?\s*({_UNIT_NAMES})\b", text):
        freq, interval = UNITS[match.group(2)]
        step = _per(COUNT_WORDS[match.group(1)], freq, interval)
        if step is not None:
            return rrule(*step), _cut(text, match)
    return None


def _adverb(text: str) -> Found:
    """ "månedligt", "veckovis", "quarterly"; with a count before: "to gange årligt", "twice
    yearly" (twice a year: every six months)."""
    for word, (freq, interval) in sorted(ADVERBS.items(), key=lambda item: -len(item[0])):
        if match := re.search(rf"\b{re.escape(word)}\b", text):
            before = text[: match.start()]
            count = re.search(rf"\b(\S+)\s+(?:{_TIMES})\s*$", before) or re.search(
                r"\b(once|twice)\s*$", before
            )
            if count is None:
                return rrule(freq, interval), _cut(text, match)
            number = COUNT_WORDS.get(count.group(1))
            step = _per(number, freq, interval) if number else None
            if step is None:
                return None
            rest = (text[: count.start()] + " " + text[match.end() :]).strip()
            return rrule(*_simplify(*step)), rest
    return None


def _cut(text: str, match: re.Match[str]) -> str:
    return (text[: match.start()] + " " + text[match.end() :]).strip()
