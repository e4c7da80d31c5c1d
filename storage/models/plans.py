"""Plans: a team's communication plan, its owner, steering group and reminder policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base
from storage.models.enums import PlanStatus
from storage.models.people import Person
from storage.models.teams import Team
from storage.types import utcnow


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("team_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    steering_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("steering_groups.id", ondelete="SET NULL")
    )
    country: Mapped[str] = mapped_column(String(2), default="DK")  # DK | SE: public holidays
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/Copenhagen")
    language: Mapped[str] = mapped_column(String(8), default="da")
    status: Mapped[PlanStatus] = mapped_column(default=PlanStatus.ACTIVE)
    # Who may read it besides its team, owner, editors, steering group and responsible people:
    # "team" (nobody else) or "organisation" (every linked person).
    visibility: Mapped[str] = mapped_column(String(16), default="team", server_default="team")
    # None means the defaults; see the reminder engine for the keys.
    reminder_policy: Mapped[dict[str, Any] | None]
    # The read-only plan page's token's digest (see Team.feed_token_hash).
    view_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    source_name: Mapped[str | None] = mapped_column(String(300))
    # The date the imported document carries under its title ("15 augusti 2018"): yearless
    # timings in it ("Höst") were read relative to it, and an export writes it back.
    dated: Mapped[dt.date | None]
    # The plan's own column headings as imported, in order: {"columns": [[field, heading], ...]}.
    # An export writes the plan back under them, so people get the document they know.
    source_columns: Mapped[dict[str, Any] | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Moved by database triggers (revision 0007) whenever a calendar feed drawing on the plan
    # may change: its activities, their responsible people, the plan itself. Never written
    # here: the feeds' ETags come from it with no scan of activities (docs/feeds.md).
    changes: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    team: Mapped[Team] = relationship()
    editors: Mapped[list[Person]] = relationship(secondary="plan_editors", order_by="Person.id")


class PlanEditor(Base):
    """A person who may change the plan as its owner may (add, move, import, export)."""

    __tablename__ = "plan_editors"

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
