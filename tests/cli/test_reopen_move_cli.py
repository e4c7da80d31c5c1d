"""`commplan activities reopen|move`, and `edit --set status=...` as the issue tried it."""

from __future__ import annotations

import datetime as dt

import time_machine
from typer.testing import CliRunner

from bot.cli.main import app
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from storage.models import Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


def one_done(services: Services) -> int:
    services.teams.add("Udbud", CLI)
    services.plans.create("Plan", "udbud", CLI, language="da")
    saved = services.activities.add("Plan", "Artikel", CLI, fields={"when": "1. december 2026"})
    services.activities.done(saved.activity.id, CLI)
    return saved.activity.id


@time_machine.travel(NOW, tick=False)
def test_reopen_then_move(cli_services: Services) -> None:
    activity_id = one_done(cli_services)
    runner = CliRunner()
    reopened = runner.invoke(app, ["activities", "reopen", str(activity_id)])
    assert reopened.exit_code == 0, reopened.output
    assert reopened.output.strip() == f"#{activity_id} Artikel: Planned, 1 Dec 2026"
    moved = runner.invoke(app, ["activities", "move", str(activity_id), "15. januar 2027"])
    assert moved.exit_code == 0, moved.output
    line, question = moved.output.splitlines()
    assert line == f"#{activity_id} Artikel: date, 15 Jan 2027"
    # 29 working days from the plan's date (Christmas and New Year's holidays left out): a
    # deviation, and the question why.
    assert question.startswith("A deviation from the plan (29 working days from 1 December 2026).")
    view = cli_services.activities.get(activity_id)
    assert (view.status, view.when) == ("planned", "15. januar 2027")


@time_machine.travel(NOW, tick=False)
def test_edit_status_planned_reopens_and_other_values_say_what_to_use(
    cli_services: Services,
) -> None:
    activity_id = one_done(cli_services)
    runner = CliRunner()
    edited = runner.invoke(app, ["activities", "edit", str(activity_id), "--set", "status=planned"])
    assert edited.exit_code == 0, edited.output
    assert cli_services.activities.get(activity_id).status == "planned"
    refused = runner.invoke(app, ["activities", "edit", str(activity_id), "--set", "status=open"])
    assert isinstance(refused.exception, Invalid)
    assert str(refused.exception) == (
        f"Status is not changed with edit: use done {activity_id}, reopen {activity_id} "
        f"or cancel {activity_id}"
    )
    assert cli_services.activities.get(activity_id).status == "planned"
