"""E-mail action links already used: each link acts once (bot/transports/email/links.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import utcnow


class UsedEmailLink(Base):
    """The random id a signed e-mail link carries, written when the link is used: the primary
    key makes a second use (or two at once) fail on insert, on every backend. Rows older than a
    link's lifetime are pruned as links are used: an expired link is refused by its signature."""

    __tablename__ = "email_links_used"

    link_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    action: Mapped[str] = mapped_column(String(32))
    used_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
