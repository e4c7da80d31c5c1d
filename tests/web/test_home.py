"""``GET /``: a page in the organisation's language saying what runs here; no plan data."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from fastapi.testclient import TestClient

from bot.services import Services
from bot.services.actor import Actor
from bot.web.app import create_app
from config import load_settings
from storage.database import make_engine
from storage.models import Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))
        if tag == "html":
            self.lang = values.get("lang")


def home(url: str, **env: str) -> tuple[str, Links]:
    settings = load_settings(COMMPLAN_DATABASE_URL=url, **env)
    client = TestClient(create_app(settings, make_engine(url)))
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    links = Links()
    links.feed(response.text)
    # The health link, followed from the page it is on, answers.
    assert client.get(urljoin("/", links.hrefs[0])).json()["status"] == "ok"
    return response.text, links


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("da", "Her kører commplan"),
        ("sv", "Här kör commplan"),
        ("en", "commplan runs here"),
    ],
)
def test_home_in_the_organisations_language(sqlite_url: str, language: str, says: str) -> None:
    text, links = home(sqlite_url, COMMPLAN_LANGUAGE=language)
    assert links.lang == language
    assert says in text
    assert links.hrefs == ["healthz"]
    assert "docs/" in text  # no docs address set: where the documentation is


def test_home_links_the_docs_and_names_the_surfaces_served(sqlite_url: str) -> None:
    text, links = home(
        sqlite_url,
        COMMPLAN_LANGUAGE="en",
        COMMPLAN_DOCS_URL="https://intra.example.dk/commplan/docs",
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET="s3cret-signing",
    )
    assert links.hrefs == ["healthz", "https://intra.example.dk/commplan/docs"]
    assert "The Slack app (/commplan)" in text
    assert "Microsoft Teams" not in text
    assert "xoxb-test" not in text and "s3cret-signing" not in text


def test_home_names_every_surface_served_email_too(sqlite_url: str) -> None:
    """Each enabled surface has its line, in the registry's order: e-mail was left out."""
    text, _ = home(
        sqlite_url,
        COMMPLAN_LANGUAGE="da",
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET="s3cret-signing",
        TEAMS_APP_ID="app",
        COMMPLAN_SMTP_URL="smtp://127.0.0.1:2525",
        COMMPLAN_MAIL_FROM="commplan@kommune.example",
        COMMPLAN_LINK_SECRET="a-secret-of-sixteen-or-more",
    )
    slack, teams, email = (
        text.index("Slack-appen (/commplan)"),
        text.index("Microsoft Teams-appen"),
        text.index("E-mail med påmindelser og godkendelser"),
    )
    assert slack < teams < email < text.index("Kalenderfeeds og plansider")
    assert "smtp://" not in text


def test_home_shows_no_data(services: Services) -> None:
    """With a team, a person and a plan in the database, none of their names is on the page."""
    services.teams.add("Udbud Social", CLI)
    services.people.add("Frida Carlsson", CLI, team="udbud-social")
    services.plans.create("Hemmelig plan", "udbud-social", CLI)
    services.activities.add("#1", "Pressemeddelelse", CLI, fields={"when": "1/12 2030"})
    url = services.context.settings.database_url
    text, _ = home(url, COMMPLAN_LANGUAGE="en")
    for name in ("Udbud", "Frida", "Hemmelig", "Pressemeddelelse", "2030"):
        assert name not in text
