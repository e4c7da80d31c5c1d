"""Chat addresses: where a person, a steering group or a team is reached on each chat surface.

One row per owner and surface. The owner is one of three keys (exactly one is set) rather than
a kind and a bare id, so that the database keeps them true: deleting a group or a team deletes
its addresses, and forgetting a person (storage/personal_data.py walks the keys to ``people``)
deletes theirs, as its ``ondelete`` says.

``address`` is who the owner is on the surface: a Slack user or channel id, a Teams user's
Entra object id or a Teams channel's conversation id. A chat user is one person, so among
people an address is unique per surface. ``conversation`` is where a message to the owner goes
when that is not the address itself (a Teams personal chat, known once the person has spoken to
the app); ``route`` is how to get there (the Bot Connector region a Teams conversation lives
in). Both are NULL where the surface needs neither (Slack posts to the user or channel id).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import utcnow

_PERSON = text("person_id IS NOT NULL")


class ChatAddress(Base):
    __tablename__ = "chat_addresses"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN person_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN steering_group_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN team_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_owner",
        ),
        UniqueConstraint("person_id", "surface"),
        UniqueConstraint("steering_group_id", "surface"),
        UniqueConstraint("team_id", "surface"),
        # Who wrote to the bot: one indexed lookup, and one person per chat user.
        Index(
            "ix_chat_addresses_person_address",
            "surface",
            "address",
            unique=True,
            sqlite_where=_PERSON,
            postgresql_where=_PERSON,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    steering_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("steering_groups.id", ondelete="CASCADE")
    )
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    surface: Mapped[str] = mapped_column(String(16))  # a Surface value
    address: Mapped[str] = mapped_column(String(255))
    conversation: Mapped[str | None] = mapped_column(String(255))
    route: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class OwnerKind(StrEnum):
    """Who a chat address belongs to."""

    PERSON = "person"
    STEERING_GROUP = "steering_group"
    TEAM = "team"


@dataclass(frozen=True, slots=True)
class Owner:
    kind: OwnerKind
    id: int

    @classmethod
    def person(cls, person_id: int) -> Owner:
        return cls(OwnerKind.PERSON, person_id)

    @classmethod
    def steering_group(cls, group_id: int) -> Owner:
        return cls(OwnerKind.STEERING_GROUP, group_id)

    @classmethod
    def team(cls, team_id: int) -> Owner:
        return cls(OwnerKind.TEAM, team_id)
