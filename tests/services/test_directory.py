"""Teams, people and plans: adding, finding, and refusing bad input without changing anything."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Ambiguous, Invalid, NotFound
from storage.models import AuditEntry, Origin, Person

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


def audit_count(services: Services) -> int:
    with services.context.sessions() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_team_slug_from_danish_name_and_audit(services: Services) -> None:
    team = services.teams.add("Udbud – Socialområdet", CLI)
    assert team.slug == "udbud-socialomraadet"
    assert services.teams.get("udbud-socialomraadet").name == "Udbud – Socialområdet"
    assert audit_count(services) == 1


def test_duplicate_team_is_refused(services: Services) -> None:
    services.teams.add("Kommunikation", CLI)
    with pytest.raises(Invalid) as caught:
        services.teams.add("kommunikation", CLI)
    assert caught.value.message("da") == "Der findes allerede et team med kortnavnet kommunikation"
    assert len(services.teams.list()) == 1


def test_people_found_by_alias_email_name_and_id(services: Services) -> None:
    services.teams.add("Udbud", CLI)
    fc = services.people.add(
        "Frida Carlsson", CLI, email="Frida@Example.org", aliases=["FC"], team="udbud", locale="sv"
    )
    assert services.people.get("fc").id == fc.id
    assert services.people.get(" FC ").id == fc.id
    assert services.people.get("frida@example.org").id == fc.id
    assert services.people.get("frida carlsson").id == fc.id
    assert services.people.get(f"#{fc.id}").id == fc.id
    assert fc.email == "frida@example.org"


def test_alias_belongs_to_one_person(services: Services) -> None:
    services.people.add("Frida Carlsson", CLI, aliases=["FC"])
    before = audit_count(services)
    with pytest.raises(Invalid, match="already used by Frida Carlsson"):
        services.people.add("Finn Christensen", CLI, aliases=["fc"])
    with services.context.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 1
    assert audit_count(services) == before


def test_two_people_with_one_name_are_never_guessed(services: Services) -> None:
    services.people.add("Anne Hansen", CLI)
    services.people.add("Anne Hansen", CLI)
    with pytest.raises(NotFound):
        services.people.get("Anne Hansen")


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"email": "not-an-address"}, "error.bad_email"),
        ({"locale": "de"}, "error.bad_language"),
        ({"time_zone": "Europe/Atlantis"}, "error.bad_time_zone"),
        ({"team": "nope"}, "error.unknown_team"),
    ],
)
def test_bad_person_fields_change_nothing(
    services: Services, kwargs: dict[str, Any], key: str
) -> None:
    with pytest.raises((Invalid, NotFound)) as caught:
        services.people.add("Bo Ek", CLI, **kwargs)
    assert caught.value.key == key
    assert services.people.list() == []


def test_plans_with_one_name_in_two_teams_need_the_team(services: Services) -> None:
    services.teams.add("Nord", CLI)
    services.teams.add("Syd", CLI)
    services.plans.create("Årsplan", "nord", CLI)
    services.plans.create("Årsplan", "syd", CLI, language="sv", country="SE")
    with pytest.raises(Ambiguous) as caught:
        services.plans.summary("Årsplan", Actor.cli())
    assert "nord, syd" in str(caught.value)
    assert services.plans.summary("årsplan", Actor.cli(), "syd").plan.language == "sv"


def test_unknown_plan_and_team(services: Services) -> None:
    with pytest.raises(NotFound, match="Unknown plan: Nope"):
        services.plans.summary("Nope", Actor.cli())
    with pytest.raises(NotFound, match="Unknown team: x"):
        services.plans.create("P", "x", CLI)
    services.teams.add("T", CLI)
    with pytest.raises(Invalid, match="use DK or SE"):
        services.plans.create("P", "t", CLI, country="NO")
    assert services.plans.list() == []
