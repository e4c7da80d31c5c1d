"""Calendar links' generations: a signed calendar link carries its owner's generation, and
revoking them moves it on, so every link made before stops working, without rotating
COMMPLAN_LINK_SECRET (which would end every e-mail's links too)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base

ADMIN_OWNER = "admin"  # the link made at the command line: every plan (no person)
PERSON_OWNER_PREFIX = "person:"


def person_owner(person_id: int) -> str:
    return f"{PERSON_OWNER_PREFIX}{person_id}"


class CalendarLinkGeneration(Base):
    """``owner`` ("admin" or "person:<id>"): the generation its links must carry. No row:
    generation 0, what links made before this table existed carry."""

    __tablename__ = "calendar_link_generations"

    owner: Mapped[str] = mapped_column(String(32), primary_key=True)
    generation: Mapped[int] = mapped_column(default=0)
