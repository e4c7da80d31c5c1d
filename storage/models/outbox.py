"""The reminder outbox: every message the scheduler will send, claimed before it is sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.models.enums import OutboxStatus
from storage.types import utcnow

# A claim no one holds: earlier than any real moment, so "claimed_until < now" is true.
NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # (activity, occurrence, kind, offset, recipient): unique, so a reminder is written once.
    key: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    due_at: Mapped[dt.datetime]
    status: Mapped[OutboxStatus] = mapped_column(default=OutboxStatus.PENDING)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_until: Mapped[dt.datetime] = mapped_column(default=NEVER)
    # Fencing: a new token per claim; marking the row requires the token of the current claim.
    claim_token: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    late: Mapped[bool] = mapped_column(default=False)
    sent_at: Mapped[dt.datetime | None]
    transport: Mapped[str | None] = mapped_column(String(16))
    external_id: Mapped[str | None] = mapped_column(String(255))  # e.g. Slack channel + ts
    payload: Mapped[dict[str, Any] | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
