"""The CLI says how many open activities have nobody responsible: import, plans show, preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import time_machine
from typer.testing import CliRunner

from bot.cli.main import app
from bot.services import Services
from bot.services.actor import Actor
from storage.models import Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
PLAN_CSV = (
    "HVEM;HVAD;HVORDAN;HVORNÅR;ANSVARLIG\n"
    "Medarbejdere;Nyt system;Nyhed på intranettet;4. december 2026;Mette Holm\n"
    "Pressen;Kontrakten;Pressemeddelelse;4. december 2026;\n"
)


@time_machine.travel(NOW, tick=False)
def test_import_show_owner_preview(cli_services: Services, tmp_path: Path) -> None:
    cli_services.teams.add("Udbud", CLI)
    cli_services.people.add("Mette Holm", CLI, team="udbud")
    path = tmp_path / "plan.csv"
    path.write_text(PLAN_CSV, encoding="utf-8")
    runner = CliRunner()
    imported = runner.invoke(app, ["import", str(path), "--plan", "Plan"])
    assert imported.exit_code == 0, imported.output
    no_owner = (
        "1 of 2 open activities have no responsible person and get no reminders: the plan has "
        "no owner (commplan plans owner PLAN PERSON)."
    )
    assert no_owner in " ".join(imported.output.split())
    owned = runner.invoke(app, ["plans", "owner", "Plan", "Mette Holm"])
    assert owned.exit_code == 0, owned.output
    to_owner = (
        "1 of 2 open activities have no responsible person; their reminders go to the plan "
        "owner, Mette Holm."
    )
    shown = runner.invoke(app, ["plans", "show", "Plan"])
    assert to_owner in " ".join(shown.output.split())
    preview = runner.invoke(app, ["reminders", "preview", "--plan", "Plan"])
    assert f"Plan: {to_owner}" in " ".join(preview.output.split())
    assert preview.output.count("Mette Holm") >= 4  # two reminders for each activity
