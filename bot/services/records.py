"""The audit log kept for its years (COMMPLAN_RETENTION_AUDIT_YEARS), then archived and purged."""

from __future__ import annotations

from pathlib import Path

from dateutil.relativedelta import relativedelta

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid
from bot.services.permissions import Gate, Permission
from storage.audit_archive import Archived, archive_and_purge
from storage.backup import BackupError
from storage.database import transaction
from storage.repositories import audit
from storage.types import utcnow


class RecordsService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def purge_audit(self, path: Path, actor: Actor, *, years: int | None = None) -> Archived:
        """Archive to ``path``, then delete, the entries older than ``years`` (default: the
        setting); the purge itself is the first entry of what is kept."""
        kept = years or self.context.settings.retention_audit_years
        if kept < 1:
            raise Invalid("audit.bad_years", value=kept)
        before = utcnow() - relativedelta(years=kept)
        with self.context.sessions() as session:
            self.gate.require(
                session, actor, Permission.ADMINISTER, action="audit.purge", entity=("audit", None)
            )
        try:
            archived = archive_and_purge(self.context.engine, before, path)
        except BackupError as err:
            raise Invalid(err.key, **err.values) from None
        with transaction(self.context.sessions) as session:
            audit.record(
                session,
                action="audit.purge",
                entity="audit",
                entity_id=None,
                **actor.audit_fields(),
                details={
                    "entries": archived.entries,
                    "before": before.isoformat(),
                    "file": path.name,
                    "years": kept,
                },
            )
        return archived
