"""Deviations: an activity moved well away from its baseline date, or cancelled, with why."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import utcnow


class Deviation(Base):
    """One departure from the plan as agreed: on record, so "agreed with management" is too."""

    __tablename__ = "deviations"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # moved | cancelled
    baseline: Mapped[dt.date | None]
    moved_to: Mapped[dt.date | None]
    working_days: Mapped[int | None]  # from the baseline to moved_to, signed
    reason: Mapped[str | None] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    # Who, when no person: the label the audit log gives the command line or an unlinked chat
    # user ("cli:…"); empty when ``person_id`` names them (their name is read from people).
    by_text: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
