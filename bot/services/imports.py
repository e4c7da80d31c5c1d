"""Importing a plan: creating it, or bringing an existing one up to date with its changed file.

One import is one transaction: every activity, the plan and the audit entries land together or
not at all. A dry run does the same work and rolls it back, so what it reports is exactly what
the import would do.

Re-importing matches the file's rows to the plan's activities so that nothing is duplicated and
a done activity stays done. Rows are paired in passes, each on what is left by the one before:
identical text; the same activity (title) for the same target group; the same message for the
same target group; the same title. What pairs in a later pass is "changed"; file rows left over
are "added"; activities left over are "removed" (cancelled, so their history and audit trail
stay).

Which plan a file updates: the plan ``--plan`` names; else the plan an export of ours names in
its identity (bot/interchange/identity.py: id, team and key must all agree, and ``--team``, when
given, must be its team); else the plan of the document's title (or file name) in ``--team``,
or, without ``--team``, in whichever team has the only plan of that name. None found: a new
plan, in the team given, the only team, or a new "default" team.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bot.importing import ImportedActivity, ImportedPlan, read_document, read_plan
from bot.importing.document import Document
from bot.importing.errors import ImportFailed, Where
from bot.importing.files import SUFFIXES, read_content
from bot.importing.limits import Limits
from bot.interchange.identity import PlanIdentity
from bot.services.activities import created_day
from bot.services.actor import Actor
from bot.services.audiences import ask_owner_once, read_plan_audiences
from bot.services.context import Context
from bot.services.deviations import note_cancelled, note_moved, set_baseline
from bot.services.errors import Ambiguous, Invalid
from bot.services.leadtimes import LateForApproval, late_for_approval
from bot.services.meetings import date_by_meetings
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan, require_team
from bot.services.responsible import ResponsibleReading, read_responsible
from bot.services.unassigned import Unassigned, unassigned
from bot.services.views import PlanView
from config.languages import Language
from scheduler.outbox.kinds import NoticeKind
from storage.models import Activity, ActivityStatus, Plan, Team
from storage.repositories import activities, audit, plans, teams
from storage.repositories.keys import slugify
from storage.rules.occurrences import first_due
from storage.rules.timing import TimingKind
from storage.types import utcnow

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
DEFAULT_TEAM = "default"


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
            "plan": {
                "id": self.plan.id if self.plan else None,
                "name": self.plan_name,
                "team": self.team_slug,
                "language": plan.language,
                "purpose": plan.purpose,
                "dated": plan.dated.isoformat() if plan.dated else None,
                "source": plan.file,
                "created": self.created,
            },
            "activities": [activity.as_json() for activity in plan.activities],
            "warnings": [notice.as_json(language) for notice in plan.warnings],
            "notices": [notice.as_json(language) for notice in plan.notices],
            "changes": {
                "dry_run": self.dry_run,
                "added": [_change_json(change) for change in self.added],
                "changed": [_change_json(change) for change in self.changed],
                "removed": [_change_json(change) for change in self.removed],
                "unchanged": self.unchanged,
                "conflicts": [conflict.as_json() for conflict in self.conflicts],
                "kept": [_change_json(change) for change in self.kept],
                "reverted": [conflict.as_json() for conflict in self.reverted],
                "proposed_removals": [_change_json(c) for c in self.proposed_removals],
            },
            "unmapped": [{"name": name, "rows": rows} for name, rows in self.unmapped.items()],
            "unassigned": self.unassigned.as_json() if self.unassigned else None,
            "late_for_approval": [late.as_json() for late in self.late_for_approval],
            "unplaced_audiences": [
                {"name": name, "rows": rows} for name, rows in self.unplaced_audiences.items()
            ],
            "meetings_missing": sorted(self.meetings_missing),
            "no_owner": self.no_owner,
        }


def unread_timings(imported: ImportedPlan) -> list[str]:
    """The rows whose "when" cell could not be read, as the owner is told of them: the table,
    the row, the activity and the cell as written, tab-separated (bot/chat/reminders.py says
    them in the owner's language)."""
    return [
        "\t".join((row.table, str(row.row), _text(row.title), _text(row.fields.get("when"))))
        for row in imported.activities
        if row.timing.kind is TimingKind.UNKNOWN and _text(row.fields.get("when"))
    ]


def _change_json(change: Change) -> dict[str, Any]:
    return {"id": change.activity_id, "activity": change.title, "fields": list(change.fields)}


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _existing_values(activity: Activity) -> dict[str, str]:
    values = {name: _text(getattr(activity, column)) for name, column in COLUMNS.items()}
    values["activity"] = _text(activity.title)
    return values


def _imported_values(row: ImportedActivity) -> dict[str, str]:
    values = {name: _text(row.fields.get(name)) for name in COLUMNS}
    values["activity"] = _text(row.title)
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
    old_values = {id(a): _existing_values(a) for a in existing}
    new_values = [_imported_values(row) for row in imported]
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


def check_sent(name: str, size: int | None, max_bytes: int) -> None:
    """A file announced in a chat, before a byte of it is fetched: a plan's type by its name,
    and its declared size within ``COMMPLAN_MAX_IMPORT_BYTES``."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFailed("import.error.file_type", Where(name), suffix=suffix or "-")
    if size is not None and size > max_bytes:
        raise ImportFailed("import.error.too_large", Where(name), size=size, limit=max_bytes)


class ImportService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def limits(self) -> Limits:
        settings = self.context.settings
        return Limits(
            max_rows=settings.max_import_rows,
            max_unpacked=settings.max_import_unpacked_bytes,
            max_xml=settings.max_import_unpacked_bytes // 4,
        )

    def read(self, path: Path, *, language: Language | None = None) -> ImportedPlan:
        """Read ``path`` into a plan, without touching the database."""
        settings = self.context.settings
        document = read_document(path, settings.max_import_bytes, self.limits())
        return self._plan_of(document, language)

    def read_sent(self, name: str, content: bytes) -> ImportedPlan:
        """Read a file sent in a chat (its bytes, already within the size limit) into a plan;
        its type by its name, which its first bytes must agree with (files.read_content)."""
        check_sent(name, len(content), self.context.settings.max_import_bytes)
        suffix = Path(name).suffix.lower()
        return self._plan_of(read_content(name, suffix, content, self.limits()), None)

    def _plan_of(self, document: Document, language: Language | None) -> ImportedPlan:
        return read_plan(
            document,
            today=self.context.today(),
            language=language,
            default=self.context.settings.language,
        )

    def apply(
        self,
        imported: ImportedPlan,
        actor: Actor,
        *,
        plan_name: str | None = None,
        team: str | None = None,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
        force: bool = False,
        remove_missing: bool = False,
    ) -> ImportReport:
        """Write ``imported`` into the plan ``plan_name`` (default: the document's title or the
        file's name) of ``team``; ``progress`` is told how many rows are done.

        A file older than the plan keeps what changed since it was exported (``force``: the
        file as written, saying what it reverts); a file never exported cancels nothing
        without ``remove_missing`` (docs/importing.md)."""
        if not imported.activities:
            raise ImportFailed("import.error.no_activities", Where(imported.file))
        named = bool(plan_name and plan_name.strip())
        name = (plan_name or imported.name or Path(imported.file).stem).strip()
        if not name:
            raise Invalid("error.empty_name")
        with self.context.sessions() as session:
            try:
                report = self._apply(
                    session,
                    imported,
                    actor,
                    name=name,
                    named=named,
                    team_slug=team,
                    dry_run=dry_run,
                    progress=progress,
                    rules=_Rules(force=force, remove_missing=remove_missing),
                )
            except BaseException:
                session.rollback()
                raise
            if dry_run:
                session.rollback()
            else:
                session.commit()
            return report

    def _apply(
        self,
        session: Session,
        imported: ImportedPlan,
        actor: Actor,
        *,
        name: str,
        named: bool,
        team_slug: str | None,
        dry_run: bool,
        progress: Callable[[int], None] | None,
        rules: _Rules,
    ) -> ImportReport:
        team, existing_plan = self._find(
            session, imported, actor, name=name, named=named, team_slug=team_slug
        )
        found = existing_plan is not None
        # Importing into a plan changes it (its owner and editors); a new plan is created by a
        # member of the team. Checked before anything is written.
        if existing_plan is not None:
            self.gate.require(
                session, actor, Permission.CHANGE, action="plan.import", plan=existing_plan
            )
        else:
            self.gate.require(
                session,
                actor,
                Permission.CREATE,
                action="plan.import",
                team_id=team.id,
                entity=("team", team.id),
            )
        plan = existing_plan or self._new_plan(session, imported, name, team, actor)
        if found:
            plan.purpose = imported.purpose or plan.purpose
            plan.dated = imported.dated or plan.dated
        plan.source_name = imported.file[:300]
        plan.source_columns = _source_columns(plan, imported, found)
        report = ImportReport(
            plan=None,
            plan_name=plan.name,
            team_slug=team.slug,
            created=not found,
            dry_run=dry_run,
            imported=imported,
        )
        today = self.context.today(plan.time_zone)
        writer = _Writer(
            session,
            plan,
            actor,
            today=today,
            file=imported.file,
            report=report,
            threshold=self.context.settings.deviation_working_days,
        )
        exported = _exported_versions(imported, plan) if found else None
        everything = activities.of_plan(session, plan.id)
        # A row the plan cancelled after the export is matched too: the file must not bring it
        # back as a new activity.
        existing = [
            a
            for a in everything
            if not _cancelled(a) or (exported is not None and _changed_since(a, exported))
        ]
        pairs, removed = match_rows(existing, imported.activities)
        for position, (row, activity) in enumerate(pairs):
            if activity is None:
                writer.add(row, position)
            elif exported is not None and _changed_since(activity, exported):
                writer.conflict(activity, row, position, force=rules.force)
            else:
                writer.update(activity, row, position)
            if progress is not None and position % 100 == 99:
                progress(position + 1)
        # A file never exported (the plan's own earlier document): its gaps are proposed.
        proposing = found and imported.identity is None and not rules.remove_missing
        for activity in removed:
            writer.gone(activity, exported, force=rules.force, propose=proposing)
        writer.finish(imported.activities)
        audit.record(
            session,
            action="plan.import",
            entity="plan",
            entity_id=plan.id,
            plan_id=plan.id,
            **actor.audit_fields(),
            details={
                "file": imported.file,
                "added": len(report.added),
                "changed": len(report.changed),
                "removed": len(report.removed),
                "unchanged": report.unchanged,
            },
        )
        session.flush()
        report.unassigned = unassigned(session, plan)
        report.unplaced_audiences = read_plan_audiences(session, plan)
        report.late_for_approval = late_for_approval(
            session,
            [a for a in activities.of_plan(session, plan.id, people=False) if a.status.is_open],
            today,
            self.context.settings.approval_lead_days,
        )
        if not dry_run:
            # Who are the responsible names commplan does not know (a person picker in Slack)?
            names = sorted(report.unmapped)
            ask_owner_once(session, plan, names, kind=NoticeKind.UNMAPPED_PEOPLE, prefix="unmapped")
            # And the target groups no audience answers to (docs/coordination.md)?
            names = list(report.unplaced_audiences)
            ask_owner_once(
                session, plan, names, kind=NoticeKind.UNMAPPED_AUDIENCES, prefix="audiences"
            )
            # And the "when" cells nobody can read (kept as written, with no date): the rows.
            rows = unread_timings(imported)
            ask_owner_once(session, plan, rows, kind=NoticeKind.UNREAD_TIMINGS, prefix="timings")
            # And the meetings its texts are tied to that no calendar has (docs/timing.md).
            names = sorted(report.meetings_missing)
            ask_owner_once(
                session, plan, names, kind=NoticeKind.MEETINGS_MISSING, prefix="meetings"
            )
            report.no_owner = plan.owner_id is None
        report.plan = None if dry_run and report.created else PlanView.of(plan)
        if progress is not None:
            progress(len(pairs))
        return report

    def _find(
        self,
        session: Session,
        imported: ImportedPlan,
        actor: Actor,
        *,
        name: str,
        named: bool,
        team_slug: str | None,
    ) -> tuple[Team, Plan | None]:
        """The plan the file updates (None: a new one) and its team (see the module's doc)."""
        if name.startswith("#") and name[1:].isdigit():
            # An existing plan by id: its own team, whatever --team says.
            by_id = require_plan(session, name)
            return by_id.team, by_id
        if not named and imported.identity is not None:
            exported = by_identity(session, imported.identity, team_slug)
            if exported is not None:
                return exported.team, exported
        if not team_slug:
            found = list(plans.by_name(session, name))
            if len(found) > 1:
                raise Ambiguous(
                    "error.ambiguous_plan",
                    name=name,
                    teams=", ".join(other.team.slug for other in found),
                )
            if found:
                return found[0].team, found[0]
        team = self._team(session, team_slug, actor)
        in_team = plans.by_name(session, name, team_id=team.id)
        return team, in_team[0] if in_team else None

    def _team(self, session: Session, slug: str | None, actor: Actor) -> Team:
        """The team named, else the only one there is, else a new "default" team."""
        if slug:
            return require_team(session, slug)
        existing = list(teams.all_teams(session))
        if len(existing) == 1:
            return existing[0]
        if existing:
            raise Invalid("import.error.no_team", teams=", ".join(t.slug for t in existing))
        self.gate.require(
            session, actor, Permission.ADMINISTER, action="team.add", entity=("team", None)
        )
        team = Team(slug=DEFAULT_TEAM, name="Default")
        session.add(team)
        session.flush()
        audit.record(
            session,
            action="team.add",
            entity="team",
            entity_id=team.id,
            **actor.audit_fields(),
            details={"slug": team.slug, "by": "import"},
        )
        return team

    def _new_plan(
        self, session: Session, imported: ImportedPlan, name: str, team: Team, actor: Actor
    ) -> Plan:
        plan = Plan(
            team=team,
            name=name[:200],
            purpose=imported.purpose,
            language=imported.language,
            country="SE" if imported.language == "sv" else "DK",
            time_zone=self.context.settings.timezone,
            dated=imported.dated,
            # Whoever imports a plan first owns it.
            owner_id=actor.person_id,
        )
        session.add(plan)
        session.flush()
        audit.record(
            session,
            action="plan.create",
            entity="plan",
            entity_id=plan.id,
            plan_id=plan.id,
            **actor.audit_fields(),
            details={"name": plan.name, "team": team.slug, "by": "import"},
        )
        return plan


def _source_columns(plan: Plan, imported: ImportedPlan, found: bool) -> dict[str, Any]:
    """The file's columns, and the grid a grid plan is exported as (bot/services/exports.py)."""
    had_grid = (plan.source_columns or {}).get("grid") if found else None
    columns: dict[str, Any] = {"columns": [list(column) for column in imported.columns]}
    if imported.grids:
        columns["grid"] = next(iter(imported.grids.values()))[1]
    elif (
        had_grid
        and imported.identity is not None
        and imported.identity.same_plan(identity_of(plan))
    ):
        # Our own CSV or Word export of this grid plan (a row per window, no grid to
        # write): the plan stays a grid plan, so its .xlsx export is a grid again.
        columns["grid"] = had_grid
    return columns


def identity_of(plan: Plan) -> PlanIdentity:
    """The identity an export of ``plan`` carries."""
    created = plan.created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return PlanIdentity.of(plan.id, plan.team.slug, created)


def by_identity(session: Session, identity: PlanIdentity, team_slug: str | None) -> Plan | None:
    """The plan a file's identity names, if it is one of ours and in the team asked for."""
    plan = plans.by_id(session, identity.plan_id)
    if plan is None or not identity_of(plan).same_plan(identity):
        return None  # gone, or a file from another installation where #id is another plan
    if team_slug and slugify(team_slug) != plan.team.slug:
        return None  # a copy into another team
    return plan


def _cancelled(activity: Activity) -> bool:
    return activity.status is ActivityStatus.CANCELLED


@dataclass(frozen=True, slots=True)
class _Rules:
    force: bool = False
    remove_missing: bool = False


def _exported_versions(imported: ImportedPlan, plan: Plan) -> dict[int, int] | None:
    """Activity id -> version, when ``imported`` is an export of ``plan`` older than the plan
    (its change counter behind the plan's); None when it is not one, or is as new."""
    identity = imported.identity
    if identity is None or identity.changes is None:
        return None
    if not identity_of(plan).same_plan(identity) or identity.changes >= plan.changes:
        return None
    return identity.versions


def _changed_since(activity: Activity, exported: dict[int, int]) -> bool:
    """The plan changed this activity after the export (or added it)."""
    version = exported.get(activity.id)
    return version is None or activity.sequence > version


# States a file that predates them never reverts (``--force`` does, and says so).
_KEPT_STATES = (ActivityStatus.DONE, ActivityStatus.APPROVED, ActivityStatus.CANCELLED)


class _Writer:
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
        before = _existing_values(activity)
        after = _imported_values(row)
        differing = tuple(name for name in after if before[name] != after[name])
        self._place(activity, row, position)
        became_done = row.done and activity.status is not ActivityStatus.DONE
        if not differing and not became_done:
            self.report.unchanged += 1
            return
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

    def conflict(
        self, activity: Activity, row: ImportedActivity, position: int, *, force: bool
    ) -> None:
        """A row the plan changed after the file was exported: kept as the plan has it and
        reported, theirs against ours; with ``force`` the file's row is written and reported
        as what it reverts."""
        before = _existing_values(activity)
        after = _imported_values(row)
        fields = tuple(
            (name, after[name], before[name]) for name in after if before[name] != after[name]
        )
        state = activity.status.value if activity.status in _KEPT_STATES else None
        resurrects = _cancelled(activity)  # the file still has a row the plan cancelled since
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
        if _cancelled(activity):
            return  # cancelled after the export, and the file has no row for it either
        if exported is not None and activity.id not in exported and force:
            # The file as written: it has no row for what the plan added since.
            self.report.reverted.append(Conflict(activity.id, activity.title, removed_in_file=True))
            self.remove(activity)
        elif exported is not None and activity.id not in exported:
            self.report.kept.append(Change(activity.id, activity.title))
        elif exported is not None and _changed_since(activity, exported):
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
