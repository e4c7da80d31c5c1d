"""A plan as the table people know: its own headings and language, plus status and next date.

The columns are the plan's own, as imported, in their order. An "activity" column is added
when some title is not the one the row's other cells give (a plan without an Activity column
whose titles were edited), and a column for any field that holds text the plan's columns do not
show, so that nothing is lost and the export imports back into the same plan unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from bot.importing.headings import DEFAULT_HEADINGS, FIELDS
from bot.importing.titles import derive_title
from bot.interchange.identity import PlanIdentity
from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.imports import COLUMNS, identity_of
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan
from bot.texts import t
from config.languages import Language, as_language
from storage.models import Activity, ActivityStatus, Plan
from storage.repositories import activities

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


def _value(activity: Activity, name: str) -> str | None:
    if name == "activity":
        return activity.title
    value: str | None = getattr(activity, COLUMNS[name])
    return value


def _fields(plan: Plan, rows: list[Activity]) -> list[tuple[str, str]]:
    language = as_language(plan.language)
    defaults = DEFAULT_HEADINGS[language]
    own = [(str(f), str(h)) for f, h in (plan.source_columns or {}).get("columns", [])]
    columns = [(f, h) for f, h in own if f in FIELDS]
    present = {name for name, _ in columns}
    needed = [
        name
        for name in FIELDS
        if name not in present
        and (
            any(_value(a, name) for a in rows)
            if name != "activity"
            else not own or any(a.title != derive_title(_field_values(a)) for a in rows)
        )
    ]
    for name in needed:
        # Keep GLOSSARY order: an added field goes before the first present field after it.
        later = [i for i, (f, _) in enumerate(columns) if FIELDS.index(f) > FIELDS.index(name)]
        columns.insert(later[0] if later else len(columns), (name, defaults[name]))
    return columns


def _field_values(activity: Activity) -> dict[str, str | None]:
    return {name: _value(activity, name) for name in COLUMNS}


def _outcome(activity: Activity, language: Language) -> str | None:
    if not activity.reaction_outcome:
        return None
    text = t(f"followup.outcome.{activity.reaction_outcome}", language)
    return f"{text} – {activity.reaction_note}" if activity.reaction_note else text


def plan_table(
    plan: Plan, rows: list[Activity], *, columns_of: list[Activity] | None = None
) -> PlanTable:
    """The plan as a table in its own columns, from its activities (cancelled ones left out by
    the caller): what an export writes and the plan page shows. ``columns_of``: the rows that
    decide the columns, when ``rows`` are only some of them (a page of the plan page)."""
    language = as_language(plan.language)
    every = rows if columns_of is None else columns_of
    columns = _fields(plan, every)
    defaults = DEFAULT_HEADINGS[language]
    # The follow-up's outcomes, as a column of their own once there are any.
    followed = any(a.reaction_outcome for a in every)
    export_rows = tuple(
        ExportRow(
            (
                *(_value(a, name) for name, _ in columns),
                t(f"status.{a.status.value}", language),
                a.next_due if a.status is not ActivityStatus.DONE else None,
                *((_outcome(a, language),) if followed else ()),
            ),
            a.status is ActivityStatus.DONE,
        )
        for a in rows
    )
    return PlanTable(
        name=plan.name,
        language=language,
        dated=plan.dated,
        purpose=plan.purpose,
        purpose_heading=defaults["goal"],
        fields=(
            *(name for name, _ in columns),
            "status",
            "next_due",
            *(("reaction_outcome",) if followed else ()),
        ),
        headings=(
            *(heading for _, heading in columns),
            defaults["status"],
            defaults["next_due"],
            *((defaults["reaction_outcome"],) if followed else ()),
        ),
        rows=export_rows,
    )


class ExportService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def table(self, plan_name: str, actor: Actor, team: str | None = None) -> PlanTable:
        """The plan as its table, for its owner and editors (an export is a copy to edit and
        import again)."""
        with self.context.sessions() as session:
            plan = require_plan(session, plan_name, team)
            self.gate.require(session, actor, Permission.CHANGE, action="plan.export", plan=plan)
            rows = [
                a
                for a in activities.of_plan(session, plan.id)
                if a.status is not ActivityStatus.CANCELLED
            ]
            # How far the plan is: an import of this file once the plan has moved on keeps
            # what changed since (docs/importing.md).
            identity = identity_of(plan).at(plan.changes, tuple((a.id, a.sequence) for a in rows))
            return replace(plan_table(plan, rows), identity=identity)
