"""`styrgrupp` in Teams: a card with people pickers; the group made by whoever may change the
plan; a refusal to the clicker alone with nothing made; the chair told."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.services import Services
from bot.services.actor import Actor
from scheduler.outbox.kinds import NoticeKind
from storage.models import OutboxMessage, SteeringGroup, Surface
from tests.msteams.adaptive_cards import card_errors, require_validator
from tests.msteams.harness import TeamsHarness, actions_of

CLI = Actor(Surface.CLI, None, "cli:test", admin=True)


def setup(teams: TeamsHarness) -> int:
    services: Services = teams.services
    services.teams.add("Udbud", CLI)
    for user, name in (("frida", "Frida Carlsson"), ("mette", "Mette Holm"), ("bo", "Bo Berg")):
        services.people.add(name, CLI, team="udbud", email=f"{user}@kommune.dk")
        teams.fake.emails[f"29:{user}"] = f"{user}@kommune.dk"
        assert teams.message(f"29:{user}", "help").status_code == 200  # linked by e-mail
    services.plans.create("Plan", "udbud", CLI, owner="Frida Carlsson")
    services.plans.create("Other", "udbud", CLI, owner="Bo Berg")
    return services.plans.get("Plan").id


def form_of(teams: TeamsHarness, user: str) -> dict[str, Any]:
    assert teams.message(user, "styrgrupp", locale="sv-SE").status_code == 200
    content: dict[str, Any] = teams.fake.posted(f"a:{user}")[-1].cards[0]
    return content


def test_the_card_makes_the_group_for_the_owner(teams: TeamsHarness) -> None:
    require_validator()
    plan = setup(teams)
    card = form_of(teams, "29:frida")
    assert card_errors(card) == []
    inputs = {item["id"]: item for item in card["body"] if "id" in item}
    assert inputs["steer_chair"]["choices.data"] == {
        "type": "Data.Query",
        "dataset": "graph.microsoft.com/users",
    }
    assert [choice["value"] for choice in inputs["steer_plan"]["choices"]] == [str(plan)]
    [create] = [a for a in actions_of(card) if a.get("verb") == "steering_create"]
    answer = teams.click(
        "29:frida",
        create,
        reply_to="m1",
        inputs={
            "steer_plan": str(plan),
            "steer_name": "Styrgruppen",
            "steer_chair": "aad-29:mette",
            "steer_members": "aad-29:bo,aad-29:mette",
            "steer_rule": "all",
            "steer_deputies": "",
        },
    )
    assert "The steering group Styrgruppen is set up for Plan" in answer["value"]["body"][0]["text"]
    group = teams.services.steering.show("Styrgruppen")
    assert (group.chair, group.members, group.rule) == ("Mette Holm", ("Bo Berg",), "all")
    with teams.services.context.sessions() as session:
        [told] = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == NoticeKind.STEERING_CHAIR)
        )
        assert (told.payload or {}).get("plan") == "Plan"


def test_someone_who_may_not_change_the_plan_is_refused(teams: TeamsHarness) -> None:
    plan = setup(teams)
    card = form_of(teams, "29:bo")
    [create] = [a for a in actions_of(card) if a.get("verb") == "steering_create"]
    answer = teams.click(
        "29:bo",
        create,
        reply_to="m2",
        inputs={"steer_plan": str(plan), "steer_name": "X", "steer_chair": "aad-29:mette"},
    )
    assert answer["type"] == "application/vnd.microsoft.activity.message"
    assert "Plan" in answer["value"]
    with teams.services.context.sessions() as session:
        assert session.scalars(select(SteeringGroup)).all() == []


def test_an_unlinked_pick_is_named_in_the_refusal(teams: TeamsHarness) -> None:
    plan = setup(teams)
    card = form_of(teams, "29:frida")
    [create] = [a for a in actions_of(card) if a.get("verb") == "steering_create"]
    answer = teams.click(
        "29:frida",
        create,
        reply_to="m3",
        inputs={"steer_plan": str(plan), "steer_name": "X", "steer_chair": "aad-stranger"},
    )
    assert "aad-stranger has not written to commplan yet" in answer["value"]
    with teams.services.context.sessions() as session:
        assert session.scalars(select(SteeringGroup)).all() == []
