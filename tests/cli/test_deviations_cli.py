"""`commplan activities move|cancel --reason`, the question without one, `commplan why`, and
`commplan deviations PLAN` as a table, JSON, CSV and .xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import time_machine
from typer.testing import CliRunner

from bot.cli.main import app
from bot.services import Services
from bot.services.actor import Actor
from storage.models import Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


@time_machine.travel(dt.datetime(2027, 3, 22, 7, 0, tzinfo=dt.UTC), tick=False)
def test_record_explain_and_export_deviations(cli_services: Services, tmp_path: Path) -> None:
    cli_services.teams.add("Skole", CLI)
    cli_services.plans.create("Plan", "skole", CLI, language="da")
    ids = [
        cli_services.activities.add(
            "Plan", title, CLI, fields={"when": "24. marts 2027"}
        ).activity.id
        for title in ("Nyhedsbrev", "Pressemøde")
    ]
    runner = CliRunner()
    moved = runner.invoke(app, ["activities", "move", str(ids[0]), "6. april 2027"])
    assert moved.exit_code == 0, moved.output
    assert moved.output.splitlines()[1] == (
        "A deviation from the plan (6 working days from 24 March 2027). "
        'Why? commplan why 1 "REASON"'
    )
    explained = runner.invoke(app, ["why", "1", '=HYPERLINK("x") and a printer delay'])
    assert explained.output.strip() == "The reason for deviation 1 (Nyhedsbrev) is on record."
    cancelled = runner.invoke(
        app, ["activities", "cancel", str(ids[1]), "--reason", "Udskudt af direktionen"]
    )
    assert len(cancelled.output.splitlines()) == 1  # a reason given: nothing to ask
    listed = json.loads(runner.invoke(app, ["deviations", "Plan", "--format", "json"]).output)
    assert [(d["kind"], d["working_days"], d["reason"]) for d in listed] == [
        ("moved", 6, '=HYPERLINK("x") and a printer delay'),
        ("cancelled", None, "Udskudt af direktionen"),
    ]
    rows = list(
        csv.reader(
            io.StringIO(runner.invoke(app, ["deviations", "Plan", "--format", "csv"]).output)
        )
    )
    # One CSV rule (bot/exporting/delimited.py): a BOM, "," in English, headings in words.
    assert rows[0][:4] == ["\ufeffid", "activity id", "activity", "kind"]
    assert rows[0][9] == "at (Europe/Copenhagen)"
    assert rows[1][7] == '\'=HYPERLINK("x") and a printer delay'  # no spreadsheet runs it
    book_path = tmp_path / "deviations.xlsx"
    written = runner.invoke(app, ["deviations", "Plan", "--format", "xlsx", "-o", str(book_path)])
    assert written.exit_code == 0, written.output
    sheet = openpyxl.load_workbook(book_path).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][3:7] == ["moved", dt.datetime(2027, 3, 24), dt.datetime(2027, 4, 6), 6]
    # The reason as written, in a text cell: Excel shows it and runs nothing.
    assert values[1][7] == '=HYPERLINK("x") and a printer delay'
    assert sheet.cell(2, 8).data_type == "s"
    table = runner.invoke(app, ["deviations", "Plan"]).output
    assert "Udskudt af direktionen" in table
