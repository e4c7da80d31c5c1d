"""Reopen, move and Undo in chat: typed in any of the three languages, and as buttons."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine

from bot.chat.caller import Caller
from bot.chat.commands.parsed import HelpCommand, MoveCommand, ReopenCommand, ReplanCommand
from bot.chat.commands.parsing import parse
from bot.services import Services
from bot.services.actor import Actor
from bot.texts.words import help_text
from bot.transports.console.session import ConsoleSession
from storage.models import Origin

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("reopen 4", ReopenCommand(4)),
        ("genåbn #4", ReopenCommand(4)),
        ("återöppna 4", ReopenCommand(4)),
        ("move 4 Uge 12 2027", MoveCommand(4, "Uge 12 2027")),
        ("flyt 4 14/3", MoveCommand(4, "14/3")),
        ("flytta #4 vecka 12", MoveCommand(4, "vecka 12")),
        ("replan 4 Uge 12 2027", ReplanCommand(4, "Uge 12 2027")),
        ("move 4", HelpCommand("move 4")),
        ("reopen 4 now", HelpCommand("reopen 4 now")),
        ("reopen four", HelpCommand("reopen four")),
    ],
)
def test_parse(text: str, command: object) -> None:
    assert parse(text) == command


@pytest.mark.parametrize("language", ["da", "sv", "en"])
def test_help_tells_move_from_replan(language: str) -> None:
    lines = help_text(language).splitlines()  # type: ignore[arg-type]
    words = {"da": ("flyt", "genåbn", "genplanlæg"), "sv": ("flytta", "återöppna", "omplanera")}
    move_word, reopen_word, replan_word = words.get(language, ("move", "reopen", "replan"))
    [move] = [line for line in lines if line.strip().startswith(f"{move_word} ")]
    [reopen] = [line for line in lines if line.strip().startswith(f"{reopen_word} ")]
    assert "ID" in reopen
    [replan] = [line for line in lines if line.strip().startswith(f"{replan_word} ")]
    assert "ID" in move and "ID" in replan
    # Each says what it does: move keeps the activity, replan copies it.
    assert any(word in move for word in ("samme", "samma", "same"))
    assert any(word in replan for word in ("kopi", "copy"))


def console(services: Services, language: str) -> tuple[ConsoleSession, io.StringIO, int]:
    services.teams.add("Udbud", CLI)
    person = services.people.add("Frida Carlsson", CLI, aliases=["FC"], team="udbud")
    services.plans.create("Plan", "udbud", CLI, language="da", owner="Frida Carlsson")
    saved = services.activities.add(
        "Plan", "Nyhed", CLI, fields={"when": "1. december 2026", "responsible": "FC"}
    )
    out = io.StringIO()
    caller = Caller(Actor(Origin.CONSOLE, person.id, person.name), language)  # type: ignore[arg-type]
    return ConsoleSession(services, caller, out), out, saved.activity.id


def test_done_then_undo_by_button_within_the_minutes(services: Services) -> None:
    with time_machine.travel(NOW, tick=False):
        session, out, activity_id = console(services, "da")
        session.handle_line(f"done {activity_id}")
        shown = out.getvalue()
        assert f"Udført: Nyhed (#{activity_id})" in shown
        assert "[1] Fortryd" in shown
        assert f"Fortryd virker i 15 minutter; derefter: genåbn {activity_id}" in shown
    with time_machine.travel(NOW + dt.timedelta(minutes=10), tick=False):
        session.handle_line("1")
        assert f"Genåbnet: Nyhed (#{activity_id})" in out.getvalue()
        assert services.activities.get(activity_id).status == "planned"


def test_undo_after_the_minutes_says_how_to_reopen(services: Services) -> None:
    with time_machine.travel(NOW, tick=False):
        session, out, activity_id = console(services, "sv")
        session.handle_line(f"done {activity_id}")
    with time_machine.travel(NOW + dt.timedelta(minutes=20), tick=False):
        session.handle_line("1")
        assert f"Ångra har gått ut (efter 15 minuter); skriv: återöppna {activity_id}" in (
            out.getvalue()
        )
        assert services.activities.get(activity_id).status == "done"
        session.handle_line(f"återöppna {activity_id}")
        assert f"Återöppnad: Nyhed (#{activity_id})" in out.getvalue()
        assert services.activities.get(activity_id).status == "planned"


@time_machine.travel(NOW, tick=False)
def test_a_done_activity_shows_reopen_and_move_answers(services: Services) -> None:
    session, out, activity_id = console(services, "en")
    services.activities.done(activity_id, CLI)
    session.handle_line(f"move {activity_id} 15/1 2027")
    assert f"reopen it first (reopen {activity_id})" in out.getvalue()
    session.handle_line("plan Plan")
    session.handle_line(f"reopen {activity_id}")
    assert f"Reopened: Nyhed (#{activity_id}); its reminders resume" in out.getvalue()
    assert "[1] Done  [2] Snooze 1 day" in out.getvalue().rsplit("Reopened", 1)[1]
    session.handle_line(f"move {activity_id} 15/1 2027")
    assert f"Moved: Nyhed (#{activity_id}) to 15/1 2027; due 15 January 2027" in out.getvalue()
    session.handle_line(f"move {activity_id} some day")
    assert "I cannot read that time: some day" in out.getvalue()
    assert services.activities.get(activity_id).when == "15/1 2027"
    assert "Traceback" not in out.getvalue()
