"""A plan as the table people know: its own headings and language, plus status and next date.

The columns are the plan's own, as imported, in their order. An "activity" column is added
when some title is not the one the row's other cells give (a plan without an Activity column
whose titles were edited), and a column for any field that holds text the plan's columns do not
show, so that nothing is lost and the export imports back into the same plan unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.importing.headings import DEFAULT_HEADINGS, FIELDS
from bot.importing.titles import derive_title
from bot.interchange.grid_periods import MONTH, QUARTER, WEEK, Period
from bot.interchange.tables import ExportRow, GridRow, GridTable, PlanTable
from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.import_matching import COLUMNS
from bot.services.imports import identity_of
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan
from bot.texts import t
from config.languages import Language, as_language
from storage.models import Activity, ActivityStatus, Plan
from storage.repositories import activities
from storage.rules.timing import TimingKind


def _value(activity: Activity, name: str) -> str | None:
    if name == "activity":
        return activity.title
    value: str | None = getattr(activity, COLUMNS[name])
    return value


def _fields(plan: Plan, rows: list[Activity]) -> list[tuple[str, str]]:
    """The plan's own columns (field, heading), and a default-headed column for each field
    its columns leave out that would lose something (``_needed``)."""
    defaults = DEFAULT_HEADINGS[as_language(plan.language)]
    own = [(str(f), str(h)) for f, h in (plan.source_columns or {}).get("columns", [])]
    columns = [(f, h) for f, h in own if f in FIELDS]
    present = {name for name, _ in columns}
    for name in FIELDS:
        if name in present or not _needed(name, rows, has_columns=bool(own)):
            continue
        # Keep GLOSSARY order: an added field goes before the first present field after it.
        later = [i for i, (f, _) in enumerate(columns) if FIELDS.index(f) > FIELDS.index(name)]
        columns.insert(later[0] if later else len(columns), (name, defaults[name]))
    return columns


def _needed(name: str, rows: list[Activity], *, has_columns: bool) -> bool:
    """Whether a field the plan's columns do not show must be added: one holding text, or the
    titles when some title is not the one the row's other cells give (or the plan has no
    columns of its own)."""
    if name != "activity":
        return any(_value(a, name) for a in rows)
    return not has_columns or any(a.title != derive_title(_field_values(a)) for a in rows)


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
    periods = _periods(*_span(placed), unit)
    columns = _grid_columns(plan, rows, unit)
    index = {period: number for number, period in enumerate(periods)}
    defaults = DEFAULT_HEADINGS[language]
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
        rows=tuple(
            _grid_row(members, columns, unit, index, language)
            for members in _file_rows(rows, columns, unit).values()
        ),
    )


def _span(placed: list[Activity]) -> tuple[dt.date, dt.date]:
    """The first start and the last due day of the windows the grid shows."""
    first = min(a.timing.start for a in placed if a.timing.start is not None)
    last = max(a.timing.due for a in placed if a.timing.due is not None)
    return first, last


def _grid_columns(plan: Plan, rows: list[Activity], unit: str) -> list[tuple[str, str]]:
    """The plan's columns beside the grid: "when" only if a row the grid cannot show has it."""
    others = [a for a in rows if not _aligned(a, unit)]
    return [
        (name, heading)
        for name, heading in _fields(plan, rows)
        if name != "when" or any(a.when_text for a in others)
    ]


def _file_rows(
    rows: list[Activity], columns: list[tuple[str, str]], unit: str
) -> dict[tuple[object, ...], list[Activity]]:
    """The activities by the row of the file they came from: the windows of one row have the
    same cells (but "when") and status; an activity the grid cannot show is a row of its own."""
    groups: dict[tuple[object, ...], list[Activity]] = {}
    for activity in rows:
        key: tuple[object, ...] = (
            *(_value(activity, name) for name, _ in columns if name != "when"),
            activity.status,
        )
        if not _aligned(activity, unit):
            key = (*key, activity.id)  # a row of its own, with its "when" text
        groups.setdefault(key, []).append(activity)
    return groups


def _marks(members: list[Activity], unit: str, index: dict[Period, int]) -> frozenset[int]:
    """The grid columns (by index) the windows of one row run through."""
    marks: set[int] = set()
    for member in members:
        start, due = member.timing.start, member.timing.due
        if _aligned(member, unit) and start and due:
            marks.update(index[period] for period in _periods(start, due, unit))
    return frozenset(marks)


def _grid_row(
    members: list[Activity],
    columns: list[tuple[str, str]],
    unit: str,
    index: dict[Period, int],
    language: Language,
) -> GridRow:
    """One row of the grid: the first activity's cells ("when" left empty where marks show
    it), its status, the earliest open deadline of them all, and the marks."""
    head = members[0]
    marks = _marks(members, unit, index)
    open_dues = [m.next_due for m in members if m.next_due and m.status.is_open]
    return GridRow(
        (
            *(None if name == "when" and marks else _value(head, name) for name, _ in columns),
            t(f"status.{head.status.value}", language),
            min(open_dues) if open_dues else None,
        ),
        marks,
        head.status is ActivityStatus.DONE,
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
