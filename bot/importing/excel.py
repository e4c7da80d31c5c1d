"""Reading an Excel (.xlsx) workbook: each visible sheet is a table.

Values are read as Excel shows them: a date cell becomes an ISO date ("2027-03-01"), a whole
number has no ".0", a formula its result as Excel last saved it. A formula without a saved
result (a file written by a program that does not calculate) is refused, naming its cell: read
as empty, it would shift what the row means. Merged ranges are spread over the cells they
cover. Hidden sheets are left out: they hold lookup lists, not activities.

The workbook is opened read-only and each sheet streamed, cells present in the file only:
openpyxl's normal mode makes a cell object for every cell of a merged range, and its read-only
rows pad every row to the sheet's last column, so one cell at XFD1048576 or one merged range to
it would allocate billions. Rows without a value are left out (a row keeps its number), and a
sheet is refused at the first cell past the row or cell limit.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.styles.fills import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange

from bot.importing.document import Block, Document, Row, Table
from bot.importing.errors import ImportFailed, Where, too_many_cells, too_many_rows
from bot.importing.limits import Limits
from bot.importing.marks import RED, STRUCK, is_red, theme_colours


def read_excel(name: str, content: bytes, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    # rich_text: text coloured or struck through in the cell's editor (not the cell's format)
    # is kept in runs; it counts as a mark when it covers all the text.
    workbook = openpyxl.load_workbook(
        io.BytesIO(content), read_only=True, data_only=True, rich_text=True
    )
    try:
        styles = _Marks(workbook)
        blocks: list[Block] = []
        rows_left = limits.max_rows
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                continue
            table = _table(name, sheet, styles, limits, rows_left)
            rows_left -= len(table.rows)
            blocks.append(table)
    finally:
        workbook.close()
    return Document(name, "xlsx", tuple(blocks))


class _CellParser(WorkSheetParser):  # type: ignore[misc]  # openpyxl has no type hints
    """openpyxl's own sheet parser (what its read-only rows are made from), asked for the saved
    result of a formula and telling whether there is one."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = super().parse_cell(element)
        # No result, or an empty one where only a text result can be empty (Excel writes an
        # empty text result as t="str" with <v></v>; openpyxl writes <v></v> for none at all).
        cell["unsaved"] = element.find(FORMULA_TAG) is not None and (
            not element.findtext(VALUE_TAG) and element.get("t") != "str"
        )
        return cell


def _table(file: str, sheet: Any, marks: _Marks, limits: Limits, rows_left: int) -> Table:
    content = _SheetContent(file, sheet, marks, limits, rows_left)
    merges = _stream(sheet, content)
    found, last_row, last_column = content.found, content.last_row, content.last_column
    row_marks = {}
    for number, cells in found.items():
        _, style_id, runs = cells[min(cells)]  # the row's first cell with a value
        row_marks[number] = marks.of(sheet, style_id) or runs
    grid = {
        number: {column: text for column, (text, _, _) in cells.items()}
        for number, cells in found.items()
    }
    if _spread_merges(grid, merges, last_row, last_column) > last_row * last_column:
        # Ranges that do not overlap cover the grid at most once: these overlap, over and over.
        raise content.too_many_cells()
    if len(grid) > rows_left:
        raise too_many_rows(Where(file, sheet.title, sorted(grid)[rows_left]), limits.max_rows)
    rows = tuple(
        Row(
            number,
            tuple(grid[number].get(column, "") for column in range(1, last_column + 1)),
            row_marks.get(number),
            frozenset(
                column - 1 for column in content.fills.get(number, ()) if column <= last_column
            ),
        )
        for number in sorted(grid)
    )
    columns = tuple(get_column_letter(index) for index in range(1, last_column + 1))
    return Table(sheet.title, rows, columns)


def _stream(sheet: Any, content: _SheetContent) -> Any:
    """Every cell the sheet's file holds, into ``content``; the sheet's merged ranges."""
    workbook = sheet.parent
    # The parser and the sheet's source are openpyxl's read-only worksheet's own.
    with sheet._get_source() as source:
        parser = _CellParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
            rich_text=True,
        )
        for _number, cells in parser.parse():
            for cell in cells:
                content.add(cell)
        return parser.merged_cells


@dataclass(slots=True)
class _SheetContent:
    """A sheet's cells with a value, and its empty cells with a fill, as they are streamed:
    checked against the limits at the first cell past them."""

    file: str
    sheet: Any
    marks: _Marks
    limits: Limits
    rows_left: int
    # row -> column -> (text, style id, the mark of its text runs)
    found: dict[int, dict[int, tuple[str, int, str | None]]] = field(default_factory=dict)
    # row -> columns of empty cells with a fill colour (a week grid's marks)
    fills: dict[int, set[int]] = field(default_factory=dict)
    filled: int = 0
    last_row: int = 0
    last_column: int = 0

    def add(self, cell: dict[str, Any]) -> None:
        row, column = cell["row"], cell["column"]
        if cell["unsaved"]:
            raise ImportFailed("import.error.formula", self._where(row, column))
        text = cell_text(cell["value"])
        if text:
            self._value(row, column, text, cell)
        elif self.marks.filled(self.sheet, cell["style_id"]):
            self._fill(row, column)

    def too_many_cells(self) -> ImportFailed:
        where = self._where(self.last_row, self.last_column)
        return too_many_cells(where, self.last_row, self.last_column, self.limits.max_cells)

    def _value(self, row: int, column: int, text: str, cell: dict[str, Any]) -> None:
        self.last_row, self.last_column = max(self.last_row, row), max(self.last_column, column)
        limits = self.limits
        if row > limits.max_rows or (row not in self.found and len(self.found) >= self.rows_left):
            raise too_many_rows(Where(self.file, self.sheet.title, row), limits.max_rows)
        if self.last_row * self.last_column > limits.max_cells:
            raise self.too_many_cells()
        runs = self.marks.of_runs(cell["value"])
        self.found.setdefault(row, {})[column] = (text, cell["style_id"], runs)

    def _fill(self, row: int, column: int) -> None:
        # Counted against the cell limit: a fill pasted down a whole column must not be
        # collected cell by cell without end.
        self.filled += 1
        if self.filled > self.limits.max_cells:
            raise too_many_cells(self._where(row, column), row, column, self.limits.max_cells)
        self.fills.setdefault(row, set()).add(column)

    def _where(self, row: int, column: int) -> Where:
        return Where(self.file, self.sheet.title, row, get_column_letter(column))


def _spread_merges(
    grid: dict[int, dict[int, str]], merges: Any, last_row: int, last_column: int
) -> int:
    """Give each merged range's text to every cell it covers, within the cells with values:
    a range reaching past them (to XFD1048576) covers nothing there a reader could see. Ranges
    are cut to that grid, which the cell limit bounds. Returns how many cells were written."""
    if merges is None:
        return 0
    spread = 0
    for merged in merges.mergeCell:
        area = CellRange(merged.ref)
        text = grid.get(area.min_row, {}).get(area.min_col, "")
        if not text:
            continue
        top, left = int(area.min_row), int(area.min_col)
        bottom, right = min(int(area.max_row), last_row), min(int(area.max_col), last_column)
        spread += max(0, bottom - top + 1) * max(0, right - left + 1)
        if spread > last_row * last_column:
            return spread
        for row in range(top, bottom + 1):
            cells = grid.setdefault(row, {})
            for column in range(left, right + 1):
                cells[column] = text
    return spread


class _Marks:
    """Whether a cell style marks its row as done, by style id, worked out once per style."""

    def __init__(self, workbook: Any) -> None:
        self.theme = theme_colours(getattr(workbook, "loaded_theme", None))
        self.known: dict[int, str | None] = {}

    def of(self, sheet: Any, style_id: int) -> str | None:
        if style_id not in self.known:
            cell = ReadOnlyCell(sheet, 1, 1, None, "n", style_id)
            self.known[style_id] = self._mark(cell.font, cell.fill)
        return self.known[style_id]

    def filled(self, sheet: Any, style_id: int) -> bool:
        """Whether a cell style has a fill colour (a solid fill, not white)."""
        key = -1 - style_id  # kept beside the marks, apart from them
        if key not in self.known:
            fill = ReadOnlyCell(sheet, 1, 1, None, "n", style_id).fill
            solid = isinstance(fill, PatternFill) and fill.fill_type == "solid"
            self.known[key] = "filled" if solid and not _white(fill.fgColor) else None
        return self.known[key] is not None

    def of_runs(self, value: object) -> str | None:
        """The mark of a rich text's runs: all its text struck through, or all of it red."""
        if not isinstance(value, CellRichText):
            return None
        runs = [part for part in value if str(part).strip()]
        if not runs or not all(isinstance(part, TextBlock) for part in runs):
            return None  # some text in the cell's own format, which is no mark
        fonts: list[Any] = [part.font for part in runs]
        if all(font.strike for font in fonts):
            return STRUCK
        if all(self._red(font.color) for font in fonts):
            return RED
        return None

    def _mark(self, font: Any, fill: Any) -> str | None:
        if font is not None and font.strike:
            return STRUCK
        if font is not None and self._red(font.color):
            return RED
        if isinstance(fill, PatternFill) and fill.fill_type == "solid" and self._red(fill.fgColor):
            return RED
        return None

    def _red(self, colour: Any) -> bool:
        if colour is None:
            return False
        kind = colour.type
        if kind == "rgb":
            return isinstance(colour.rgb, str) and is_red(colour.rgb)
        if kind == "indexed":
            index = colour.indexed
            return (
                isinstance(index, int) and index < len(COLOR_INDEX) and is_red(COLOR_INDEX[index])
            )
        if kind == "theme":
            index = colour.theme
            if isinstance(index, int) and index < len(self.theme):
                return is_red(self.theme[index], float(colour.tint or 0.0))
        return False


def _white(colour: Any) -> bool:
    """White, or the theme's background (lt1, index 0) untinted: a cell painted as no fill."""
    if colour is None:
        return True
    if colour.type == "rgb":
        return not isinstance(colour.rgb, str) or colour.rgb.upper()[-6:] == "FFFFFF"
    if colour.type == "theme":
        return colour.theme == 0 and not colour.tint
    if colour.type == "indexed":
        return colour.indexed in (9, 64)  # white, and the "system background"
    return False


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, CellRichText):
        return str(value).strip()
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
