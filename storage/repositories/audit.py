"""Writing and reading the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AuditEntry, Origin, Person


def record(
    session: Session,
    *,
    action: str,
    entity: str,
    entity_id: int | None,
    origin: Origin,
    actor: Person | None = None,
    actor_id: int | None = None,
    actor_text: str | None = None,
    surface_user: str | None = None,
    capacity: str | None = None,
    plan_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one entry in the caller's transaction, so the change and its record land together."""
    entry = AuditEntry(
        action=action,
        entity=entity,
        entity_id=entity_id,
        origin=origin.value,
        actor_id=actor.id if actor else actor_id,
        actor_text=(actor_text or (actor.name if actor else origin.value))[:200],
        surface_user=surface_user,
        capacity=capacity,
        plan_id=plan_id,
        details=details,
    )
    session.add(entry)
    return entry


def entries(
    session: Session, *, plan_id: int | None = None, entity: str | None = None
) -> Sequence[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)
    if plan_id is not None:
        query = query.where(AuditEntry.plan_id == plan_id)
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    return session.scalars(query).all()
