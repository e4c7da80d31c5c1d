"""The timing reader: the shared worked examples, a wide table of our own, and properties."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.timing import read_timing
from storage.rules.timing import TimingKind

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TODAY = dt.date(2026, 11, 22)


def shared_rows() -> list[list[str]]:
    path = SAMPLES / "timing-phrases.tsv"
    if not path.exists():
        pytest.fail(f"{path} is missing: the sample plans belong in tests/samples")
    with path.open(encoding="utf-8") as file:
        return [
            row for row in csv.reader(file, delimiter="\t") if row and not row[0].startswith("#")
        ]


@pytest.mark.parametrize("row", shared_rows(), ids=lambda row: row[0])
def test_shared_examples(row: list[str]) -> None:
    text, language, today, kind, start, due, rule, tentative = row
    timing = read_timing(text, language=language, today=dt.date.fromisoformat(today))
    assert timing.kind.value == kind
    assert (timing.start.isoformat() if timing.start else "") == start
    assert (timing.due.isoformat() if timing.due else "") == due
    assert (timing.rrule or "") == rule
    assert timing.tentative == (tentative == "yes")


D = dt.date
CASES: list[tuple[str, str, D | None, D | None, str | None]] = [
    # one day
    ("1. marts 2027", "date", D(2027, 3, 1), D(2027, 3, 1), None),
    ("1 mars 2027", "date", D(2027, 3, 1), D(2027, 3, 1), None),
    ("15 augusti 2018", "date", D(2018, 8, 15), D(2018, 8, 15), None),
    ("March 1, 2027", "date", D(2027, 3, 1), D(2027, 3, 1), None),
    ("1st March 2027", "date", D(2027, 3, 1), D(2027, 3, 1), None),
    ("3/6-2027", "date", D(2027, 6, 3), D(2027, 6, 3), None),
    ("3/6 2027", "date", D(2027, 6, 3), D(2027, 6, 3), None),
    ("03.06.2027", "date", D(2027, 6, 3), D(2027, 6, 3), None),
    ("2027-06-03", "date", D(2027, 6, 3), D(2027, 6, 3), None),
    ("3/6", "date", D(2027, 6, 3), D(2027, 6, 3), None),
    ("24/12", "date", D(2026, 12, 24), D(2026, 12, 24), None),
    ("Senest 1. april", "date", D(2027, 4, 1), D(2027, 4, 1), None),
    ("senast 15 maj 2027", "date", D(2027, 5, 15), D(2027, 5, 15), None),
    ("by 3 June 2027", "date", D(2027, 6, 3), D(2027, 6, 3), None),
    ("no later than 1 May 2027", "date", D(2027, 5, 1), D(2027, 5, 1), None),
    # a deadline week is due on its last working day (Maundy Thursday, Good Friday: holidays)
    ("Senest uge 12 2027", "date", D(2027, 3, 24), D(2027, 3, 24), None),
    ("29. februar 2028", "date", D(2028, 2, 29), D(2028, 2, 29), None),
    # periods
    ("September 2018", "window", D(2018, 9, 1), D(2018, 9, 30), None),
    ("sept. 2027", "window", D(2027, 9, 1), D(2027, 9, 30), None),
    ("okt 2027", "window", D(2027, 10, 1), D(2027, 10, 31), None),
    ("December", "window", D(2026, 12, 1), D(2026, 12, 31), None),
    ("november", "window", D(2026, 11, 1), D(2026, 11, 30), None),
    ("Oktober", "window", D(2027, 10, 1), D(2027, 10, 31), None),
    ("i maj", "window", D(2027, 5, 1), D(2027, 5, 31), None),
    ("Våren 2018", "window", D(2018, 3, 1), D(2018, 5, 31), None),
    ("Foråret 2027", "window", D(2027, 3, 1), D(2027, 5, 31), None),
    ("forår 2027", "window", D(2027, 3, 1), D(2027, 5, 31), None),
    ("Sommeren 2027", "window", D(2027, 6, 1), D(2027, 8, 31), None),
    ("sommaren 2027", "window", D(2027, 6, 1), D(2027, 8, 31), None),
    ("Efteråret 2027", "window", D(2027, 9, 1), D(2027, 11, 30), None),
    ("Hösten 2027", "window", D(2027, 9, 1), D(2027, 11, 30), None),
    ("autumn 2027", "window", D(2027, 9, 1), D(2027, 11, 30), None),
    ("Vinter 2027", "window", D(2027, 12, 1), D(2028, 2, 29), None),
    ("Vår", "window", D(2027, 3, 1), D(2027, 5, 31), None),
    ("Høst", "window", D(2026, 9, 1), D(2026, 11, 30), None),
    ("Uge 12 2027", "window", D(2027, 3, 22), D(2027, 3, 28), None),
    ("uge 12", "window", D(2027, 3, 22), D(2027, 3, 28), None),
    ("vecka 50", "window", D(2026, 12, 7), D(2026, 12, 13), None),
    ("v. 3 2027", "window", D(2027, 1, 18), D(2027, 1, 24), None),
    ("week 1 2027", "window", D(2027, 1, 4), D(2027, 1, 10), None),
    ("Uge 53 2026", "window", D(2026, 12, 28), D(2027, 1, 3), None),
    ("uge 12-14 2027", "window", D(2027, 3, 22), D(2027, 4, 11), None),
    ("Q2 2027", "window", D(2027, 4, 1), D(2027, 6, 30), None),
    ("2. kvartal 2027", "window", D(2027, 4, 1), D(2027, 6, 30), None),
    ("kvartal 3 2027", "window", D(2027, 7, 1), D(2027, 9, 30), None),
    ("fjerde kvartal", "window", D(2026, 10, 1), D(2026, 12, 31), None),
    ("1. halvår 2027", "window", D(2027, 1, 1), D(2027, 6, 30), None),
    ("H2 2027", "window", D(2027, 7, 1), D(2027, 12, 31), None),
    ("första halvåret 2027", "window", D(2027, 1, 1), D(2027, 6, 30), None),
    ("Primo marts 2027", "window", D(2027, 3, 1), D(2027, 3, 10), None),
    ("medio marts 2027", "window", D(2027, 3, 11), D(2027, 3, 20), None),
    ("ultimo februar 2027", "window", D(2027, 2, 21), D(2027, 2, 28), None),
    ("början av april 2027", "window", D(2027, 4, 1), D(2027, 4, 10), None),
    ("mitten av maj 2027", "window", D(2027, 5, 11), D(2027, 5, 20), None),
    ("slutet av maj 2027", "window", D(2027, 5, 21), D(2027, 5, 31), None),
    ("late June 2027", "window", D(2027, 6, 21), D(2027, 6, 30), None),
    ("2027", "window", D(2027, 1, 1), D(2027, 12, 31), None),
    ("Maj–juni 2027", "window", D(2027, 5, 1), D(2027, 6, 30), None),
    ("maj - juni 2027", "window", D(2027, 5, 1), D(2027, 6, 30), None),
    ("januari–mars 2027", "window", D(2027, 1, 1), D(2027, 3, 31), None),
    ("januar til marts 2027", "window", D(2027, 1, 1), D(2027, 3, 31), None),
    ("april till juni 2027", "window", D(2027, 4, 1), D(2027, 6, 30), None),
    ("November 2026 to February 2027", "window", D(2026, 11, 1), D(2027, 2, 28), None),
    ("november-februar 2028", "window", D(2027, 11, 1), D(2028, 2, 29), None),
    ("1.-15. marts 2027", "window", D(2027, 3, 1), D(2027, 3, 15), None),
    ("Uge 12 2027 (tentativt)", "window", D(2027, 3, 22), D(2027, 3, 28), None),
    # ongoing
    ("Løbende", "ongoing", None, None, None),
    ("løbende", "ongoing", None, None, None),
    ("Kontinuerligt", "ongoing", None, None, None),
    ("Pågående", "ongoing", None, None, None),
    ("ongoing", "ongoing", None, None, None),
    ("Höst 2018 – pågående", "ongoing", D(2018, 9, 1), None, None),
    ("Mars 2019 – löpande", "ongoing", D(2019, 3, 1), None, None),
    ("Fra marts 2027", "ongoing", D(2027, 3, 1), None, None),
    ("från och med maj 2027", "ongoing", D(2027, 5, 1), None, None),
    # recurring
    ("Hver måned", "recurring", None, None, "FREQ=MONTHLY"),
    ("Månedligt", "recurring", None, None, "FREQ=MONTHLY"),
    ("månatligen", "recurring", None, None, "FREQ=MONTHLY"),
    ("monthly", "recurring", None, None, "FREQ=MONTHLY"),
    ("Varje vecka", "recurring", None, None, "FREQ=WEEKLY"),
    ("Ugentligt", "recurring", None, None, "FREQ=WEEKLY"),
    ("Varannan vecka", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("hver anden uge", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("every other week", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("every 2 weeks", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("Hver 14. dag", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("hver 3. måned", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("Hvert kvartal", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("kvartalsvis", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("Hvert halvår", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("En gång per år", "recurring", None, None, "FREQ=YEARLY"),
    ("en gang om året", "recurring", None, None, "FREQ=YEARLY"),
    ("Årligt", "recurring", None, None, "FREQ=YEARLY"),
    ("årligen", "recurring", None, None, "FREQ=YEARLY"),
    ("vartannat år", "recurring", None, None, "FREQ=YEARLY;INTERVAL=2"),
    ("to gange om året", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("två gånger per år", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("twice a year", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=6"),
    ("fire gange om året", "recurring", None, None, "FREQ=MONTHLY;INTERVAL=3"),
    ("2 gange om måneden", "recurring", None, None, "FREQ=WEEKLY;INTERVAL=2"),
    ("En gang per mandatperiode", "recurring", None, None, "FREQ=YEARLY;INTERVAL=4"),
    ("En gång per mandatperiod", "recurring", None, None, "FREQ=YEARLY;INTERVAL=4"),
    ("hver valgperiode", "recurring", None, None, "FREQ=YEARLY;INTERVAL=4"),
    ("hver mandag", "recurring", None, None, "FREQ=WEEKLY;BYDAY=MO"),
    ("varje fredag", "recurring", None, None, "FREQ=WEEKLY;BYDAY=FR"),
    ("every Tuesday", "recurring", None, None, "FREQ=WEEKLY;BYDAY=TU"),
    ("Hver måned fra marts 2027", "recurring", D(2027, 3, 1), None, "FREQ=MONTHLY"),
    # on trigger, asap
    ("Ved behov", "on_trigger", None, None, None),
    ("Vid behov", "on_trigger", None, None, None),
    ("Vid impuls om nyhet", "on_trigger", None, None, None),
    ("Efter hvert OC-møde", "on_trigger", None, None, None),
    ("as needed", "on_trigger", None, None, None),
    ("ad hoc", "on_trigger", None, None, None),
    ("Når kontrakten er underskrevet", "on_trigger", None, None, None),
    ("När avtalet är klart", "on_trigger", None, None, None),
    ("Hurtigst muligt", "asap", None, None, None),
    ("Så snart som möjligt", "asap", None, None, None),
    ("snarast", "asap", None, None, None),
    ("straks", "asap", None, None, None),
    ("ASAP", "asap", None, None, None),
    ("as soon as possible", "asap", None, None, None),
    # unknown, never a guess
    ("", "unknown", None, None, None),
    ("   ", "unknown", None, None, None),
    ("31. februar 2027", "unknown", None, None, None),
    ("uge 54 2027", "unknown", None, None, None),
    ("13/13", "unknown", None, None, None),
    ("12345", "unknown", None, None, None),
    ("kl. 10", "unknown", None, None, None),
    ("Namn", "unknown", None, None, None),
    ("når månen er blå", "on_trigger", None, None, None),
    ("Tidsplan følger", "unknown", None, None, None),
    ("I år", "unknown", None, None, None),
    ("per uge", "unknown", None, None, None),
    ("2026 og 2027", "unknown", None, None, None),
    ("x" * 600, "unknown", None, None, None),
]


@pytest.mark.parametrize(("text", "kind", "start", "due", "rule"), CASES, ids=lambda v: str(v)[:40])
def test_reading(text: str, kind: str, start: D | None, due: D | None, rule: str | None) -> None:
    timing = read_timing(text, today=TODAY)
    assert (timing.kind.value, timing.start, timing.due, timing.rrule) == (kind, start, due, rule)


@pytest.mark.parametrize(
    ("text", "tentative", "note"),
    [
        ("Prel. Mars 2019 (när avtal är på plats).", True, "när avtal är på plats"),
        ("Foreløbig uge 12 2027", True, None),
        ("ca. 1. marts 2027", True, None),
        ("Preliminärt hösten 2027", True, None),
        ("Q2 2027 (TBC)", True, "TBC"),
        ("1. marts 2027 (efter styregruppemødet)", False, "efter styregruppemødet"),
        ("1. marts 2027", False, None),
    ],
)
def test_tentative_and_notes(text: str, tentative: bool, note: str | None) -> None:
    timing = read_timing(text, today=TODAY)
    assert timing.kind is not TimingKind.UNKNOWN
    assert timing.tentative is tentative
    assert timing.note == note


def test_a_year_less_period_that_has_passed_means_next_year() -> None:
    assert read_timing("Marts", today=D(2027, 4, 1)).start == D(2028, 3, 1)
    assert read_timing("Marts", today=D(2027, 3, 31)).start == D(2027, 3, 1)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)))
def test_never_raises_and_is_consistent(text: str, today: dt.date) -> None:
    timing = read_timing(text, today=today)
    if timing.kind in (TimingKind.DATE, TimingKind.WINDOW):
        assert timing.start is not None and timing.due is not None
        assert timing.start <= timing.due
    if timing.kind is TimingKind.DATE:
        assert timing.start == timing.due
    if timing.kind is TimingKind.RECURRING:
        assert timing.rrule is not None
        rrulestr(timing.rrule, dtstart=dt.datetime(2027, 1, 1))
    else:
        assert timing.rrule is None


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([case[0] for case in CASES]), st.sampled_from(["", " ", ".", "  \n"]))
def test_whitespace_and_trailing_dots_do_not_matter(text: str, noise: str) -> None:
    assert read_timing(noise + text + noise, today=TODAY) == read_timing(text, today=TODAY)
