"""Teams, through the SDK's route: a member's comment reaches the requester's chat at once, as
a card with Revise (the new draft typed into the card) and Withdraw (asked twice)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from bot.cli.serve import make_tick
from bot.services.actor import Actor
from bot.transports.msteams.notifier import MsTeamsNotifier
from bot.transports.msteams.sdk import msteams_app
from bot.transports.msteams.sender import MsTeamsSender
from storage.models import Decision, Origin, Surface
from tests.transports.msteams.harness import MsTeamsHarness, actions_of, token_source
from tests.transports.msteams.test_msteams_app import CHANNEL, introduce, setup

COMMENT = "Teksten skal nævne tidsplanen"


@pytest.fixture
def notifier(msteams: MsTeamsHarness) -> Iterator[MsTeamsNotifier]:
    sender = MsTeamsSender(msteams_app(msteams.services.context.settings, token=token_source))
    yield MsTeamsNotifier(msteams.services, sender)
    sender.close()


def test_the_requester_hears_a_comment_then_revises_and_withdraws_on_the_card(
    msteams: MsTeamsHarness, notifier: MsTeamsNotifier
) -> None:
    services = msteams.services
    activity = setup(services)
    for name in ("Bo Dahl", "Carl Ek"):  # three members: one rejection does not decide
        services.people.add(name, Actor.cli(), team="udbud")
        services.steering.add_member("Styregruppen", name, Actor.cli())
    services.steering.configure("Styregruppen", Actor.cli(), rule="majority")
    introduce(msteams, "frida", "anna", "eva")
    frida = services.people.get("Frida Carlsson")
    request = services.approvals.request(
        activity, Actor(Origin.MSTEAMS, frida.id, frida.name), text="Udkast 1"
    )
    reject = {
        "type": "Action.Execute",
        "verb": "reject",
        "data": {"value": f"{request.id}:1", "input": "comment_1"},
    }
    msteams.click("29:anna", reject, "msg-1", {"comment_1": COMMENT})
    assert services.approvals.get(request.id).status == "pending"

    make_tick(services, notifier)()
    cards = [c for call in msteams.fake.posted("a:29:frida") for c in call.cards]
    [card] = [c for c in cards if COMMENT in json.dumps(c, ensure_ascii=False)]
    assert "Anna Berg decided on request" in json.dumps(card, ensure_ascii=False)
    verbs = {a.get("verb"): a for a in actions_of(card) if a.get("type") == "Action.Execute"}
    revise, withdraw = verbs["revise"], verbs["withdraw"]
    # Withdraw is behind a ShowCard that says what it does.
    assert "no longer be asked" in json.dumps(card)

    refused = msteams.click("29:eva", revise, "msg-2", {revise["data"]["input"]: "Mit udkast"})
    assert "Only" in json.dumps(refused) and services.approvals.get(request.id).version == 1

    answer = msteams.click("29:frida", revise, "msg-2", {revise["data"]["input"]: "Udkast 2"})
    assert "version 2" in json.dumps(answer)
    assert services.approvals.get(request.id).text == "Udkast 2"

    done = msteams.click("29:frida", withdraw, "msg-2")
    assert "has been withdrawn" in json.dumps(done)
    assert services.approvals.get(request.id).status == "withdrawn"


def test_a_decision_made_elsewhere_rewrites_the_channels_card(
    msteams: MsTeamsHarness, notifier: MsTeamsNotifier
) -> None:
    services = msteams.services
    activity = setup(services)  # rule "all": Anna's approval leaves the chair's or others' turn
    services.steering.configure("Styregruppen", Actor.cli(), channels={Surface.MSTEAMS: CHANNEL})
    services.people.add("Bo Dahl", Actor.cli(), team="udbud")
    services.steering.add_member("Styregruppen", "Bo Dahl", Actor.cli())
    introduce(msteams, "frida")
    frida = services.people.get("Frida Carlsson")
    request = services.approvals.request(
        activity, Actor(Origin.MSTEAMS, frida.id, frida.name), text="Udkast 1"
    )
    make_tick(services, notifier)()
    [post] = msteams.fake.posted(CHANNEL)
    anna = services.people.get("Anna Berg")
    services.approvals.decide(
        request.id,
        Decision.APPROVE,
        Actor(Origin.CLI, anna.id, anna.name),
        comment="Fin, men nævn tidsplanen",
    )
    make_tick(services, notifier)()
    [update] = msteams.fake.updated()
    assert (update.conversation, update.activity_id) == (CHANNEL, post.activity_id)
    shown = json.dumps(update.cards[0], ensure_ascii=False)
    assert "Fin, men nævn tidsplanen" in shown and "Anna Berg" in shown
    assert [a for a in actions_of(update.cards[0]) if a.get("verb") == "approve"]
