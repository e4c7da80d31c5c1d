"""Importing a plan: creating it, or bringing an existing one up to date with its changed file.

One import is one transaction: every activity, the plan and the audit entries land together or
not at all. A dry run does the same work and rolls it back, so what it reports is exactly what
the import would do.

Re-importing matches the file's rows to the plan's activities so that nothing is duplicated and
a done activity stays done (``import_matching.py``); activities left over are "removed"
(cancelled, so their history and audit trail stay). ``import_writer.py`` writes the rows,
``import_report.py`` is what the import tells.

Which plan a file updates: the plan ``--plan`` names; else the plan an export of ours names in
its identity (bot/interchange/identity.py: id, team and key must all agree, and ``--team``, when
given, must be its team); else the plan of the document's title (or file name) in ``--team``,
or, without ``--team``, in whichever team has the only plan of that name. None found: a new
plan, in the team given, the only team, or a new "default" team.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bot.importing import ImportedPlan, read_document, read_plan
from bot.importing.document import Document
from bot.importing.errors import ImportFailed, Where
from bot.importing.files import SUFFIXES, read_content
from bot.importing.limits import Limits
from bot.interchange.identity import PlanIdentity
from bot.services.actor import Actor
from bot.services.audiences import ask_owner_once, read_plan_audiences
from bot.services.context import Context
from bot.services.errors import Ambiguous, Invalid
from bot.services.import_matching import match_rows, spaced
from bot.services.import_report import ImportReport
from bot.services.import_writer import ImportWriter, changed_since, is_cancelled
from bot.services.leadtimes import late_for_approval
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan, require_team
from bot.services.unassigned import unassigned
from bot.services.views import PlanView
from config.languages import Language
from scheduler.outbox.kinds import NoticeKind
from storage.models import Plan, Team
from storage.repositories import activities, audit, plans, teams
from storage.repositories.keys import slugify
from storage.rules.timing import TimingKind

DEFAULT_TEAM = "default"


def unread_timings(imported: ImportedPlan) -> list[str]:
    """The rows whose "when" cell could not be read, as the owner is told of them: the table,
    the row, the activity and the cell as written, tab-separated (bot/chat/owner_notices.py says
    them in the owner's language)."""
    return [
        "\t".join((row.table, str(row.row), spaced(row.title), spaced(row.fields.get("when"))))
        for row in imported.activities
        if row.timing.kind is TimingKind.UNKNOWN and spaced(row.fields.get("when"))
    ]


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
        self._may_import(session, actor, existing_plan, team)
        found = existing_plan is not None
        plan = existing_plan or self._new_plan(session, imported, name, team, actor)
        _take_file(plan, imported, found)
        report = ImportReport(
            plan=None,
            plan_name=plan.name,
            team_slug=team.slug,
            created=not found,
            dry_run=dry_run,
            imported=imported,
        )
        today = self.context.today(plan.time_zone)
        writer = ImportWriter(
            session,
            plan,
            actor,
            today=today,
            file=imported.file,
            report=report,
            threshold=self.context.settings.deviation_working_days,
        )
        exported = _exported_versions(imported, plan) if found else None
        rows = _write_rows(
            session,
            plan,
            imported,
            writer,
            exported=exported,
            rules=rules,
            progress=progress,
            found=found,
        )
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
        self._review(session, plan, report, today)
        if not dry_run:
            _ask_owner(session, plan, report, imported)
        report.plan = None if dry_run and report.created else PlanView.of(plan)
        if progress is not None:
            progress(rows)
        return report

    def _may_import(
        self, session: Session, actor: Actor, existing_plan: Plan | None, team: Team
    ) -> None:
        """Importing into a plan changes it (its owner and editors); a new plan is created by
        a member of the team. Checked before anything is written."""
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

    def _review(self, session: Session, plan: Plan, report: ImportReport, today: dt.date) -> None:
        """What the plan lacks after the import: responsible people, audiences, time for
        approval."""
        report.unassigned = unassigned(session, plan)
        report.unplaced_audiences = read_plan_audiences(session, plan)
        report.late_for_approval = late_for_approval(
            session,
            [a for a in activities.of_plan(session, plan.id, people=False) if a.status.is_open],
            today,
            self.context.settings.approval_lead_days,
        )

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


def _take_file(plan: Plan, imported: ImportedPlan, found: bool) -> None:
    """What the plan keeps of the file: its purpose and date (an existing plan keeps its own
    when the file has none), its name and its columns."""
    if found:
        plan.purpose = imported.purpose or plan.purpose
        plan.dated = imported.dated or plan.dated
    plan.source_name = imported.file[:300]
    plan.source_columns = _source_columns(plan, imported, found)


def _write_rows(
    session: Session,
    plan: Plan,
    imported: ImportedPlan,
    writer: ImportWriter,
    *,
    exported: dict[int, int] | None,
    rules: _Rules,
    progress: Callable[[int], None] | None,
    found: bool,
) -> int:
    """Each file row added, updated or (changed in the plan since the export) in conflict;
    each activity the file lacks gone; how many rows."""
    everything = activities.of_plan(session, plan.id)
    # A row the plan cancelled after the export is matched too: the file must not bring it
    # back as a new activity.
    existing = [
        a
        for a in everything
        if not is_cancelled(a) or (exported is not None and changed_since(a, exported))
    ]
    pairs, removed = match_rows(existing, imported.activities)
    for position, (row, activity) in enumerate(pairs):
        if activity is None:
            writer.add(row, position)
        elif exported is not None and changed_since(activity, exported):
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
    return len(pairs)


def _ask_owner(session: Session, plan: Plan, report: ImportReport, imported: ImportedPlan) -> None:
    """The plan's owner is asked, once each, about what the import could not place."""
    # Who are the responsible names commplan does not know (a person picker in Slack)?
    names = sorted(report.unmapped)
    ask_owner_once(session, plan, names, kind=NoticeKind.UNMAPPED_PEOPLE, prefix="unmapped")
    # And the target groups no audience answers to (docs/coordination.md)?
    names = list(report.unplaced_audiences)
    ask_owner_once(session, plan, names, kind=NoticeKind.UNMAPPED_AUDIENCES, prefix="audiences")
    # And the "when" cells nobody can read (kept as written, with no date): the rows.
    rows = unread_timings(imported)
    ask_owner_once(session, plan, rows, kind=NoticeKind.UNREAD_TIMINGS, prefix="timings")
    # And the meetings its texts are tied to that no calendar has (docs/timing.md).
    names = sorted(report.meetings_missing)
    ask_owner_once(session, plan, names, kind=NoticeKind.MEETINGS_MISSING, prefix="meetings")
    report.no_owner = plan.owner_id is None


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
