"""The plan page in real headless Chromium (Debian's, driven by playwright-core), checked by axe.

For each sample plan: the table has every activity, the filter form works, the first Tab reaches
the skip link, the page reads the same without JavaScript, axe-core finds no WCAG 2.1 A/AA
violation at 1280 px nor on a 390 px phone; at 1280 and 1920 px every column is on screen, on
the phone the timeline is the vertical list. Full-page screenshots are kept in
``test-artifacts/`` (one per width).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import Services
from bot.services.actor import Actor
from config import load_settings
from storage.database import make_engine
from storage.models import Origin
from tests.conftest import REPO, SAMPLES
from tests.shown import shown
from tests.web.served import served_in_child

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
JS = REPO / "tests" / "js"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PLANS = {
    "udbud-kommunikationsplan.docx": "responsible",
    "mittkoping-aktivitetsplan.xlsx": "status",
}


def _require_browser() -> None:
    missing = [
        what
        for what, present in (
            ("node", shutil.which("node") is not None),
            ("chromium", Path(CHROMIUM).exists()),
            ("playwright-core", (JS / "node_modules" / "playwright-core").is_dir()),
            ("axe-core", (JS / "node_modules" / "axe-core").is_dir()),
        )
        if not present
    ]
    if missing:
        message = f"missing for the browser test: {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def served(sqlite_url: str) -> Iterator[tuple[str, dict[str, tuple[str, int]]]]:
    _require_browser()
    services = Services.create(
        load_settings(COMMPLAN_DATABASE_URL=sqlite_url), make_engine(sqlite_url)
    )
    services.teams.add("Udbud", CLI)
    pages: dict[str, tuple[str, int]] = {}
    for name in PLANS:
        report = services.imports.apply(services.imports.read(SAMPLES / name), CLI, team="udbud")
        assert report.plan is not None
        path = shown(services.pages.link(f"#{report.plan.id}", CLI)).split("127.0.0.1:3000", 1)[1]
        count = len(services.activities.list(f"#{report.plan.id}", Actor.cli()))
        pages[name] = (path, count)
    with served_in_child(sqlite_url) as base:
        yield base, pages


def test_sample_plans_in_chromium_with_axe(served: tuple[str, dict[str, tuple[str, int]]]) -> None:
    base, pages = served
    ARTIFACTS.mkdir(exist_ok=True)
    for name, (path, count) in pages.items():
        shot = ARTIFACTS / f"plan-page-{Path(name).stem}.png"
        result = subprocess.run(
            ["node", str(JS / "check_page.mjs"), base + path, str(shot), PLANS[name]],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
            env={**os.environ, "CHROMIUM": CHROMIUM},
        )
        assert result.returncode == 0, result.stderr
        seen = json.loads(result.stdout)
        assert seen["rows"] == count, name
        assert seen["rowsWithoutScript"] == count, name
        assert seen["violations"] == [], (name, seen["violations"])
        assert seen["phoneViolations"] == [], (name, seen["phoneViolations"])
        for width in ("1280", "1920"):
            wide = seen["widths"][width]
            assert wide["offScreen"] == [] and not wide["tableScrolls"], (name, width, wide)
            assert wide["horizontal"] and not wide["vertical"]
            assert not wide["pageScrolls"]
        phone = seen["widths"]["390"]
        assert phone["vertical"] and not phone["horizontal"], (name, phone)
        assert not phone["pageScrolls"], (name, phone)  # only the table's own region scrolls
        for pixels in (390, 1280, 1920):
            assert shot.with_name(f"{shot.stem}-{pixels}.png").stat().st_size > 10_000
        assert seen["lang"] in ("da", "sv", "en")
        assert seen["firstFocus"] in ("Spring til aktiviteterne", "Hoppa till aktiviteterna")
        assert 0 < seen["filtered"]["rows"] <= count
        assert f"{PLANS[name]}=" in seen["filtered"]["url"]
        assert shot.stat().st_size > 10_000
