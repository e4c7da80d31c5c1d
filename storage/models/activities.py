"""Activities: the rows of a plan, with their timing, people, status and dependencies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base
from storage.models.enums import ActivityStatus
from storage.models.people import Person
from storage.models.plans import Plan
from storage.rules.timing import Timing, TimingKind
from storage.types import utcnow

_OPEN = text("status NOT IN ('done', 'cancelled')")


class Activity(Base):
    __tablename__ = "activities"
    __table_args__ = (
        # What `upcoming` and the reminder tick look up: open activities by next deadline,
        # across the organisation or within some plans. Partial: done and cancelled rows (most
        # of an old plan) are not in the index at all.
        Index("ix_activities_open_due", "next_due", sqlite_where=_OPEN, postgresql_where=_OPEN),
        Index(
            "ix_activities_open_plan_due",
            "plan_id",
            "next_due",
            sqlite_where=_OPEN,
            postgresql_where=_OPEN,
        ),
        Index("ix_activities_plan_position", "plan_id", "position"),
        # The calendar counts every activity of some weeks, done ones too (revision 0010):
        # across the organisation by deadline, or within the plans a reader may read.
        # Covering: the counts read these columns from the index alone.
        Index("ix_activities_due", "next_due", "plan_id", "status", "channel"),
        Index("ix_activities_plan_due", "plan_id", "next_due", "status", "channel"),
        # The latest change of a feed's activities (its Last-Modified), one probe per plan.
        # The ETag does not read it: it comes from plans.changes (revision 0007).
        Index("ix_activities_plan_changes", "plan_id", "updated_at", "sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)  # order in the plan as written

    title: Mapped[str] = mapped_column(String(500))  # "activity" in GLOSSARY
    # The phase of the plan it belongs to, from a phase row ("Fase 1: Forberedelse").
    phase: Mapped[str | None] = mapped_column(Text)
    target_group: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str | None] = mapped_column(Text)
    goal: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(Text)
    expected_reaction: Mapped[str | None] = mapped_column(Text)
    remarks: Mapped[str | None] = mapped_column(Text)

    # The "when" text as written, and how it was read (storage.rules.timing.Timing).
    when_text: Mapped[str | None] = mapped_column(Text)
    timing_kind: Mapped[TimingKind] = mapped_column(default=TimingKind.UNKNOWN)
    timing_start: Mapped[dt.date | None]
    timing_due: Mapped[dt.date | None]
    timing_rrule: Mapped[str | None] = mapped_column(String(255))
    timing_tentative: Mapped[bool] = mapped_column(default=False)
    # The next deadline on or after the day it was last computed: the due day of a date or
    # window, the next occurrence of a recurring activity, None for the other kinds. Kept so
    # that `upcoming` is one indexed range query however many activities there are.
    next_due: Mapped[dt.date | None]
    # The date the plan promised when the activity was imported, added or approved: moving
    # it further than a few working days from this is a deviation (docs/coordination.md).
    baseline_due: Mapped[dt.date | None]

    responsible_text: Mapped[str | None] = mapped_column(Text)  # as written: "FC og styregruppen"
    responsible_steering_group: Mapped[bool] = mapped_column(default=False)

    status: Mapped[ActivityStatus] = mapped_column(default=ActivityStatus.PLANNED)
    requires_approval: Mapped[bool] = mapped_column(default=False)
    reminder_policy: Mapped[dict[str, Any] | None]  # overrides the plan's
    snoozed_until: Mapped[dt.datetime | None]
    done_at: Mapped[dt.datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    cancelled_at: Mapped[dt.datetime | None]
    # The follow-up: did the expected reaction happen? yes | partly | no, asked after done.
    reaction_outcome: Mapped[str | None] = mapped_column(String(16))
    reaction_note: Mapped[str | None] = mapped_column(Text)
    reaction_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    reaction_at: Mapped[dt.datetime | None]

    source_table: Mapped[str | None] = mapped_column(String(100))
    source_row: Mapped[int | None]
    # Bumped on every change: iCal SEQUENCE, and a guard against lost updates.
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    plan: Mapped[Plan] = relationship()
    responsibles: Mapped[list[Person]] = relationship(
        secondary="activity_responsibles", order_by="Person.id"
    )

    @property
    def timing(self) -> Timing:
        return Timing(
            kind=self.timing_kind,
            start=self.timing_start,
            due=self.timing_due,
            rrule=self.timing_rrule,
            tentative=self.timing_tentative,
        )

    @timing.setter
    def timing(self, value: Timing) -> None:
        self.timing_kind = value.kind
        self.timing_start = value.start
        self.timing_due = value.due
        self.timing_rrule = value.rrule
        self.timing_tentative = value.tentative


class ActivityResponsible(Base):
    __tablename__ = "activity_responsibles"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ActivityDependency(Base):
    """A cascade step: ``activity`` waits for ``depends_on`` (done or approved) plus an offset."""

    __tablename__ = "activity_dependencies"
    __table_args__ = (CheckConstraint("activity_id <> depends_on_id", name="not_self"),)

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    depends_on_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    offset_days: Mapped[int] = mapped_column(default=0)
