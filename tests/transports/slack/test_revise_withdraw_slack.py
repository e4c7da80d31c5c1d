"""Slack, signed requests in: a member's rejection with its comment shows in the channel and
reaches the requester's DM at once, with Revise (a modal holding the draft) and Withdraw (a
button Slack confirms first)."""

from __future__ import annotations

import json
import time
from typing import Any

from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from storage.models import Origin, Surface
from tests.transports.slack.harness import Harness

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
COMMENT = "Teksten skal nævne tidsplanen"


def setup(services: Services) -> int:
    """Frida requests; three members decide by majority in the channel CSTEER."""
    services.teams.add("Udbud", CLI)
    people = {
        "Frida Carlsson": "UFRIDA",
        "Mette Holm": "UMETTE",
        "Anna Berg": "UANNA",
        "Bo Dahl": "UBO",
        "Carl Ek": "UCARL",
        "Eva Udenfor": "UEVA",
    }
    for name, user in people.items():
        services.people.add(name, CLI, team="udbud", addresses={Surface.SLACK: user}, locale="en")
    services.plans.create("Plan", "udbud", CLI, language="en", owner="Mette Holm")
    services.steering.create(
        "Styregruppen",
        "udbud",
        CLI,
        chair="Mette Holm",
        rule="majority",
        members=("Anna Berg", "Bo Dahl", "Carl Ek"),
        channels={Surface.SLACK: "CSTEER"},
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    return services.activities.add(
        "Plan", "Nyhedsbrev", CLI, fields={"when": "2 April 2027", "responsible": "Frida Carlsson"}
    ).activity.id


def element(blocks: list[dict[str, Any]], action_id: str) -> dict[str, Any]:
    return next(
        e
        for block in blocks
        if block["type"] == "actions"
        for e in block["elements"]
        if e["action_id"] == action_id
    )


def click(
    harness: Harness, user: str, button: dict[str, Any], channel: str, ts: str
) -> dict[str, Any]:
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "trigger_id": f"trig-{user}",
        "container": {"type": "message", "channel_id": channel, "message_ts": ts},
        "actions": [button | {"action_ts": str(time.monotonic_ns())}],
    }
    assert harness.interact(payload).status_code == 200
    return payload


def submit(harness: Harness, user: str, view: dict[str, Any], block: str, value: str) -> Any:
    submission = {
        "type": "view_submission",
        "user": {"id": user},
        "view": {
            "id": f"V{time.monotonic_ns()}",
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "state": {"values": {block: {"value": {"type": "plain_text_input", "value": value}}}},
        },
    }
    return harness.interact(submission)


def opened(harness: Harness, count: int) -> dict[str, Any]:
    calls = harness.wait_for("views.open", count)
    assert len(calls) == count
    view = calls[-1]["view"]
    return view if isinstance(view, dict) else dict(json.loads(view))


def test_a_comment_reaches_the_requester_who_revises_then_withdraws(harness: Harness) -> None:
    services = harness.services
    activity = setup(services)
    typed = harness.command("UFRIDA", f"approve {activity} Kære alle", channel_id="DFRIDA")
    answer = typed.json()
    assert element(answer["blocks"], "commplan_revise")
    [request] = services.approvals.list(Actor.cli())
    again = harness.command("UFRIDA", f"approve {activity} Kære alle", channel_id="DFRIDA")
    assert f"revise {request.id} TEXT-OR-LINK" in again.json()["text"]

    make_tick(services)()
    [post] = [m for m in harness.fake.posted if m.channel == "CSTEER"]
    click(harness, "UANNA", element(post.blocks, "commplan_reject"), "CSTEER", post.ts)
    comment = opened(harness, 1)
    assert submit(harness, "UANNA", comment, "comment", COMMENT).status_code == 200
    harness.wait_for("chat.update")
    # The channel's message shows the decision and its comment; still open, the buttons stay.
    channel = json.dumps(post.blocks, ensure_ascii=False)
    assert COMMENT in channel and "Anna Berg" in channel
    assert element(post.blocks, "commplan_approve")
    assert services.approvals.get(request.id).status == "pending"

    # The requester's DM: the decision and its comment, with Revise and Withdraw.
    make_tick(services)()
    [told] = [m for m in harness.fake.posted if m.channel == "DUFRIDA" and "decided" in m.text]
    shown = json.dumps(told.blocks, ensure_ascii=False)
    assert "Anna Berg decided on request" in told.text and COMMENT in shown
    withdraw = element(told.blocks, "commplan_withdraw")
    assert withdraw["confirm"]["title"]["text"] == "Withdraw the request?"

    # An outsider's Revise: no modal (the draft is not theirs to see), a refusal, logged.
    click(harness, "UEVA", element(told.blocks, "commplan_revise"), "DUEVA", "9.9")
    [ephemeral] = harness.wait_for("chat.postEphemeral")
    assert ephemeral["user"] == "UEVA"
    assert not harness.fake.calls_of("views.open")[1:]

    # Frida's Revise: the modal holds the draft; sending a new one asks the group again.
    click(harness, "UFRIDA", element(told.blocks, "commplan_revise"), told.channel, told.ts)
    revise = opened(harness, 2)
    assert revise["callback_id"] == "commplan_revise"
    assert "Kære alle" in json.dumps(revise["blocks"], ensure_ascii=False)
    unchanged = submit(harness, "UFRIDA", revise, "draft", "Kære alle")
    assert "has not changed" in unchanged.json()["errors"]["draft"]
    assert submit(harness, "UFRIDA", revise, "draft", "Kære alle, tidsplan: maj").status_code == 200
    view = services.approvals.get(request.id)
    assert (view.version, view.text, view.status) == (2, "Kære alle, tidsplan: maj", "pending")
    # (the first two updates are the channel's: Anna's click, then the tick's rewrite)
    updated = harness.wait_for("chat.update", 3)[-1]
    assert updated["channel"] == told.channel and "version 2" in updated["text"]

    # Withdraw (Slack asked to confirm before sending the click).
    click(harness, "UFRIDA", withdraw, told.channel, told.ts)
    harness.wait_for("chat.update", 4)
    assert services.approvals.get(request.id).status == "withdrawn"
    assert services.activities.get(activity).status == "planned"
    # The channel's message says so, without buttons left to press.
    make_tick(services)()
    last = harness.wait_for("chat.update", 5)[-1]
    assert last["channel"] == "CSTEER" and "withdrawn" in json.dumps(last["blocks"])
    assert not [b for b in post.blocks if b["type"] == "actions"]


def test_a_decision_made_elsewhere_shows_in_the_channel_with_its_comment(
    harness: Harness,
) -> None:
    services = harness.services
    activity = setup(services)
    frida = services.people.get("Frida Carlsson")
    request = services.approvals.request(
        activity, Actor(Origin.SLACK, frida.id, frida.name), text="Kære alle"
    )
    make_tick(services)()
    [post] = [m for m in harness.fake.posted if m.channel == "CSTEER"]
    # Bo decides by typing in his DM with the app, not in the channel.
    typed = harness.command("UBO", f"decide {request.id} reject {COMMENT}", channel_id="DBO")
    assert typed.status_code == 200
    assert not harness.fake.calls_of("chat.update")
    make_tick(services)()
    [update] = harness.wait_for("chat.update")
    assert (update["channel"], update["ts"]) == ("CSTEER", post.ts)
    shown = json.dumps(post.blocks, ensure_ascii=False)
    assert COMMENT in shown and "Bo Dahl" in shown
    assert element(post.blocks, "commplan_approve")  # still open under majority: buttons stay
    make_tick(services)()  # delivered once
    assert len(harness.fake.calls_of("chat.update")) == 1
