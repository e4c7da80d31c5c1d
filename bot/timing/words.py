"""The words the timing reader knows, in Danish, Swedish and English (all casefolded)."""

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

DEADLINE_WORDS = (
    "senest",
    "senast",
    "inden",
    "innan",
    "før",
    "före",
    "by",
    "no later than",
    "not later than",
    "deadline",
    "frist",
    "before",
)
TENTATIVE_WORDS = (
    "prel.",
    "prel",
    "preliminært",
    "preliminær",
    "preliminärt",
    "preliminär",
    "foreløbigt",
    "foreløbig",
    "forventet",
    "forventeligt",
    "förväntat",
    "ca.",
    "ca",
    "cirka",
    "circa",
    "omkring",
    "omkr.",
    "approx.",
    "approx",
    "approximately",
    "around",
    "about",
    "preliminary",
    "tentative",
    "tentatively",
    "tbc",
    "tba",
    "estimated",
)
ONGOING_WORDS = (
    "løbende",
    "løbene",
    "kontinuerligt",
    "kontinuerlig",
    "fortløbende",
    "pågående",
    "löpande",
    "fortlöpande",
    "kontinuerligt",
    "ongoing",
    "continuous",
    "continuously",
    "continually",
    "hele året",
    "hela året",
    "all year",
    "året rundt",
    "året runt",
    "throughout",
)
TRIGGER_PHRASES = (
    "ved behov",
    "efter behov",
    "når behov",
    "hvis behov",
    "vid behov",
    "efter behov",
    "om behov",
    "vid impuls",
    "ved nyhed",
    "vid nyhet",
    "when needed",
    "as needed",
    "if needed",
    "when required",
    "as required",
    "ad hoc",
    "ad-hoc",
    "efter hvert",
    "efter hver",
    "efter varje",
    "after each",
    "after every",
    "når ",
    "när ",
    "when ",
    "i forbindelse med",
    "i samband med",
    "in connection with",
    "ved lejlighed",
    "vid tillfälle",
    "løbende efter behov",
    # an approval is an event: a cascade step (activities depend) dates it when it comes
    "efter godkendelse",
    "efter godkendelsen",
    "når det er godkendt",
    "efter godkännande",
    "efter godkännandet",
    "after approval",
    "once approved",
)
ASAP_PHRASES = (
    "hurtigst muligt",
    "snarest muligt",
    "snarest",
    "straks",
    "omgående",
    "omgaaende",
    "så hurtigt som muligt",
    "så snart som muligt",
    "så snart som möjligt",
    "så snart som mojligt",
    "snarast möjligt",
    "snarast",
    "så fort som möjligt",
    "omedelbart",
    "asap",
    "a.s.a.p.",
    "as soon as possible",
    "immediately",
    "now",
    "nu",
)
# Recurrence units: word -> (FREQ, INTERVAL).
UNITS: dict[str, tuple[str, int]] = {
    "dagen": ("DAILY", 1),
    "ugen": ("WEEKLY", 1),
    "veckan": ("WEEKLY", 1),
    "måneden": ("MONTHLY", 1),
    "månaden": ("MONTHLY", 1),
    "kvartalet": ("MONTHLY", 3),
    "dag": ("DAILY", 1),
    "dage": ("DAILY", 1),
    "dagar": ("DAILY", 1),
    "day": ("DAILY", 1),
    "days": ("DAILY", 1),
    "uge": ("WEEKLY", 1),
    "uger": ("WEEKLY", 1),
    "vecka": ("WEEKLY", 1),
    "veckor": ("WEEKLY", 1),
    "week": ("WEEKLY", 1),
    "weeks": ("WEEKLY", 1),
    "måned": ("MONTHLY", 1),
    "måneder": ("MONTHLY", 1),
    "månad": ("MONTHLY", 1),
    "månader": ("MONTHLY", 1),
    "month": ("MONTHLY", 1),
    "months": ("MONTHLY", 1),
    "kvartal": ("MONTHLY", 3),
    "kvartaler": ("MONTHLY", 3),
    "quarter": ("MONTHLY", 3),
    "quarters": ("MONTHLY", 3),
    "halvår": ("MONTHLY", 6),
    "halvåret": ("MONTHLY", 6),
    "half-year": ("MONTHLY", 6),
    "half - year": ("MONTHLY", 6),  # as the reader normalises "half-year"
    "half year": ("MONTHLY", 6),
    "halve år": ("MONTHLY", 6),
    "halvt år": ("MONTHLY", 6),
    "år": ("YEARLY", 1),
    "året": ("YEARLY", 1),
    "year": ("YEARLY", 1),
    "years": ("YEARLY", 1),
    "mandatperiode": ("YEARLY", 4),
    "mandatperioden": ("YEARLY", 4),
    "valgperiode": ("YEARLY", 4),
    "valgperioden": ("YEARLY", 4),
    "mandatperiod": ("YEARLY", 4),
    "valperiod": ("YEARLY", 4),
    "election period": ("YEARLY", 4),
    "fortnight": ("WEEKLY", 2),
}
# One-word recurrences.
ADVERBS: dict[str, tuple[str, int]] = {
    "dagligt": ("DAILY", 1),
    "daglig": ("DAILY", 1),
    "dagligen": ("DAILY", 1),
    "daily": ("DAILY", 1),
    "ugentligt": ("WEEKLY", 1),
    "ugentlig": ("WEEKLY", 1),
    "veckovis": ("WEEKLY", 1),
    "varje vecka": ("WEEKLY", 1),
    "weekly": ("WEEKLY", 1),
    "fortnightly": ("WEEKLY", 2),
    "månedligt": ("MONTHLY", 1),
    "månedlig": ("MONTHLY", 1),
    "månatligen": ("MONTHLY", 1),
    "månatlig": ("MONTHLY", 1),
    "månatligt": ("MONTHLY", 1),
    "månadsvis": ("MONTHLY", 1),
    "monthly": ("MONTHLY", 1),
    "kvartalsvis": ("MONTHLY", 3),
    "kvartalsvist": ("MONTHLY", 3),
    "quarterly": ("MONTHLY", 3),
    "halvårligt": ("MONTHLY", 6),
    "halvårlig": ("MONTHLY", 6),
    "halvårsvis": ("MONTHLY", 6),
    "halvårsvist": ("MONTHLY", 6),
    "biannually": ("MONTHLY", 6),
    "biannual": ("MONTHLY", 6),
    "semiannually": ("MONTHLY", 6),
    "semiannual": ("MONTHLY", 6),
    # the reader writes a hyphen between words as " - "
    "semi - annually": ("MONTHLY", 6),
    "semi - annual": ("MONTHLY", 6),
    "bi - annually": ("MONTHLY", 6),
    "bi - annual": ("MONTHLY", 6),
    "half - yearly": ("MONTHLY", 6),
    "half yearly": ("MONTHLY", 6),
    "årligt": ("YEARLY", 1),
    "årlig": ("YEARLY", 1),
    "årligen": ("YEARLY", 1),
    "yearly": ("YEARLY", 1),
    "annually": ("YEARLY", 1),
    "annual": ("YEARLY", 1),
}
EVERY_WORDS = (
    "hver",
    "hvert",
    "varje",
    "varenda",
    "every",
    "each",
    "per",
    "om",
    "i",
    "a",
    "an",
    "pr.",
    "pr",
)
LAST_WORDS = ("sidste", "sista", "last")
OTHER_WORDS = ("anden", "andet", "annan", "annat", "other", "second")
WEEKDAYS: dict[str, str] = {
    "mandag": "MO",
    "måndag": "MO",
    "monday": "MO",
    "tirsdag": "TU",
    "tisdag": "TU",
    "tuesday": "TU",
    "onsdag": "WE",
    "wednesday": "WE",
    "torsdag": "TH",
    "thursday": "TH",
    "fredag": "FR",
    "friday": "FR",
    "lørdag": "SA",
    "lördag": "SA",
    "saturday": "SA",
    "søndag": "SU",
    "söndag": "SU",
    "sunday": "SU",
}
COUNT_WORDS = {
    "en": 1,
    "ett": 1,
    "et": 1,
    "one": 1,
    "once": 1,
    "1": 1,
    "to": 2,
    "två": 2,
    "two": 2,
    "twice": 2,
    "2": 2,
    "tre": 3,
    "three": 3,
    "3": 3,
    "fire": 4,
    "fyra": 4,
    "four": 4,
    "4": 4,
    "seks": 6,
    "sex": 6,
    "six": 6,
    "6": 6,
    "tolv": 12,
    "twelve": 12,
    "12": 12,
}
TIMES_WORDS = ("gang", "gange", "gång", "gånger", "time", "times")
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
FROM_WORDS = ("fra", "från", "from", "fra og med", "från och med", "starting", "start")

# Words before a day of the month that say nothing more: "den 14. marts", "d. 14/3",
# "on the 14th of March".
DAY_ARTICLES = ("den", "d.", "d", "the", "on", "on the")

# A break, a school holiday or a feast, and the window before, during or after it (bot/timing/
# breaks.py says when each begins and ends, per country).
BEFORE_WORDS = ("inden", "før", "innan", "före", "inför", "before", "ahead of", "prior to")
AFTER_WORDS = ("efter", "after", "following")
DURING_WORDS = ("i løbet af", "i", "under", "in", "during", "over")
ENGLISH_BREAK_WORDS = ("before", "ahead of", "prior to", "after", "following", "in", "during")
# "jul" is Christmas in Danish and Swedish but July in English: "before jul 2027" is not read
# as Christmas, nor is "jul 2027" alone.
NORDIC_ONLY_BREAKS = ("jul",)
BREAKS: dict[str, str] = {}
for _break, _names in (
    ("summer_dk", ("sommerferien", "sommerferie", "skolernes sommerferie")),
    ("summer_se", ("sommarlovet", "sommarlov")),
    (
        "summer",
        (
            "the summer holidays",
            "the summer holiday",
            "summer holidays",
            "summer holiday",
            "the summer break",
            "summer break",
            "the summer vacation",
            "summer vacation",
        ),
    ),
    ("winter_dk", ("vinterferien", "vinterferie")),
    ("winter_se", ("sportlovet", "sportlov")),
    ("winter", ("the winter break", "winter break", "the winter holidays", "winter holidays")),
    ("autumn_dk", ("efterårsferien", "efterårsferie", "kartoffelferien")),
    ("autumn_se", ("höstlovet", "höstlov")),
    (
        "autumn",
        (
            "the autumn break",
            "autumn break",
            "the autumn holidays",
            "autumn holidays",
            "the fall break",
            "fall break",
        ),
    ),
    ("easter_holidays_dk", ("påskeferien", "påskeferie")),
    ("easter_holidays_se", ("påsklovet", "påsklov")),
    ("easter_holidays", ("the easter holidays", "easter holidays", "the easter break")),
    ("christmas_holidays_dk", ("juleferien", "juleferie")),
    ("christmas_holidays_se", ("jullovet", "jullov")),
    ("christmas_holidays", ("the christmas holidays", "christmas holidays", "the christmas break")),
    ("midsummer_se", ("midsommar", "midsommarafton", "midsommarhelgen", "midsummer")),
    ("midsummer_dk", ("sankthans", "sankt hans", "skt. hans", "sankthansaften")),
    ("christmas", ("jul", "julen", "christmas", "xmas")),
    ("easter", ("påske", "påsken", "påsk", "easter")),
):
    for _name in _names:
        BREAKS[_name] = _break

# "sidste hverdag i måneden", "sista vardagen i månaden", "last working day of the month":
# word -> BYSETPOS (1 the first working day, -1 the last), and the periods it counts within.
WORKDAY_POSITIONS = {
    "første": 1,
    "första": 1,
    "first": 1,
    "sidste": -1,
    "sista": -1,
    "last": -1,
}
# The stems; a definite ending ("hverdagen", "vardagen") is read too.
WORKDAY_WORDS = (
    "hverdag",
    "arbejdsdag",
    "vardag",
    "arbetsdag",
    "working day",
    "workday",
    "business day",
    "weekday",
)
WORKDAY_UNITS = {
    "ugen": "WEEKLY",
    "uge": "WEEKLY",
    "veckan": "WEEKLY",
    "vecka": "WEEKLY",
    "week": "WEEKLY",
    "måneden": "MONTHLY",
    "måned": "MONTHLY",
    "månaden": "MONTHLY",
    "månad": "MONTHLY",
    "month": "MONTHLY",
    "året": "YEARLY",
    "år": "YEARLY",
    "year": "YEARLY",
}
# Ordinals written as words after "hver"/"var"/"every": "hver tredje uge", "var fjortonde dag".
NTH_WORDS = {
    "anden": 2,
    "andet": 2,
    "andra": 2,
    "second": 2,
    "tredje": 3,
    "third": 3,
    "fjerde": 4,
    "fjärde": 4,
    "fourth": 4,
    "sjette": 6,
    "sjätte": 6,
    "sixth": 6,
    "fjortende": 14,
    "fjortonde": 14,
}
