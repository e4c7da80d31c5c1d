"""No silent gaps: activities with nobody responsible are reminded to the plan owner (unless the
plan turns that off), and import, `plans show`, the plan page and the preview say how many."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from fastapi.testclient import TestClient

from bot.cli.serve import surfaces
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import NotFound
from bot.web.app import create_app
from storage.models import Origin
from tests.shown import shown

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)  # a Monday
# Three rows: one names a known person, one a name that matches nobody, one names nobody.
PLAN_CSV = (
    "HVEM;HVAD;HVORDAN;HVORNÅR;ANSVARLIG\n"
    "Medarbejdere;Nyt system;Nyhed på intranettet;4. december 2026;FC\n"
    "Pressen;Kontrakten;Pressemeddelelse;4. december 2026;Kommunikationsmedarbejder\n"
    "Ledere;Status;Orientering;4. december 2026;\n"
)


def make_plan(services: Services, *, owner: str | None = "Mette Holm") -> None:
    services.teams.add("Udbud", CLI)
    services.people.add("Frida Carlsson", CLI, aliases=["FC"], team="udbud")
    services.people.add("Mette Holm", CLI, team="udbud")
    services.plans.create("Plan", "udbud", CLI, language="en", owner=owner)
    for title, responsible in (("A", "FC"), ("B", "Kommunikationsmedarbejder"), ("C", None)):
        fields = {"when": "4. december 2026"}
        if responsible:
            fields["responsible"] = responsible
        services.activities.add("Plan", title, CLI, fields=fields)
    done = services.activities.add("Plan", "D", CLI, fields={"when": "1. december 2026"})
    services.activities.done(done.activity.id, CLI)  # done: nothing to remind of


def recipients(services: Services) -> dict[str, set[str | None]]:
    """Who the preview reminds of each activity over the next two weeks."""
    rows = services.reminders.preview(
        plan="Plan", start=dt.date(2026, 11, 23), end=dt.date(2026, 12, 6)
    )
    found: dict[str, set[str | None]] = {}
    for row in rows:
        found.setdefault(row.activity, set()).add(row.person)
    return found


@time_machine.travel(NOW, tick=False)
def test_nobody_responsible_goes_to_the_owner_and_is_counted(services: Services) -> None:
    make_plan(services)
    gaps = services.plans.summary("Plan", Actor.cli()).unassigned
    assert gaps.as_json() == {
        "open": 3,
        "without_responsible": 2,
        "reminded_owner": 2,
        "owner": "Mette Holm",
    }
    assert gaps.text("en") == (
        "2 of 3 open activities have no responsible person; their reminders go to the plan "
        "owner, Mette Holm."
    )
    assert recipients(services) == {
        "A": {"Frida Carlsson"},
        "B": {"Mette Holm"},
        "C": {"Mette Holm"},
    }
    [(name, listed)] = services.reminders.unassigned(plan="Plan")
    assert (name, listed) == ("Plan", gaps)


@time_machine.travel(NOW, tick=False)
def test_the_plan_can_turn_the_fallback_off_and_an_activity_back_on(services: Services) -> None:
    make_plan(services)
    services.reminders.set_policy("Plan", {"fallback_to_owner": "false"}, CLI)
    gaps = services.plans.summary("Plan", Actor.cli()).unassigned
    assert (gaps.count, gaps.to_owner) == (2, 0)
    assert gaps.text("da") == (
        "2 af 3 åbne aktiviteter har ingen ansvarlig person og får ingen påmindelser: "
        "påmindelser til ejeren er slået fra (fallback_to_owner)."
    )
    assert recipients(services) == {"A": {"Frida Carlsson"}}
    c = next(v for v in services.activities.list("Plan", Actor.cli()) if v.title == "C")
    services.reminders.set_policy("Plan", {"fallback_to_owner": "yes"}, CLI, activity_id=c.id)
    gaps = services.plans.summary("Plan", Actor.cli()).unassigned
    assert gaps.to_owner == 1
    assert gaps.text("sv") == (
        "2 av 3 öppna aktiviteter har ingen ansvarig person; för 1 av dem går påminnelserna "
        "till planens ägare, Mette Holm, de andra får inga."
    )
    assert recipients(services) == {"A": {"Frida Carlsson"}, "C": {"Mette Holm"}}


@time_machine.travel(NOW, tick=False)
def test_a_plan_without_owner_says_so_until_one_is_set(services: Services) -> None:
    make_plan(services, owner=None)
    gaps = services.plans.summary("Plan", Actor.cli()).unassigned
    assert (gaps.count, gaps.to_owner, gaps.owner) == (2, 0, None)
    assert "the plan has no owner (commplan plans owner PLAN PERSON)" in (gaps.text("en") or "")
    assert recipients(services) == {"A": {"Frida Carlsson"}}
    with pytest.raises(NotFound):
        services.plans.set_owner("Plan", "Nobody", CLI)
    services.plans.set_owner("Plan", "Mette Holm", CLI)
    assert services.plans.summary("Plan", Actor.cli()).unassigned.to_owner == 2
    assert recipients(services)["C"] == {"Mette Holm"}


@time_machine.travel(NOW, tick=False)
def test_everyone_assigned_says_nothing(services: Services) -> None:
    services.teams.add("Udbud", CLI)
    services.people.add("Frida Carlsson", CLI, aliases=["FC"], team="udbud")
    services.plans.create("Plan", "udbud", CLI)
    services.activities.add("Plan", "A", CLI, fields={"responsible": "FC"})
    gaps = services.plans.summary("Plan", Actor.cli()).unassigned
    assert (gaps.open, gaps.count, gaps.text("en")) == (1, 0, None)
    assert services.reminders.unassigned() == []


@time_machine.travel(NOW, tick=False)
def test_import_and_the_plan_page_say_how_many_have_nobody(
    services: Services, tmp_path: Path
) -> None:
    services.teams.add("Udbud", CLI)
    services.people.add("Frida Carlsson", CLI, aliases=["FC"], team="udbud")
    path = tmp_path / "plan.csv"
    path.write_text(PLAN_CSV, encoding="utf-8")
    dry = services.imports.apply(services.imports.read(path), CLI, team="udbud", dry_run=True)
    assert dry.unassigned is not None and (dry.unassigned.count, dry.unassigned.open) == (2, 3)
    report = services.imports.apply(services.imports.read(path), CLI, team="udbud")
    assert report.as_json("en")["unassigned"] == {
        "open": 3,
        "without_responsible": 2,
        "reminded_owner": 0,
        "owner": None,
    }
    assert report.plan is not None
    url = shown(services.pages.link(f"#{report.plan.id}", CLI))
    context = services.context
    client = TestClient(create_app(context.settings, context.engine, surfaces(services)))
    html = client.get(url.split("127.0.0.1:3000", 1)[1]).text
    # The page speaks the plan's language (Danish, read from the headings).
    assert "2 af 3 åbne aktiviteter har ingen ansvarlig person og får ingen påmindelser" in html
