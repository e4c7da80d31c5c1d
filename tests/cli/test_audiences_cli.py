"""`commplan audiences add|alias|list|map|unplaced` and `commplan overlaps [intended KEY]`."""

from __future__ import annotations

import datetime as dt
import json

import time_machine
from typer.testing import CliRunner

from bot.cli.main import app
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from storage.models import Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


def test_grow_the_vocabulary_and_map_a_plans_name(cli_services: Services) -> None:
    cli_services.teams.add("Udbud", CLI)
    cli_services.plans.create("Plan", "udbud", CLI, language="da")
    for title, target in (("Artikel", "Alle medarbejdere"), ("Møde", "Personale og pressen")):
        cli_services.activities.add("Plan", title, CLI, fields={"target_group": target})
    runner = CliRunner()
    added = runner.invoke(app, ["audiences", "add", "Medarbejdere", "--slug", "staff"])
    assert added.exit_code == 0, added.output
    assert added.output.strip() == "staff: 0 activities; 0 read anew."
    aliased = runner.invoke(app, ["audiences", "alias", "staff", "Alle medarbejdere"])
    assert aliased.output.strip() == "staff: 1 activity; 1 read anew."
    unplaced = runner.invoke(app, ["audiences", "unplaced", "Plan", "--format", "json"])
    assert json.loads(unplaced.output) == [
        {"name": "Personale", "rows": 1},
        {"name": "pressen", "rows": 1},
    ]
    mapped = runner.invoke(app, ["audiences", "map", "Plan", "Personale", "staff"])
    assert mapped.output.strip() == "staff: 2 activities; 1 read anew."
    listed = json.loads(runner.invoke(app, ["audiences", "list", "--format", "json"]).output)
    assert listed == [
        {
            "id": 1,
            "slug": "staff",
            "name": "Medarbejdere",
            "aliases": [
                {"language": "en", "name": "Medarbejdere"},
                {"language": "en", "name": "Alle medarbejdere"},
                {"language": "da", "name": "Personale"},
            ],
            "activities": 2,
            "budgets": [],
        }
    ]
    refused = runner.invoke(app, ["audiences", "map", "Plan", "Nobody", "staff"])
    assert isinstance(refused.exception, Invalid)


@time_machine.travel(dt.datetime(2027, 3, 22, 7, 0, tzinfo=dt.UTC), tick=False)
def test_overlaps_listed_as_json_then_marked_intended(cli_services: Services) -> None:
    cli_services.audiences.add("Medarbejdere", CLI, language="da", slug="staff")
    for team, plan, when in (("Skole", "A", "24. marts 2027"), ("Kultur", "B", "2. april 2027")):
        cli_services.teams.add(team, CLI)
        cli_services.plans.create(plan, team.lower(), CLI, language="da")
        fields = {"target_group": "Medarbejdere", "when": when}
        cli_services.activities.add(plan, f"Nyhed {plan}", CLI, fields=fields)
    runner = CliRunner()
    listed = json.loads(runner.invoke(app, ["overlaps", "--format", "json"]).output)
    assert [(o["kind"], o["audience"], o["plans"], o["intended"]) for o in listed] == [
        ("near", "Medarbejdere", [1, 2], False)
    ]
    assert [a["title"] for a in listed[0]["activities"]] == ["Nyhed A", "Nyhed B"]
    text = runner.invoke(app, ["overlaps"]).output
    assert "Medarbejdere: 2 plans reach the same audience within 5 working days." in text
    key = listed[0]["key"]
    marked = runner.invoke(app, ["overlaps", "intended", key, "--note", "one campaign"])
    assert marked.output.strip() == f"Marked intended: {key}"
    again = json.loads(runner.invoke(app, ["overlaps", "--format", "json"]).output)
    assert again[0]["intended"] is True


def test_seed_merges_the_shipped_vocabulary_from_the_command_line(cli_services: Services) -> None:
    cli_services.teams.add("Udbud", CLI)
    cli_services.plans.create("Plan", "udbud", CLI, language="da")
    cli_services.activities.add("Plan", "Artikel", CLI, fields={"target_group": "Pressen"})
    runner = CliRunner()
    runner.invoke(app, ["audiences", "add", "Ledelse", "--slug", "ledelse"])
    runner.invoke(app, ["audiences", "alias", "ledelse", "Chefgruppen", "--language", "da"])
    seeded = runner.invoke(app, ["audiences", "seed"])
    assert seeded.exit_code == 0, seeded.output
    assert seeded.output.splitlines() == [
        "“Chefgruppen” (da) already means ledelse and is left there.",
        "The vocabulary is merged: 13 new audiences, 228 new names; 1 activity read anew.",
    ]
    again = runner.invoke(app, ["audiences", "seed", "--format", "json"])
    assert json.loads(again.output) == {
        "added": [],
        "aliases": 0,
        "kept": [{"language": "da", "name": "Chefgruppen", "audience": "ledelse"}],
        "relinked": 0,
    }
    listed = json.loads(runner.invoke(app, ["audiences", "list", "--format", "json"]).output)
    names = {audience["slug"]: audience["name"] for audience in listed}
    assert names["ledelse"] == "Ledelse" and names["staff"] == "Staff"  # COMMPLAN_LANGUAGE=en
