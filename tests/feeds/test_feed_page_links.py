"""Feed events link to their row on the plan page: only with a public address, only once the
page exists, only for those who may have the page's link; a new page or link is a new ETag."""

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
from storage.models import Surface

CLI = Actor(Surface.CLI, None, "cli:test", admin=True)
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
def test_team_feed_links_each_event_to_its_row_once_the_page_exists(public: Services) -> None:
    activity = two_teams(public)
    feed = public.feeds.team_link("udbud", Actor.cli()).url
    token = feed.rsplit("/", 1)[1].removesuffix(".ics")
    before = public.feeds.open(token)
    assert before is not None and urls(public, feed) == {"Nyhedsbrev": None}
    page = public.pages.link("Plan Udbud", CLI)
    assert urls(public, feed) == {"Nyhedsbrev": f"{page}#activity-{activity}"}
    after = public.feeds.open(token, before.etag)
    assert after is not None and after.body is not None  # a new ETag: calendars fetch anew
    rotated = public.pages.link("Plan Udbud", CLI, rotate=True)
    assert urls(public, feed) == {"Nyhedsbrev": f"{rotated}#activity-{activity}"}
    assert page.startswith(PUBLIC + "/plans/")


@time_machine.travel(MARCH, tick=False)
def test_a_person_feed_links_only_the_plans_whose_page_they_may_open(public: Services) -> None:
    two_teams(public)
    public.pages.link("Plan Udbud", CLI)
    public.pages.link("Plan Drift", CLI)
    feed = public.feeds.person_link("Frida Carlsson", CLI).url
    found = urls(public, feed)
    assert found["Nyhedsbrev"] is not None and found["Nyhedsbrev"].startswith(PUBLIC)
    assert found["Driftsinfo"] is None  # Drift's page is not Frida's to have


@time_machine.travel(MARCH, tick=False)
def test_no_link_without_a_public_address(services: Services) -> None:
    two_teams(services)
    services.pages.link("Plan Udbud", CLI)
    assert urls(services, services.feeds.team_link("udbud", Actor.cli()).url) == {
        "Nyhedsbrev": None
    }
