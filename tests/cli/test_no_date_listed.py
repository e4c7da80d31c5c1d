"""Issue 29, item 6: activities with no date (an import's unreadable cell, or a "when" kept as
free text) are listed under a heading of their own by `plans show`, `upcoming --all`,
the plan page and the weekly digest, instead of vanishing from them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import time_machine
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from bot.chat.digests import digest_text
from bot.cli.main import app
from bot.cli.serve import surfaces
from bot.services import Services
from bot.services.actor import Actor
from bot.web.app import create_app
from storage.models import Origin
from tests.importing.documents import write_csv
from tests.shown import shown

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
FREE = "Når <KB> har vedtaget budgettet"  # a trigger: has no date, but is not "no date"
UNREAD = "efter valget & <b>konstitueringen</b>"


def _plan(services: Services, tmp_path: Path) -> dict[str, int]:
    """A plan imported with one dated row, one unreadable "when" and one on trigger."""
    services.teams.add("Udbud", CLI)
    rows = [
        ["Aktivitet", "Målgruppe", "Hvornår"],
        ["Artikel", "Alle", "1. december 2026"],
        ["Tale", "Alle", UNREAD],
        ["Pressemøde", "Pressen", FREE],
    ]
    path = write_csv(tmp_path / "plan.csv", rows)
    services.imports.apply(services.imports.read(path), CLI, plan_name="Plan", team="udbud")
    return {view.title: view.id for view in services.activities.list("Plan", CLI)}


@time_machine.travel(NOW, tick=False)
def test_the_cli_lists_what_has_no_date(cli_services: Services, tmp_path: Path) -> None:
    ids = _plan(cli_services, tmp_path)
    runner = CliRunner()
    shown = runner.invoke(app, ["plans", "show", "Plan"])
    assert shown.exit_code == 0, shown.output
    head, _, undated = shown.output.partition("No date")
    assert f"#{ids['Artikel']}" in head and f"#{ids['Tale']}" not in head
    assert f"#{ids['Tale']}" in undated and "Pressemøde" not in undated
    as_json = json.loads(runner.invoke(app, ["plans", "show", "Plan", "--format", "json"]).output)
    assert [view["id"] for view in as_json["no_date"]] == [ids["Tale"]]
    plain = runner.invoke(app, ["upcoming", "--days", "30"])
    assert "Tale" not in plain.output and "No date" not in plain.output
    everything = runner.invoke(app, ["upcoming", "--days", "30", "--all"])
    assert everything.exit_code == 0, everything.output
    coming, _, undated = everything.output.partition("No date")
    assert "Artikel" in coming and "Tale" not in coming
    assert "Tale" in undated and "Pressemøde" not in undated


@time_machine.travel(NOW, tick=False)
def test_the_page_and_the_digest_list_what_has_no_date(services: Services, tmp_path: Path) -> None:
    ids = _plan(services, tmp_path)
    context = services.context
    client = TestClient(create_app(context.settings, context.engine, surfaces(services)))
    path = shown(services.pages.link("Plan", CLI)).split("127.0.0.1:3000", 1)[1]
    html = client.get(path).text
    section = html.split('<section aria-labelledby="undated-heading" id="undated">', 1)[1]
    section = section.split("</section>", 1)[0]
    assert '<h2 id="undated-heading">Uden dato</h2>' in section
    assert f'<a href="#activity-{ids["Tale"]}">#{ids["Tale"]} Tale</a>' in section
    assert "efter valget &amp; &lt;b&gt;konstitueringen&lt;/b&gt;" in section
    assert "Pressemøde" not in section and "Artikel" not in section
    digest = services.digests.weekly("Plan", CLI, week="2026-W48")
    text = digest_text(digest, "sv")
    assert "Utan datum:" in text
    assert f"  #{ids['Tale']} Tale – \u201c{UNREAD}\u201d" in text.splitlines()
