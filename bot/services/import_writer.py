"""Writing one import's rows into a plan: each added, changed, kept or cancelled activity,
recorded in the report and the audit log (``ImportWriter``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from bot.importing import ImportedActivity
from bot.services.activity_dates import created_day
from bot.services.actor import Actor
from bot.services.deviations import note_cancelled, note_moved, set_baseline
from bot.services.import_matching import COLUMNS, existing_values, imported_values
from bot.services.import_report import Change, Conflict, ImportReport
from bot.services.meetings import date_by_meetings
from bot.services.responsible import ResponsibleReading, read_responsible
from storage.models import Activity, ActivityStatus, Plan
from storage.repositories import audit
from storage.rules.occurrences import first_due
from storage.rules.timing import TimingKind
from storage.types import utcnow

# States a file that predates them never reverts (``--force`` does, and says so).
_KEPT_STATES = (ActivityStatus.DONE, ActivityStatus.APPROVED, ActivityStatus.CANCELLED)


def is_cancelled(activity: Activity) -> bool:
    return activity.status is ActivityStatus.CANCELLED


def changed_since(activity: Activity, exported: dict[int, int]) -> bool:
    """The plan changed this activity after the export (or added it)."""
    version = exported.get(activity.id)
    return version is None or activity.sequence > version


class ImportWriter:
    """Writes one import's rows into a plan and records each change in the report and audit."""

    def __init__(
        self,
        session: Session,
        plan: Plan,
        actor: Actor,
        *,
        today: dt.date,
        file: str,
        report: ImportReport,
        threshold: int,
    ) -> None:
        self.session = session
        self.plan = plan
        self.actor = actor
        self.today = today
        self.file = file
        self.report = report
        self._readings: dict[str, ResponsibleReading] = {}
        self.threshold = threshold
        self._new: list[tuple[Activity, ImportedActivity]] = []

    def add(self, row: ImportedActivity, position: int) -> None:
        activity = Activity(plan=self.plan, title=row.title, created_at=utcnow())
        for name, column in COLUMNS.items():
            setattr(activity, column, row.fields.get(name))
        activity.requires_approval = row.requires_approval
        self._place(activity, row, position)
        self._set_timing(activity, row)
        set_baseline(activity)
        self._set_responsible(activity, row)
        if row.done:
            self._mark_done(activity)
        self.session.add(activity)
        self._new.append((activity, row))

    def finish(self, rows: Sequence[ImportedActivity]) -> None:
        """Write the new activities in one flush, then their audit entries; list the names in
        the file that map to nobody."""
        self.session.flush()
        for activity, row in self._new:
            self.report.added.append(Change(activity.id, row.title))
            self._audit(activity, "activity.add", {"activity": row.title, **row.fields})
        for row in rows:
            for name in self._reading(row.fields.get("responsible")).unmapped:
                self.report.unmapped[name] = self.report.unmapped.get(name, 0) + 1

    def update(self, activity: Activity, row: ImportedActivity, position: int) -> None:
        before = existing_values(activity)
        after = imported_values(row)
        differing = tuple(name for name in after if before[name] != after[name])
        self._place(activity, row, position)
        became_done = row.done and activity.status is not ActivityStatus.DONE
        if not differing and not became_done:
            self.report.unchanged += 1
            return
        self._write_differences(activity, row, differing)
        if became_done:
            self._mark_done(activity)
        activity.sequence += 1
        names = differing + (("status",) if became_done else ())
        self.report.changed.append(Change(activity.id, row.title, names))
        self._audit(
            activity,
            "activity.edit",
            {
                "before": {name: before[name] for name in differing},
                "after": {name: after[name] for name in differing},
                **({"status": "done"} if became_done else {}),
            },
        )

    def _write_differences(
        self, activity: Activity, row: ImportedActivity, differing: tuple[str, ...]
    ) -> None:
        """The row's cells where they differ; a new "when" dated again (a move of an open
        activity noted as a deviation), a new "responsible" read again."""
        activity.title = row.title
        for name in differing:
            if name != "activity":
                setattr(activity, COLUMNS[name], row.fields.get(name))
        if "when" in differing:
            self._set_timing(activity, row)
            if activity.status.is_open:
                self.session.flush()
                note_moved(
                    self.session, activity, self.actor, threshold=self.threshold, reason=None
                )
        if "responsible" in differing:
            self._set_responsible(activity, row)

    def conflict(
        self, activity: Activity, row: ImportedActivity, position: int, *, force: bool
    ) -> None:
        """A row the plan changed after the file was exported: kept as the plan has it and
        reported, theirs against ours; with ``force`` the file's row is written and reported
        as what it reverts."""
        before = existing_values(activity)
        after = imported_values(row)
        fields = tuple(
            (name, after[name], before[name]) for name in after if before[name] != after[name]
        )
        state = activity.status.value if activity.status in _KEPT_STATES else None
        resurrects = is_cancelled(activity)  # the file still has a row the plan cancelled since
        if not fields and not resurrects:
            self._place(activity, row, position)
            self.report.unchanged += 1
            return
        found = Conflict(activity.id, activity.title, fields, state)
        if not force:
            self.report.conflicts.append(found)
            return
        self.report.reverted.append(found)
        if resurrects:
            self.reinstate(activity, row, position)
        else:
            # The row's texts as the file has them; a done or approved state stays (the file
            # says nothing of approval, and an import never marks an activity undone).
            self.update(activity, row, position)

    def gone(
        self, activity: Activity, exported: dict[int, int] | None, *, force: bool, propose: bool
    ) -> None:
        """An activity the file has no row for: cancelled, unless the plan added or changed it
        after the export (kept, reported) or the file was never exported (proposed)."""
        if is_cancelled(activity):
            return  # cancelled after the export, and the file has no row for it either
        if exported is not None and activity.id not in exported and force:
            # The file as written: it has no row for what the plan added since.
            self.report.reverted.append(Conflict(activity.id, activity.title, removed_in_file=True))
            self.remove(activity)
        elif exported is not None and activity.id not in exported:
            self.report.kept.append(Change(activity.id, activity.title))
        elif exported is not None and changed_since(activity, exported):
            self.conflict_removed(activity, force=force)
        elif propose:
            self.report.proposed_removals.append(Change(activity.id, activity.title))
        else:
            self.remove(activity)

    def conflict_removed(self, activity: Activity, *, force: bool) -> None:
        """The file has no row for an activity the plan changed after the export: kept."""
        state = activity.status.value if activity.status in _KEPT_STATES else None
        found = Conflict(activity.id, activity.title, state=state, removed_in_file=True)
        if force:
            self.report.reverted.append(found)
            self.remove(activity)
        else:
            self.report.conflicts.append(found)

    def reinstate(self, activity: Activity, row: ImportedActivity, position: int) -> None:
        """A cancelled activity the file (``--force``) has again: planned, with the row."""
        activity.status = ActivityStatus.PLANNED
        activity.cancelled_at = None
        self.update(activity, row, position)

    def remove(self, activity: Activity) -> None:
        activity.status = ActivityStatus.CANCELLED
        activity.cancelled_at = utcnow()
        activity.sequence += 1
        note_cancelled(self.session, activity, self.actor, reason=None)
        self.report.removed.append(Change(activity.id, activity.title))
        self._audit(activity, "activity.cancel", {"activity": activity.title})

    def _place(self, activity: Activity, row: ImportedActivity, position: int) -> None:
        activity.position = position
        activity.source_table = row.table[:100]
        activity.source_row = row.row

    def _set_timing(self, activity: Activity, row: ImportedActivity) -> None:
        # The reading the file gave (relative to the document's date), not a fresh one.
        activity.timing = row.timing
        created = created_day(activity, activity.plan) if activity.created_at else self.today
        activity.next_due = first_due(
            row.timing, created=created, today=self.today, country=activity.plan.country
        )
        # "Før hvert udvalgsmøde": dated by a meeting calendar; without one, the owner is asked
        found = date_by_meetings(activity, activity.plan, self.today)
        if found is not None and activity.timing_kind is TimingKind.ON_TRIGGER:
            self.report.meetings_missing.add(found.meetings.phrase)

    def _set_responsible(self, activity: Activity, row: ImportedActivity) -> None:
        reading = self._reading(row.fields.get("responsible"))
        activity.responsibles = list(reading.people)
        activity.responsible_steering_group = reading.steering_group

    def _reading(self, text: str | None) -> ResponsibleReading:
        key = text or ""
        reading = self._readings.get(key)
        if reading is None:
            reading = read_responsible(self.session, key, self.plan.id)
            self._readings[key] = reading
        return reading

    def _mark_done(self, activity: Activity) -> None:
        activity.status = ActivityStatus.DONE
        activity.done_at = utcnow()
        activity.done_by_id = self.actor.person_id

    def _audit(self, activity: Activity, action: str, details: dict[str, Any]) -> None:
        audit.record(
            self.session,
            action=action,
            entity="activity",
            entity_id=activity.id,
            plan_id=self.plan.id,
            **self.actor.audit_fields(),
            details={**details, "source": self.file},
        )
