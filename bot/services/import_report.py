"""What an import did, or a dry run would do: the report every surface shows (added, changed,
removed, the conflicts of an older file, the names and groups nobody answers to)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.importing import ImportedPlan
from bot.services.leadtimes import LateForApproval
from bot.services.unassigned import Unassigned
from bot.services.views import PlanView
from config.languages import Language


@dataclass(frozen=True, slots=True)
class Change:
    activity_id: int | None
    title: str
    fields: tuple[str, ...] = ()  # what changed, for "changed"


@dataclass(frozen=True, slots=True)
class Conflict:
    """A row the plan changed after the file was exported: the plan's version is kept (unless
    ``--force``). ``fields``: (field, the file's value, the plan's value) where they differ;
    ``state``: the plan's state a file that predates it does not revert (done, approved,
    cancelled), else None."""

    activity_id: int
    title: str
    fields: tuple[tuple[str, str, str], ...] = ()
    state: str | None = None
    removed_in_file: bool = False  # the file has no row for it

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.activity_id,
            "activity": self.title,
            "fields": [
                {"field": name, "theirs": theirs, "ours": ours}
                for name, theirs, ours in self.fields
            ],
            "state": self.state,
            "removed_in_file": self.removed_in_file,
        }


@dataclass(slots=True)
class ImportReport:
    plan: PlanView | None  # None in a dry run that would create the plan
    plan_name: str
    team_slug: str
    created: bool
    dry_run: bool
    imported: ImportedPlan
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    unmapped: dict[str, int] = field(default_factory=dict)  # name -> rows naming it
    unassigned: Unassigned | None = None  # open activities with nobody responsible, after it
    # Target group names no audience answers to (docs/coordination.md) -> rows naming them.
    unplaced_audiences: dict[str, int] = field(default_factory=dict)
    # Activities needing approval planned with less time than the steering group needs.
    late_for_approval: list[LateForApproval] = field(default_factory=list)
    # An older file than the plan (docs/importing.md): rows the plan changed since the export,
    # kept as the plan has them (or, with --force, overwritten: then also in ``reverted``).
    conflicts: list[Conflict] = field(default_factory=list)
    kept: list[Change] = field(default_factory=list)  # added to the plan after the export
    reverted: list[Conflict] = field(default_factory=list)  # --force: what the file undid
    # A file never exported: activities it lacks, not cancelled without --remove-missing.
    proposed_removals: list[Change] = field(default_factory=list)
    # Meetings "when" texts are tied to that no meeting calendar dates (the owner is asked).
    meetings_missing: set[str] = field(default_factory=set)
    # The plan has no owner, so what the owner would be asked (above) reaches nobody.
    no_owner: bool = False

    def as_json(self, language: Language) -> dict[str, Any]:
        plan = self.imported
        return {
            "plan": self._plan_json(),
            "activities": [activity.as_json() for activity in plan.activities],
            "warnings": [notice.as_json(language) for notice in plan.warnings],
            "notices": [notice.as_json(language) for notice in plan.notices],
            "changes": self._changes_json(),
            "unmapped": [{"name": name, "rows": rows} for name, rows in self.unmapped.items()],
            "unassigned": self.unassigned.as_json() if self.unassigned else None,
            "late_for_approval": [late.as_json() for late in self.late_for_approval],
            "unplaced_audiences": [
                {"name": name, "rows": rows} for name, rows in self.unplaced_audiences.items()
            ],
            "meetings_missing": sorted(self.meetings_missing),
            "no_owner": self.no_owner,
        }

    def _plan_json(self) -> dict[str, Any]:
        plan = self.imported
        return {
            "id": self.plan.id if self.plan else None,
            "name": self.plan_name,
            "team": self.team_slug,
            "language": plan.language,
            "purpose": plan.purpose,
            "dated": plan.dated.isoformat() if plan.dated else None,
            "source": plan.file,
            "created": self.created,
        }

    def _changes_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "added": [_change_json(change) for change in self.added],
            "changed": [_change_json(change) for change in self.changed],
            "removed": [_change_json(change) for change in self.removed],
            "unchanged": self.unchanged,
            "conflicts": [conflict.as_json() for conflict in self.conflicts],
            "kept": [_change_json(change) for change in self.kept],
            "reverted": [conflict.as_json() for conflict in self.reverted],
            "proposed_removals": [_change_json(c) for c in self.proposed_removals],
        }


def _change_json(change: Change) -> dict[str, Any]:
    return {"id": change.activity_id, "activity": change.title, "fields": list(change.fields)}
