"""Every CSV commplan writes, by one rule (``write_delimited``): UTF-8 with a BOM (so Excel
reads the æ, ø and å), ";" for Danish and Swedish files (Excel's list separator there), ","
for English ones; headings and words in the file's language (the caller's table), days as
ISO dates and moments as local "YYYY-MM-DD HH:MM" under a heading that names the zone.
The plan export, the deviations and the approval audit use it.

Above the table: the plan's identity line (bot/interchange/identity.py, which the CSV reader
recognises and leaves out), then its title, date and purpose, each a row of its own, as the
Excel export has them, so that an import reads them back. Every cell goes through
``cells.csv_text``: text that opens like a formula gets a leading ``'``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from bot.exporting.cells import FileCell, csv_text
from bot.interchange.tables import Cell, PlanTable
from config.languages import Language, as_language

BOM = "\ufeff"


def delimiter(language: str) -> str:
    """Excel's list separator where the file's readers live: "," in English, else ";"."""
    return "," if as_language(language, "da") == "en" else ";"


def write_delimited(
    stream: TextIO, lines: Iterable[Sequence[FileCell]], language: Language | str
) -> None:
    """Write ``lines`` to an open text stream (a file opened with newline="", or standard
    output): the BOM, then every cell neutralised (no spreadsheet runs it as a formula)."""
    stream.write(BOM)
    writer = csv.writer(stream, delimiter=delimiter(language), lineterminator="\r\n")
    writer.writerows([csv_text(cell) for cell in line] for line in lines)


def write_csv(table: PlanTable, path: Path) -> None:
    lines: list[list[Cell]] = []
    if table.identity is not None:
        lines.append([table.identity.line])
    lines.append([table.name])
    if table.dated:
        lines.append([table.dated])
    if table.purpose:
        lines.append([table.purpose_heading, table.purpose])
    lines.append([])
    lines.append(list(table.headings))
    lines.extend(list(row.cells) for row in table.rows)
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_delimited(stream, lines, table.language)
