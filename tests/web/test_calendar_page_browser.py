"""The calendar page in real headless Chromium (Debian's, driven by playwright-core), checked by
axe: no WCAG 2.1 A/AA violation at 1280 px nor on a 390 px phone (the shades' contrast among
them), the tables read as the service counts them, with and without JavaScript, and the first
Tab reaches the skip link. Screenshots are kept in ``test-artifacts/``."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections.abc import Iterator

import pytest

from bot.services import Services
from bot.web.calendar_page import CalendarLinks
from config import load_settings
from storage.database import make_engine
from tests.coordination.test_calendar import organisation
from tests.web.served import served_in_child
from tests.web.test_plan_page_browser import ARTIFACTS, CHROMIUM, JS, _require_browser

SECRET = "calendar-browser-test-secret"


@pytest.fixture
def served(sqlite_url: str) -> Iterator[tuple[str, Services]]:
    _require_browser()
    settings = load_settings(
        COMMPLAN_DATABASE_URL=sqlite_url, COMMPLAN_LANGUAGE="da", COMMPLAN_LINK_SECRET=SECRET
    )
    services = Services.create(settings, make_engine(sqlite_url))
    with served_in_child(sqlite_url, COMMPLAN_LINK_SECRET=SECRET) as base:
        yield base, services


def test_the_calendar_page_in_chromium_with_axe(served: tuple[str, Services]) -> None:
    base, services = served
    mads = organisation(services)  # its weeks are 2027-W12 to W14: the link asks for them
    ARTIFACTS.mkdir(exist_ok=True)
    # A member's page: the gate at work, and another plan's activities in the overlaps (the
    # admin's tables are compared with the service in test_calendar_page.py, without a browser).
    for who, actor in (("member", mads),):
        grant = services.calendar.grant(actor, weeks=3, audience=None, days=1)
        path = "/calendar/" + CalendarLinks(services.context).token(grant) + "?from=2027-W12"
        shot = ARTIFACTS / f"calendar-page-{who}.png"
        result = subprocess.run(
            ["node", str(JS / "check_calendar.mjs"), base + path, str(shot)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "CHROMIUM": CHROMIUM},
        )
        assert result.returncode == 0, result.stderr
        seen = json.loads(result.stdout)
        assert seen["violations"] == [], (who, seen["violations"])
        assert seen["phoneViolations"] == [], (who, seen["phoneViolations"])
        assert not seen["pageScrolls"], who  # only a table's own region scrolls on a phone
        assert seen["lang"] == "da"
        assert seen["firstFocus"] == "Spring til tabellerne"
        assert seen["tablesWithoutScript"] == seen["tables"]
        view = services.calendar.grid(actor, weeks=3, first=dt.date(2027, 3, 22))
        audiences = {
            "(no audience)" if name == "(ingen målgruppe)" else name: tuple(map(int, cells[:-1]))
            for name, cells in seen["tables"]["by-audience"]
        }
        assert audiences == {row.name: row.counts for row in view.audiences}, who
        channels = {
            name: tuple(map(int, cells[:-1])) for name, cells in seen["tables"]["by-channel"]
        }
        assert channels == {row.name: row.counts for row in view.channels}, who
        assert shot.stat().st_size > 10_000
