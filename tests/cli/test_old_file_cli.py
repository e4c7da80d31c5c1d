"""`commplan import OLD.csv` once the plan moved on: the conflicts printed row by row, theirs
and ours, in the dry run and the real run; `--force` says what it reverts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import time_machine
from typer.testing import CliRunner

from bot.cli.main import app
from bot.services import Services
from bot.services.actor import Actor
from tests.services.test_old_files import edited, new_work, setup

NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


@time_machine.travel(NOW, tick=False)
def test_the_conflicts_are_printed_theirs_and_ours(cli_services: Services, tmp_path: Path) -> None:
    old = edited(setup(cli_services, tmp_path))
    new_work(cli_services)
    for dry in (["--dry-run"], []):
        result = CliRunner().invoke(app, ["import", str(old), *dry])
        assert result.exit_code == 0, result.output
        out = " ".join(result.output.split())
        assert "Conflict: #1 Personalemøde – Medarbejdere changed in the plan after the" in out
        assert "remarks: the file “”, the plan “Husk kaffe”" in out
        assert "in the plan: Cancelled" in out
        assert "Kept: #6 Nyt opslag was added to the plan after the export." in out
        assert "import with --force" in out
    forced = CliRunner().invoke(app, ["import", str(old), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "Overwritten (--force): #1 Personalemøde" in " ".join(forced.output.split())
    views = {a.title: a for a in cli_services.activities.list("skole", Actor.cli())}
    assert views["Pressemeddelelse – Pressen"].status == "planned"
