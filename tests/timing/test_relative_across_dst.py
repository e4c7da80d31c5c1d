"""Issue 29, item 5: days named from today ("i morgen", "om en uge", "nästa vecka") are read on
the plan's local day when the text is written, across the DST changes, and stored as the
absolute days they named then: reading the activity later does not move them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from bot.services import Services
from bot.services.actor import Actor
from storage.models import Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
D = dt.date
# 00:30 in Copenhagen on the night summer time begins (28 March 2027) and on the night it ends
# (25 October 2026): the UTC day is still the day before.
SPRING = dt.datetime(2027, 3, 27, 23, 30, tzinfo=dt.UTC)
AUTUMN = dt.datetime(2026, 10, 24, 22, 30, tzinfo=dt.UTC)


Case = tuple[dt.datetime, str, str, str, D, D]


@pytest.mark.parametrize(
    "case",
    [
        (SPRING, "DK", "i morgen", "date", D(2027, 3, 29), D(2027, 3, 29)),
        (SPRING, "DK", "om en uge", "date", D(2027, 4, 4), D(2027, 4, 4)),
        (SPRING, "SE", "nästa vecka", "window", D(2027, 3, 29), D(2027, 4, 4)),
        (AUTUMN, "DK", "i overmorgen", "date", D(2026, 10, 27), D(2026, 10, 27)),
        (AUTUMN, "SE", "i övermorgon", "date", D(2026, 10, 27), D(2026, 10, 27)),
        (AUTUMN, "DK", "om 14 dage", "date", D(2026, 11, 8), D(2026, 11, 8)),
    ],
    ids=lambda case: f"{case[2]} {case[0]:%Y-%m}",
)
def test_days_from_today_are_the_plans_local_days_and_stay_put(
    services: Services, case: Case
) -> None:
    moment, country, when, kind, start, due = case
    with time_machine.travel(moment, tick=False):
        services.teams.add("Udbud", CLI)
        language = "sv" if country == "SE" else "da"
        services.plans.create(
            "Plan", "udbud", CLI, language=language, country=country, time_zone="Europe/Copenhagen"
        )
        saved = services.activities.add("Plan", "Nyhed", CLI, fields={"when": when}).activity
    assert (saved.timing.kind.value, saved.timing.start, saved.timing.due) == (kind, start, due)
    with time_machine.travel(moment + dt.timedelta(days=3), tick=False):
        later = services.activities.get(saved.id)
    assert (later.timing.start, later.timing.due) == (start, due)
    assert later.next_due == saved.next_due
