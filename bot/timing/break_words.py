"""The words of breaks, school holidays and feasts, and of the window before, during or after one
(all casefolded; bot/timing/breaks.py says when each begins and ends, per country)."""

from __future__ import annotations

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
