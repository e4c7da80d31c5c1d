"""Deadlines on working days as activities get them, and the reminder preview over years, on
both databases with time frozen (and the preview crossing the DST changes)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from bot.services.reminders import PreviewRow
from scheduler.outbox.kinds import NoticeKind
from storage.models import Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
D = dt.date


def at(year: int, month: int, day: int) -> time_machine.travel:
    return time_machine.travel(dt.datetime(year, month, day, 9, 0, tzinfo=dt.UTC), tick=False)


def make_plan(services: Services, *, country: str = "DK") -> None:
    services.teams.add("Komm", CLI, slug="komm")
    services.people.add("Anne Ejer", CLI, aliases=("AE",), team="komm")
    services.people.add("Bo Berg", CLI, aliases=("BB",), team="komm")
    language = "da" if country == "DK" else "sv"
    services.plans.create("Plan", "komm", CLI, owner="AE", language=language, country=country)


def add(services: Services, when: str) -> int:
    saved = services.activities.add(
        "Plan", "Nyhedsbrev", CLI, fields={"when": when, "responsible": "BB"}
    )
    return saved.activity.id


@pytest.mark.parametrize(("country", "when"), [("DK", "Uge 50"), ("SE", "vecka 50")])
def test_a_week_falls_due_on_its_friday_not_its_sunday(
    services: Services, country: str, when: str
) -> None:
    with at(2026, 11, 22):
        make_plan(services, country=country)
        view = services.activities.get(add(services, when))
    assert (view.timing.start, view.timing.due) == (D(2026, 12, 7), D(2026, 12, 13))
    assert view.next_due == D(2026, 12, 11)


def test_every_month_first_falls_due_on_the_first_working_day_not_new_years_day(
    services: Services,
) -> None:
    with at(2026, 12, 1):
        make_plan(services)
        activity = add(services, "Hver måned")
        assert services.activities.get(activity).next_due == D(2027, 1, 4)
    with at(2027, 1, 4):
        assert services.activities.done(activity, CLI).next_due == D(2027, 2, 1)


def test_a_text_it_cannot_read_is_refused_or_kept_on_purpose_as_unknown(
    services: Services,
) -> None:
    with at(2026, 11, 22):
        make_plan(services)
        with pytest.raises(Invalid) as refused:  # 3 June 2027 is a Thursday: which is meant?
            add(services, "fredag den 3. juni 2027")
        assert refused.value.key == "error.when_unreadable"
        fields = {"when_text": "fredag den 3. juni 2027"}
        saved = services.activities.add("Plan", "Nyhedsbrev", CLI, fields=fields)
        view = services.activities.get(saved.activity.id)
    assert view.timing.kind == "unknown"
    assert view.when == "fredag den 3. juni 2027"
    assert view.next_due is None


def reminder_dues(rows: list[PreviewRow], year: int) -> list[str]:
    # the key names the occurrence: reminder:<activity>:<due>:<offset>d:<person>
    return sorted(
        {row.key.split(":")[2] for row in rows if row.kind == NoticeKind.REMINDER}
        & {f"{year}-{month:02d}-{day:02d}" for month in range(1, 13) for day in range(1, 32)}
    )


def test_preview_lists_the_occurrences_in_the_range_whatever_the_open_one(
    services: Services,
) -> None:
    with at(2027, 1, 4):
        make_plan(services)
        activity = add(services, "Hver måned")
        assert services.activities.get(activity).next_due == D(2027, 2, 1)  # open, years before
        rows = services.reminders.preview(start=D(2030, 1, 1), end=D(2030, 12, 31))
    # 2 January 2030 (1 January is a holiday) has its reminders in December 2029: not listed
    assert reminder_dues(rows, 2030) == [
        "2030-02-01",
        "2030-03-01",
        "2030-04-01",
        "2030-05-02",  # 1 May is closed in Denmark
        "2030-06-03",
        "2030-07-01",
        "2030-08-01",
        "2030-09-02",
        "2030-10-01",
        "2030-11-01",
        "2030-12-02",
    ]
    reminders = [row for row in rows if row.kind == NoticeKind.REMINDER]
    # nine o'clock local on both sides of the DST changes (31 March and 27 October 2030)
    assert {row.local.hour for row in reminders} == {9}
    assert {row.local.utcoffset() for row in reminders} == {
        dt.timedelta(hours=1),
        dt.timedelta(hours=2),
    }


def test_preview_reaches_five_years_and_no_further(services: Services) -> None:
    with at(2027, 1, 4):
        make_plan(services)
        add(services, "sidste hverdag i måneden")
        rows = services.reminders.preview(start=D(2030, 1, 1), end=D(2034, 12, 31))
        assert len(reminder_dues(rows, 2034)) == 12
        assert reminder_dues(rows, 2032)[-1] == "2032-12-30"  # 31 December is closed
        with pytest.raises(Invalid):
            services.reminders.preview(start=D(2030, 1, 1), end=D(2035, 1, 6))
