"""`commplan audiences add|alias|list|map|unplaced`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bot.cli.main import app
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from storage.models import Surface

CLI = Actor(Surface.CLI, None, "cli:test", admin=True)


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
    assert aliased.output.strip() == "staff: 1 activities; 1 read anew."
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
        }
    ]
    refused = runner.invoke(app, ["audiences", "map", "Plan", "Nobody", "staff"])
    assert isinstance(refused.exception, Invalid)
