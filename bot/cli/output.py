"""Printing results: rich tables on a terminal, stable JSON with ``--format json``."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from config.languages import LANGUAGES, Language


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"


def console() -> Console:
    # Piped output (scripts, logs) gets room for the whole table instead of 80 columns.
    width = None if sys.stdout.isatty() else 160
    return Console(highlight=False, soft_wrap=False, width=width)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def print_table(title: str | None, headings: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A table whose every row has one cell per heading: a row that does not fit is a bug in
    the command (cells under the wrong heading read as true), so it stops the command."""
    for row in rows:
        if len(row) != len(headings):
            raise ValueError(f"table {title!r}: {len(row)} cells under {len(headings)} headings")
    table = Table(title=title, show_lines=False, expand=False)
    for heading in headings:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    console().print(table)


def say(text: str) -> None:
    console().print(text, markup=False)


def language_option(value: str | None) -> Language | None:
    """A --language value: da, sv or en; None when not given."""
    if value is None:
        return None
    for language in LANGUAGES:
        if value.lower() == language:
            return language
    raise typer.BadParameter("expected da, sv or en", param_hint="--language")
