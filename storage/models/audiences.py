"""Audiences: the organisation's target groups, the names plans call them, and which activity
addresses which (an activity keeps the plan's own text in ``Activity.target_group``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
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
    budgets: Mapped[list[AudienceBudget]] = relationship(
        order_by="AudienceBudget.channel_key", cascade="all, delete-orphan", viewonly=False
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


class ActivityName(Base):
    """A name in the activity's target group that no audience answers to yet ("Alle
    medarbejdere" before the vocabulary holds it), folded in ``key``: two plans using the same
    name address the same audience for overlaps and the calendar before anyone curates. Kept
    beside ``activity_audiences`` by the same reading (storage/repositories/audiences.py)."""

    __tablename__ = "activity_names"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    # Overlaps and the calendar read a name's activities across plans: by this index.
    key: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    name: Mapped[str] = mapped_column(String(200))


class AudienceBudget(Base):
    """At most ``per_week`` activities a week on ``channel`` to the audience, across all plans
    ("at most 2 intranet news a week to all staff"). ``channel_key`` is the channel folded."""

    __tablename__ = "audience_budgets"

    audience_id: Mapped[int] = mapped_column(
        ForeignKey("audiences.id", ondelete="CASCADE"), primary_key=True
    )
    channel_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    channel: Mapped[str] = mapped_column(String(200))
    per_week: Mapped[int]


class IntendedOverlap(Base):
    """An overlap a plan owner said is intended (scheduler/overlaps.py names it by ``key``):
    nobody is told of it again, and lists show it as intended."""

    __tablename__ = "intended_overlaps"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    marked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
