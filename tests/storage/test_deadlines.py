"""Deadlines on working days (storage/rules/occurrences.py): a window's last working day, the first
working day of each period of a recurrence that names no day, the first or last working day
where the text says so; the plan's country decides the holidays."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from storage.rules.occurrences import calendar_rule, due_day, first_due, next_due, occurrences
from storage.rules.timing import Timing, TimingKind

D = dt.date
WORKDAYS = "BYDAY=MO,TU,WE,TH,FR"


def window(start: D, end: D) -> Timing:
    return Timing(TimingKind.WINDOW, start=start, due=end)


def recurring(rule: str, start: D | None = None) -> Timing:
    return Timing(TimingKind.RECURRING, start=start, rrule=rule)


def dues(timing: Timing, created: D, count: int, country: str = "DK") -> list[D]:
    """The first ``count`` deadlines of ``timing`` written on ``created``."""
    first = first_due(timing, created=created, today=created, country=country)
    assert first is not None
    anchor = timing.start or created
    later = occurrences(
        timing, anchor=anchor, first=first, last=first + dt.timedelta(days=800), country=country
    )
    return list(itertools.islice(later, count))


@pytest.mark.parametrize(
    ("start", "end", "country", "due"),
    [
        (D(2026, 12, 7), D(2026, 12, 13), "DK", D(2026, 12, 11)),  # Uge 50: Friday, not Sunday
        (D(2026, 12, 7), D(2026, 12, 13), "SE", D(2026, 12, 11)),
        (D(2027, 3, 22), D(2027, 3, 28), "DK", D(2027, 3, 24)),  # Uge 12: Easter from Thursday
        (D(2027, 3, 22), D(2027, 3, 28), "SE", D(2027, 3, 25)),  # Sweden works skärtorsdag
        (D(2026, 12, 1), D(2026, 12, 31), "DK", D(2026, 12, 30)),  # nytårsaftensdag is closed
        (D(2027, 5, 1), D(2027, 5, 2), "DK", D(2027, 5, 2)),  # a weekend: its last day
    ],
)
def test_a_window_is_due_on_its_last_working_day(start: D, end: D, country: str, due: D) -> None:
    timing = window(start, end)
    assert due_day(timing, country) == due
    assert next_due(timing, anchor=start, on_or_after=start, country=country) == due
    assert list(occurrences(timing, anchor=start, first=start, last=end, country=country)) == [due]


def test_a_date_is_due_on_the_day_written_even_a_sunday() -> None:
    sunday = Timing(TimingKind.DATE, start=D(2027, 3, 28), due=D(2027, 3, 28))
    assert due_day(sunday, "DK") == D(2027, 3, 28)


def test_every_month_falls_on_each_months_first_working_day_not_new_years_day() -> None:
    # written on 1 December 2026: January first, and 1 January is a holiday, 2-3 a weekend
    assert dues(recurring("FREQ=MONTHLY"), D(2026, 12, 1), 5) == [
        D(2027, 1, 4),
        D(2027, 2, 1),
        D(2027, 3, 1),
        D(2027, 4, 1),
        D(2027, 5, 3),  # 1 May 2027 is a Saturday
    ]


def test_every_quarter_is_calendar_quarters_and_every_year_the_first_working_day() -> None:
    assert dues(recurring("FREQ=MONTHLY;INTERVAL=3"), D(2027, 2, 10), 4) == [
        D(2027, 4, 1),
        D(2027, 7, 1),
        D(2027, 10, 1),
        D(2028, 1, 3),  # 1 January 2028 is a Saturday
    ]
    assert dues(recurring("FREQ=YEARLY"), D(2027, 6, 1), 2, "SE") == [D(2028, 1, 3), D(2029, 1, 2)]


def test_every_week_is_the_weeks_first_working_day() -> None:
    # written on Wednesday 24 March 2027: next week, whose Monday is Easter Monday
    assert dues(recurring("FREQ=WEEKLY"), D(2027, 3, 24), 2) == [D(2027, 3, 30), D(2027, 4, 5)]
    # every other week: two-week periods from the week it was written, the next one first
    assert dues(recurring("FREQ=WEEKLY;INTERVAL=2"), D(2027, 3, 24), 2) == [
        D(2027, 4, 5),
        D(2027, 4, 19),
    ]


def test_daily_means_every_working_day() -> None:
    assert dues(recurring("FREQ=DAILY"), D(2027, 3, 23), 4) == [
        D(2027, 3, 24),
        D(2027, 3, 30),  # Thursday to Monday: Easter and a weekend
        D(2027, 3, 31),
        D(2027, 4, 1),
    ]


def test_a_named_start_begins_its_period_and_a_named_day_keeps_the_rule() -> None:
    # "Hver måned fra marts 2027": March first, on its first working day
    assert dues(recurring("FREQ=MONTHLY", D(2027, 3, 1)), D(2026, 11, 22), 2) == [
        D(2027, 3, 1),
        D(2027, 4, 1),
    ]
    # "Hver måned fra 15. marts 2027": the 15th, as written, a Sunday too
    fifteenth = dues(recurring("FREQ=MONTHLY", D(2027, 3, 15)), D(2026, 11, 22), 6)
    assert {day.day for day in fifteenth} == {15}
    assert D(2027, 8, 15) in fifteenth
    # "hver mandag": Mondays, Easter Monday too (its reminders come on working days)
    mondays = recurring("FREQ=WEEKLY;BYDAY=MO")
    assert D(2027, 3, 29) in dues(mondays, D(2027, 3, 20), 3)


def test_last_working_day_of_the_month_leaves_out_holidays() -> None:
    last = recurring(f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS=-1")
    # written on 15 January: January's own is next
    assert dues(last, D(2027, 1, 15), 3) == [D(2027, 1, 29), D(2027, 2, 26), D(2027, 3, 31)]
    # December 2027: the 31st is nytårsaftensdag in Denmark, nyårsafton in Sweden
    for country in ("DK", "SE"):
        assert dues(last, D(2027, 12, 1), 1, country) == [D(2027, 12, 30)]
    first = recurring(f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS=1")
    assert dues(first, D(2026, 12, 15), 2) == [D(2027, 1, 4), D(2027, 2, 1)]


def test_recurrences_far_behind_still_list_later_occurrences() -> None:
    # a recurrence whose open occurrence is years earlier: 2030's are still there
    monthly = recurring("FREQ=MONTHLY", D(2027, 1, 1))
    in_2030 = list(
        occurrences(
            monthly, anchor=D(2027, 1, 1), first=D(2030, 1, 1), last=D(2030, 12, 31), country="DK"
        )
    )
    assert len(in_2030) == 12
    assert in_2030[0] == D(2030, 1, 2)


@pytest.mark.parametrize(
    ("rule", "start", "calendar"),
    [
        ("FREQ=MONTHLY", None, f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS=1"),
        ("FREQ=MONTHLY;INTERVAL=3", None, f"FREQ=MONTHLY;INTERVAL=3;{WORKDAYS};BYSETPOS=1"),
        ("FREQ=YEARLY", None, f"FREQ=MONTHLY;INTERVAL=12;{WORKDAYS};BYSETPOS=1"),
        ("FREQ=WEEKLY", None, "FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ=WEEKLY;INTERVAL=2", None, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
        ("FREQ=DAILY", None, f"FREQ=WEEKLY;{WORKDAYS}"),
        (f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS=-1", None, f"FREQ=MONTHLY;{WORKDAYS};BYSETPOS=-1"),
        (f"FREQ=WEEKLY;{WORKDAYS};BYSETPOS=-1", None, "FREQ=WEEKLY;BYDAY=FR"),
        ("FREQ=WEEKLY;BYDAY=MO", None, "FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ=MONTHLY", D(2027, 1, 31), "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"),
    ],
)
def test_calendars_get_a_rule_every_reader_reads_alike(
    rule: str, start: D | None, calendar: str
) -> None:
    assert calendar_rule(recurring(rule, start), start or D(2027, 1, 4)) == calendar
