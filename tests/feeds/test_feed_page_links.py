"""Feed events no longer link to the plan page: its token is shown once and never kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import icalendar
import pytest
import time_machine

from bot.services import Services
from bot.services.actor import Actor
from config import load_settings
from storage.database import make_engine
from storage.models import Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
MARCH = dt.datetime(2027, 3, 10, 9, 0, tzinfo=dt.UTC)
PUBLIC = "https://commplan.example.dk"


def make(db_url: str, public_url: str | None) -> Services:
    extra = {"COMMPLAN_PUBLIC_URL": public_url} if public_url else {}
    settings = load_settings(COMMPLAN_DATABASE_URL=db_url, COMMPLAN_LANGUAGE="en", **extra)
    return Services.create(settings, make_engine(db_url))


@pytest.fixture
def public(db_url: str) -> Iterator[Services]:
    services = make(db_url, PUBLIC)
    yield services
    services.context.engine.dispose()


def urls(services: Services, feed_url: str) -> dict[str, str | None]:
    feed = services.feeds.open(feed_url.rsplit("/", 1)[1].removesuffix(".ics"))
    assert feed is not None and feed.body is not None
    events = icalendar.Calendar.from_ical(feed.body).walk("VEVENT")
    return {str(e["SUMMARY"]): (str(e["URL"]) if "URL" in e else None) for e in events}


def two_teams(services: Services) -> int:
    """Udbud's plan with Frida's activity; Frida is also responsible in Drift's plan."""
    for team in ("Udbud", "Drift"):
        services.teams.add(team, CLI)
        services.plans.create(f"Plan {team}", team.lower(), CLI, language="en")
    services.people.add("Frida Carlsson", CLI, team="udbud")
    fields = {"when": "1 April 2027", "responsible": "Frida Carlsson"}
    mine = services.activities.add("Plan Udbud", "Nyhedsbrev", CLI, fields=fields)
    services.activities.add("Plan Drift", "Driftsinfo", CLI, team="drift", fields=fields)
    return mine.activity.id


@time_machine.travel(MARCH, tick=False)
def test_no_event_links_to_the_plan_page_whose_token_is_not_kept(public: Services) -> None:
    """The page's URL is shown once, to whoever makes it, and only its digest is kept
    (docs/security.md): a feed has no token to link with, and shows no page's URL."""
    two_teams(public)
    page = public.pages.link("Plan Udbud", CLI)
    assert page is not None and page.startswith(PUBLIC + "/plans/")
    team_feed = public.feeds.team_link("udbud", Actor.cli()).url
    person_feed = public.feeds.person_link("Frida Carlsson", CLI).url
    assert team_feed is not None and person_feed is not None
    assert urls(public, team_feed) == {"Nyhedsbrev": None}
    assert urls(public, person_feed) == {"Nyhedsbrev": None, "Driftsinfo": None}
    feed = public.feeds.open(team_feed.rsplit("/", 1)[1].removesuffix(".ics"))
    assert feed is not None and feed.body is not None and "/plans/" not in feed.body
