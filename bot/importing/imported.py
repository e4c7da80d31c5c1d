"""What an import found in a document: the plan, its activities, and what to tell its owner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.importing import headings
from bot.importing.notices import ImportNote
from bot.interchange.identity import PlanIdentity
from config.languages import Language
from storage.rules.timing import Timing


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
    warnings: list[ImportNote] = field(default_factory=list)
    identity: PlanIdentity | None = None  # the plan an export of ours came from
    # What the owner should know that is no problem: which rows were read as done, and why.
    notices: list[ImportNote] = field(default_factory=list)
    # The Status column's heading of each table, for the notices.
    status_headings: dict[str, str] = field(default_factory=dict)
    # Tables whose timings the notices place: several timing columns, or one found by its
    # cells or a week word; and the grids, by table: (columns, unit).
    timing_tables: set[str] = field(default_factory=set)
    grids: dict[str, tuple[str, str]] = field(default_factory=dict)
