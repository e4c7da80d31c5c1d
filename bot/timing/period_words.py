"""The words that name a period, in Danish, Swedish and English (all casefolded): months,
seasons, terms, weeks, quarters, halves, parts of a month or a week, and ranges of them."""

from __future__ import annotations

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januar", "januari", "january", "jan"),
        ("februar", "februari", "february", "feb"),
        ("marts", "mars", "march", "mar"),
        ("april", "apr"),
        ("maj", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("august", "augusti", "aug"),
        ("september", "sept", "sep"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

# Meteorological seasons: (first month, number of months). Winter starts in December of the
# year named: "vinter 2027" is December 2027 to February 2028.
SEASONS: dict[str, int] = {}
for _first, _names in (
    (3, ("forår", "foråret", "forårets", "vår", "våren", "vårens", "spring", "springtime")),
    (6, ("sommer", "sommeren", "sommar", "sommaren", "summer")),
    (9, ("efterår", "efteråret", "høst", "høsten", "höst", "hösten", "autumn", "fall")),
    (12, ("vinter", "vinteren", "vintern", "winter")),
):
    for _name in _names:
        SEASONS[_name] = _first

# School and academic terms: (first month, number of months), the year named being the first
# month's. A Danish *semester* is the university's: spring February–June, autumn September–
# January. A Swedish *termin* is the school's: spring (VT) January–June, autumn (HT) August–
# December. English follows the word: "semester" as the Danish, "term" as the Swedish. A school
# or academic year runs August–June and is written with both years ("skoleåret 2027/28").
TERMS: dict[str, tuple[int, int]] = {}
for _term, _names in (
    (
        (2, 5),
        (
            "forårssemester",
            "forårssemestret",
            "forårssemesteret",
            "forårssemestre",
            "spring semester",
            "the spring semester",
        ),
    ),
    (
        (9, 5),
        (
            "efterårssemester",
            "efterårssemestret",
            "efterårssemesteret",
            "autumn semester",
            "fall semester",
            "the autumn semester",
            "the fall semester",
        ),
    ),
    (
        (1, 6),
        ("vårtermin", "vårterminen", "vt", "vt.", "spring term", "the spring term"),
    ),
    (
        (8, 5),
        (
            "hösttermin",
            "höstterminen",
            "ht",
            "ht.",
            "autumn term",
            "fall term",
            "the autumn term",
            "the fall term",
        ),
    ),
    (
        (8, 11),
        (
            "skoleår",
            "skoleåret",
            "studieår",
            "studieåret",
            "läsår",
            "läsåret",
            "school year",
            "the school year",
            "academic year",
            "the academic year",
        ),
    ),
):
    for _name in _names:
        TERMS[_name] = _term
# Terms whose short form takes a two-digit year ("vt28", "HT-27").
SHORT_TERMS = ("vt", "ht")

WEEK_WORDS = ("uge", "uge nr.", "uge nr", "vecka", "v.", "v", "week", "wk", "w")
QUARTER_WORDS = ("kvartal", "kvartalet", "quarter")
HALF_WORDS = ("halvår", "halvåret", "half", "half-year", "half year")
ORDINALS = {
    "1.": 1,
    "2.": 2,
    "3.": 3,
    "4.": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "første": 1,
    "första": 1,
    "first": 1,
    "1st": 1,
    "andet": 2,
    "anden": 2,
    "andra": 2,
    "second": 2,
    "2nd": 2,
    "tredje": 3,
    "third": 3,
    "3rd": 3,
    "fjerde": 4,
    "fjärde": 4,
    "fourth": 4,
    "4th": 4,
}

# Parts of a month: (first day, last day or None for the month's end), and of a week: (first,
# last ISO weekday) of the working week; "ultimo uge 12" is its Thursday and Friday, not the
# weekend nobody works in. The middle of a week overlaps both ends: "midt i ugen" is vaguer.
MONTH_PARTS: dict[str, tuple[int, int | None]] = {}
WEEK_PARTS: dict[str, tuple[int, int]] = {}
_WEEK_PART_OF_MONTH_PART = {(1, 10): (1, 2), (11, 20): (2, 4), (21, None): (4, 5)}
for _part, _words in (
    (
        (1, 10),
        (
            "primo",
            "først i",
            "først i-",
            "i starten af",
            "i begyndelsen af",
            "starten af",
            "begyndelsen af",
            "början av",
            "i början av",
            "early",
            "beginning of",
            "start of",
        ),
    ),
    (
        (11, 20),
        (
            "medio",
            "midt i",
            "midten af",
            "i midten af",
            "mitten av",
            "i mitten av",
            "mid",
            "mid-",
            "middle of",
        ),
    ),
    (
        (21, None),
        (
            "ultimo",
            "sidst i",
            "slutningen af",
            "i slutningen af",
            "slutet av",
            "i slutet av",
            "late",
            "end of",
            "the end of",
        ),
    ),
):
    for _word in _words:
        MONTH_PARTS[_word] = _part
        WEEK_PARTS[_word] = _WEEK_PART_OF_MONTH_PART[_part]

RANGE_SEPARATORS = (
    " - ",
    " til og med ",
    " till och med ",
    " t.o.m. ",
    " tom ",
    " til ",
    " till ",
    " to ",
    " until ",
    " through ",
    "-",
)

# Words before a day of the month that say nothing more: "den 14. marts", "d. 14/3",
# "on the 14th of March".
DAY_ARTICLES = ("den", "d.", "d", "the", "on", "on the")
