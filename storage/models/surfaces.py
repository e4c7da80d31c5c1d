"""Whether a surface (Slack, Teams, e-mail) answers: the outbox's circuit breaker, shared by
every replica through the database (scheduler/breaker.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class SurfaceHealth(Base):
    """``surface``'s last calls: how many in a row failed as an outage does (refused, timed out,
    5xx, whoever the recipient), and, while it is down, since when and when one message may
    probe it next. A row per surface, written at its first failure."""

    __tablename__ = "surface_health"

    surface: Mapped[str] = mapped_column(String(16), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    down_since: Mapped[dt.datetime | None]
    probe_at: Mapped[dt.datetime | None]
    probe_seconds: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
