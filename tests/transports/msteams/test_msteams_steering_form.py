"""`styrgrupp` in Teams: a card with people pickers; the group made by whoever may change the
plan; a refusal to the clicker alone with nothing made; the chair told."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.services import Services
from bot.services.actor import Actor
from scheduler.outbox.kinds import NoticeKind
from storage.models import Origin, OutboxMessage, SteeringGroup
from tests.transports.msteams.adaptive_cards import card_errors, require_validator
from tests.transports.msteams.harness import MsTeamsHarness, actions_of

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


def setup(msteams: MsTeamsHarness) -> int:
    services: Services = msteams.services
    services.teams.add("Udbud", CLI)
    for user, name in (("frida", "Frida Carlsson"), ("mette", "Mette Holm"), ("bo", "Bo Berg")):
        services.people.add(name, CLI, team="udbud", email=f"{user}@kommune.dk")
        msteams.fake.emails[f"29:{user}"] = f"{user}@kommune.dk"
        assert msteams.message(f"29:{user}", "help").status_code == 200  # linked by e-mail
    services.plans.create("Plan", "udbud", CLI, owner="Frida Carlsson")
    services.plans.create("Other", "udbud", CLI, owner="Bo Berg")
    return services.plans.get("Plan").id


def form_of(msteams: MsTeamsHarness, user: str) -> dict[str, Any]:
    assert msteams.message(user, "styrgrupp", locale="sv-SE").status_code == 200
    content: dict[str, Any] = msteams.fake.posted(f"a:{user}")[-1].cards[0]
    return content


def test_the_card_makes_the_group_for_the_owner(msteams: MsTeamsHarness) -> None:
    require_validator()
    plan = setup(msteams)
    card = form_of(msteams, "29:frida")
    assert card_errors(card) == []
    inputs = {item["id"]: item for item in card["body"] if "id" in item}
    assert inputs["steer_chair"]["choices.data"] == {
        "type": "Data.Query",
        "dataset": "graph.microsoft.com/users",
    }
    assert [choice["value"] for choice in inputs["steer_plan"]["choices"]] == [str(plan)]
    [create] = [a for a in actions_of(card) if a.get("verb") == "steering_create"]
    answer = msteams.click(
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
    group = msteams.services.steering.show("Styrgruppen")
    assert (group.chair, group.members, group.rule) == ("Mette Holm", ("Bo Berg",), "all")
    with msteams.services.context.sessions() as session:
        [told] = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == NoticeKind.STEERING_CHAIR)
        )
        assert (told.payload or {}).get("plan") == "Plan"


def test_someone_who_may_not_change_the_plan_is_refused(msteams: MsTeamsHarness) -> None:
    plan = setup(msteams)
    card = form_of(msteams, "29:bo")
    [create] = [a for a in actions_of(card) if a.get("verb") == "steering_create"]
    answer = msteams.click(
        "29:bo",
        create,
        reply_to="m2",
        inputs={"steer_plan": str(plan), "steer_name": "X", "steer_chair": "aad-29:mette"},
    )
    assert answer["type"] == "application/vnd.microsoft.activity.message"
    assert "Plan" in answer["value"]
    with msteams.services.context.sessions() as session:
        assert session.scalars(select(SteeringGroup)).all() == []


def test_an_unlinked_pick_is_named_in_the_refusal(msteams: MsTeamsHarness) -> None:
    plan = setup(msteams)
    card = form_of(msteams, "29:frida")
    [create] = [a for a in actions_of(card) if a.get("verb") == "steering_create"]
    answer = msteams.click(
        "29:frida",
        create,
        reply_to="m3",
        inputs={"steer_plan": str(plan), "steer_name": "X", "steer_chair": "aad-stranger"},
    )
    assert "aad-stranger has not written to commplan yet" in answer["value"]
    with msteams.services.context.sessions() as session:
        assert session.scalars(select(SteeringGroup)).all() == []
