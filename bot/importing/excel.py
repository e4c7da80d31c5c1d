"""Reading an Excel (.xlsx) workbook: each visible sheet is a table.

Values are read as Excel shows them: a date cell becomes an ISO date ("2027-03-01"), a whole
number has no ".0". Merged ranges are spread over the cells they cover. Hidden sheets are left
out: they hold lookup lists, not activities.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.importing.document import Block, Document, Row, Table


def read_excel(name: str, content: bytes) -> Document:
    workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    blocks: list[Block] = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        blocks.append(_table(sheet))
    return Document(name, "xlsx", tuple(blocks))


def _table(sheet: Worksheet) -> Table:
    width = sheet.max_column or 0
    grid = [
        [cell_text(value) for value in values]
        for values in sheet.iter_rows(min_row=1, max_col=width, values_only=True)
    ]
    for merged in sheet.merged_cells.ranges:
        first = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
        for row in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for column in range(merged.min_col - 1, min(merged.max_col, width)):
                grid[row][column] = first
    rows = tuple(Row(index + 1, tuple(cells)) for index, cells in enumerate(grid))
    columns = tuple(get_column_letter(index + 1) for index in range(width))
    return Table(sheet.title, rows, columns)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
