"""The "who is this name?" picker maps a name only in the plans the person picking may change
(issue 28, item 1): the owner of one plan who picks herself for a word another team's plan also
uses does not become responsible there, may not read that plan, and its owner is still asked."""

from __future__ import annotations

from typing import Any

import pytest

from bot.services import Services
from bot.services.actor import Actor
from bot.services.permissions import Forbidden
from storage.models import Origin, Surface
from tests.transports.slack.harness import Harness

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NAME = "Direktoer"


def _world(services: Services) -> tuple[int, int]:
    """Frida owns plan A (team udbud), Otto plan B (team andet); both name "Direktoer"."""
    services.teams.add("Udbud", CLI)
    services.teams.add("Andet", CLI)
    services.people.add("Frida Carlsson", CLI, team="udbud", addresses={Surface.SLACK: "UFRIDA"})
    services.people.add("Otto Andet", CLI, team="andet", addresses={Surface.SLACK: "UOTTO"})
    services.plans.create("Plan A", "udbud", CLI, language="en", owner="Frida Carlsson")
    services.plans.create("Plan B", "andet", CLI, language="en", owner="Otto Andet")
    fields = {"when": "2 April 2027", "responsible": NAME, "channel": "Intranet"}
    mine = services.activities.add("Plan A", "Nyhedsbrev", CLI, fields=fields).activity.id
    theirs = services.activities.add(
        "Plan B", "Reorganisation", CLI, fields={**fields, "responsible": f"{NAME} og Otto Andet"}
    ).activity.id
    return mine, theirs


def _pick(harness: Harness, user: str, picked: str) -> str:
    """``user`` picks ``picked`` for the name in an unmapped-names message; the line shown."""
    before = len(harness.fake.calls_of("chat.update"))
    blocks: list[dict[str, Any]] = [{"type": "section", "block_id": f"map:{NAME}"}]
    harness.interact(
        {
            "type": "block_actions",
            "user": {"id": user},
            "trigger_id": "t",
            "container": {"type": "message", "channel_id": f"D{user}", "message_ts": "1.1"},
            "message": {"ts": "1.1", "blocks": blocks},
            "actions": [
                {
                    "type": "users_select",
                    "action_id": "commplan_map",
                    "block_id": f"map:{NAME}",
                    "selected_user": picked,
                    "action_ts": "40.1",
                }
            ],
        }
    )
    [*_, update] = harness.wait_for("chat.update", before + 1)
    return str(update["text"])


def _people(services: Services, activity_id: int) -> tuple[str, ...]:
    return services.activities.get(activity_id).responsible_people


def test_a_plan_owner_maps_a_name_in_her_own_plans_only(harness: Harness) -> None:
    services = harness.services
    mine, theirs = _world(services)
    frida = services.people.by_chat_user(Surface.SLACK, "UFRIDA")
    assert frida is not None
    line = _pick(harness, "UFRIDA", "UFRIDA")
    assert f"{NAME} is now Frida Carlsson (activities updated: 1)" in line
    assert _people(services, mine) == ("Frida Carlsson",)
    assert _people(services, theirs) == ("Otto Andet",)  # the name stays unmapped there
    as_frida = Actor(Origin.SLACK, frida.id, frida.name, surface_user="UFRIDA")
    with pytest.raises(Forbidden):
        services.plans.summary("Plan B", as_frida)
    with pytest.raises(Forbidden):
        services.activities.done(theirs, as_frida)
    # Plan B read again (its responsible text edited by its owner) still does not mean Frida:
    # the name is Plan A's, not an alias everywhere.
    otto = services.people.by_chat_user(Surface.SLACK, "UOTTO")
    assert otto is not None
    as_otto = Actor(Origin.SLACK, otto.id, otto.name, surface_user="UOTTO")
    saved = services.activities.edit(theirs, {"responsible": f"{NAME}, Otto Andet"}, as_otto)
    assert saved.unmapped == (NAME,)
    assert _people(services, theirs) == ("Otto Andet",)
    # Plan A read again keeps its own name for Frida.
    services.activities.edit(mine, {"responsible": f"{NAME}."}, CLI)
    assert _people(services, mine) == ("Frida Carlsson",)


def test_the_admins_pick_maps_the_name_everywhere(harness: Harness) -> None:
    services = harness.services
    mine, theirs = _world(services)
    services.people.add("Ada Admin", CLI, addresses={Surface.SLACK: "UADA"})
    services.roles.grant("admin", "Ada Admin", CLI)
    line = _pick(harness, "UADA", "UFRIDA")
    assert "(activities updated: 2)" in line
    assert _people(services, mine) == ("Frida Carlsson",)
    assert set(_people(services, theirs)) == {"Frida Carlsson", "Otto Andet"}


def test_someone_who_may_change_no_plan_may_not_map(harness: Harness) -> None:
    services = harness.services
    mine, _ = _world(services)
    services.people.add("Mads Medlem", CLI, team="udbud", addresses={Surface.SLACK: "UMADS"})
    line = _pick(harness, "UMADS", "UMADS")
    assert "is now" not in line
    assert _people(services, mine) == ()
