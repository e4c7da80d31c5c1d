"""Hostile plan text on every kind of Slack payload: a DM and its update, a channel post and
its update after a decision, an ephemeral refusal, command answers (the response to Slack's
request), modals and the App Home. Nothing may reach Slack as markup: no ``<!channel>``,
``<!here>``, ``<@U…>`` or ``<url|label>``, and no bare ``&``, in any message's top-level
``text`` or any mrkdwn text (plain_text is never read as markup)."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import time_machine

from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from storage.models import Origin, Surface
from tests.transports.slack.harness import Harness

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
HOSTILE = "<!channel> <!here> <@U123> <https://evil.example|click> & *bold* <#C1>"
MARKUP = re.compile(r"<[!@#]|<https?:|&(?!amp;|lt;|gt;)")


def setup(services: Services) -> int:
    services.teams.add("Udbud", CLI)
    for name, user in (("Frida Carlsson", "UFRIDA"), ("Mette Holm", "UMETTE"), ("Eva", "UEVA")):
        services.people.add(name, CLI, team="udbud", addresses={Surface.SLACK: user})
    services.plans.create(f"Plan {HOSTILE}", "udbud", CLI, language="en", owner="Frida Carlsson")
    services.steering.create(
        "Styregruppen", "udbud", CLI, chair="Mette Holm", channels={Surface.SLACK: "CSTEER"}
    )
    services.steering.assign("Styregruppen", f"Plan {HOSTILE}", CLI)
    return services.activities.add(
        f"Plan {HOSTILE}",
        HOSTILE,
        CLI,
        fields={
            "when": "2 April 2027",
            "responsible": "Frida Carlsson",
            "channel": f"Intranet {HOSTILE}",
            "target_group": HOSTILE,
        },
    ).activity.id


def markup_in(payload: Any, top: bool = True) -> list[str]:
    """Every text in ``payload`` that Slack would read as markup and that holds markup."""
    found: list[str] = []
    if isinstance(payload, dict):
        for key, value in payload.items():
            if (
                isinstance(value, str)
                and key == "text"
                and (top or payload.get("type") == "mrkdwn")
            ):
                if MARKUP.search(value):
                    found.append(value)
            elif isinstance(value, str) and key == "view":
                found += markup_in(json.loads(value), top=False)
            else:
                found += markup_in(value, top=False)
    elif isinstance(payload, list):
        for value in payload:
            found += markup_in(value, top=False)
    return found


def click(harness: Harness, user: str, channel: str, ts: str, element: dict[str, Any]) -> None:
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "trigger_id": f"trig-{time.monotonic_ns()}",
        "container": {"type": "message", "channel_id": channel, "message_ts": ts},
        "actions": [element | {"action_ts": str(time.monotonic_ns())}],
    }
    assert harness.interact(payload).status_code == 200


def button(blocks: list[dict[str, Any]], action_id: str) -> dict[str, Any]:
    return next(
        element
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == action_id
    )


def test_hostile_text_reaches_no_slack_payload_as_markup(harness: Harness) -> None:
    setup(harness.services)
    answers = [
        harness.command("UFRIDA", "upcoming").json(),  # the answer to Slack's request
        harness.command("UFRIDA", f"show {HOSTILE}").json(),  # a refusal naming the input
    ]
    harness.services.reminders.set_policy(
        f"Plan {HOSTILE}", {"before_days": "9", "hour": "11"}, CLI
    )
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        make_tick(harness.services)()  # the reminder DM (chat.postMessage)
        [dm] = [m for m in harness.fake.posted if m.channel == "DUFRIDA"]
        click(harness, "UFRIDA", dm.channel, dm.ts, button(dm.blocks, "commplan_open"))  # modal
        harness.wait_for("views.open")
        click(harness, "UFRIDA", dm.channel, dm.ts, button(dm.blocks, "commplan_done"))
        harness.wait_for("chat.update")  # the DM rewritten
    # The map picker: a user-chosen block id names the plan's text it maps.
    harness.interact(
        {
            "type": "block_actions",
            "user": {"id": "UFRIDA"},
            "container": {"type": "message", "channel_id": dm.channel, "message_ts": dm.ts},
            "message": {"ts": dm.ts, "blocks": dm.blocks},
            "actions": [
                {
                    "type": "users_select",
                    "action_id": "commplan_map",
                    "block_id": f"map:{HOSTILE}",
                    "selected_user": "UMETTE",
                    "action_ts": "60.1",
                }
            ],
        }
    )
    harness.wait_for("chat.update", 2)
    frida = harness.services.people.get("Frida Carlsson")
    other = harness.services.activities.add(f"Plan {HOSTILE}", f"Second {HOSTILE}", CLI).activity
    harness.services.approvals.request(
        other.id, Actor(Origin.SLACK, frida.id, frida.name), text=HOSTILE
    )
    make_tick(harness.services)()  # the approval request in the channel
    [post] = [m for m in harness.fake.posted if m.channel == "CSTEER"]
    approve = button(post.blocks, "commplan_approve")
    click(harness, "UEVA", "CSTEER", post.ts, approve)  # not a member: an ephemeral refusal
    harness.wait_for("chat.postEphemeral")
    click(harness, "UMETTE", "CSTEER", post.ts, approve)
    harness.wait_for("chat.update", 3)  # the channel post after the decision
    harness.event({"type": "app_home_opened", "user": "UMETTE", "tab": "home"})
    harness.wait_for("views.publish")

    kinds = {name for name, _ in harness.fake.calls}
    assert {
        "chat.postMessage",
        "chat.update",
        "chat.postEphemeral",
        "views.open",
        "views.publish",
    } <= kinds
    sent = [arguments for _, arguments in harness.fake.calls] + answers
    assert [found for payload in sent for found in markup_in(payload)] == []
    # Escaped, not dropped: the text still shows as written.
    shown = json.dumps(sent, ensure_ascii=False)
    assert "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;" in shown
    assert [m.text for m in harness.fake.posted if "&lt;!channel&gt;" in m.text]
