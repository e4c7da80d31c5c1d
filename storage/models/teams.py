"""Teams: who shares plans, a chat channel and a calendar feed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from storage.models.addresses import ChatAddress
from storage.models.base import Base
from storage.tokens import token_digest
from storage.types import utcnow


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Its chat channels are in chat_addresses.
    # At least 128 random bits (storage.tokens gives 256); rotating replaces it. Looked up by
    # its digest (storage.tokens says why), which setting the token keeps in step.
    feed_token: Mapped[str] = mapped_column(String(64), unique=True)
    feed_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    chat_addresses: Mapped[list[ChatAddress]] = relationship(
        order_by="ChatAddress.id", viewonly=True
    )
    members: Mapped[list[TeamMember]] = relationship(
        back_populates="team", cascade="all, delete-orphan"
    )

    @validates("feed_token")
    def _hash_feed_token(self, _key: str, token: str) -> str:
        self.feed_token_hash = token_digest(token)
        return token


class TeamMember(Base):
    __tablename__ = "team_members"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    is_admin: Mapped[bool] = mapped_column(default=False)

    team: Mapped[Team] = relationship(back_populates="members")
