"""A plan as the table people know: its own headings and language, plus status and next date.

The columns are the plan's own, as imported, in their order. An "activity" column is added
when some title is not the one the row's other cells give (a plan without an Activity column
whose titles were edited), and a column for any field that holds text the plan's columns do not
show, so that nothing is lost and the export imports back into the same plan unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from bot.importing.grids import MONTH, QUARTER, WEEK, Period
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
from storage.rules.timing import TimingKind

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


def _aligned(activity: Activity, unit: str) -> bool:
    """Whether the activity's timing is a window of whole weeks (months, quarters)."""
    timing = activity.timing
    if timing.kind is not TimingKind.WINDOW or timing.start is None or timing.due is None:
        return False
    start, due = timing.start, timing.due
    if unit == WEEK:
        return start.weekday() == 0 and due.weekday() == 6
    ends_month = (due + dt.timedelta(days=1)).day == 1
    if unit == QUARTER:
        return start.day == 1 and start.month % 3 == 1 and ends_month and due.month % 3 == 0
    return start.day == 1 and ends_month


def _period_of(day: dt.date, unit: str) -> Period:
    if unit == WEEK:
        year, week, _ = day.isocalendar()
        return Period(WEEK, year, week)
    if unit == QUARTER:
        return Period(QUARTER, day.year, (day.month - 1) // 3 + 1)
    return Period(MONTH, day.year, day.month)


def _periods(first: dt.date, last: dt.date, unit: str) -> list[Period]:
    found = []
    period = _period_of(first, unit)
    while period.first <= last:
        found.append(period)
        period = _period_of(period.last + dt.timedelta(days=1), unit)
    return found


def _label(period: Period, language: Language) -> str:
    if period.unit == WEEK:
        return f"{t('page.week', language)} {period.number}"
    if period.unit == QUARTER:
        return f"Q{period.number}"
    return t("page.months", language).split(",")[period.number - 1]


def grid_table(plan: Plan, rows: list[Activity], unit: str) -> GridTable | None:
    """The grid of a plan imported from one (``unit``: week, month, quarter), or None when
    none of its activities is a window the grid can show."""
    language = as_language(plan.language)
    placed = [a for a in rows if _aligned(a, unit)]
    if not placed:
        return None
    first = min(a.timing.start for a in placed if a.timing.start is not None)
    last = max(a.timing.due for a in placed if a.timing.due is not None)
    periods = _periods(first, last, unit)
    index = {period: number for number, period in enumerate(periods)}
    others = [a for a in rows if not _aligned(a, unit)]
    columns = [
        (name, heading)
        for name, heading in _fields(plan, rows)
        if name != "when" or any(a.when_text for a in others)
    ]
    defaults = DEFAULT_HEADINGS[language]
    groups: dict[tuple[object, ...], list[Activity]] = {}
    for activity in rows:
        key: tuple[object, ...] = (
            *(_value(activity, name) for name, _ in columns if name != "when"),
            activity.status,
        )
        if not _aligned(activity, unit):
            key = (*key, activity.id)  # a row of its own, with its "when" text
        groups.setdefault(key, []).append(activity)
    grid_rows = []
    for members in groups.values():
        head = members[0]
        marks: set[int] = set()
        for member in members:
            if _aligned(member, unit) and member.timing.start and member.timing.due:
                for period in _periods(member.timing.start, member.timing.due, unit):
                    marks.add(index[period])
        open_dues = [m.next_due for m in members if m.next_due and m.status.is_open]
        grid_rows.append(
            GridRow(
                (
                    *(
                        None if name == "when" and marks else _value(head, name)
                        for name, _ in columns
                    ),
                    t(f"status.{head.status.value}", language),
                    min(open_dues) if open_dues else None,
                ),
                frozenset(marks),
                head.status is ActivityStatus.DONE,
            )
        )
    return GridTable(
        unit=unit,
        periods=tuple(periods),
        labels=tuple(_label(period, language) for period in periods),
        fields=(*(name for name, _ in columns), "status", "next_due"),
        headings=(
            *(heading for _, heading in columns),
            defaults["status"],
            defaults["next_due"],
        ),
        rows=tuple(grid_rows),
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
            unit = (plan.source_columns or {}).get("grid")
            grid = grid_table(plan, rows, str(unit)) if unit else None
            # How far the plan is: an import of this file once the plan has moved on keeps
            # what changed since (docs/importing.md).
            identity = identity_of(plan).at(plan.changes, tuple((a.id, a.sequence) for a in rows))
            return replace(plan_table(plan, rows), identity=identity, grid=grid)
