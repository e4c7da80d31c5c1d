"""The audit log: every change, who made it, in what capacity, when and from where."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_plan_at", "plan_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    actor_text: Mapped[str] = mapped_column(String(200))  # a name, "cli:alice", "scheduler"
    capacity: Mapped[str | None] = mapped_column(String(32))
    # An Origin value: where the change came from (the column kept its first name).
    origin: Mapped[str] = mapped_column("surface", String(16))
    # The surface's own id of whoever acted (Slack U…, a Teams AAD object id): who it was even
    # when that chat user is linked to nobody.
    surface_user: Mapped[str | None] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(64))  # "activity.done", "plan.import", ...
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None]
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    details: Mapped[dict[str, Any] | None]
