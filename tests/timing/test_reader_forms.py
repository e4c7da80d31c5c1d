"""The forms the timing reader learned for issue 18, in Danish, Swedish and English: a day with
an article or ordinal marker, school and academic terms, the first or last working day of a
period, every other (or n-th) week or weekday, parts of a week, tentative windows before a
break, and ranges across a year's end; and what it still refuses to guess."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.timing import read_timing
from storage.rules.occurrences import occurrences

D = dt.date
TODAY = D(2026, 11, 22)  # a Sunday; autumn semester 2026 is under way
WORKDAYS = "BYDAY=MO,TU,WE,TH,FR"
LAST_OF_MONTH = f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS=-1"
FIRST_OF_MONTH = f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS=1"
LAST_OF_WEEK = f"FREQ=WEEKLY;{WORKDAYS};BYSETPOS=-1"

# (text, language, kind, start, due, rrule)
Case = tuple[str, str, str, D | None, D | None, str | None]

DAYS: list[Case] = [
    ("den 14. marts", "da", "date", D(2027, 3, 14), D(2027, 3, 14), None),
    ("d. 14/3", "da", "date", D(2027, 3, 14), D(2027, 3, 14), None),
    ("den 2 oktober", "da", "date", D(2027, 10, 2), D(2027, 10, 2), None),
    ("den 14. marts 2028", "da", "date", D(2028, 3, 14), D(2028, 3, 14), None),
    ("d. 14/3-2028", "da", "date", D(2028, 3, 14), D(2028, 3, 14), None),
    ("Senest den 1. april 2027", "da", "date", D(2027, 4, 1), D(2027, 4, 1), None),
    ("tirsdag den 14. marts 2028", "da", "date", D(2028, 3, 14), D(2028, 3, 14), None),
    ("14:e mars", "sv", "date", D(2027, 3, 14), D(2027, 3, 14), None),
    ("den 1:a april 2027", "sv", "date", D(2027, 4, 1), D(2027, 4, 1), None),
    ("den 3 juni", "sv", "date", D(2027, 6, 3), D(2027, 6, 3), None),
    ("senast den 15:e maj 2027", "sv", "date", D(2027, 5, 15), D(2027, 5, 15), None),
    ("torsdag den 3 juni 2027", "sv", "date", D(2027, 6, 3), D(2027, 6, 3), None),
    ("on 14 March 2028", "en", "date", D(2028, 3, 14), D(2028, 3, 14), None),
    ("the 2nd of October 2027", "en", "date", D(2027, 10, 2), D(2027, 10, 2), None),
    ("Tuesday, 14 March 2028", "en", "date", D(2028, 3, 14), D(2028, 3, 14), None),
]

TERMS: list[Case] = [
    ("forårssemestret 2028", "da", "window", D(2028, 2, 1), D(2028, 6, 30), None),
    ("efterårssemester", "da", "window", D(2026, 9, 1), D(2027, 1, 31), None),
    ("efterårssemesteret 2027", "da", "window", D(2027, 9, 1), D(2028, 1, 31), None),
    ("i forårssemestret", "da", "window", D(2027, 2, 1), D(2027, 6, 30), None),
    ("skoleåret 2027/28", "da", "window", D(2027, 8, 1), D(2028, 6, 30), None),
    ("höstterminen 2028", "sv", "window", D(2028, 8, 1), D(2028, 12, 31), None),
    ("vt 2028", "sv", "window", D(2028, 1, 1), D(2028, 6, 30), None),
    ("ht 2027", "sv", "window", D(2027, 8, 1), D(2027, 12, 31), None),
    ("VT28", "sv", "window", D(2028, 1, 1), D(2028, 6, 30), None),
    ("HT-27", "sv", "window", D(2027, 8, 1), D(2027, 12, 31), None),
    ("vårterminen", "sv", "window", D(2027, 1, 1), D(2027, 6, 30), None),
    ("läsåret 2027-2028", "sv", "window", D(2027, 8, 1), D(2028, 6, 30), None),
    ("spring term 2028", "en", "window", D(2028, 1, 1), D(2028, 6, 30), None),
    ("autumn semester 2027", "en", "window", D(2027, 9, 1), D(2028, 1, 31), None),
    ("the academic year 2027/28", "en", "window", D(2027, 8, 1), D(2028, 6, 30), None),
]

WORKING_DAYS: list[Case] = [
    ("sidste hverdag i måneden", "da", "recurring", None, None, LAST_OF_MONTH),
    ("Første hverdag i måneden", "da", "recurring", None, None, FIRST_OF_MONTH),
    ("den sidste arbejdsdag i hver måned", "da", "recurring", None, None, LAST_OF_MONTH),
    ("sidste hverdag i måneden fra marts 2027", "da", "recurring", D(2027, 3, 1), None, LAST_OF_MONTH),  # noqa: E501
    ("Hver måned, sidste hverdag", "da", "recurring", None, None, LAST_OF_MONTH),
    ("sista vardagen i månaden", "sv", "recurring", None, None, LAST_OF_MONTH),
    ("Varje månad, sista vardagen", "sv", "recurring", None, None, LAST_OF_MONTH),
    ("every month on the last working day", "en", "recurring", None, None, LAST_OF_MONTH),
    ("sista arbetsdagen varje månad", "sv", "recurring", None, None, LAST_OF_MONTH),
    ("första vardagen i månaden", "sv", "recurring", None, None, FIRST_OF_MONTH),
    ("last working day of the month", "en", "recurring", None, None, LAST_OF_MONTH),
    ("the last business day of each month", "en", "recurring", None, None, LAST_OF_MONTH),
    ("last working day of the week", "en", "recurring", None, None, LAST_OF_WEEK),
]  # fmt: skip

EVERY_OTHER: list[Case] = [
    ("hver anden fredag", "da", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("hvert andet år", "da", "recurring", None, None, "FREQ=YEARLY;INTERVAL=2"),
    ("hver tredje uge", "da", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=3"),
    ("hver fjortende dag", "da", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("hver anden uge fra uge 10 2027", "da", "recurring", D(2027, 3, 8), None, "FREQ=WEEKLY;INTERVAL=2"),  # noqa: E501
    ("varannan fredag", "sv", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("varannan månad", "sv", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=2"),
    ("var fjortonde dag", "sv", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("var tredje torsdag", "sv", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH"),
    ("every other Friday", "en", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("every other month", "en", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=2"),
    ("every fortnight", "en", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("fortnightly", "en", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("every third week", "en", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=3"),
]  # fmt: skip

# Parts of a week: primo Monday–Tuesday, medio Tuesday–Thursday, ultimo Thursday–Friday.
WEEK_PARTS: list[Case] = [
    ("ultimo uge 12", "da", "window", D(2027, 3, 25), D(2027, 3, 26), None),
    ("primo uge 12 2027", "da", "window", D(2027, 3, 22), D(2027, 3, 23), None),
    ("medio uge 12 2027", "da", "window", D(2027, 3, 23), D(2027, 3, 25), None),
    ("sidst i uge 50", "da", "window", D(2026, 12, 10), D(2026, 12, 11), None),
    ("i slutet av vecka 12 2027", "sv", "window", D(2027, 3, 25), D(2027, 3, 26), None),
    ("början av v. 3 2027", "sv", "window", D(2027, 1, 18), D(2027, 1, 19), None),
    ("end of week 12 2027", "en", "window", D(2027, 3, 25), D(2027, 3, 26), None),
    ("early week 12 2027", "en", "window", D(2027, 3, 22), D(2027, 3, 23), None),
]

# The four weeks before the break begins; always tentative (checked below).
BEFORE_BREAKS: list[Case] = [
    ("inden sommerferien", "da", "window", D(2027, 5, 29), D(2027, 6, 25), None),
    ("før sommerferien 2028", "da", "window", D(2028, 5, 27), D(2028, 6, 23), None),
    ("inden jul", "da", "window", D(2026, 11, 26), D(2026, 12, 23), None),
    ("før påske 2027", "da", "window", D(2027, 2, 25), D(2027, 3, 24), None),
    ("før sankthans 2027", "da", "window", D(2027, 5, 26), D(2027, 6, 22), None),
    ("före midsommar", "sv", "window", D(2027, 5, 28), D(2027, 6, 24), None),
    ("innan sommarlovet 2027", "sv", "window", D(2027, 5, 22), D(2027, 6, 18), None),
    ("före påsk 2028", "sv", "window", D(2028, 3, 16), D(2028, 4, 12), None),
    ("before the summer holidays", "en", "window", D(2027, 5, 29), D(2027, 6, 25), None),
    ("before Christmas 2027", "en", "window", D(2027, 11, 26), D(2027, 12, 23), None),
    ("before midsummer 2027", "en", "window", D(2027, 5, 28), D(2027, 6, 24), None),
]

ACROSS_YEARS: list[Case] = [
    ("dec 2027–jan 2028", "da", "window", D(2027, 12, 1), D(2028, 1, 31), None),
    ("december 2027 - januar 2028", "da", "window", D(2027, 12, 1), D(2028, 1, 31), None),
    ("uge 50 2027 - uge 2 2028", "da", "window", D(2027, 12, 13), D(2028, 1, 16), None),
    ("dec 2027 - jan", "da", "window", D(2027, 12, 1), D(2028, 1, 31), None),
    ("nov.–feb. 2028", "da", "window", D(2027, 11, 1), D(2028, 2, 29), None),
    ("december 2027 till januari 2028", "sv", "window", D(2027, 12, 1), D(2028, 1, 31), None),
    ("ht 2027 – vt 2028", "sv", "window", D(2027, 8, 1), D(2028, 6, 30), None),
    ("vintern 2027/28", "sv", "window", D(2027, 12, 1), D(2028, 2, 29), None),
    ("2027-12-01 – 2028-01-31", "en", "window", D(2027, 12, 1), D(2028, 1, 31), None),
    ("Nov 2027 to Feb 2028", "en", "window", D(2027, 11, 1), D(2028, 2, 29), None),
    ("Q4 2027 - Q1 2028", "en", "window", D(2027, 10, 1), D(2028, 3, 31), None),
]

# Never a guess: these stay unknown (the activity keeps the text, the owner is asked).
REFUSED: list[Case] = [
    ("fredag den 3. juni 2027", "da", "unknown", None, None, None),  # 3 June 2027 is a Thursday
    ("den 32. marts", "da", "unknown", None, None, None),
    ("inden sommerfesten", "da", "unknown", None, None, None),
    ("hver måned, sidste fredag", "da", "unknown", None, None, None),  # which Friday is meant?
    ("ultimo uge 53 2027", "da", "unknown", None, None, None),  # 2027 has 52 ISO weeks
    ("foråret 2027/28", "da", "unknown", None, None, None),  # spring is in one year
    ("skoleåret 2027/29", "da", "unknown", None, None, None),
    ("14:e", "sv", "unknown", None, None, None),
    ("dec 2028 - jan 2027", "en", "unknown", None, None, None),
]

NEW_FORMS = DAYS + TERMS + WORKING_DAYS + EVERY_OTHER + WEEK_PARTS + BEFORE_BREAKS + ACROSS_YEARS


def test_forty_new_phrases_in_each_language_mix() -> None:
    assert len(NEW_FORMS) >= 40
    assert {case[1] for case in NEW_FORMS} == {"da", "sv", "en"}


@pytest.mark.parametrize("case", NEW_FORMS + REFUSED, ids=lambda case: case[0])
def test_reading(case: Case) -> None:
    text, language, kind, start, due, rule = case
    timing = read_timing(text, language=language, today=TODAY)
    assert (timing.kind.value, timing.start, timing.due, timing.rrule) == (kind, start, due, rule)


@pytest.mark.parametrize("case", BEFORE_BREAKS, ids=lambda case: case[0])
def test_before_a_break_is_tentative(case: Case) -> None:
    assert read_timing(case[0], language=case[1], today=TODAY).tentative


def test_only_the_before_forms_are_tentative() -> None:
    assert not read_timing("ultimo uge 12", today=TODAY).tentative
    assert not read_timing("vt 2028", today=TODAY).tentative
    assert read_timing("ca. ultimo uge 12 2027", today=TODAY).tentative


def test_a_day_keeps_its_note_and_an_english_jul_is_july() -> None:
    timing = read_timing("d. 5/6 (efter valget)", language="da", today=TODAY)
    assert (timing.due, timing.note) == (D(2027, 6, 5), "efter valget")
    # "jul" is Christmas after a Danish or Swedish word, July after an English one (a deadline:
    # July's last working day, Friday 30 July)
    assert read_timing("before jul 2027", today=TODAY).due == D(2027, 7, 30)
    assert read_timing("før jul 2027", today=TODAY).due == D(2027, 12, 23)


def test_a_break_without_a_year_that_has_begun_means_next_years() -> None:
    # on 24 June 2027 the window before the 2027 summer holidays has not ended: that one
    assert read_timing("inden sommerferien", today=D(2027, 6, 24)).due == D(2027, 6, 25)
    assert read_timing("inden sommerferien", today=D(2027, 6, 26)).due == D(2028, 6, 23)


# Issue 29: the n-th weekday of every month, twice a year, days and weeks from today, school
# holidays per country, the first or last working day of a month, deadline weeks.
NTH_WEEKDAY = "FREQ=MONTHLY;BYDAY="
NTH_WEEKDAYS: list[Case] = [
    ("Anden onsdag i hver måned", "da", "recurring", None, None, NTH_WEEKDAY + "2WE"),
    ("første mandag i måneden", "da", "recurring", None, None, NTH_WEEKDAY + "1MO"),
    ("sidste fredag i måneden", "da", "recurring", None, None, NTH_WEEKDAY + "-1FR"),
    ("tredje torsdag i hver måned fra marts 2027", "da", "recurring", D(2027, 3, 1), None, NTH_WEEKDAY + "3TH"),  # noqa: E501
    ("första måndagen varje månad", "sv", "recurring", None, None, NTH_WEEKDAY + "1MO"),
    ("andra onsdagen i månaden", "sv", "recurring", None, None, NTH_WEEKDAY + "2WE"),
    ("sista fredagen i varje månad", "sv", "recurring", None, None, NTH_WEEKDAY + "-1FR"),
    ("second Tuesday of every month", "en", "recurring", None, None, NTH_WEEKDAY + "2TU"),
    ("the last Friday of each month", "en", "recurring", None, None, NTH_WEEKDAY + "-1FR"),
]  # fmt: skip

SIX_MONTHS = "FREQ=MONTHLY;INTERVAL=6"
HALF_YEARLY: list[Case] = [
    ("hvert halve år", "da", "recurring", None, None, SIX_MONTHS),
    ("to gange årligt", "da", "recurring", None, None, SIX_MONTHS),
    ("2 gange om året", "da", "recurring", None, None, SIX_MONTHS),
    ("varje halvt år", "sv", "recurring", None, None, SIX_MONTHS),
    ("två gånger om året", "sv", "recurring", None, None, SIX_MONTHS),
    ("halvårsvis", "sv", "recurring", None, None, SIX_MONTHS),
    ("twice yearly", "en", "recurring", None, None, SIX_MONTHS),
    ("half-yearly", "en", "recurring", None, None, SIX_MONTHS),
    ("semi-annually", "en", "recurring", None, None, SIX_MONTHS),
    ("every six months", "en", "recurring", None, None, SIX_MONTHS),
]

# Read on TODAY, Sunday 22 November 2026, and kept as the days they named then.
RELATIVE: list[Case] = [
    ("i dag", "da", "date", D(2026, 11, 22), D(2026, 11, 22), None),
    ("i morgen", "da", "date", D(2026, 11, 23), D(2026, 11, 23), None),
    ("i overmorgen", "da", "date", D(2026, 11, 24), D(2026, 11, 24), None),
    ("næste uge", "da", "window", D(2026, 11, 23), D(2026, 11, 29), None),
    ("om en uge", "da", "date", D(2026, 11, 29), D(2026, 11, 29), None),
    ("om 14 dage", "da", "date", D(2026, 12, 6), D(2026, 12, 6), None),
    ("i næste måned", "da", "window", D(2026, 12, 1), D(2026, 12, 31), None),
    ("senest i overmorgen", "da", "date", D(2026, 11, 24), D(2026, 11, 24), None),
    ("i morgon", "sv", "date", D(2026, 11, 23), D(2026, 11, 23), None),
    ("i övermorgon", "sv", "date", D(2026, 11, 24), D(2026, 11, 24), None),
    ("nästa vecka", "sv", "window", D(2026, 11, 23), D(2026, 11, 29), None),
    ("om två veckor", "sv", "date", D(2026, 12, 6), D(2026, 12, 6), None),
    ("tomorrow", "en", "date", D(2026, 11, 23), D(2026, 11, 23), None),
    ("next week", "en", "window", D(2026, 11, 23), D(2026, 11, 29), None),
    ("in 3 days", "en", "date", D(2026, 11, 25), D(2026, 11, 25), None),
    ("in a month", "en", "date", D(2026, 12, 22), D(2026, 12, 22), None),
]

# Before and after are four weeks, tentative; during is the holiday itself (bot/timing/breaks.py
# has the table: DK vinterferie week 7, efterårsferie week 42; SE sportlov week 8, höstlov 44).
SCHOOL_HOLIDAYS: list[Case] = [
    ("efter sommerferien", "da", "window", D(2027, 8, 16), D(2027, 9, 12), None),
    ("før efterårsferien", "da", "window", D(2027, 9, 18), D(2027, 10, 15), None),
    ("i vinterferien 2027", "da", "window", D(2027, 2, 13), D(2027, 2, 21), None),
    ("efter vinterferien 2027", "da", "window", D(2027, 2, 22), D(2027, 3, 21), None),
    ("i påskeferien 2027", "da", "window", D(2027, 3, 20), D(2027, 3, 29), None),
    ("efter jul", "da", "window", D(2026, 12, 27), D(2027, 1, 23), None),
    ("efter sportlovet", "sv", "window", D(2027, 3, 1), D(2027, 3, 28), None),
    ("under sportlovet 2027", "sv", "window", D(2027, 2, 20), D(2027, 2, 28), None),
    ("innan höstlovet", "sv", "window", D(2027, 10, 2), D(2027, 10, 29), None),
    ("efter sommarlovet 2027", "sv", "window", D(2027, 8, 23), D(2027, 9, 19), None),
    ("efter jullovet", "sv", "window", D(2027, 1, 7), D(2027, 2, 3), None),
    ("after the winter break", "en", "window", D(2027, 2, 22), D(2027, 3, 21), None),
    ("during the autumn break 2027", "en", "window", D(2027, 10, 16), D(2027, 10, 24), None),
]

WORKDAY_OF_MONTH: list[Case] = [
    ("sidste hverdag i marts", "da", "date", D(2027, 3, 31), D(2027, 3, 31), None),
    ("sidste hverdag i december 2027", "da", "date", D(2027, 12, 30), D(2027, 12, 30), None),
    ("første hverdag i januar", "da", "date", D(2027, 1, 4), D(2027, 1, 4), None),
    ("sista vardagen i mars", "sv", "date", D(2027, 3, 31), D(2027, 3, 31), None),
    ("sista vardagen i juni 2027", "sv", "date", D(2027, 6, 30), D(2027, 6, 30), None),
    ("last working day of March 2028", "en", "date", D(2028, 3, 31), D(2028, 3, 31), None),
]

# Due on the week's last working day; Easter 2027 takes Thursday and Friday of week 12 in
# Denmark, Friday in Sweden.
DEADLINE_WEEKS: list[Case] = [
    ("Senest uge 12", "da", "date", D(2027, 3, 24), D(2027, 3, 24), None),
    ("senest uge 14 2027", "da", "date", D(2027, 4, 9), D(2027, 4, 9), None),
    ("senast vecka 12 2027", "sv", "date", D(2027, 3, 25), D(2027, 3, 25), None),
    ("senast v. 50", "sv", "date", D(2026, 12, 11), D(2026, 12, 11), None),
    ("by week 12 2027", "en", "date", D(2027, 3, 24), D(2027, 3, 24), None),
]

# Still never a guess.
STILL_UNKNOWN: list[Case] = [
    ("femte onsdag i hver måned", "da", "unknown", None, None, None),  # most months have four
    ("om lidt", "da", "unknown", None, None, None),
    ("om nogle uger", "da", "unknown", None, None, None),
    ("i overmorgen eller deromkring måske", "da", "unknown", None, None, None),
    ("påske 2027", "da", "unknown", None, None, None),  # which day of Easter?
    ("efter sommerfesten", "da", "unknown", None, None, None),
    ("sidste hverdag i 14/3", "da", "unknown", None, None, None),  # one day has no last
    ("senest uge 53 2027", "da", "unknown", None, None, None),
    ("om en stund", "sv", "unknown", None, None, None),
    ("in a while", "en", "unknown", None, None, None),
    ("jul 2027 break", "en", "unknown", None, None, None),
]

ISSUE_29 = NTH_WEEKDAYS + HALF_YEARLY + RELATIVE + SCHOOL_HOLIDAYS + WORKDAY_OF_MONTH
ISSUE_29 += DEADLINE_WEEKS


@pytest.mark.parametrize("case", ISSUE_29 + STILL_UNKNOWN, ids=lambda case: case[0])
def test_reading_the_forms_of_issue_29(case: Case) -> None:
    text, language, kind, start, due, rule = case
    timing = read_timing(text, language=language, today=TODAY)
    assert (timing.kind.value, timing.start, timing.due, timing.rrule) == (kind, start, due, rule)


def test_the_forms_of_issue_29_in_each_language() -> None:
    for forms in (NTH_WEEKDAYS, HALF_YEARLY, RELATIVE, SCHOOL_HOLIDAYS, WORKDAY_OF_MONTH):
        assert {case[1] for case in forms} == {"da", "sv", "en"}


def test_school_holidays_follow_the_plans_country() -> None:
    # one English text, two countries: Danish vinterferie is week 7, Swedish sportlov week 8
    danish = read_timing("during the winter break 2027", today=TODAY, country="DK")
    swedish = read_timing("during the winter break 2027", today=TODAY, country="SE")
    assert (danish.start, danish.due) == (D(2027, 2, 13), D(2027, 2, 21))
    assert (swedish.start, swedish.due) == (D(2027, 2, 20), D(2027, 2, 28))
    # before and after name no day: tentative; during does
    assert read_timing("efter sportlovet", today=TODAY).tentative
    assert not read_timing("under sportlovet", today=TODAY).tentative
    # and working days are the plan's: Good Friday 2027 is a holiday in both countries,
    # Maundy Thursday only in Denmark
    assert read_timing("senest uge 12 2027", today=TODAY, country="SE").due == D(2027, 3, 25)
    assert read_timing("senest uge 12 2027", today=TODAY, country="DK").due == D(2027, 3, 24)


def test_the_nth_weekday_of_every_month_falls_on_that_day() -> None:
    timing = read_timing("Anden onsdag i hver måned", language="da", today=TODAY)
    found = occurrences(timing, anchor=TODAY, first=TODAY, last=D(2027, 3, 1), country="DK")
    assert list(found) == [D(2026, 12, 9), D(2027, 1, 13), D(2027, 2, 10)]
    last = read_timing("last Friday of the month", language="en", today=TODAY)
    found = occurrences(last, anchor=TODAY, first=TODAY, last=D(2027, 1, 31), country="DK")
    assert list(found) == [D(2026, 11, 27), D(2026, 12, 25), D(2027, 1, 29)]
