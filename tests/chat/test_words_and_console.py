"""Commands in the person's own words, replies wholly in their language, and the console as a
person's chat: what `commplan serve` delivered to them, the approvals with their buttons."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine

from bot.chat.caller import Caller
from bot.chat.commands.parsed import (
    ApprovalsCommand,
    Command,
    DecideCommand,
    DigestCommand,
    DoneCommand,
    FeedCommand,
    FollowupCommand,
    HelpCommand,
    MoveCommand,
    ReopenCommand,
    ReplanCommand,
    UpcomingCommand,
)
from bot.chat.commands.parsing import parse
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.inbox import ConsoleInbox
from bot.transports.console.notifier import ConsoleNotifier
from bot.transports.console.session import ConsoleSession
from config.languages import Language
from scheduler.approvals import ApprovalPlanner
from scheduler.outbox.drain import OutboxDrain
from storage.models import Decision, Origin
from tests.services.test_approvals import NOW, request, setup


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("hjælp", HelpCommand()),
        ("hjälp", HelpCommand()),
        ("kommende", UpcomingCommand("teams", None, 14)),
        ("kommande mina 30", UpcomingCommand("mine", None, 30)),
        ("kommende mine", UpcomingCommand("mine", None, 14)),
        ("Kommende team udbud 7", UpcomingCommand("team", "udbud", 7)),
        ("mina 7", UpcomingCommand("mine", None, 7)),
        ("udført 3", DoneCommand(3)),
        ("færdig #3", DoneCommand(3)),
        ("klar 3", DoneCommand(3)),
        ("genåbn 4", ReopenCommand(4)),
        ("flytta 4 1 maj", MoveCommand(4, "1 maj")),
        (
            "beslut 2 afvis Teksten skal nævne tidsplanen",
            DecideCommand(2, Decision.REJECT, "Teksten skal nævne tidsplanen"),
        ),
        ("beslut 2 ændringer", DecideCommand(2, Decision.REQUEST_CHANGES, None)),
        ("besluta 2 godkänn", DecideCommand(2, Decision.APPROVE, None)),
        ("besluta 2 avslå Nej", DecideCommand(2, Decision.REJECT, "Nej")),
        ("decide 2 request_changes", DecideCommand(2, Decision.REQUEST_CHANGES, None)),
        ("decide 2 Ändringar", DecideCommand(2, Decision.REQUEST_CHANGES, None)),
        ("godkendelser", ApprovalsCommand()),
        ("godkännanden", ApprovalsCommand()),
        ("opfølgning 5 delvist", FollowupCommand(5, "partly", None)),
        ("uppföljning 5 nej Ingen svar", FollowupCommand(5, "no", "Ingen svar")),
        ("genplanlæg 5", ReplanCommand(5, None)),
        ("omplanera 5 1 maj", ReplanCommand(5, "1 maj")),
        ("oversigt Årsplan", DigestCommand("Årsplan")),
        ("översikt Årsplan", DigestCommand("Årsplan")),
        ("kalender", FeedCommand(rotate=False, team=None)),
        ("kalender ny udbud", FeedCommand(rotate=True, team="udbud")),
        ("beslut 2 måske", HelpCommand("beslut 2 måske")),
        ("udført tre", HelpCommand("udført tre")),
    ],
)
def test_danish_and_swedish_words_read_as_the_english_ones(text: str, command: Command) -> None:
    assert parse(text) == command


def _person_session(
    services: Services, name: str, language: Language, *, inbox: bool = False
) -> tuple[ConsoleSession, io.StringIO]:
    person = services.people.get(name)
    actor = Actor(Origin.CONSOLE, person.id, person.name, surface_user=f"console:{person.id}")
    out = io.StringIO()
    box = ConsoleInbox(services, person.id) if inbox else None
    return ConsoleSession(services, Caller(actor, language), out, box), out


@time_machine.travel(NOW, tick=False)
def test_replies_say_statuses_decisions_and_counts_in_the_readers_words(
    services: Services,
) -> None:
    activity = setup(services)
    request(services, activity)
    member, out = _person_session(services, "Anna Berg", "da")
    member.handle_line("beslut 1 afvis Teksten skal nævne tidsplanen")
    said = out.getvalue()
    assert "Registreret: afvisning af anmodning #1 (medlem). Status: afvist." in said
    assert "reject" not in said and "rejected" not in said
    owner, out = _person_session(services, "Frida Carlsson", "sv")
    owner.handle_line("plan Plan")
    assert "Pågår: 1" in out.getvalue()  # rejected: back in progress
    assert "in_progress" not in out.getvalue()


@time_machine.travel(NOW, tick=False)
def test_approvals_in_the_console_show_the_draft_and_numbered_buttons_that_decide(
    services: Services,
) -> None:
    activity = setup(services)
    request(services, activity, text="Kære alle, udbuddet åbner")
    requester, out = _person_session(services, "Frida Carlsson", "da")
    requester.handle_line("godkendelser")
    assert "#1 v1 Nyhedsbrev (Plan)" in out.getvalue()
    assert "[1]" not in out.getvalue()  # her own request: nothing for her to decide
    member, out = _person_session(services, "Bo Dahl", "sv")
    member.handle_line("godkännanden")
    shown = out.getvalue()
    assert "Begäran #1, version 1:" in shown
    assert "[1] Godkänn  [2] Avslå  [3] Begär ändringar" in shown
    assert "#1 Utkast (v1): Kære alle, udbuddet åbner" in shown
    member.handle_line("3")
    assert "Din kommentar (skriv den på nästa rad" in out.getvalue()  # asked, as Slack's modal
    member.handle_line("Kortare, tack")
    assert "Registrerat: begäran om ändringar av begäran #1 (ledamot)." in out.getvalue()
    assert services.approvals.get(1).status == "changes_requested"
    assert services.approvals.get(1).decisions[0].comment == "Kortare, tack"


def test_the_console_shows_what_serve_delivered_to_its_person(services: Services) -> None:
    with time_machine.travel(NOW, tick=False):
        activity = setup(services)
        anna, out = _person_session(services, "Anna Berg", "da", inbox=True)
        request(services, activity, text="Kære alle")
    later = NOW + dt.timedelta(minutes=1)
    server = io.StringIO()
    with time_machine.travel(later, tick=False):
        ApprovalPlanner(services.context.sessions)(later)
        OutboxDrain(services.context.sessions, ConsoleNotifier(services, server), workers=1)()
        assert "--- to Anna Berg (approval_requested" in server.getvalue()
        anna.handle_line("")  # Enter: what arrived
        shown = out.getvalue()
        assert "Til dig:\nGodkendelse ønsket: Nyhedsbrev (anmodning #1, version 1)." in shown
        assert "[1] Godkend  [2] Afvis  [3] Bed om ændringer" in shown
        assert "Udkast (v1): Kære alle" in shown
        anna.handle_line("")
        assert out.getvalue().count("Til dig:") == 1  # shown once
        anna.handle_line("1")
    assert "Registreret: godkendelse af anmodning #1 (medlem). Status: godkendt." in out.getvalue()
    assert services.approvals.get(1).status == "approved"
