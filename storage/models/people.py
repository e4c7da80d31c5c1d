"""People: who is responsible, who decides, and how to reach them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.addresses import ChatAddress
from storage.models.base import Base
from storage.types import utcnow


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)  # stored lower-case
    # Chat ids are in chat_addresses (storage/models/addresses.py).
    locale: Mapped[str | None] = mapped_column(String(8))  # da | sv | en
    time_zone: Mapped[str | None] = mapped_column(String(64))  # IANA; else the plan's
    preferred_surface: Mapped[str | None] = mapped_column(String(16))  # a Surface value
    # The person's own calendar feed's digest: made when first asked for (see Team).
    feed_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    # Opted in to a Monday message with their own week.
    weekly_digest: Mapped[bool] = mapped_column(default=False)
    # The organisation's admin: may do anything any role may (docs/permissions.md).
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    chat_addresses: Mapped[list[ChatAddress]] = relationship(
        order_by="ChatAddress.id", viewonly=True
    )
    aliases: Mapped[list[PersonAlias]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonAlias.id"
    )
    plan_names: Mapped[list[PlanName]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PlanName.id"
    )


class PersonAlias(Base):
    """Another way a plan names a person: initials ("FC"), a role ("Projektleder")."""

    __tablename__ = "person_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    # casefolded, whitespace-collapsed: what lookups compare, so "fc" and "FC" are one alias
    alias_key: Mapped[str] = mapped_column(String(200), unique=True)

    person: Mapped[Person] = relationship(back_populates="aliases")


class PlanName(Base):
    """A name one plan uses for a person ("Direktoer" in plan A), given by someone who may change
    that plan. Unlike an alias it means the person in that plan only: the owner of plan A who
    picks herself for "Direktoer" does not become responsible in another team's plan that uses
    the same word (docs/permissions.md, "Names plans use")."""

    __tablename__ = "plan_names"
    __table_args__ = (UniqueConstraint("plan_id", "alias_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    alias_key: Mapped[str] = mapped_column(String(200))  # as PersonAlias.alias_key

    person: Mapped[Person] = relationship(back_populates="plan_names")
