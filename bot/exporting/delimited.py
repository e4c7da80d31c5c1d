"""CSV export: UTF-8 with a BOM (so Excel reads the æ, ø and å), ";" for Danish and Swedish
plans (Excel's list separator there), "," for English ones.

Above the table: the plan's identity line (bot/interchange/identity.py, which the CSV reader
recognises and leaves out), then its title, date and purpose, each a row of its own, as the
Excel export has them, so that an import reads them back. Every cell goes through
``cells.csv_text``: text that opens like a formula gets a leading ``'``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from bot.exporting.cells import csv_text
from bot.services.exports import Cell, PlanTable


def write_csv(table: PlanTable, path: Path) -> None:
    delimiter = "," if table.language == "en" else ";"
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
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
        writer.writerows([csv_text(cell) for cell in line] for line in lines)
