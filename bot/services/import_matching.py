"""Which activity of a plan each row of a re-imported file updates.

Rows are paired in passes, each on what is left by the one before: identical text; the same
activity (title) for the same target group; the same message for the same target group; the
same title. What pairs in a later pass is "changed"; file rows left over are "added"; activities
left over are "removed".
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from bot.importing import ImportedActivity
from storage.models import Activity

# The activity's columns an import sets, by field name.
COLUMNS = {
    "phase": "phase",
    "target_group": "target_group",
    "message": "message",
    "goal": "goal",
    "channel": "channel",
    "when": "when_text",
    "responsible": "responsible_text",
    "expected_reaction": "expected_reaction",
    "remarks": "remarks",
}


def spaced(value: str | None) -> str:
    """A cell's text with its blanks collapsed, as rows are compared."""
    return " ".join((value or "").split())


def existing_values(activity: Activity) -> dict[str, str]:
    values = {name: spaced(getattr(activity, column)) for name, column in COLUMNS.items()}
    values["activity"] = spaced(activity.title)
    return values


def imported_values(row: ImportedActivity) -> dict[str, str]:
    values = {name: spaced(row.fields.get(name)) for name in COLUMNS}
    values["activity"] = spaced(row.title)
    return values


_PASSES: tuple[Callable[[dict[str, str]], Hashable | None], ...] = (
    lambda v: tuple(sorted(v.items())),
    lambda v: (v["activity"].casefold(), v["target_group"].casefold()),
    lambda v: (v["message"].casefold(), v["target_group"].casefold()) if v["message"] else None,
    lambda v: v["activity"].casefold(),
)


def match_rows(
    existing: Sequence[Activity], imported: Sequence[ImportedActivity]
) -> tuple[list[tuple[ImportedActivity, Activity | None]], list[Activity]]:
    """Each file row with the activity it updates (None: a new one), and the activities left."""
    pairs: dict[int, Activity] = {}
    left = list(existing)
    old_values = {id(a): existing_values(a) for a in existing}
    new_values = [imported_values(row) for row in imported]
    for key_of in _PASSES:
        waiting: dict[Hashable, list[Activity]] = {}
        for activity in left:
            key = key_of(old_values[id(activity)])
            if key is not None:
                waiting.setdefault(key, []).append(activity)
        for index, values in enumerate(new_values):
            if index in pairs:
                continue
            key = key_of(values)
            if key is not None and waiting.get(key):
                pairs[index] = waiting[key].pop(0)
        taken = {id(activity) for activity in pairs.values()}
        left = [activity for activity in left if id(activity) not in taken]
    return [(row, pairs.get(index)) for index, row in enumerate(imported)], left
