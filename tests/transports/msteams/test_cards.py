"""Every card commplan builds is a valid Adaptive Card 1.5 and fits in a Teams message.

The cards are made by the real renderers from real replies (each notice kind, each command,
the decided and edit cards) in Danish, Swedish and English, with the longest texts a plan can
hold, and checked against Microsoft's published schema (tests/transports/msteams/adaptive_cards.py).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine

from bot.chat.caller import Caller
from bot.chat.commands.handler import CommandHandler
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.msteams.cards import decided_card, edit_card, reply_card, with_image
from config.languages import LANGUAGES
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import Decision, Origin
from tests.transports.msteams.adaptive_cards import require_validator, validate_cards

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
LONG = "Æøå *fed* [link](x) _kursiv_ " * 40
MAX_MESSAGE = 28 * 1024  # what Teams takes in one message, attachments included
# Wednesday 24 March 2027 in Copenhagen: the activities fall in April, after the DST change.
NOW = "2027-03-24T09:00:00+00:00"


def seed(services: Services) -> dict[str, int]:
    services.teams.add("Udbud", CLI)
    for name in ("Frida Carlsson", "Mette Holm", "Anna Berg"):
        services.people.add(name, CLI, team="udbud", email=f"{name.split()[0]}@kommune.dk")
    services.plans.create("Plan", "udbud", CLI, language="da", owner="Frida Carlsson")
    services.steering.create(
        "Styregruppen", "udbud", CLI, chair="Mette Holm", rule="all", members=("Anna Berg",)
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    ids = [
        services.activities.add(
            "Plan",
            f"{LONG[:180]} {number}",
            CLI,
            fields={
                "when": f"{number % 27 + 1} April 2027",
                "responsible": "Frida Carlsson",
                "channel": LONG[:300],
                "target_group": LONG[:300],
            },
            requires_approval=number % 2 == 0,
        ).activity.id
        for number in range(60)
    ]
    frida = services.people.get("Frida Carlsson")
    request = services.approvals.request(
        ids[0], Actor(Origin.MSTEAMS, frida.id, frida.name), text=LONG
    )
    mette = services.people.get("Mette Holm")
    services.approvals.decide(
        request.id,
        Decision.REQUEST_CHANGES,
        Actor(Origin.MSTEAMS, mette.id, mette.name),
        version=request.version,
        comment=LONG[:500],
    )
    services.activities.done(ids[1], CLI)
    return {"activity": ids[0], "done": ids[1], "request": request.id, "person": frida.id}


def notices(ids: dict[str, int], plan_id: int) -> list[Notice]:
    at = dt.datetime(2027, 3, 29, 7, tzinfo=dt.UTC)
    common: dict[str, Any] = {"due_at": at, "plan_id": plan_id, "person_id": ids["person"]}
    kinds = [
        NoticeKind.REMINDER,
        NoticeKind.STARTS_SOON,
        NoticeKind.ONGOING,
        NoticeKind.OVERDUE,
        NoticeKind.ESCALATION,
        NoticeKind.ASAP,
        NoticeKind.SNOOZED,
    ]
    made = [
        Notice(key=kind, kind=kind, activity_id=ids["activity"], late=True, **common)
        for kind in kinds
    ]
    request = {"request": ids["request"], "version": 1, "status": "changes_requested"}
    for kind in (
        NoticeKind.APPROVAL_REQUESTED,
        NoticeKind.APPROVAL_NUDGE,
        NoticeKind.APPROVAL_CHANNEL,
        NoticeKind.APPROVAL_DECIDED,
    ):
        made.append(
            Notice(key=kind, kind=kind, activity_id=ids["activity"], payload=request, **common)
        )
    made += [
        Notice(
            key="followup",
            kind=NoticeKind.FOLLOWUP,
            activity_id=ids["done"],
            payload={"done": "2027-03-25"},
            **common,
        ),
        Notice(
            key="failed",
            kind=NoticeKind.DELIVERY_FAILED,
            activity_id=ids["activity"],
            payload={"failed_person_id": ids["person"], "error": LONG},
            **common,
        ),
        Notice(
            key="unmapped",
            kind=NoticeKind.UNMAPPED_PEOPLE,
            payload={"names": [LONG[:100], "Kommunikationsmedarbejder"], "more": 3},
            **common,
        ),
        Notice(key="digest", kind=NoticeKind.DIGEST, payload={"week": "2027-W13"}, **common),
        Notice(key="mine", kind=NoticeKind.DIGEST_PERSON, payload={"week": "2027-W13"}, **common),
    ]
    return made


@time_machine.travel(NOW, tick=False)
def test_every_card_is_adaptive_cards_1_5_and_fits_a_message(services: Services) -> None:
    require_validator()
    ids = seed(services)
    plan_id = services.plans.get("Plan").id
    commands = CommandHandler(services)
    cards: list[dict[str, Any]] = []
    for language in LANGUAGES:
        frida = services.people.get("Frida Carlsson")
        caller = Caller(Actor(Origin.MSTEAMS, frida.id, frida.name), language)
        for notice in notices(ids, plan_id):
            cards.append(reply_card(reminder_reply(services, notice, caller), language))
        for line in ("help", "upcoming 60", "mine", "plan Plan", "approvals", "feed", "nonsense"):
            cards.append(reply_card(commands.handle(line, caller), language))
        request = services.approvals.get(ids["request"])
        base = reminder_reply(services, notices(ids, plan_id)[9], caller)
        cards.append(decided_card(base, request, language, open_buttons=True))
        cards.append(decided_card(base, request, language, open_buttons=False))
        cards.append(edit_card(services.activities.get(ids["activity"]), language))
        digest = reminder_reply(services, notices(ids, plan_id)[-2], caller)
        url = "https://commplan.example.dk/plans/token/timeline.png"
        cards.append(with_image(reply_card(digest, language), url, LONG))
    assert validate_cards(cards) == []
    sizes = [len(json.dumps(card, ensure_ascii=False).encode()) for card in cards]
    assert max(sizes) < MAX_MESSAGE, max(sizes)
    # The long reply was cut to fit and says how many more there are.
    upcoming = json.dumps(cards[len(notices(ids, plan_id)) + 1], ensure_ascii=False)
    assert "… and" in upcoming or "… og" in upcoming or "… och" in upcoming


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("language", LANGUAGES)
def test_buttons_needing_words_show_an_input_with_its_own_send(
    services: Services, language: Any
) -> None:
    ids = seed(services)
    frida = services.people.get("Frida Carlsson")
    caller = Caller(Actor(Origin.MSTEAMS, frida.id, frida.name), language)
    card = reply_card(CommandHandler(services).handle("upcoming 60", caller), language)
    text = json.dumps(card, ensure_ascii=False)
    assert '"verb": "request_approval"' in text
    show = [
        action
        for container in card["body"]
        if container.get("type") == "Container"
        for element in container["items"]
        if element.get("type") == "ActionSet"
        for action in element["actions"]
        if action["type"] == "Action.ShowCard"
    ]
    assert show, "Send for approval asks for the draft"
    inputs = [element["id"] for action in show for element in action["card"]["body"]]
    assert len(inputs) == len(set(inputs)), "each input id is unique in the card"
    for action in show:
        [send] = action["card"]["actions"]
        assert send["data"]["input"] == action["card"]["body"][0]["id"]
    assert ids["activity"] > 0
