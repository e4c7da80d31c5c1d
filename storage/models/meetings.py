"""Meeting calendars: an organisation's councils, committees, boards and steering groups, the
names plans call them ("udvalgsmøde", "sammanträde", "board meeting"), and the days they meet.

A plan's "Før hvert udvalgsmøde" is due before each meeting of the body it names
(bot/services/meetings.py). A meeting read from an iCalendar file keeps its UID, so that the
same file read again moves a meeting that was moved rather than adding a second one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base
from storage.types import utcnow


class MeetingBody(Base):
    """A body that meets: "Børne- og Skoleudvalget", "Kommunfullmäktige", "The board"."""

    __tablename__ = "meeting_bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    aliases: Mapped[list[MeetingAlias]] = relationship(
        back_populates="body", order_by="MeetingAlias.id", cascade="all, delete-orphan"
    )
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="body", order_by="Meeting.day", cascade="all, delete-orphan"
    )


class MeetingAlias(Base):
    """A name plans use for the body's meetings ("udvalgsmøde"); ``key`` is it casefolded, and
    one name means one body."""

    __tablename__ = "meeting_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_bodies.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200), unique=True)

    body: Mapped[MeetingBody] = relationship(back_populates="aliases")


class Meeting(Base):
    """One meeting: its day (in the organisation's zone), and the iCalendar UID it came with."""

    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("body_id", "uid", name="uq_meetings_body_uid"),
        Index("ix_meetings_body_day", "body_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("meeting_bodies.id", ondelete="CASCADE"))
    day: Mapped[dt.date]
    uid: Mapped[str | None] = mapped_column(String(255))

    body: Mapped[MeetingBody] = relationship(back_populates="meetings")
