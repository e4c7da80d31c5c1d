"""CSV export: UTF-8 with a BOM (so Excel reads the æ, ø and å), ";" for Danish and Swedish
plans (Excel's list separator there), "," for English ones."""

from __future__ import annotations

import csv
from pathlib import Path

from bot.exporting.cells import as_text
from bot.services.exports import PlanTable


def write_csv(table: PlanTable, path: Path) -> None:
    delimiter = "," if table.language == "en" else ";"
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(table.headings)
        for row in table.rows:
            writer.writerow([as_text(cell) for cell in row.cells])
