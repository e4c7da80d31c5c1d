"""Audiences: the organisation's target groups, the names plans call them, and which activity
addresses which (an activity keeps the plan's own text in ``Activity.target_group``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base
from storage.types import utcnow


class Audience(Base):
    """One target group of the organisation ("All staff"), whatever each plan calls it."""

    __tablename__ = "audiences"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    aliases: Mapped[list[AudienceAlias]] = relationship(
        back_populates="audience", order_by="AudienceAlias.id", cascade="all, delete-orphan"
    )


class AudienceAlias(Base):
    """A name a plan in ``language`` uses for the audience ("Alle medarbejdere", da).

    ``key`` is the name folded for comparison (storage/repositories/audiences.py ``fold``): the
    same name in the same language means one audience only.
    """

    __tablename__ = "audience_aliases"
    __table_args__ = (UniqueConstraint("language", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audience_id: Mapped[int] = mapped_column(
        ForeignKey("audiences.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), index=True)

    audience: Mapped[Audience] = relationship(back_populates="aliases")


class ActivityAudience(Base):
    """The activity addresses the audience: "Medarbejdere og ledere" is two rows."""

    __tablename__ = "activity_audiences"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    # Overlaps and the calendar read an audience's activities: by this index.
    audience_id: Mapped[int] = mapped_column(
        ForeignKey("audiences.id", ondelete="CASCADE"), primary_key=True, index=True
    )
