"""The tables the services build and the file writers (``bot/exporting/``) write: a plan as
its own columns (``PlanTable``), a grid plan as its grid (``GridTable``) and the approval
audit trail (``AuditTable``). Plain frozen values below both sides, so that the writers need
nothing of the services and the services nothing of the writers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.interchange.grid_periods import Period
from bot.interchange.identity import PlanIdentity
from config.languages import Language

Cell = str | dt.date | None


@dataclass(frozen=True, slots=True)
class ExportRow:
    cells: tuple[Cell, ...]
    done: bool


@dataclass(frozen=True, slots=True)
class PlanTable:
    name: str
    language: Language
    dated: dt.date | None
    purpose: str | None
    purpose_heading: str
    # each column's field; "status", "next_due" (and "reaction_outcome") last
    fields: tuple[str, ...]
    headings: tuple[str, ...]
    rows: tuple[ExportRow, ...]
    # Which plan this is, written into every export so that importing it updates the plan.
    identity: PlanIdentity | None = None
    # A plan imported from a week or month grid: the same table as a grid, which the Excel
    # export writes (Word and CSV write the rows above, one per window).
    grid: GridTable | None = None


@dataclass(frozen=True, slots=True)
class GridRow:
    cells: tuple[Cell, ...]  # one per field of the grid's table
    marks: frozenset[int]  # the periods marked, by index
    done: bool


@dataclass(frozen=True, slots=True)
class GridTable:
    """A grid plan as its grid: the columns but "when" (kept only for rows the grid cannot
    show, such as "Løbende"), then a column per week (month) with a mark where a window runs.
    The windows of one row of the file (same cells) are one row again."""

    unit: str
    periods: tuple[Period, ...]
    labels: tuple[str, ...]  # each period's heading: "Uge 3", "jan", "Q1"
    fields: tuple[str, ...]
    headings: tuple[str, ...]
    rows: tuple[GridRow, ...]


@dataclass(frozen=True, slots=True)
class AuditTable:
    """The approval audit trail as a sheet of text cells (``bot/services/approval_log.py``)."""

    language: Language
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Each row's moment on the reader's clock (naive), for a workbook's date-and-time cell.
    moments: tuple[dt.datetime, ...] = ()
