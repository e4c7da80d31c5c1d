"""A plan table's header and what holds for the rows below it: which field each column holds,
its timing columns or grid, its Status column, and the target group or phase a spanning row
names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.importing import headings
from bot.importing.document import Document, Paragraph, Row, Table
from bot.importing.errors import Where
from bot.importing.grids import Grid, find_grid, year_named
from bot.importing.imported import ImportedPlan
from bot.importing.notices import ImportNote
from bot.importing.preamble import DATE_LABEL
from bot.importing.row_words import DONE_HEADINGS
from bot.importing.timing_columns import TimingColumn, timing_columns

HEADER_SEARCH_ROWS = 20  # title rows (a title block) a sheet may have above its header
# A row spanning the table whose text opens like this is a phase of the plan, not a target
# group: "Fase 1: Forberedelse", "Fas 2 – Genomförande", "Phase 3".
PHASE = re.compile(r"^(?:fase|fas|phase|etape|etapp|stage)\b", re.IGNORECASE)


@dataclass(slots=True)
class Frame:
    """The header in force: which field each column holds, and the target group, if named."""

    fields: list[str | None]
    width: int
    group: str | None = None
    header_mark: str | None = None  # a mark the header has too is the table's style
    status_heading: str | None = None  # the Status column's heading, for the notices
    status_says_done: bool = False  # the Status column is headed "Udført", "Done" ...
    timing: list[TimingColumn] = field(default_factory=list)  # the timing columns
    grid: Grid | None = None  # the week or month columns, when the table is a grid
    phase: str | None = None  # the phase row above the rows read

    @property
    def roles(self) -> dict[int, str]:
        """The start and end columns, by index (together they make a window)."""
        return {c.index: c.role for c in self.timing if c.role is not None}


def frame_of(table: Table, index: int, reference: dt.date) -> tuple[Frame, Sequence[Row]]:
    """The header of ``table`` at row ``index``: its fields, grid and timing columns, and the
    rows below it."""
    header = table.rows[index]
    frame = Frame(headings.fields_of(header.cells), len(header.cells))
    frame.header_mark = header.mark
    year = year_named([table.name, *_title_rows(table, index)])
    frame.grid = find_grid(table.rows, index, year=year, reference=reference)
    rows = table.rows[index + 1 :]
    skip: frozenset[int] = frozenset()
    if frame.grid is not None:
        skip = frame.grid.column_set
        rows = table.rows[frame.grid.label_index + 1 :]
        frame.width = max(frame.width, len(table.rows[frame.grid.label_index].cells))
        # A column of the grid holds marks, whatever its heading ("Uge" merged above them).
        frame.fields = [None if i in skip else name for i, name in enumerate(frame.fields)]
    frame.timing = timing_columns(header.cells, rows, skip=skip, reference=reference)
    timing_at = {column.index for column in frame.timing}
    frame.fields = [
        None if i in timing_at and name not in (None, "when") else name
        for i, name in enumerate(frame.fields)
    ]
    if frame.timing and "when" not in frame.fields:
        frame.fields[frame.timing[0].index] = "when"  # the column an export writes it in
    if "status" in frame.fields:
        heading = header.cells[frame.fields.index("status")]
        frame.status_heading = " ".join(heading.split())
        frame.status_says_done = headings.normalise(heading) in DONE_HEADINGS
    return frame, rows


def _title_rows(table: Table, index: int) -> list[str]:
    """The texts of the title rows above a sheet's header, but date lines."""
    texts = []
    for row in table.rows[:index]:
        text = " ".join(dict.fromkeys(cell for cell in row.cells if cell.strip()))
        if text and not DATE_LABEL.match(text):
            texts.append(text)
    return texts[:1]


def header_index(table: Table) -> int | None:
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        if headings.is_header(row.cells):
            return index
    return None


def table_width(table: Table) -> int:
    return max((len(row.cells) for row in table.rows), default=0)


def group_headings_of(document: Document, header_at: dict[int, int | None]) -> dict[int, str]:
    """Tables that each name their target group in the paragraph just before them."""
    found: dict[int, str] = {}
    previous: Paragraph | Table | None = None
    candidates = 0
    for block in document.blocks:
        if isinstance(block, Table) and header_at[id(block)] is not None:
            fields = headings.fields_of(block.rows[header_at[id(block)] or 0].cells)
            if "target_group" not in fields:
                candidates += 1
                if isinstance(previous, Paragraph) and len(previous.text) <= 120:
                    found[id(block)] = previous.text.strip().rstrip(":")
        previous = block
    return found if candidates >= 2 and len(found) == candidates else {}


def note_columns(plan: ImportedPlan, table: Table, header: Row, frame: Frame) -> None:
    quiet = {column.index for column in frame.timing}
    quiet |= frame.grid.column_set if frame.grid is not None else set()
    for index, (cell, name) in enumerate(zip(header.cells, frame.fields, strict=False)):
        if index in quiet and name is None:
            continue
        if name is None:
            if cell.strip() and headings.field_of(cell) is None:
                plan.warnings.append(
                    ImportNote(
                        "import.warning.column_ignored",
                        Where(plan.file, table.name, header.number, table.column_name(index)),
                        {"heading": " ".join(cell.split())},
                    )
                )
            continue
        if name in headings.EXPORT_FIELDS:
            continue
        if not any(known == name for known, _ in plan.columns):
            plan.columns.append((name, cell.strip()))


def spanning_text(row: Row, frame: Frame) -> str | None:
    """The text of a row spanning the table (one text across it, merged or repeated; or a
    phase's text in its first cell alone), or None."""
    skip = frame.grid.column_set if frame.grid is not None else frozenset()
    cells = [cell.strip() for i, cell in enumerate(row.cells) if i not in skip]
    if len(cells) >= 2 and cells[0] and all(cell == cells[0] for cell in cells):
        return cells[0]
    if cells and cells[0] and not any(cells[1:]) and PHASE.match(cells[0]):
        return cells[0]
    return None


def grid_columns(table: Table, grid: Grid) -> str:
    first, last = grid.columns[0][0], grid.columns[-1][0]
    return f"{table.column_name(first)}\u2013{table.column_name(last)}"
