"""Revise and withdraw typed in chat (the console here; Slack and Teams share the parser),
with the CLI's rules: the requester or the plan's owner; anyone else is refused and logged."""

from __future__ import annotations

import io

import pytest
import time_machine

from bot.chat.actions import ActionHandler
from bot.chat.caller import Caller
from bot.chat.commands.handler import CommandHandler
from bot.chat.commands.parsed import HelpCommand, ReviseCommand, WithdrawCommand
from bot.chat.commands.parsing import parse
from bot.chat.replies import Action
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.session import ConsoleSession
from storage.models import Origin
from tests.services.test_approvals import NOW, request, setup


def caller(services: Services, name: str, language: str = "en") -> Caller:
    view = services.people.get(name)
    actor = Actor(Origin.CONSOLE, view.id, view.name, surface_user=f"console:{view.id}")
    return Caller(actor, language)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("revise 4 https://intra.example.dk/v2", ReviseCommand(4, "https://intra.example.dk/v2")),
        ("/commplan revise #4 Ny tekst med tidsplan", ReviseCommand(4, "Ny tekst med tidsplan")),
        ("withdraw #4", WithdrawCommand(4)),
        ("withdraw 4 now", HelpCommand(unknown="withdraw 4 now")),
        ("revise 4", HelpCommand(unknown="revise 4")),
    ],
)
def test_the_parser_reads_revise_and_withdraw(text: str, expected: object) -> None:
    assert parse(text) == expected


@time_machine.travel(NOW, tick=False)
def test_the_requester_revises_and_withdraws_by_typing(services: Services) -> None:
    activity = setup(services)
    request_id = request(services, activity)
    frida = caller(services, "Frida Carlsson")
    out = io.StringIO()
    console = ConsoleSession(services, frida, out)

    # Asking again for an open request points at revise, naming the request.
    console.handle_line(f"approve {activity} Udkast 2")
    assert f"revise {request_id} TEXT-OR-LINK" in out.getvalue()

    console.handle_line(f"revise {request_id} Udkast 2, med tidsplanen")
    assert f"request #{request_id}, version 2" in out.getvalue()
    view = services.approvals.get(request_id)
    assert (view.version, view.text) == (2, "Udkast 2, med tidsplanen")
    # The answer has Revise and Withdraw as numbered buttons; Withdraw works by its number.
    labels = [button.action for button in console.buttons]
    assert labels == [Action.REVISE, Action.WITHDRAW]
    console.handle_line("2")
    assert services.approvals.get(request_id).status == "withdrawn"
    assert services.activities.get(activity).status == "planned"
    assert "has been withdrawn" in out.getvalue()
    # Closed: a second withdraw says so in one line and changes nothing.
    reply = CommandHandler(services).handle(f"withdraw {request_id}", frida)
    assert reply.text == f"Request #{request_id} is closed (withdrawn)."


@time_machine.travel(NOW, tick=False)
def test_the_owner_may_and_a_member_may_not(services: Services) -> None:
    activity = setup(services)
    # Asked for by Anna (the admin's CLI, in her name): the plan's owner is someone else.
    requester = services.people.get("Anna Berg")
    in_her_name = Actor(Origin.CLI, requester.id, requester.name, admin=True)
    request_id = services.approvals.request(activity, in_her_name, text="Udkast").id
    handler = CommandHandler(services)
    refused = handler.handle(f"revise {request_id} Mit udkast", caller(services, "Bo Dahl", "da"))
    assert "\n" not in refused.text and "Traceback" not in refused.text
    assert services.approvals.get(request_id).version == 1
    log = services.approvals.log(Actor.cli())
    assert (log[-1]["action"], log[-1]["who"]) == ("permission.refused", "Bo Dahl")
    owner = caller(services, "Frida Carlsson")
    revised = handler.handle(f"revise {request_id} https://intra.example.dk/v2", owner)
    assert "version 2" in revised.text
    assert services.approvals.get(request_id).link == "https://intra.example.dk/v2"
    # The Revise button without a draft (the console types it) says how.
    hint = ActionHandler(services).press(Action.REVISE, str(request_id), owner)
    assert hint.text == f"Type: revise {request_id} TEXT-OR-LINK"
    unchanged = handler.handle(f"revise {request_id} https://intra.example.dk/v2", owner)
    assert unchanged.text == f"The draft of request #{request_id} has not changed."
