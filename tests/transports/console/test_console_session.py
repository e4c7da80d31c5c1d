"""The console: the same command and button handlers as Slack and Teams, typed in a terminal."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
import time_machine

from bot.chat.caller import Caller
from bot.chat.commands.parsed import (
    ApprovalsCommand,
    ApproveCommand,
    DecideCommand,
    DoneCommand,
    HelpCommand,
    PlanCommand,
    UpcomingCommand,
)
from bot.chat.commands.parsing import parse
from bot.chat.decisions import decision_lines
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.session import ConsoleSession
from storage.models import Decision, Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("/commplan upcoming", UpcomingCommand("teams", None, 14)),
        ("upcoming 30", UpcomingCommand("teams", None, 30)),
        ("upcoming mine", UpcomingCommand("mine", None, 14)),
        ("mine 7", UpcomingCommand("mine", None, 7)),
        ("upcoming team udbud 3", UpcomingCommand("team", "udbud", 3)),
        ("upcoming plan Årsplan 2027", UpcomingCommand("plan", "Årsplan", 2027)),
        ("done 12", DoneCommand(12)),
        ("done #12", DoneCommand(12)),
        ("plan Årsplan 2027", PlanCommand("Årsplan 2027")),
        ("help", HelpCommand()),
        ("", HelpCommand()),
        ("done twelve", HelpCommand("done twelve")),
        ("upcoming sideways", HelpCommand("upcoming sideways")),
        ("launch rockets", HelpCommand("launch rockets")),
        ("approve 4 https://x.dk/udkast", ApproveCommand(4, "https://x.dk/udkast")),
        ("approve #4 Kære alle, udbuddet", ApproveCommand(4, "Kære alle, udbuddet")),
        ("decide 2 changes Kortere tak", DecideCommand(2, Decision.REQUEST_CHANGES, "Kortere tak")),
        ("decide 2 approve", DecideCommand(2, Decision.APPROVE, None)),
        ("decide 2 maybe", HelpCommand("decide 2 maybe")),
        ("approve 4", HelpCommand("approve 4")),
        ("approvals", ApprovalsCommand()),
    ],
)
def test_parse(text: str, command: object) -> None:
    assert parse(text) == command


def session_for(services: Services, language: str = "da") -> tuple[ConsoleSession, io.StringIO]:
    services.teams.add("Udbud", CLI)
    person = services.people.add("Frida Carlsson", CLI, aliases=["FC"], team="udbud")
    services.plans.create("Plan", "udbud", CLI)
    out = io.StringIO()
    caller = Caller(Actor(Origin.CONSOLE, person.id, person.name), language)  # type: ignore[arg-type]
    return ConsoleSession(services, caller, out), out


@time_machine.travel(NOW, tick=False)
def test_upcoming_then_press_done_by_number(services: Services) -> None:
    session, out = session_for(services)
    first = services.activities.add(
        "Plan", "Nyhed <!channel>", CLI, fields={"when": "25. november 2026", "responsible": "FC"}
    )
    session.handle_line("/commplan upcoming")
    shown = out.getvalue()
    assert "Kommende aktiviteter til og med 6. december 2026" in shown
    assert f"#{first.activity.id} Nyhed <!channel>  (frist 25. november 2026)" in shown
    assert "[1] Udført  [2] Udsæt 1 dag  [3] Udsæt 1 uge  [4] Åbn" in shown
    session.handle_line("1")
    assert f"Udført: Nyhed <!channel> (#{first.activity.id})" in out.getvalue()
    assert services.activities.get(first.activity.id).status == "done"


@time_machine.travel(NOW, tick=False)
def test_snooze_button_and_english(services: Services) -> None:
    session, out = session_for(services, "en")
    saved = services.activities.add(
        "Plan", "Artikel", CLI, fields={"when": "24. november 2026", "responsible": "FC"}
    )
    session.handle_line("mine")
    session.handle_line("3")
    # A week on is a Sunday: the snooze ends at 08:00 on Monday, the first working day.
    assert f"Snoozed until 30 Nov 2026, 08:00: Artikel (#{saved.activity.id})" in out.getvalue()


@time_machine.travel(NOW, tick=False)
def test_bad_command_answers_with_usage_and_unknown_ids_with_a_line(services: Services) -> None:
    session, out = session_for(services, "sv")
    session.handle_line("launch rockets")
    assert "Det kommandot känner jag inte till: launch rockets" in out.getvalue()
    assert "kommande [mina | team NAMN | plan NAMN] [DAGAR]" in out.getvalue()
    session.handle_line("done 999")
    assert "Okänd aktivitet: #999" in out.getvalue()
    assert "Traceback" not in out.getvalue()


def test_quit_ends_the_session(services: Services) -> None:
    session, out = session_for(services)
    session.run(iter(["help", "quit", "help"]))
    assert out.getvalue().count("Kommandoer:") == 1


@time_machine.travel(NOW, tick=False)
def test_ask_for_approval_and_decide_in_the_console(services: Services) -> None:
    session, out = session_for(services, "en")
    services.people.add("Mette Holm", CLI, team="udbud")
    services.steering.create("Styregruppen", "udbud", CLI, chair="Mette Holm")
    services.steering.assign("Styregruppen", "Plan", CLI)
    activity = services.activities.add(
        "Plan", "Nyhedsbrev", CLI, fields={"when": "1. december 2026", "responsible": "FC"}
    )
    session.handle_line(f"approve {activity.activity.id} https://intra.example.dk/udkast")
    assert "Sent for approval: Nyhedsbrev (request #1, version 1)" in out.getvalue()
    session.handle_line("approvals")
    assert "#1 v1 Nyhedsbrev (Plan)" in out.getvalue()
    session.handle_line("decide 1 approve")  # Frida is not in the steering group
    assert "not a member of the steering group" in out.getvalue()
    assert services.approvals.get(1).link == "https://intra.example.dk/udkast"
    mette = services.people.get("Mette Holm")
    chair = ConsoleSession(services, Caller(Actor(Origin.CONSOLE, mette.id, mette.name), "en"), out)
    chair.handle_line("decide 1 approve Fint")
    assert "(chair, on behalf of the steering group). Status: approved." in out.getvalue()


@time_machine.travel(NOW, tick=False)
def test_send_for_approval_button_where_approval_is_required(services: Services) -> None:
    session, out = session_for(services, "en")
    mine = {"responsible": "FC"}  # buttons are for those who may act on the activity
    services.activities.add("Plan", "Nyhedsbrev", CLI, fields={"when": "1. december 2026", **mine})
    services.activities.add(
        "Plan",
        "Brev til borgere",
        CLI,
        fields={"when": "2. december 2026", **mine},
        requires_approval=True,
    )
    session.handle_line("upcoming plan Plan")
    shown = out.getvalue()
    assert shown.count("Send for approval") == 1
    # Pressing it in the console says what to type.
    [number] = re.findall(r"\[(\d+)\] Send for approval", shown)
    session.handle_line(number)
    assert "Type: approve 2 TEXT-OR-LINK" in out.getvalue()


@time_machine.travel(NOW, tick=False)
def test_a_deputy_for_the_chair_reads_one_wording_in_chat_and_in_the_record(
    services: Services,
) -> None:
    """The chat reply, the channel's decision line and the command line's listing word the
    deputy's capacity the same way (they had three rules)."""
    session, out = session_for(services, "en")
    services.people.add("Mette Holm", CLI, team="udbud")
    services.people.add("Dora Fisk", CLI, team="udbud")
    services.steering.create("Styregruppen", "udbud", CLI, chair="Mette Holm", rule="chair")
    services.steering.assign("Styregruppen", "Plan", CLI)
    services.steering.delegate(
        "Styregruppen",
        "Mette Holm",
        "Dora Fisk",
        CLI,
        starts_at=NOW - dt.timedelta(days=1),
        ends_at=NOW + dt.timedelta(days=7),
    )
    activity = services.activities.add(
        "Plan", "Nyhedsbrev", CLI, fields={"when": "1. december 2026", "responsible": "FC"}
    )
    session.handle_line(f"approve {activity.activity.id} https://intra.example.dk/udkast")
    dora = services.people.get("Dora Fisk")
    deputy = ConsoleSession(services, Caller(Actor(Origin.CONSOLE, dora.id, dora.name), "en"), out)
    deputy.handle_line("decide 1 approve")
    wording = "deputy for Mette Holm, chair, on behalf of the steering group"
    assert f"({wording}). Status: approved." in out.getvalue()
    [line] = decision_lines(services.approvals.get(1), "en")
    assert f"Dora Fisk ({wording})" in line


@time_machine.travel(NOW, tick=False)
def test_reject_and_request_changes_ask_for_the_comment(services: Services) -> None:
    """Like Slack's modal and the Teams card: the next line typed is the comment, an empty
    line none; the comment reaches the request, not the command reader."""
    _, out = session_for(services, "da")
    for name in ("Mette Holm", "Anna Berg"):
        services.people.add(name, CLI, team="udbud")
    services.steering.create(
        "Styregruppen", "udbud", CLI, chair="Mette Holm", rule="all", members=("Anna Berg",)
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    first, second = (
        services.activities.add("Plan", title, CLI, fields={"when": "1. december 2026"})
        for title in ("Nyhedsbrev", "Opslag")
    )
    for one in (first, second):
        services.approvals.request(one.activity.id, CLI, text="Udkast")
    anna = services.people.get("Anna Berg")
    session = ConsoleSession(services, Caller(Actor(Origin.CONSOLE, anna.id, anna.name), "da"), out)
    session.handle_line("approvals")
    listed = out.getvalue()
    reject = re.search(r"\[(\d+)\] Afvis", listed)
    assert reject is not None
    session.handle_line(reject[1])
    assert "Din kommentar" in out.getvalue()
    assert services.approvals.get(1).decisions == ()  # nothing decided before the comment
    session.handle_line("Mangler kontekst")
    assert "kommando kender jeg ikke" not in out.getvalue()
    [decision] = services.approvals.get(1).decisions
    assert (decision.decision, decision.comment) == ("reject", "Mangler kontekst")

    session.handle_line("approvals")
    changes = re.findall(r"\[(\d+)\] Bed om ændringer", out.getvalue())
    session.handle_line(changes[-1])
    session.handle_line("")  # no comment
    [decision] = services.approvals.get(2).decisions
    assert (decision.decision, decision.comment) == ("request_changes", None)
