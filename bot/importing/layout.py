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
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.importing import headings
from bot.importing.document import Document, Paragraph, Row, Table
from bot.importing.errors import ImportFailed, Where
from bot.importing.grids import Grid, find_grid, run_text, year_named
from bot.importing.notices import Notice
from bot.importing.timing_columns import (
    JOIN,
    Reading,
    TimingColumn,
    cell_text,
    read_row,
    timing_columns,
)
from bot.importing.titles import derive_title
from bot.interchange.grid_periods import Period
from bot.interchange.identity import PlanIdentity
from bot.texts import t
from bot.timing import read_timing
from config.languages import LANGUAGES, Language
from storage.rules.timing import Timing, TimingKind

HEADER_SEARCH_ROWS = 20  # title rows (a title block) a sheet may have above its header
TITLE_LENGTH = 500
_PURPOSE_HEADINGS = frozenset({"formål", "syfte", "purpose", "formål og mål", "syfte och mål"})
_BACKGROUND_HEADINGS = frozenset({"baggrund", "bakgrund", "background"})
_PURPOSE_OPENING = re.compile(
    r"^(formålet|formål\s*:|syftet|syfte\s*:|the purpose|purpose\s*:)", re.IGNORECASE
)
_LABEL = re.compile(r"^(formål|syfte|purpose|baggrund|bakgrund|background)\s*:\s*", re.IGNORECASE)
# A title block's date line: "Datum: 2026-11-01", "Dato 1. november 2026", "Date: ...".
_DATE_LABEL = re.compile(
    r"^(?:datum|dato|date|opdateret|uppdaterad|senast uppdaterad|updated)\s*:?\s*", re.IGNORECASE
)
# A row spanning the table whose text opens like this is a phase of the plan, not a target
# group: "Fase 1: Forberedelse", "Fas 2 – Genomförande", "Phase 3".
_PHASE = re.compile(r"^(?:fase|fas|phase|etape|etapp|stage)\b", re.IGNORECASE)
# The first word of a Status cell saying the activity is done ("Udført 12/3" is, "Ikke udført"
# is not).
DONE_WORDS = frozenset(
    {
        # da
        "udført",
        "færdig",
        "afsluttet",
        "gennemført",
        "fuldført",
        "afholdt",
        "klar",
        # sv
        "genomförd",
        "genomfört",
        "utförd",
        "utfört",
        "slutförd",
        "avslutad",
        "avslutat",
        "färdig",
        "färdigt",
        "klart",
        "gjord",
        "gjort",
        # en
        "done",
        "completed",
        "complete",
        "finished",
    }
)
CHECK_MARKS = frozenset("✓✔☑✅")
# In a column headed "Udført", "Klar", "Done" ...: a cell saying yes.
YES_WORDS = frozenset({"x", "ja", "yes", "ok", "j", "y"})
_DONE_HEADINGS = DONE_WORDS - {"complete"}
APPROVAL_WORDS = ("godkend", "godkänn", "approv")


@dataclass(frozen=True, slots=True)
class ImportedActivity:
    title: str
    fields: dict[str, str | None]  # the EDITABLE fields but "activity"
    timing: Timing
    done: bool
    requires_approval: bool
    table: str
    row: int
    # Why the row was read as done: "status" (its Status cell, in done_text), "red", "struck".
    done_because: str | None = None
    done_text: str = ""
    # Where the timing came from: the columns (as a person names them, "D (Datum)"), or the
    # week or month columns of a grid ("weeks E–AD").
    timing_from: str | None = None
    grid_run: bool = False  # one run of marked columns of a grid row

    def as_json(self) -> dict[str, object]:
        return {
            "activity": self.title,
            **{name: self.fields.get(name) for name in headings.FIELDS if name != "activity"},
            "timing": self.timing.as_json(),
            "timing_from": self.timing_from,
            "source": {"table": self.table, "row": self.row},
        }


@dataclass(slots=True)
class ImportedPlan:
    file: str
    name: str | None
    purpose: str | None
    dated: dt.date | None
    language: Language
    columns: list[tuple[str, str]]
    activities: list[ImportedActivity] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    identity: PlanIdentity | None = None  # the plan an export of ours came from
    # What the owner should know that is no problem: which rows were read as done, and why.
    notices: list[Notice] = field(default_factory=list)
    # The Status column's heading of each table, for the notices.
    status_headings: dict[str, str] = field(default_factory=dict)
    # Tables whose timings the notices place: several timing columns, or one found by its
    # cells or a week word; and the grids, by table: (columns, unit).
    timing_tables: set[str] = field(default_factory=set)
    grids: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(slots=True)
class _Frame:
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


def read_plan(
    document: Document, *, today: dt.date, language: Language | None, default: Language
) -> ImportedPlan:
    """The plan in ``document``; timing texts without a year are read relative to the date the
    document carries under its title, else ``today``."""
    tables = document.tables
    header_at = {id(table): _header_index(table) for table in tables}
    if not any(index is not None for index in header_at.values()):
        _no_plan_table(document)
    preamble = _preamble(document, header_at)
    plan = ImportedPlan(
        file=document.name,
        name=_title(preamble),
        purpose=_purpose(preamble),
        dated=_dated(preamble),
        language=language or _language(document, header_at, default),
        columns=[],
        identity=document.identity,
    )
    group_headings = _group_headings(document, header_at)
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
    plan.notices.extend(_timing_notices(plan))
    plan.notices.extend(_done_notices(plan))
    return plan


def _timing_notices(plan: ImportedPlan) -> list[Notice]:
    """Where each activity's timing came from, for the tables where that is news: one notice
    per table and column(s), listing the rows; one per grid."""
    notices = []
    grouped: dict[tuple[str, str], list[int]] = {}
    runs: dict[str, dict[int, int]] = {}
    for activity in plan.activities:
        if activity.grid_run:
            counted = runs.setdefault(activity.table, {})
            counted[activity.row] = counted.get(activity.row, 0) + 1
        elif activity.table in plan.timing_tables and activity.timing_from:
            grouped.setdefault((activity.table, activity.timing_from), []).append(activity.row)
    for table, (columns, unit) in plan.grids.items():
        several = [str(row) for row, count in runs.get(table, {}).items() if count > 1]
        values = {"columns": columns, "unit": t(f"import.grid.{unit}", plan.language)}
        values["rows"] = ", ".join(several) or "\u2013"
        notices.append(Notice("import.notice.grid", Where(plan.file, table), values))
    for (table, source), rows in grouped.items():
        values = {"source": source, "rows": ", ".join(map(str, dict.fromkeys(rows)))}
        notices.append(Notice("import.notice.timing_from", Where(plan.file, table), values))
    return notices


def _done_notices(plan: ImportedPlan) -> list[Notice]:
    """One notice per table and reason: the rows read as done, and (for a Status column) the
    words that said so."""
    grouped: dict[tuple[str, str], list[ImportedActivity]] = {}
    for activity in plan.activities:
        if activity.done_because is not None:
            grouped.setdefault((activity.table, activity.done_because), []).append(activity)
    notices = []
    for (table, because), rows in grouped.items():
        values: dict[str, object] = {"rows": ", ".join(str(row.row) for row in rows)}
        if because == "status":
            words = dict.fromkeys(" ".join(row.done_text.split()) for row in rows)
            values["words"] = ", ".join(f"\u201c{word}\u201d" for word in words)
            values["column"] = plan.status_headings.get(table, "Status")
        notices.append(Notice(f"import.notice.done_{because}", Where(plan.file, table), values))
    return notices


def _read_tables(
    plan: ImportedPlan,
    document: Document,
    header_at: dict[int, int | None],
    group_headings: dict[int, str],
    reference: dt.date,
) -> None:
    frame: _Frame | None = None
    for block in document.blocks:
        if not isinstance(block, Table):
            continue
        index = header_at[id(block)]
        if index is not None:
            frame, rows = _frame(plan, block, index, reference)
            frame.group = group_headings.get(id(block))
            _note_columns(plan, block, block.rows[index], frame)
            if frame.grid is not None:
                plan.grids[block.name] = (_grid_columns(block, frame.grid), frame.grid.unit)
            header = block.rows[index].cells
            if len(frame.timing) > 1 or any(
                headings.field_of(header[column.index]) != "when" for column in frame.timing
            ):
                plan.timing_tables.add(block.name)
        elif document.kind == "docx" and frame is not None and _width(block) == frame.width:
            rows = block.rows  # the table before, continued after a page break
        elif all(row.empty for row in block.rows):
            continue
        else:
            first = next(row for row in block.rows if not row.empty)
            # A sheet is never the one before continued: a cover or notes sheet.
            key = "sheet_skipped" if document.kind == "xlsx" else "table_skipped"
            plan.warnings.append(
                Notice(
                    f"import.warning.{key}",
                    Where(document.name, block.name, first.number),
                    {"cells": _preview(first.cells)},
                )
            )
            continue
        if frame.status_heading is not None:
            plan.status_headings[block.name] = frame.status_heading
        _read_rows(plan, document.name, block, rows, frame=frame, reference=reference)


def _frame(
    plan: ImportedPlan, table: Table, index: int, reference: dt.date
) -> tuple[_Frame, Sequence[Row]]:
    """The header of ``table`` at row ``index``: its fields, grid and timing columns, and the
    rows below it."""
    header = table.rows[index]
    frame = _Frame(headings.fields_of(header.cells), len(header.cells))
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
        frame.status_says_done = headings.normalise(heading) in _DONE_HEADINGS
    return frame, rows


def _title_rows(table: Table, index: int) -> list[str]:
    """The texts of the title rows above a sheet's header, but date lines."""
    texts = []
    for row in table.rows[:index]:
        text = " ".join(dict.fromkeys(cell for cell in row.cells if cell.strip()))
        if text and not _DATE_LABEL.match(text):
            texts.append(text)
    return texts[:1]


def _header_index(table: Table) -> int | None:
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        if headings.is_header(row.cells):
            return index
    return None


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


def _width(table: Table) -> int:
    return max((len(row.cells) for row in table.rows), default=0)


def _preamble(document: Document, header_at: dict[int, int | None]) -> list[Paragraph]:
    """The paragraphs before the first plan table, with the title rows of a sheet."""
    found: list[Paragraph] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            found.append(block)
            continue
        index = header_at[id(block)]
        if index is None:
            continue
        for position, row in enumerate(block.rows[:index]):
            cells = [cell for cell in row.cells if cell.strip()]
            if not cells:
                continue
            if len(cells) >= 2 and _LABEL.match(cells[0] + ":"):
                found.append(Paragraph(cells[0].rstrip(": "), heading=True))
                found.append(Paragraph(" ".join(cells[1:])))
            else:
                found.append(Paragraph(" ".join(dict.fromkeys(cells)), heading=position == 0))
        break
    return found


def _title(preamble: list[Paragraph]) -> str | None:
    for paragraph in preamble:
        if paragraph.heading and not _is_section(paragraph.text):
            return paragraph.text.strip()[:200]
    return None


def _is_section(text: str) -> bool:
    key = headings.normalise(text).replace("\n", " ").rstrip(" :")
    return key in _PURPOSE_HEADINGS or key in _BACKGROUND_HEADINGS


def _purpose(preamble: list[Paragraph]) -> str | None:
    """The text under a Formål/Syfte/Purpose heading, or a paragraph opening "Formålet ...";
    failing both, the text under a Baggrund/Bakgrund heading."""
    found: dict[str, list[str]] = {"purpose": [], "background": []}
    section: str | None = None
    for paragraph in preamble:
        key = headings.normalise(paragraph.text).replace("\n", " ").rstrip(" :")
        if paragraph.heading or key in _PURPOSE_HEADINGS or key in _BACKGROUND_HEADINGS:
            section = (
                "purpose"
                if key in _PURPOSE_HEADINGS
                else "background"
                if key in _BACKGROUND_HEADINGS
                else None
            )
            if section is not None or paragraph.heading:
                continue
        if section is not None:
            found[section].append(paragraph.text)
        elif _PURPOSE_OPENING.match(paragraph.text):
            found["purpose"].append(_LABEL.sub("", paragraph.text))
    text = "\n".join(found["purpose"] or found["background"]).strip()
    return text or None


def _dated(preamble: list[Paragraph]) -> dt.date | None:
    """The document's date: a short paragraph before the plan that is one date."""
    for paragraph in preamble:
        text = _DATE_LABEL.sub("", paragraph.text)  # a title block's "Datum: 2026-11-15"
        if len(text) > 40:
            continue
        timing = read_timing(text, today=dt.date(2000, 1, 1))
        if timing.kind is TimingKind.DATE and not timing.tentative and re.search(r"\d{4}", text):
            return timing.due
    return None


def _language(document: Document, header_at: dict[int, int | None], default: Language) -> Language:
    cells: list[str] = []
    for table in document.tables:
        index = header_at[id(table)]
        if index is not None:
            cells.extend(table.rows[index].cells)
    votes = headings.languages_of(cells)
    letters = Counter(
        char for cell in _all_text(document) for char in cell.casefold() if char in "æøäö"
    )
    votes["da"] += letters["æ"] + letters["ø"]
    votes["sv"] += letters["ä"] + letters["ö"]
    ranked = [language for language, count in votes.most_common() if count > 0]
    if not ranked:
        return default
    if len(ranked) > 1 and votes[ranked[0]] == votes[ranked[1]]:
        return default if default in (ranked[0], ranked[1]) else ranked[0]
    chosen = ranked[0]
    return chosen if chosen in LANGUAGES else default


def _all_text(document: Document) -> list[str]:
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        else:
            for row in block.rows[:200]:
                texts.extend(row.cells)
    return texts


def _group_headings(document: Document, header_at: dict[int, int | None]) -> dict[int, str]:
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


def _note_columns(plan: ImportedPlan, table: Table, header: Row, frame: _Frame) -> None:
    quiet = {column.index for column in frame.timing}
    quiet |= frame.grid.column_set if frame.grid is not None else set()
    for index, (cell, name) in enumerate(zip(header.cells, frame.fields, strict=False)):
        if index in quiet and name is None:
            continue
        if name is None:
            if cell.strip() and headings.field_of(cell) is None:
                plan.warnings.append(
                    Notice(
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


def _spanning(row: Row, frame: _Frame) -> str | None:
    """The text of a row spanning the table (one text across it, merged or repeated; or a
    phase's text in its first cell alone), or None."""
    skip = frame.grid.column_set if frame.grid is not None else frozenset()
    cells = [cell.strip() for i, cell in enumerate(row.cells) if i not in skip]
    if len(cells) >= 2 and cells[0] and all(cell == cells[0] for cell in cells):
        return cells[0]
    if cells and cells[0] and not any(cells[1:]) and _PHASE.match(cells[0]):
        return cells[0]
    return None


def _read_rows(
    plan: ImportedPlan,
    file: str,
    table: Table,
    rows: Sequence[Row],
    *,
    frame: _Frame,
    reference: dt.date,
) -> None:
    for row in rows:
        if row.empty:
            continue
        spanning = _spanning(row, frame)
        if spanning is not None:
            # A phase ("Fase 1: Forberedelse"), or else the target group of the rows below.
            if _PHASE.match(spanning):
                frame.phase = spanning.rstrip(":")
            else:
                frame.group = spanning.rstrip(":")
            continue
        _check_width(file, table, row, frame)
        values = _values(row, frame)
        status = values.pop("status", None) or ""
        runs = frame.grid.runs(row) if frame.grid is not None else []
        timing_cells = [
            (column.index, cell_text(row.cells[column.index], column, plan.language))
            for column in frame.timing
            if column.index < len(row.cells) and row.cells[column.index].strip()
        ]
        values["when"] = JOIN.join(text for _, text in timing_cells) or None
        if not any(values.values()):
            continue  # marks alone (a totals row) name no activity
        if frame.group and not values.get("target_group"):
            values["target_group"] = frame.group
        if frame.phase and not values.get("phase"):
            values["phase"] = frame.phase
        because = "status" if says_done(status, heading_says_done=frame.status_says_done) else None
        if because is None and row.mark is not None and row.mark != frame.header_mark:
            because = row.mark
        where = Where(file, table.name, row.number)
        if runs and frame.grid is not None:
            # Each run of marked weeks (months) is one window: an activity of its own, with
            # the row's other cells, so that each is reminded (docs/importing.md).
            for first, last in runs:
                text = run_text(first, last, plan.language)
                timing = Timing(TimingKind.WINDOW, first.first, last.last)
                plan.activities.append(
                    _activity(
                        plan,
                        where,
                        values={**values, "when": text},
                        reading=Reading(text, timing),
                        source=_grid_source(table, frame.grid, first, last),
                        done=(because, status),
                        grid_run=True,
                    )
                )
            continue
        roles = {c.index: c.role for c in frame.timing if c.role is not None}
        reading = read_row(timing_cells, language=plan.language, reference=reference, roles=roles)
        values["when"] = reading.text
        unread = reading.unread[0][0] if reading.unread else None
        plan.activities.append(
            _activity(
                plan,
                where if unread is None else replace(where, column=table.column_name(unread)),
                values=values,
                reading=reading,
                source=_columns_source(table, frame, reading),
                done=(because, status),
            )
        )


def _values(row: Row, frame: _Frame) -> dict[str, str | None]:
    """The row's cells by field (a Next date column left out: an export wrote it)."""
    values: dict[str, str | None] = {}
    for index, name in enumerate(frame.fields):
        if name is not None and name != "next_due" and index < len(row.cells):
            values[name] = row.cells[index].strip() or None
    return values


def _check_width(file: str, table: Table, row: Row, frame: _Frame) -> None:
    if len(row.cells) > frame.width:
        extra = next((i for i in range(frame.width, len(row.cells)) if row.cells[i].strip()), None)
        if extra is not None:
            raise ImportFailed(
                "import.error.extra_cell",
                Where(file, table.name, row.number, table.column_name(extra)),
                width=frame.width,
                cells=len(row.cells),
            )


def _grid_columns(table: Table, grid: Grid) -> str:
    first, last = grid.columns[0][0], grid.columns[-1][0]
    return f"{table.column_name(first)}\u2013{table.column_name(last)}"


def _grid_source(table: Table, grid: Grid, first: Period, last: Period) -> str:
    columns = {period: column for column, period in grid.columns}
    start, end = table.column_name(columns[first]), table.column_name(columns[last])
    return start if start == end else f"{start}\u2013{end}"


def _columns_source(table: Table, frame: _Frame, reading: Reading) -> str | None:
    headings_at = {column.index: column.heading for column in frame.timing}
    named = [
        f"{table.column_name(index)} ({headings_at[index]})"
        if headings_at.get(index)
        else table.column_name(index)
        for index in reading.columns
    ]
    return " + ".join(named) or None


def _activity(
    plan: ImportedPlan,
    where: Where,
    *,
    values: dict[str, str | None],
    reading: Reading,
    source: str | None,
    done: tuple[str | None, str],
    grid_run: bool = False,
) -> ImportedActivity:
    when = values.get("when")
    timing = reading.timing
    if when and timing.kind is TimingKind.UNKNOWN:
        plan.warnings.append(
            Notice(
                "import.warning.timing_unknown",
                Where(where.file, where.table, where.row, where.column),
                {"text": when},
            )
        )
    elif not when:
        plan.warnings.append(
            Notice("import.warning.no_timing", Where(where.file, where.table, where.row))
        )
    remarks = values.get("remarks")
    if timing.note and timing.note not in (remarks or ""):
        values["remarks"] = f"{remarks} ({timing.note})" if remarks else f"({timing.note})"
    fields = {name: value for name, value in values.items() if name != "activity"}
    title = (values.get("activity") or derive_title(fields)).strip()
    if len(title) > TITLE_LENGTH:
        plan.warnings.append(
            Notice(
                "import.warning.title_cut",
                replace(where, column=None),
                {"length": TITLE_LENGTH},
            )
        )
        title = title[:TITLE_LENGTH]
    return ImportedActivity(
        title=title,
        fields=fields,
        timing=timing,
        done=done[0] is not None,
        requires_approval=needs_approval(values.get("remarks")),
        table=where.table or "",
        row=where.row or 0,
        done_because=done[0],
        done_text=done[1] if done[0] == "status" else "",
        timing_from=source if timing.kind is not TimingKind.UNKNOWN else None,
        grid_run=grid_run,
    )


def says_done(status: str, *, heading_says_done: bool = False) -> bool:
    """Whether a Status cell says done: a check mark, or a first word such as "Udført" or
    "Genomförd"; under a heading that is itself such a word, "x" or "ja" as well."""
    if any(char in CHECK_MARKS for char in status):
        return True
    words = re.findall(r"\w+", status.casefold())
    if not words:
        return False
    return words[0] in DONE_WORDS or (heading_says_done and words[0] in YES_WORDS)


def needs_approval(remarks: str | None) -> bool:
    """Whether a row's remarks say it goes to the steering group for approval first."""
    text = (remarks or "").casefold()
    return any(word in text for word in APPROVAL_WORDS)
