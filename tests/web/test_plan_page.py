"""The plan page and its picture: every activity, filters, escaping, tokens, languages."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
import time_machine
from fastapi.testclient import TestClient
from PIL import Image

from bot.cli.serve import surfaces
from bot.services import Services
from bot.services.actor import Actor
from bot.web.app import create_app
from storage.models import Origin
from tests.conftest import SAMPLES
from tests.shown import shown

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
PLAN_FILES = [
    "udbud-kommunikationsplan.docx",
    "udbud-kommunikationsplan.csv",
    "mittkoping-aktivitetsplan.docx",
    "mittkoping-aktivitetsplan.xlsx",
]


def client_for(services: Services) -> TestClient:
    context = services.context
    return TestClient(create_app(context.settings, context.engine, surfaces(services)))


def imported(services: Services, name: str) -> str:
    """Import a sample plan; returns the path of its page."""
    plan = services.imports.read(SAMPLES / name)
    report = services.imports.apply(plan, CLI, team="udbud")
    assert report.plan is not None
    url = shown(services.pages.link(f"#{report.plan.id}", CLI))
    return url.split("127.0.0.1:3000", 1)[1]


def rows_of(html: str) -> int:
    return len(re.findall(r'<tr id="activity-\d+"', html))


@pytest.mark.parametrize("name", PLAN_FILES)
@time_machine.travel(NOW, tick=False)
def test_every_sample_plan_shows_every_activity(services: Services, name: str) -> None:
    services.teams.add("Udbud", CLI)
    path = imported(services, name)
    response = client_for(services).get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    plan_id = int(services.plans.list()[0].id)
    activities = services.activities.list(f"#{plan_id}", Actor.cli())
    assert rows_of(response.text) == len(activities) > 0
    language = services.plans.list()[0].language
    assert f'<html lang="{language}">' in response.text
    assert "<script" not in response.text


@time_machine.travel(NOW, tick=False)
def test_filters_narrow_the_table_and_unknown_values_are_ignored(services: Services) -> None:
    services.teams.add("Udbud", CLI)
    path = imported(services, "udbud-kommunikationsplan.csv")
    client = client_for(services)
    whole = rows_of(client.get(path).text)
    narrowed = client.get(path, params={"responsible": "Projektleder"}).text
    assert 0 < rows_of(narrowed) < whole
    assert '<option value="Projektleder" selected>' in narrowed
    assert rows_of(client.get(path, params={"responsible": "nobody"}).text) == whole


@time_machine.travel(NOW, tick=False)
def test_user_text_is_escaped_and_other_plans_are_not_shown(services: Services) -> None:
    services.teams.add("Udbud", CLI)
    services.plans.create("Plan", "udbud", CLI, language="sv", purpose="Att <b>informera</b>")
    services.plans.create("Annan", "udbud", CLI)
    services.activities.add(
        "Plan", "<script>alert(1)</script>", CLI, fields={"when": "1 december 2026"}
    )
    services.activities.add("Annan", "Hemlig aktivitet", CLI, fields={"when": "2 december 2026"})
    path = shown(services.pages.link("Plan", CLI)).split("127.0.0.1:3000", 1)[1]
    html = client_for(services).get(path).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html and "<b>" not in html
    assert "Hemlig aktivitet" not in html
    assert '<html lang="sv">' in html and "Tidslinje" in html and "Syfte" in html


@time_machine.travel(NOW, tick=False)
def test_wrong_and_rotated_tokens_are_404(services: Services) -> None:
    services.teams.add("Udbud", CLI)
    services.plans.create("Plan", "udbud", CLI)
    client = client_for(services)
    made = services.pages.link("Plan", CLI)
    assert made is not None
    old = made.rsplit("/", 1)[1]
    assert services.pages.link("Plan", CLI) is None  # shown once: its token is not kept
    assert client.get(f"/plans/{old}").status_code == 200
    for wrong in (old[:-1] + ("A" if old[-1] != "A" else "B"), "x" * 43, "x" * 500):
        assert client.get(f"/plans/{wrong}").status_code == 404
    rotated = services.pages.link("Plan", CLI, rotate=True)
    assert rotated is not None
    new = rotated.rsplit("/", 1)[1]
    assert client.get(f"/plans/{old}").status_code == 404
    assert client.get(f"/plans/{new}").status_code == 200


@time_machine.travel(NOW, tick=False)
def test_the_picture_is_a_png_of_the_next_eight_weeks(services: Services, tmp_path: Path) -> None:
    services.teams.add("Udbud", CLI)
    imported(services, "udbud-kommunikationsplan.csv")
    data = services.pages.picture("#1", Actor.cli())
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size[0] == 1400
    # One row per activity dated in the next 8 weeks: the picture grows with them.
    assert image.size[1] > 110 + 50
