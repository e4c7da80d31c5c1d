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

from bot.cli import context
from bot.texts import t
from bot.texts.catalog import Phrase
from bot.texts.local import Reader
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


Label = str | Phrase


def shown(value: object, reader: Reader) -> str:
    """A value as ``reader`` reads it: a ``Phrase`` in their language, a day or a moment the
    local way (in their zone, to the minute), a number in their way, text as it is."""
    if isinstance(value, Phrase):
        return value.text(reader.language)
    return reader.value(value)


def print_table(
    title: Label | None,
    headings: Sequence[Label],
    rows: Sequence[Sequence[Any]],
    reader: Reader | None = None,
) -> None:
    """A table in the reader's language (bot/texts/tables.py): ``title`` and ``headings`` are
    catalogue keys (or Phrases), cells are values ``shown`` reads for the reader. Every row has
    one cell per heading: a row that does not fit is a bug in the command (cells under the
    wrong heading read as true), so it stops the command."""
    for row in rows:
        if len(row) != len(headings):
            raise ValueError(f"table {title!r}: {len(row)} cells under {len(headings)} headings")
    reader = reader or context.reader()  # the command's: --as names the reader, else settings
    table = Table(
        title=None if title is None else cell(_label(title, reader)),
        show_lines=False,
        expand=False,
    )
    for heading in headings:
        table.add_column(cell(_label(heading, reader)), overflow="fold")
    for row in rows:
        table.add_row(*(cell(shown(value, reader)) for value in row))
    console().print(table)


def _label(label: Label, reader: Reader) -> str:
    return label.text(reader.language) if isinstance(label, Phrase) else t(label, reader.language)


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
    raise typer.BadParameter(t("cli.usage.language", context.language()), param_hint="--language")
