"""Printing results: rich tables on a terminal, stable JSON with ``--format json``.

Everything commplan prints to a terminal goes through ``terminal_text`` (the console transport
too): a plan's text may hold escape sequences (ESC, CSI and the other C0 and C1 controls can
move the cursor, retitle the window, write a link or clear the screen) and right-to-left
overrides that reorder what is shown. They are shown as visible escapes (``\x1b``) instead.
Rich markup in plan text (``[bold red]``) is never read as markup: tables get ``Text`` cells,
``say`` prints with markup off.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from config.languages import LANGUAGES, Language


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


# Controls other than newline and tab; DEL and C1; bidi embeddings, overrides and isolates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """``text`` safe to print on a terminal: every control character but newline and tab,
    and every direction override, written as a visible escape."""
    return _UNSAFE.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def console() -> Console:
    # Piped output (scripts, logs) gets room for the whole table instead of 80 columns.
    width = None if sys.stdout.isatty() else 160
    return Console(highlight=False, soft_wrap=False, width=width)


def print_json(value: Any) -> None:
    # JSON escapes C0 controls itself; C1 controls and direction overrides it leaves as they
    # are (ensure_ascii=False): they become \u escapes, the same JSON value.
    text = json.dumps(value, ensure_ascii=False, indent=2)
    sys.stdout.write(_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n")


def cell(value: object) -> Text:
    """A table cell or title: plain text, never markup."""
    return Text(terminal_text("" if value is None else str(value)))


def print_table(title: str | None, headings: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = Table(title=None if title is None else cell(title), show_lines=False, expand=False)
    for heading in headings:
        table.add_column(cell(heading), overflow="fold")
    for row in rows:
        table.add_row(*(cell(value) for value in row))
    console().print(table)


def say(text: str) -> None:
    console().print(terminal_text(text), markup=False, emoji=False)


def warn(text: str) -> None:
    """One line on stderr, prefixed ``commplan:`` (errors, refusals)."""
    sys.stderr.write(f"commplan: {terminal_text(text)}\n")


def language_option(value: str | None) -> Language | None:
    """A --language value: da, sv or en; None when not given."""
    if value is None:
        return None
    for language in LANGUAGES:
        if value.lower() == language:
            return language
    raise typer.BadParameter("expected da, sv or en", param_hint="--language")
