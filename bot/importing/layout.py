"""Finding the plan in a document: its title, date, purpose, header rows and activities.

The shapes of docs/glossary.md, in the order they are tried for each table:

- a header row, possibly below title rows (a sheet's "Aktivitetsplan - Mittköping" row);
- no header but as many columns as the table before: the same table continued after a page
  break;
- no header and nothing to continue: left out with a warning when the document has a plan
  table elsewhere (a contact list, a cover-page table), an error when it has none.

When two or more tables with headers have no target-group column and each comes straight after
a paragraph, those paragraphs name the target groups ("Medarbejdere", "Pressen"). A row whose
cells all hold one text (a merged row across the table) names the target group of the rows
below it in the same way.

A row is read as done when its Status column says so ("Udført", "Genomförd", "Done", "✓"; in a
column headed by such a word, "x" or "ja" too), or when the file marks it: red text or shading
of the row or its first cell, or strike-through (``Row.mark``). A mark the header row carries as
well is the table's style, not a mark. Each plan gets a notice per table and reason saying
which rows were read as done and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.importing import headings
from bot.importing.document import Document, Row, Table
from bot.importing.errors import ImportFailed, Where
from bot.importing.frames import (
    Frame,
    frame_of,
    grid_columns,
    group_headings_of,
    header_index,
    note_columns,
    table_width,
)
from bot.importing.imported import ImportedPlan
from bot.importing.notices import ImportNote
from bot.importing.plan_notices import done_notices, timing_notices
from bot.importing.preamble import date_of, language_of, preamble_of, purpose_of, title_of
from bot.importing.rows import read_rows
from config.languages import Language


def read_plan(
    document: Document, *, today: dt.date, language: Language | None, default: Language
) -> ImportedPlan:
    """The plan in ``document``; timing texts without a year are read relative to the date the
    document carries under its title, else ``today``."""
    tables = document.tables
    header_at = {id(table): header_index(table) for table in tables}
    if not any(index is not None for index in header_at.values()):
        _no_plan_table(document)
    preamble = preamble_of(document, header_at)
    plan = ImportedPlan(
        file=document.name,
        name=title_of(preamble),
        purpose=purpose_of(preamble),
        dated=date_of(preamble),
        language=language or language_of(document, header_at, default),
        columns=[],
        identity=document.identity,
    )
    group_headings = group_headings_of(document, header_at)
    _read_tables(plan, document, header_at, group_headings, plan.dated or today)
    if plan.dated is None:
        # An old plan without a date line ("Våren 2018" ... "Höst - pågående"): a text without
        # a year means the next such period on or after the plan's first dated activity, not
        # after today. Texts with a year read the same whatever the reference, so read again.
        earliest = min(
            (a.timing.start for a in plan.activities if a.timing.start is not None),
            default=today,
        )
        if earliest < today:
            plan.activities.clear()
            plan.warnings.clear()
            plan.columns.clear()
            plan.status_headings.clear()
            plan.timing_tables.clear()
            plan.grids.clear()
            _read_tables(plan, document, header_at, group_headings, earliest)
    if group_headings and not any(name == "target_group" for name, _ in plan.columns):
        default_heading = headings.DEFAULT_HEADINGS[plan.language]["target_group"]
        plan.columns.insert(0, ("target_group", default_heading))
    plan.notices.extend(timing_notices(plan))
    plan.notices.extend(done_notices(plan))
    return plan


def _read_tables(
    plan: ImportedPlan,
    document: Document,
    header_at: dict[int, int | None],
    group_headings: dict[int, str],
    reference: dt.date,
) -> None:
    frame: Frame | None = None
    for block in document.blocks:
        if not isinstance(block, Table):
            continue
        index = header_at[id(block)]
        if index is not None:
            frame, rows = _start_table(plan, block, index, reference)
            frame.group = group_headings.get(id(block))
        elif document.kind == "docx" and frame is not None and table_width(block) == frame.width:
            rows = block.rows  # the table before, continued after a page break
        else:
            _skip_table(plan, document, block)
            continue
        if frame.status_heading is not None:
            plan.status_headings[block.name] = frame.status_heading
        read_rows(plan, document.name, block, rows, frame=frame, reference=reference)


def _start_table(
    plan: ImportedPlan, table: Table, index: int, reference: dt.date
) -> tuple[Frame, Sequence[Row]]:
    """A table with its header at row ``index``: its frame, its columns noted in the plan,
    and the rows below the header."""
    frame, rows = frame_of(table, index, reference)
    note_columns(plan, table, table.rows[index], frame)
    if frame.grid is not None:
        plan.grids[table.name] = (grid_columns(table, frame.grid), frame.grid.unit)
    header = table.rows[index].cells
    if len(frame.timing) > 1 or any(
        headings.field_of(header[column.index]) != "when" for column in frame.timing
    ):
        plan.timing_tables.add(table.name)
    return frame, rows


def _skip_table(plan: ImportedPlan, document: Document, table: Table) -> None:
    """A table without a header that continues none: left out, with a warning unless empty."""
    if all(row.empty for row in table.rows):
        return
    first = next(row for row in table.rows if not row.empty)
    # A sheet is never the one before continued: a cover or notes sheet.
    key = "sheet_skipped" if document.kind == "xlsx" else "table_skipped"
    plan.warnings.append(
        ImportNote(
            f"import.warning.{key}",
            Where(document.name, table.name, first.number),
            {"cells": _preview(first.cells)},
        )
    )


def _no_plan_table(document: Document) -> None:
    for table in document.tables:
        for row in table.rows:
            if not row.empty:
                raise ImportFailed(
                    "import.error.no_header",
                    Where(document.name, table.name, row.number),
                    cells=_preview(row.cells),
                )
    raise ImportFailed("import.error.no_table", Where(document.name))


def _preview(cells: Sequence[str]) -> str:
    shown = [" ".join(cell.split())[:40] for cell in cells if cell.strip()][:6]
    return " | ".join(shown)
