"""Plan text on a terminal: escape sequences and rich markup are shown, never obeyed.

These call the printing functions every command uses (bot/cli/output.py) and the console
transport's renderer; the commands themselves are tested as processes in test_cli.py."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.chat.replies import Item, Reply, Section
from bot.cli.output import print_json, print_table, say, terminal_text, warn
from bot.services.views import ActivityView
from bot.texts import verbatim
from bot.texts.local import Reader
from bot.transports.console.render import render

# Clear the screen (CSI, and its one-byte C1 form), retitle the window (OSC), a hidden link
# (OSC 8), a carriage return over the line, a right-to-left override, and rich markup.
HOSTILE = (
    "Nyhedsbrev\x1b[2J\x9b2J\x1b]0;pwned\x07\x1b]8;;https://evil.example\x1b\\klik\x1b]8;;\x1b\\"
    "\rOK \u202etxt.exe [bold red]alarm[/] :warning:"
)
UNSAFE = ("\x1b", "\x9b", "\x07", "\r", "\u202e")


def safe(text: str) -> None:
    assert [c for c in UNSAFE if c in text] == []
    assert "[bold red]alarm[/]" in text  # markup shown as written
    assert ":warning:" in text  # no emoji put in


def test_tables_say_and_warnings_show_escapes_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    reader = Reader("en", ZoneInfo("Europe/Copenhagen"))
    print_table(
        verbatim(HOSTILE),
        [verbatim("Titel"), verbatim(HOSTILE)],
        [[HOSTILE, 3], [None, HOSTILE]],
        reader,
    )
    say(HOSTILE)
    warn(HOSTILE)
    out, err = capsys.readouterr()
    safe(out)
    safe(err)
    assert "\\x1b[2J" in out and "\\u202e" in out
    assert err.count("\n") == 1  # one line


def test_json_output_is_the_same_value_without_raw_controls(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print_json({"title": HOSTILE})
    out = capsys.readouterr().out
    assert [c for c in UNSAFE if c in out] == []
    assert json.loads(out) == {"title": HOSTILE}


def test_newlines_and_tabs_stay_and_other_text_is_untouched() -> None:
    assert terminal_text("a\tb\nc æøå åäö €") == "a\tb\nc æøå åäö €"


def test_the_console_transport_renders_plan_text_safely() -> None:
    fields: dict[str, Any] = dict.fromkeys(ActivityView.__dataclass_fields__)
    fields.update(
        id=7,
        title=HOSTILE,
        when="2 April 2027",
        next_due=dt.date(2027, 4, 2),
        target_group=HOSTILE,
        responsible_people=(),
        responsible=None,
        channel=None,
    )
    view = ActivityView(**fields)
    rendered = render(Reply(HOSTILE, (Section(HOSTILE, (Item(view),)),)), "en")
    safe(rendered.text)
