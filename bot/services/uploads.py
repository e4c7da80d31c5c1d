"""A plan's file sent to the bot in a chat: checked, previewed, kept until Import or Cancel.

The steps, each with its own refusal (one line, nothing stored):

1. ``check_before_download``: the sender is linked and may bring a plan in (a member of a team,
   an owner or editor of a plan, or an admin); the file's name says a plan's type and its
   declared size is within the import limit. Nothing has been fetched yet.
2. ``preview``: the bytes are read as a plan (their first bytes must agree with the name: a
   program renamed .xlsx is refused), the import is run as a dry run *as the sender* (so a
   plan they may not change is refused here), and only then are the bytes kept
   (``pending_uploads``) for the answer.
3. ``confirm`` imports exactly those bytes as the sender, into the plan the preview named (or a
   new plan they own, in their team); ``cancel`` forgets them. Either deletes the row first, so
   a double click imports once. Rows nobody answers go after 24 hours (scheduler/retention.py).

Which plan a file updates: the plan one of our exports names (bot/interchange/identity.py),
else the plan of the same name in the sender's team, else a new plan there. A person in
several teams gets new plans in the first by name (the preview says which).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.importing.errors import ImportFailed, Where
from bot.interchange.identity import PlanIdentity
from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import NotFound
from bot.services.import_report import ImportReport
from bot.services.imports import ImportService, by_identity, check_sent
from bot.services.permissions import Gate, Permission, PermissionSubject, Role
from storage.database import transaction
from storage.models import PendingUpload, Team
from storage.repositories import roles, teams


@dataclass(frozen=True, slots=True)
class Preview:
    upload_id: int
    file_name: str
    report: ImportReport


@dataclass(frozen=True, slots=True)
class _Kept:
    file_name: str
    content: bytes
    plan_id: int | None
    team_id: int | None


@dataclass(frozen=True, slots=True)
class _Target:
    plan_name: str | None  # "#ID" of the plan the file updates, or None
    # The team a new plan goes to (None: the importer's own rule, for someone in no team).
    team_id: int | None = None
    team_slug: str | None = None


class UploadService:
    def __init__(self, context: Context, imports: ImportService) -> None:
        self.context = context
        self.imports = imports
        self.gate = Gate(context)

    def check_before_download(self, file_name: str, size: int | None, actor: Actor) -> None:
        """Refuse before a byte is fetched: who sends, the declared type and size."""
        with self.context.sessions() as session:
            self._may_bring_plans(session, actor)
        check_sent(file_name, size, self.context.settings.max_import_bytes)

    def preview(self, file_name: str, content: bytes, actor: Actor, surface: str) -> Preview:
        """Read the file, dry-run its import as ``actor``, and keep it for the answer."""
        file_name = Path(file_name).name[:300] or "plan"
        with self.context.sessions() as session:
            self._may_bring_plans(session, actor)
        if actor.person_id is None:
            # A kept file is its sender's: the operator's command line imports with `import`.
            raise self.gate.not_linked()
        imported = self.imports.read_sent(file_name, content)
        with self.context.sessions() as session:
            target = self._target(session, imported.identity, actor)
        report = self.imports.apply(
            imported, actor, plan_name=target.plan_name, team=target.team_slug, dry_run=True
        )
        with transaction(self.context.sessions) as session:
            row = PendingUpload(
                person_id=actor.person_id,
                surface=surface,
                file_name=file_name,
                content=content,
                plan_id=None if report.created or report.plan is None else report.plan.id,
                team_id=target.team_id,
            )
            session.add(row)
            session.flush()
            upload_id = row.id
        return Preview(upload_id, file_name, report)

    def confirm(self, upload_id: int, actor: Actor) -> ImportReport:
        """Import the kept bytes as ``actor``: the row is taken first (a second click finds
        nothing), then the import runs with every check again."""
        row = self._take(upload_id, actor)
        imported = self.imports.read_sent(row.file_name, row.content)
        plan_name = f"#{row.plan_id}" if row.plan_id is not None else None
        team = None
        if row.team_id is not None:
            with self.context.sessions() as session:
                found = session.get(Team, row.team_id)
                team = found.slug if found is not None else None
        return self.imports.apply(imported, actor, plan_name=plan_name, team=team)

    def cancel(self, upload_id: int, actor: Actor) -> str:
        """Forget the kept bytes; the file's name, to say so."""
        return self._take(upload_id, actor).file_name

    # Inside

    def _take(self, upload_id: int, actor: Actor) -> _Kept:
        """Delete the sender's upload and return it; someone else's, or one already gone, is
        "no longer waiting" (the same line: whether another person's upload exists is theirs)."""
        with transaction(self.context.sessions) as session:
            row = session.get(PendingUpload, upload_id)
            if row is None:
                raise NotFound("upload.gone")
            if actor.person_id is None or row.person_id != actor.person_id:
                # Someone else's file: recorded as a refused attempt, with the same line as
                # one that is gone (whose files wait is the sender's own business).
                self.gate.refuse(
                    actor,
                    "upload",
                    action="plan.upload_answer",
                    plan=None,
                    entity=("upload", upload_id),
                    key="upload.gone",
                )
            kept = _Kept(row.file_name, bytes(row.content), row.plan_id, row.team_id)
            taken = session.execute(
                delete(PendingUpload).where(
                    PendingUpload.id == upload_id, PendingUpload.person_id == actor.person_id
                )
            )
            if getattr(taken, "rowcount", 0) != 1:
                raise NotFound("upload.gone")  # another click took it at the same moment
        return kept

    def _may_bring_plans(self, session: Session, actor: Actor) -> None:
        """A linked person who may create a plan in some team, or change some plan."""
        if self.gate.holds(session, actor, Role.ADMIN, PermissionSubject()):
            return
        person = actor.person_id
        if person is not None and teams.team_ids_of(session, person):
            return
        if person is not None and roles.changeable_plan_ids(session, person):
            return
        # Linked to nobody, the line says who can link them (Gate.refuse).
        self.gate.refuse(
            actor,
            Permission.CREATE,
            action="plan.upload",
            plan=None,
            entity=("person", person),
            key="upload.refused.no_team",
        )

    def _target(self, session: Session, identity: PlanIdentity | None, actor: Actor) -> _Target:
        if identity is not None:
            exported = by_identity(session, identity, None)
            if exported is not None:
                return _Target(f"#{exported.id}")
        team = self._team_of(session, actor)
        if team is None:
            return _Target(None)
        return _Target(None, team.id, team.slug)

    @staticmethod
    def _team_of(session: Session, actor: Actor) -> Team | None:
        """The sender's team, for a new plan: the first of theirs by name; None for someone in
        no team (an admin, or an editor: the importer's rule then decides, and refuses)."""
        if actor.person_id is None:
            return None
        ids = teams.team_ids_of(session, actor.person_id)
        if not ids:
            return None
        return session.scalars(select(Team).where(Team.id.in_(ids)).order_by(Team.slug)).first()


def too_large(file_name: str, size: int, limit: int) -> ImportFailed:
    """The refusal for a file whose bytes passed the limit while they were fetched (a
    declared size that was wrong)."""
    return ImportFailed("import.error.too_large", Where(file_name), size=size, limit=limit)
