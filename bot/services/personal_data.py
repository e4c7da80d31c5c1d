"""A person's data rights: a copy of everything held about them, and being forgotten.

The finding is done by ``storage.personal_data`` (a walk of the metadata); this service adds the
rules: forgetting refuses while the person holds open responsibilities unless they are handed to
someone, every export and forgetting is audited, and so is a refusal.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import secrets
import zipfile
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid
from bot.services.people import require_person
from bot.services.permissions import Gate, Permission
from storage import personal_data
from storage.database import transaction
from storage.models import AuditEntry
from storage.repositories import audit
from storage.types import utcnow

# The same word in Danish, Swedish and English; the suffix is random, not derived from anything
# about the person, and stays the same wherever the person was named.
PSEUDONYM_PREFIX = "Person"


@dataclass(frozen=True, slots=True)
class PersonExport:
    person_id: int
    exported_at: dt.datetime
    sections: dict[str, list[dict[str, Any]]]

    def as_json(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "exported_at": self.exported_at.isoformat(),
            "sections": self.sections,
        }

    def as_zip(self) -> bytes:
        """``person.json`` with everything, and ``sections/NAME.json`` per table and column."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("person.json", _dumps(self.as_json()))
            for name, rows in self.sections.items():
                archive.writestr(f"sections/{name}.json", _dumps(rows))
        return buffer.getvalue()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True, slots=True)
class ForgetResult:
    person_id: int
    reassigned_to: int | None
    forgotten: personal_data.Forgotten

    def as_json(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "reassigned_to": self.reassigned_to,
            **self.forgotten.as_json(),
        }


class PersonalDataService:
    """A person's data is theirs to export; exporting another's, and forgetting, is the
    admin's (docs/permissions.md)."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def export(self, who: str, actor: Actor, *, fmt: str = "json") -> PersonExport:
        with transaction(self.context.sessions) as session:
            person = require_person(session, who)
            self.gate.require_self_or_admin(session, actor, person.id, action="person.export")
            sections = personal_data.export_rows(session, person)
            audit.record(
                session,
                action="person.export",
                entity="person",
                entity_id=person.id,
                **actor.audit_fields(),
                details={"format": fmt, "sections": {k: len(v) for k, v in sections.items()}},
            )
            return PersonExport(person.id, utcnow(), sections)

    def forget(self, who: str, actor: Actor, *, reassign_to: str | None = None) -> ForgetResult:
        """Remove or pseudonymise everything about ``who``; open activities, plans and chairs
        go to ``reassign_to``, without whom they are a refusal (audited, nothing changed)."""
        with transaction(self.context.sessions) as session:
            person = require_person(session, who)
            self.gate.require(
                session,
                actor,
                Permission.ADMINISTER,
                action="person.forget",
                entity=("person", person.id),
            )
            if _already_forgotten(session, person.id):
                raise Invalid("people.already_forgotten", name=person.name)
            successor = require_person(session, reassign_to) if reassign_to else None
            if successor is not None and (successor.id == person.id or not successor.active):
                raise Invalid("people.bad_successor", name=successor.name)
            held = personal_data.open_responsibilities(session, person.id)
            refused = bool(held) and successor is None
            if not refused:
                if successor is not None:
                    personal_data.reassign(session, held, person.id, successor)
                pseudonym = f"{PSEUDONYM_PREFIX} {secrets.token_hex(3).upper()}"
                forgotten = personal_data.forget(session, person, pseudonym)
                audit.record(
                    session,
                    action="person.forget",
                    entity="person",
                    entity_id=person.id,
                    **actor.audit_fields(),
                    details={
                        "reassigned_to": successor.id if successor else None,
                        "activities": list(held.activities),
                        "plans": list(held.plans),
                        "chairs": list(held.chairs),
                        **forgotten.as_json(),
                    },
                )
                return ForgetResult(person.id, successor.id if successor else None, forgotten)
            name = person.name
            person_id = person.id
        with transaction(self.context.sessions) as session:
            audit.record(
                session,
                action="person.forget_refused",
                entity="person",
                entity_id=person_id,
                **actor.audit_fields(),
                details={
                    "activities": list(held.activities),
                    "plans": list(held.plans),
                    "chairs": list(held.chairs),
                },
            )
        raise Invalid(
            "people.forget_busy",
            name=name,
            activities=len(held.activities),
            plans=len(held.plans),
            chairs=len(held.chairs),
        )


def _already_forgotten(session: Session, person_id: int) -> bool:
    found = session.scalar(
        select(AuditEntry.id)
        .where(
            AuditEntry.action == "person.forget",
            AuditEntry.entity == "person",
            AuditEntry.entity_id == person_id,
        )
        .limit(1)
    )
    return found is not None
