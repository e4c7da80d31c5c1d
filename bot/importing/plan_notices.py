"""What the owner should know about an import that is no problem: where each activity's timing
came from, and which rows were read as done and why."""

from __future__ import annotations

from bot.importing.errors import Where
from bot.importing.imported import ImportedActivity, ImportedPlan
from bot.importing.notices import ImportNote
from bot.texts import t


def timing_notices(plan: ImportedPlan) -> list[ImportNote]:
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
        notices.append(ImportNote("import.notice.grid", Where(plan.file, table), values))
    for (table, source), rows in grouped.items():
        values = {"source": source, "rows": ", ".join(map(str, dict.fromkeys(rows)))}
        notices.append(ImportNote("import.notice.timing_from", Where(plan.file, table), values))
    return notices


def done_notices(plan: ImportedPlan) -> list[ImportNote]:
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
        notices.append(ImportNote(f"import.notice.done_{because}", Where(plan.file, table), values))
    return notices
