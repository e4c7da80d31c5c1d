"""Printing results: rich tables on a terminal, stable JSON with ``--format json``.

Everything commplan prints to a terminal goes through ``terminal_text``
(``bot/transports/console/terminal.py``, which the console transport uses too).
Rich markup in plan text (``[bold red]``) is never read as markup: tables get ``Text`` cells,
``say`` prints with markup off.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.transports.console.terminal import json_safe, terminal_text
from config.languages import LANGUAGES, Language

__all__ = ["Format", "cell", "print_json", "print_table", "say", "terminal_text", "warn"]


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


def console() -> Console:
    # Piped output (scripts, logs) gets room for the whole table instead of 80 columns.
    width = None if sys.stdout.isatty() else 160
    return Console(highlight=False, soft_wrap=False, width=width)


def print_json(value: Any) -> None:
    # JSON escapes C0 controls itself; C1 controls and direction overrides it leaves as they
    # are (ensure_ascii=False): they become \u escapes, the same JSON value.
    text = json.dumps(value, ensure_ascii=False, indent=2)
    sys.stdout.write(json_safe(text) + "\n")


def cell(value: object) -> Text:
    """A table cell or title: plain text, never markup."""
    return Text(terminal_text("" if value is None else str(value)))


def print_table(title: str | None, headings: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A table whose every row has one cell per heading: a row that does not fit is a bug in
    the command (cells under the wrong heading read as true), so it stops the command."""
    for row in rows:
        if len(row) != len(headings):
            raise ValueError(f"table {title!r}: {len(row)} cells under {len(headings)} headings")
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
