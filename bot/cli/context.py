"""What every CLI command starts from: checked settings, a reachable database, the services."""

from __future__ import annotations

from functools import cache

from bot.services import Services
from config import Settings, load_settings
from storage.database import check_connection, make_engine
from storage.migrate import upgrade


@cache
def settings() -> Settings:
    return load_settings()


@cache
def services() -> Services:
    """The services on a migrated database (migrating is idempotent and fast when current)."""
    current = settings()
    engine = make_engine(current.database_url)
    check_connection(engine)
    upgrade(engine)
    return Services.create(current, engine)
