"""`commplan calendar --weeks --from --format json`."""

from __future__ import annotations

import json

import time_machine
from typer.testing import CliRunner

from bot.cli.main import app
from bot.services import Services
from tests.coordination.test_calendar import NOW, organisation


@time_machine.travel(NOW, tick=False)
def test_calendar_from_the_command_line(cli_services: Services) -> None:
    organisation(cli_services)
    runner = CliRunner()
    result = runner.invoke(
        app, ["calendar", "--weeks", "2", "--from", "2027-W13", "--format", "json"]
    )
    assert json.loads(result.output) == {
        "weeks": ["2027-W13", "2027-W14"],
        "audiences": [
            {"audience": "(no audience)", "counts": [0, 1], "total": 1},
            {"audience": "Medarbejdere", "counts": [1, 0], "total": 1},
            {"audience": "Pressen", "counts": [1, 0], "total": 1},
        ],
        "channels": [
            {"channel": "Pressemøde", "counts": [1, 0], "total": 1},
            {"channel": "Web", "counts": [0, 1], "total": 1},
        ],
    }
