"""`commplan calendar --weeks --from --format json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import time_machine
from PIL import Image
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import context
from bot.cli.main import app
from bot.pages.heatmap import Layout
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from storage.models import AuditEntry, Origin
from tests.coordination.test_calendar import NOW, organisation
from tests.web.test_calendar_page import counts
from tests.web.test_plan_page import client_for


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
            {"audience": "Borgerne", "counts": [0, 1], "total": 1},
            {"audience": "Medarbejdere", "counts": [1, 0], "total": 1},
            {"audience": "Pressen", "counts": [1, 0], "total": 1},
        ],
        "channels": [
            {"channel": "Pressemøde", "counts": [1, 0], "total": 1},
            {"channel": "Web", "counts": [0, 2], "total": 2},
        ],
    }


@time_machine.travel(NOW, tick=False)
def test_a_link_to_the_calendar_page_and_its_picture(
    cli_services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COMMPLAN_PUBLIC_URL", "https://plans.example.org")
    monkeypatch.setenv("COMMPLAN_CALENDAR_LINK_DAYS", "30")
    monkeypatch.setenv("COMMPLAN_LINK_SECRET", "a-calendar-secret-for-the-cli")
    context.settings.cache_clear()
    context.services.cache_clear()
    services = context.services()
    organisation(services)
    runner = CliRunner()
    made = runner.invoke(app, ["calendar", "--link", "--as", "Mads", "--weeks", "3"])
    assert made.exit_code == 0, made.output
    # 30 days from Monday 22 March 2027 (the setting), in words, then the URL.
    assert made.output.startswith("The calendar for Mads, open until 21 April 2027: ")
    url = made.output.split(": ", 1)[1].strip()
    assert url.startswith("https://plans.example.org/calendar/")
    page = client_for(services).get(url.removeprefix("https://plans.example.org"))
    mads = Actor(Origin.CLI, services.people.get("Mads").id, "Mads")
    view = services.calendar.grid(mads, weeks=3)
    assert page.status_code == 200
    assert counts(page.text, "by-audience") == {row.name: row.counts for row in view.audiences}
    ten = runner.invoke(app, ["calendar", "--link", "--days", "10"])  # the admin's: every plan
    assert ten.output.startswith("The calendar for the whole organisation, open until 1 April")
    # The picture, to a file; without one, one line and nothing written.
    picture = tmp_path / "calendar.png"
    wrote = runner.invoke(
        app, ["calendar", "--weeks", "3", "--format", "png", "--output", str(picture)]
    )
    assert wrote.exit_code == 0, wrote.output
    admin = services.calendar.grid(Actor.cli(), weeks=3)
    size = Layout(3, (len(admin.audiences), len(admin.channels))).size
    with Image.open(picture) as image:
        assert image.format == "PNG" and image.size == size
    assert wrote.output.strip() == f"Wrote {picture} ({size[0]} × {size[1]} px)."
    missing = runner.invoke(app, ["calendar", "--format", "png"])
    # `commplan` (bot.cli.main.run) prints the error's one line and exits 2.
    assert isinstance(missing.exception, Invalid)
    assert missing.exception.message("en") == (
        "A picture is written to a file: add --output FILE.png."
    )


@time_machine.travel(NOW, tick=False)
def test_the_admins_links_are_revoked_without_rotating_the_secret(
    cli_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The admin's link shows every plan: `calendar --revoke-links` ends every one made so far
    (the secret, and so every e-mail's links, stay); one made afterwards opens; a person's
    own links are theirs to revoke and are not touched by the admin's."""
    monkeypatch.setenv("COMMPLAN_PUBLIC_URL", "https://plans.example.org")
    monkeypatch.setenv("COMMPLAN_LINK_SECRET", "a-calendar-secret-for-the-cli")
    context.settings.cache_clear()
    context.services.cache_clear()
    services = context.services()
    organisation(services)
    runner = CliRunner()
    client = client_for(services)

    def made(*args: str) -> str:
        result = runner.invoke(app, ["calendar", "--link", *args])
        assert result.exit_code == 0, result.output
        return result.output.split(": ", 1)[1].strip().removeprefix("https://plans.example.org")

    admins, mads = made(), made("--as", "Mads")
    assert client.get(admins).status_code == 200 and client.get(mads).status_code == 200
    revoked = runner.invoke(app, ["calendar", "--revoke-links"])
    assert revoked.exit_code == 0, revoked.output
    assert revoked.output.startswith("Every calendar link made for the whole organisation")
    assert client.get(admins).status_code == 404
    assert client.get(admins + ".png").status_code == 404
    assert client.get(mads).status_code == 200  # not the admin's
    assert client.get(made()).status_code == 200  # a new one opens
    assert runner.invoke(app, ["calendar", "--revoke-links", "--as", "Mads"]).exit_code == 0
    assert client.get(mads).status_code == 404
    with services.context.sessions() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert actions.count("calendar.link.revoke") == 2
