"""Steering groups: who approves written communication, and who may decide for whom."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.addresses import ChatAddress
from storage.models.base import Base
from storage.models.enums import DecisionRule
from storage.models.people import Person
from storage.models.teams import Team
from storage.types import utcnow


class SteeringGroup(Base):
    __tablename__ = "steering_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    decision_rule: Mapped[DecisionRule] = mapped_column(default=DecisionRule.ANY)
    # Its channels (approval requests, the digest) are in chat_addresses.
    # Four eyes: nobody decides on a request they made, unless the group allows it explicitly
    # (then the decision is recorded as a self-approval).
    allow_self_approval: Mapped[bool] = mapped_column(default=False, server_default=false())
    # How long the group needs to decide (docs/coordination.md, lead times): working days
    # between receiving a request and the decision it needs (None: COMMPLAN_APPROVAL_LEAD_DAYS),
    # and the weekday it meets on (0 Monday; None: it decides whenever).
    approval_lead_days: Mapped[int | None]
    meeting_weekday: Mapped[int | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    members: Mapped[list[Person]] = relationship(secondary="steering_members", order_by="Person.id")
    chat_addresses: Mapped[list[ChatAddress]] = relationship(
        order_by="ChatAddress.id", viewonly=True
    )
    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id])
    team: Mapped[Team] = relationship()


class SteeringMember(Base):
    __tablename__ = "steering_members"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("steering_groups.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Delegation(Base):
    """A member's deputy for a period (out of office); the deputy's decisions say "for NAME"."""

    __tablename__ = "delegations"
    __table_args__ = (CheckConstraint("starts_at < ends_at", name="period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("steering_groups.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    deputy_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[dt.datetime]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
