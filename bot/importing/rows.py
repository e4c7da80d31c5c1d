"""A plan table's rows read into activities, under the header in force (``frames``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from bot.importing.document import Row, Table
from bot.importing.errors import ImportFailed, Where
from bot.importing.frames import PHASE, Frame, spanning_text
from bot.importing.grids import Grid, run_text
from bot.importing.imported import ImportedActivity, ImportedPlan
from bot.importing.notices import ImportNote
from bot.importing.row_words import needs_approval, says_done
from bot.importing.timing_columns import JOIN, Reading, cell_text, read_row
from bot.importing.titles import derive_title
from bot.interchange.grid_periods import Period
from storage.rules.timing import Timing, TimingKind

TITLE_LENGTH = 500


def read_rows(
    plan: ImportedPlan,
    file: str,
    table: Table,
    rows: Sequence[Row],
    *,
    frame: Frame,
    reference: dt.date,
) -> None:
    for row in rows:
        if row.empty or _names_what_follows(row, frame):
            continue
        _check_width(file, table, row, frame)
        values = _values(row, frame)
        status = values.pop("status", None) or ""
        timing_cells = _timing_cells(row, frame, plan.language)
        values["when"] = JOIN.join(text for _, text in timing_cells) or None
        if not any(values.values()):
            continue  # marks alone (a totals row) name no activity
        _inherit(values, frame)
        done = (_done_because(row, status, frame), status)
        where = Where(file, table.name, row.number)
        runs = frame.grid.runs(row) if frame.grid is not None else []
        if runs and frame.grid is not None:
            _read_runs(plan, where, table, frame.grid, runs, values=values, done=done)
            continue
        reading = read_row(
            timing_cells, language=plan.language, reference=reference, roles=frame.roles
        )
        values["when"] = reading.text
        unread = reading.unread[0][0] if reading.unread else None
        plan.activities.append(
            _activity(
                plan,
                where if unread is None else replace(where, column=table.column_name(unread)),
                values=values,
                reading=reading,
                source=_columns_source(table, frame, reading),
                done=done,
            )
        )


def _timing_cells(row: Row, frame: Frame, language: str) -> list[tuple[int, str]]:
    """The row's timing cells that hold text, as timing texts (a bare week number named)."""
    return [
        (column.index, cell_text(row.cells[column.index], column, language))
        for column in frame.timing
        if column.index < len(row.cells) and row.cells[column.index].strip()
    ]


def _names_what_follows(row: Row, frame: Frame) -> bool:
    """A row spanning the table names a phase ("Fase 1: Forberedelse"), or else the target
    group of the rows below it; it is no activity."""
    spanning = spanning_text(row, frame)
    if spanning is None:
        return False
    if PHASE.match(spanning):
        frame.phase = spanning.rstrip(":")
    else:
        frame.group = spanning.rstrip(":")
    return True


def _inherit(values: dict[str, str | None], frame: Frame) -> None:
    """The target group and phase a spanning row named, for a row that names none."""
    if frame.group and not values.get("target_group"):
        values["target_group"] = frame.group
    if frame.phase and not values.get("phase"):
        values["phase"] = frame.phase


def _done_because(row: Row, status: str, frame: Frame) -> str | None:
    """Why the row reads as done: "status" (its Status cell says so), its mark ("red",
    "struck") unless the header has it too (the table's style), or None."""
    if says_done(status, heading_says_done=frame.status_says_done):
        return "status"
    if row.mark is not None and row.mark != frame.header_mark:
        return row.mark
    return None


def _read_runs(
    plan: ImportedPlan,
    where: Where,
    table: Table,
    grid: Grid,
    runs: Sequence[tuple[Period, Period]],
    *,
    values: dict[str, str | None],
    done: tuple[str | None, str],
) -> None:
    """Each run of marked weeks (months) is one window: an activity of its own, with the row's
    other cells, so that each is reminded (docs/importing.md)."""
    for first, last in runs:
        text = run_text(first, last, plan.language)
        timing = Timing(TimingKind.WINDOW, first.first, last.last)
        plan.activities.append(
            _activity(
                plan,
                where,
                values={**values, "when": text},
                reading=Reading(text, timing),
                source=_grid_source(table, grid, first, last),
                done=done,
                grid_run=True,
            )
        )


def _values(row: Row, frame: Frame) -> dict[str, str | None]:
    """The row's cells by field (a Next date column left out: an export wrote it)."""
    values: dict[str, str | None] = {}
    for index, name in enumerate(frame.fields):
        if name is not None and name != "next_due" and index < len(row.cells):
            values[name] = row.cells[index].strip() or None
    return values


def _check_width(file: str, table: Table, row: Row, frame: Frame) -> None:
    if len(row.cells) > frame.width:
        extra = next((i for i in range(frame.width, len(row.cells)) if row.cells[i].strip()), None)
        if extra is not None:
            raise ImportFailed(
                "import.error.extra_cell",
                Where(file, table.name, row.number, table.column_name(extra)),
                width=frame.width,
                cells=len(row.cells),
            )


def _grid_source(table: Table, grid: Grid, first: Period, last: Period) -> str:
    columns = {period: column for column, period in grid.columns}
    start, end = table.column_name(columns[first]), table.column_name(columns[last])
    return start if start == end else f"{start}\u2013{end}"


def _columns_source(table: Table, frame: Frame, reading: Reading) -> str | None:
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
    timing = reading.timing
    _warn_of_timing(plan, where, values.get("when"), timing)
    remarks = values.get("remarks")
    if timing.note and timing.note not in (remarks or ""):
        values["remarks"] = f"{remarks} ({timing.note})" if remarks else f"({timing.note})"
    fields = {name: value for name, value in values.items() if name != "activity"}
    title = _title(plan, where, (values.get("activity") or derive_title(fields)).strip())
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


def _warn_of_timing(plan: ImportedPlan, where: Where, when: str | None, timing: Timing) -> None:
    """A timing text that cannot be read, or no timing at all: a warning."""
    if when and timing.kind is TimingKind.UNKNOWN:
        plan.warnings.append(
            ImportNote(
                "import.warning.timing_unknown",
                Where(where.file, where.table, where.row, where.column),
                {"text": when},
            )
        )
    elif not when:
        plan.warnings.append(
            ImportNote("import.warning.no_timing", Where(where.file, where.table, where.row))
        )


def _title(plan: ImportedPlan, where: Where, title: str) -> str:
    """The activity's title, cut to ``TITLE_LENGTH`` with a warning."""
    if len(title) > TITLE_LENGTH:
        plan.warnings.append(
            ImportNote(
                "import.warning.title_cut",
                replace(where, column=None),
                {"length": TITLE_LENGTH},
            )
        )
        title = title[:TITLE_LENGTH]
    return title
