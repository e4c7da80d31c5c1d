"""Excel export: title, date and purpose above the table, a bold frozen header with filters,
done rows in red, the next date as a real date cell."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from bot.exporting.cells import DONE_COLOUR
from bot.services.exports import PlanTable

_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_WIDE = frozenset({"activity", "message", "goal", "expected_reaction", "remarks"})


def write_xlsx(table: PlanTable, path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = _SHEET_NAME.sub(" ", table.name)[:31].strip() or "Plan"
    sheet.append([table.name])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    if table.dated:
        sheet.append([table.dated.isoformat()])
    if table.purpose:
        sheet.append([table.purpose_heading, table.purpose])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(list(table.headings))
    fill = PatternFill("solid", fgColor="D9E1F2")
    for column in range(1, len(table.headings) + 1):
        cell = sheet.cell(header_row, column)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    done_font = Font(color=DONE_COLOUR)
    for row in table.rows:
        sheet.append(list(row.cells))
        current = sheet.max_row
        for column in range(1, len(row.cells) + 1):
            cell = sheet.cell(current, column)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if row.done:
                cell.font = done_font
        date_cell = sheet.cell(current, len(row.cells))
        if date_cell.value is not None:
            date_cell.number_format = "yyyy-mm-dd"
    for index, name in enumerate(table.fields, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 45 if name in _WIDE else 18
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    last = get_column_letter(len(table.headings))
    sheet.auto_filter.ref = f"A{header_row}:{last}{max(sheet.max_row, header_row)}"
    workbook.save(path)
