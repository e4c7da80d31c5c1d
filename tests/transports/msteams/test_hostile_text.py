"""Hostile plan text on every kind of Teams payload: a command's card and its summary, a
reminder card, a button's card answer, a refusal's message answer, the channel's card rewritten
after a decision. In a card, Markdown from a plan shows as written (escaped); outside a card
(summaries, message answers) it is one plain line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.msteams.notifier import MsTeamsNotifier
from bot.transports.msteams.sdk import msteams_app
from bot.transports.msteams.sender import MsTeamsSender
from storage.models import Origin, Surface
from tests.transports.msteams.harness import MsTeamsHarness, actions_of, token_source

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
HOSTILE = "[click](https://evil.example) **bold** _x_ <at>Everyone</at> & `code`\n# heading"
CHANNEL = "19:steer@thread.tacv2"
# Markdown of the plan's text that would act: a link, emphasis, code, a heading.
ACTIVE = re.compile(r"(?<!\\)\[click(?<!\\)\]|(?<!\\)\*\*bold|(?<!\\)`code|^# heading", re.M)


@pytest.fixture
def notifier(msteams: MsTeamsHarness) -> Iterator[MsTeamsNotifier]:
    sender = MsTeamsSender(msteams_app(msteams.services.context.settings, token=token_source))
    yield MsTeamsNotifier(msteams.services, sender)
    sender.close()


def setup(services: Services) -> int:
    services.teams.add("Udbud", CLI)
    for name in ("Frida Carlsson", "Mette Holm", "Eva Udenfor"):
        email = f"{name.split()[0].lower()}@kommune.dk"
        services.people.add(name, CLI, team="udbud", email=email)
    services.plans.create("Plan", "udbud", CLI, language="en", owner="Frida Carlsson")
    services.steering.create("Styregruppen", "udbud", CLI, chair="Mette Holm")
    services.steering.assign("Styregruppen", "Plan", CLI)
    services.steering.configure("Styregruppen", CLI, channels={Surface.MSTEAMS: CHANNEL})
    return services.activities.add(
        "Plan",
        HOSTILE,
        CLI,
        fields={"when": "2 April 2027", "responsible": "Frida Carlsson", "channel": HOSTILE},
    ).activity.id


def texts(node: Any) -> list[str]:
    """Every TextBlock's text in a card."""
    if isinstance(node, dict):
        own = [node["text"]] if node.get("type") == "TextBlock" else []
        return own + [text for value in node.values() for text in texts(value)]
    if isinstance(node, list):
        return [text for value in node for text in texts(value)]
    return []


def test_hostile_text_acts_in_no_teams_payload(
    msteams: MsTeamsHarness, notifier: MsTeamsNotifier
) -> None:
    setup(msteams.services)
    for user in ("frida", "mette", "eva"):
        msteams.fake.emails[f"29:{user}"] = f"{user}@kommune.dk"
        assert msteams.message(f"29:{user}", "help").status_code == 200
    msteams.message("29:frida", "upcoming")  # a command's card
    msteams.services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        make_tick(msteams.services, notifier)()  # the reminder card
    reminder = msteams.fake.posted("a:29:frida")[-1]
    done = next(a for a in actions_of(reminder.cards[0]) if a.get("verb") == "done")
    answers = [msteams.click("29:frida", done, reminder.activity_id or "")]  # a card answer
    # A refusal naming what was sent: a message answer.
    answers.append(msteams.click("29:frida", {"verb": HOSTILE, "data": {"value": "1"}}, "m"))
    frida = msteams.services.people.get("Frida Carlsson")
    second = msteams.services.activities.add("Plan", f"Second {HOSTILE}", CLI).activity
    msteams.services.approvals.request(
        second.id, Actor(Origin.MSTEAMS, frida.id, frida.name), text=HOSTILE
    )
    make_tick(msteams.services, notifier)()
    [post] = msteams.fake.posted(CHANNEL)
    approve = next(a for a in actions_of(post.cards[0]) if a.get("verb") == "approve")
    answers.append(msteams.click("29:mette", approve, post.activity_id or "", conversation=CHANNEL))
    update = msteams.fake.updated()[-1]  # the channel's card after the decision

    cards = [card for call in msteams.fake.calls for card in call.cards]
    cards += [a["value"] for a in answers if isinstance(a["value"], dict)]
    shown = [text for card in cards for text in texts(card)]
    assert [text for text in shown if ACTIVE.search(text)] == []
    assert [text for text in shown if "\\[click\\](https://evil.example)" in text]  # as written
    assert update.cards and texts(update.cards[0])
    summaries = [
        str(call.body["summary"]) for call in msteams.fake.calls if call.body.get("summary")
    ]
    plain = summaries + [a["value"] for a in answers if isinstance(a["value"], str)]
    assert any(HOSTILE.split("\n", 1)[0] in text for text in plain)
    assert [text for text in plain if "\n" in text or "\r" in text] == []
    assert json.dumps(plain)  # all strings
