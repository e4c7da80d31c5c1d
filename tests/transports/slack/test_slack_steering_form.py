"""`/commplan steering` on Slack: a modal with user pickers; the group made by whoever may change
the plan, refused in the form to anyone else; the chair told."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from scheduler.outbox.kinds import NoticeKind
from storage.models import Origin, OutboxMessage, SteeringGroup, Surface
from tests.transports.slack.harness import Harness

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


def setup(services: Services) -> int:
    services.teams.add("Udbud", CLI)
    for name, user in (("Frida Carlsson", "UFRIDA"), ("Mette Holm", "UMETTE"), ("Bo Berg", "UBO")):
        services.people.add(name, CLI, team="udbud", addresses={Surface.SLACK: user})
    services.plans.create("Plan", "udbud", CLI, owner="Frida Carlsson")
    services.plans.create("Other", "udbud", CLI, owner="Bo Berg")
    return services.plans.get("Plan").id


def submission(user: str, plan: int, chair: str, members: list[str]) -> dict[str, Any]:
    values = {
        "plan": {"value": {"type": "static_select", "selected_option": {"value": str(plan)}}},
        "name": {"value": {"type": "plain_text_input", "value": "Styregruppen"}},
        "chair": {"value": {"type": "users_select", "selected_user": chair}},
        "members": {"value": {"type": "multi_users_select", "selected_users": members}},
        "rule": {"value": {"type": "static_select", "selected_option": {"value": "majority"}}},
        "deputies": {"value": {"type": "multi_users_select", "selected_users": []}},
    }
    return {
        "type": "view_submission",
        "user": {"id": user},
        "view": {
            "id": "V9",
            "type": "modal",
            "callback_id": "commplan_steering",
            "private_metadata": "{}",
            "state": {"values": values},
        },
    }


def test_the_modal_makes_the_group_for_the_owner(harness: Harness) -> None:
    plan = setup(harness.services)
    assert harness.command("UFRIDA", "styregruppe").status_code == 200
    [opened] = harness.wait_for("views.open")
    view = opened["view"] if isinstance(opened["view"], dict) else json.loads(opened["view"])
    assert view["callback_id"] == "commplan_steering"
    kinds = {block["block_id"]: block["element"]["type"] for block in view["blocks"]}
    assert kinds == {
        "plan": "static_select",
        "name": "plain_text_input",
        "chair": "users_select",
        "members": "multi_users_select",
        "rule": "static_select",
        "deputies": "multi_users_select",
    }
    # The plan picker lists only the plans she may change.
    [plans] = [block for block in view["blocks"] if block["block_id"] == "plan"]
    assert [option["value"] for option in plans["element"]["options"]] == [str(plan)]

    response = harness.interact(submission("UFRIDA", plan, "UMETTE", ["UBO"]))
    assert response.status_code == 200
    assert b"errors" not in response.content
    group = harness.services.steering.show("Styregruppen")
    assert (group.chair, group.members, group.rule) == ("Mette Holm", ("Bo Berg",), "majority")
    [said] = [c for c in harness.wait_for("chat.postMessage") if c["channel"] == "UFRIDA"]
    assert "The steering group Styregruppen is set up for Plan" in said["text"]
    mette = harness.services.people.by_chat_user(Surface.SLACK, "UMETTE")
    assert mette is not None
    with harness.services.context.sessions() as session:
        kind = OutboxMessage.kind == NoticeKind.STEERING_CHAIR
        [told] = session.scalars(select(OutboxMessage).where(kind))
        assert told.person_id == mette.id
    # The tick tells the chair in her DM, in her words.
    make_tick(harness.services)()
    [dm] = [m for m in harness.fake.posted if m.channel == "DUMETTE"]
    assert dm.text.startswith("Frida Carlsson set up the steering group Styregruppen for the plan")
    assert "type connect Styregruppen in the group's channel" in dm.text


def test_someone_who_may_not_change_the_plan_is_refused_in_the_form(harness: Harness) -> None:
    plan = setup(harness.services)
    response = harness.interact(submission("UBO", plan, "UMETTE", []))
    assert response.status_code == 200
    errors = response.json()["errors"]
    assert errors == {"name": "Only the plan's owner and editors can change the plan Plan."}
    with harness.services.context.sessions() as session:
        assert session.scalars(select(SteeringGroup)).all() == []


def test_no_form_for_someone_who_may_change_no_plan(harness: Harness) -> None:
    setup(harness.services)
    harness.services.people.add("Anna Berg", CLI, team="udbud", addresses={Surface.SLACK: "UANNA"})
    answer = harness.command("UANNA", "steering")
    assert "You may change no plan yet" in answer.json()["text"]
    assert harness.fake.calls_of("views.open") == []
