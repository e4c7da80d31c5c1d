"""The services every surface calls, built once per process from the settings and an engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from config import Settings
from storage.database import session_factory, single_reads
from storage.types import utcnow


@dataclass(frozen=True)
class Context:
    """What a service needs besides its arguments: the database and the settings."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    # Statements each on their own (storage.database.single_reads): for a cheap "anything
    # new?" before the real read, never for reads that must agree with each other.
    single_reads: sessionmaker[Session]

    @classmethod
    def create(cls, settings: Settings, engine: Engine) -> Context:
        return cls(settings, engine, session_factory(engine), single_reads(engine))

    def public_url(self, path: str) -> str:
        """``path`` at the address people reach commplan at (COMMPLAN_PUBLIC_URL, else where it
        listens): the calendar feeds and plan pages."""
        settings = self.settings
        base = settings.public_url or f"http://{settings.host}:{settings.port}"
        return f"{base.rstrip('/')}/{path.lstrip('/')}"

    def today(self, time_zone: str | None = None) -> dt.date:
        """Today in ``time_zone`` (default: the organisation's); dates are whole local days."""
        return utcnow().astimezone(ZoneInfo(time_zone or self.settings.timezone)).date()
