"""The approval audit trail as files people open: CSV for their spreadsheet, or .xlsx.

CSV as the plan export writes it (bot/exporting/delimited.py): UTF-8 with a BOM, ";" for
Danish and Swedish (Excel's list separator there), "," for English. Every cell goes through
the same neutralisation as the plan export: a comment or name that opens like a formula
(``=HYPERLINK(...)``) is text in the CSV (a leading ``'``) and a text cell in the workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bot.exporting.cells import put
from bot.exporting.delimited import write_delimited
from bot.interchange.tables import AuditTable

# Widths in characters: a time, a hash, a comment stay readable without filling the screen.
NARROW, WIDEST = 10, 60


def write_audit_csv(table: AuditTable, stream: TextIO) -> None:
    """Write to an open text stream (a file opened with newline="", or standard output)."""
    write_delimited(stream, [table.headings, *table.rows], table.language)


def write_audit_xlsx(table: AuditTable, path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "Audit"
    top = Alignment(wrap_text=True, vertical="top")
    for column, heading in enumerate(table.headings, start=1):
        cell = sheet.cell(1, column)
        put(cell, heading)
        cell.font = Font(bold=True)
        cell.alignment = top
    for number, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(number, column)
            put(cell, value)  # a str: always a text cell, never a formula
            cell.alignment = top
        if len(table.moments) >= number - 1:  # the time: a date-and-time cell, to the second
            first = sheet.cell(number, 1)
            first.value = table.moments[number - 2]
            first.number_format = "yyyy-mm-dd hh:mm:ss"
    for column in range(1, len(table.headings) + 1):
        longest = max(
            len(line)
            for value in [table.headings[column - 1], *(r[column - 1] for r in table.rows)]
            for line in value.split("\n")
        )
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(longest + 2, NARROW), WIDEST
        )
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(table.headings), 1))
    sheet.auto_filter.ref = f"A1:{last}{max(len(table.rows), 1) + 1}"
    workbook.save(path)
