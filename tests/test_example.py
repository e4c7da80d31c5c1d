"""The example plan `commplan demo` loads: the sample's rows, dated into the coming weeks."""

from __future__ import annotations

import datetime as dt

import time_machine

from bot.example.loader import PLAN_NAME, example_rows, fill_when, load_example
from bot.services import Services
from bot.services.actor import Actor

NOW = dt.datetime(2026, 12, 28, 9, 0, tzinfo=dt.UTC)


def test_placeholders_become_danish_dates() -> None:
    today = dt.date(2026, 12, 28)
    assert fill_when("{date:+4}", today) == "1. januar 2027"
    assert fill_when("{week:+1}", today) == "Uge 1 2027"
    assert fill_when("Hver måned", today) == "Hver måned"


@time_machine.travel(NOW, tick=False)
def test_load_example_once_with_activities_in_the_coming_weeks(services: Services) -> None:
    loaded = load_example(services, services.context.today())
    assert loaded is not None
    assert loaded.activities == len(example_rows()) == 8
    assert loaded.unmapped == ("Projektgruppen",)
    upcoming = services.upcoming.query(actor=Actor.cli(), days=35, plan=PLAN_NAME)
    assert len(upcoming.coming) >= 4
    kinds = sorted(v.timing.kind.value for v in services.activities.list(PLAN_NAME, Actor.cli()))
    assert kinds == sorted(
        ["date", "date", "ongoing", "on_trigger", "on_trigger", "recurring", "recurring", "window"]
    )
    assert load_example(services, services.context.today()) is None
    assert len(services.activities.list(PLAN_NAME, Actor.cli())) == 8
