"""Excel export: title, date and purpose above the table, then the header: bold, frozen, with
filters and widths fitted to the text; done rows in the done colour and said so in the Status
column; the next date as a real date cell; the plan's identity as a custom document property.

Rows are placed by number, never by ``sheet.append``: appending an empty row moves openpyxl's
cursor but not ``max_row``, which once put the header's style, the freeze and the filter on an
empty row above the real header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.exporting.cells import DONE_COLOUR, as_text, put
from bot.interchange.identity import PROPERTY
from bot.interchange.tables import Cell, GridTable, PlanTable

_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_WIDE = frozenset({"activity", "message", "goal", "expected_reaction", "remarks"})
# Column widths in characters: enough for the longest line, within reason.
NARROW, WIDE, WIDEST = 12, 30, 60
_TOP = Alignment(wrap_text=True, vertical="top")


def write_xlsx(table: PlanTable, path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = _SHEET_NAME.sub(" ", table.name)[:31].strip() or "Plan"
    row = 1
    put(sheet.cell(row, 1), table.name)
    sheet.cell(row, 1).font = Font(bold=True, size=14)
    if table.dated:
        row += 1
        put(sheet.cell(row, 1), table.dated.isoformat())
    if table.purpose:
        row += 1
        put(sheet.cell(row, 1), table.purpose_heading)
        put(sheet.cell(row, 2), table.purpose)
        sheet.cell(row, 1).font = Font(bold=True)
    header = row + 2  # one empty row between the title rows and the table
    if table.grid is not None:
        _write_grid(sheet, table.grid, header + 1)
    else:
        _write_table(sheet, table, header)
    if table.identity is not None:
        workbook.custom_doc_props.append(StringProperty(name=PROPERTY, value=table.identity.line))
    workbook.save(path)


_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_MARK_FILL = PatternFill("solid", fgColor="8EA9DB")
MARK = "x"


def _write_table(sheet: Worksheet, table: PlanTable, header: int) -> None:
    fill = _HEADER_FILL
    for column, heading in enumerate(table.headings, start=1):
        cell = sheet.cell(header, column)
        put(cell, heading)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = _TOP
    done_font = Font(color=DONE_COLOUR)
    for offset, values in enumerate(table.rows, start=1):
        for column, value in enumerate(values.cells, start=1):
            cell = sheet.cell(header + offset, column)
            put(cell, value)
            cell.alignment = _TOP
            if values.done:
                cell.font = done_font
    _fit_widths(sheet, table)
    last_row = header + max(len(table.rows), 1)
    sheet.freeze_panes = sheet.cell(header + 1, 1)
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(len(table.headings))}{last_row}"


def _write_grid(sheet: Worksheet, grid: GridTable, header: int) -> None:
    """The grid: the plan's columns, then a column per week (month) headed "Uge 3" ("jan"),
    with the year above the first one and wherever a new year begins (what an import reads the
    year from), and an "x" on a fill where a window runs."""
    first = len(grid.headings) + 1
    year = None
    for offset, period in enumerate(grid.periods):
        if period.year != year:
            year = period.year
            put(sheet.cell(header - 1, first + offset), str(year))
            sheet.cell(header - 1, first + offset).font = Font(bold=True)
    for column, heading in enumerate((*grid.headings, *grid.labels), start=1):
        cell = sheet.cell(header, column)
        put(cell, heading)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = _TOP
    done_font = Font(color=DONE_COLOUR)
    for number, values in enumerate(grid.rows, start=header + 1):
        for column, value in enumerate(values.cells, start=1):
            cell = sheet.cell(number, column)
            put(cell, value)
            cell.alignment = _TOP
            if values.done:
                cell.font = done_font
        for mark in values.marks:
            cell = sheet.cell(number, first + mark)
            put(cell, MARK)
            cell.fill = _MARK_FILL
            cell.alignment = Alignment(horizontal="center")
    for index, name in enumerate(grid.fields):
        longest = max(
            len(line)
            for value in (grid.headings[index], *(r.cells[index] for r in grid.rows))
            for line in as_text(value).split("\n")
        )
        low, high = (WIDE, WIDEST) if name in _WIDE else (NARROW, WIDE)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(
            max(longest + 2, low), high
        )
    for offset in range(len(grid.periods)):
        sheet.column_dimensions[get_column_letter(first + offset)].width = 8
    sheet.freeze_panes = sheet.cell(header + 1, first)


def _fit_widths(sheet: Worksheet, table: PlanTable) -> None:
    for index, name in enumerate(table.fields):
        column: Sequence[Cell] = [table.headings[index], *(r.cells[index] for r in table.rows)]
        longest = max(len(line) for value in column for line in as_text(value).split("\n"))
        low, high = (WIDE, WIDEST) if name in _WIDE else (NARROW, WIDE)
        # + 2: the filter button sits in the header cell.
        width = min(max(longest + 2, low), high)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
