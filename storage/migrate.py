"""Applying the Alembic migrations shipped inside the package (no alembic.ini needed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).with_name("migrations")
# pg_advisory_xact_lock's key for migrating ("cplanmig"): replicas that start together, or a
# migration job beside them, upgrade one after the other; the later ones find nothing to do.
MIGRATION_LOCK_KEY = 0x63706C616E6D6967


def alembic_config(engine: Engine, language: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    # The organisation's language: a new database's shipped audiences are named in it (0010).
    config.attributes["language"] = language
    return config


def upgrade(engine: Engine, revision: str = "head", *, language: str | None = None) -> None:
    """Bring the schema up to ``revision``; safe to run on every start. ``language``: the
    organisation's (COMMPLAN_LANGUAGE), for naming a new database's audiences."""
    _migrate(engine, lambda config: command.upgrade(config, revision), language)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` (an operator's way back from a bad release)."""
    _migrate(engine, lambda config: command.downgrade(config, revision))


def _migrate(engine: Engine, step: Callable[[Config], None], language: str | None = None) -> None:
    config = alembic_config(engine, language)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite changes a table by copying it and dropping the old one, and a drop with
            # foreign keys on deletes every row that points at it (ON DELETE CASCADE): keys are
            # off while migrating, checked before committing (sqlite.org/lang_altertable.html).
            # The pragma does nothing inside a transaction, so it comes first.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                    )
                config.attributes["connection"] = connection
                step(config)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("the migration left rows pointing at nothing")
        finally:
            if sqlite:  # the connection goes back to the pool: keys on again, even after a failure
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def is_current(engine: Engine) -> bool:
    """Whether the database is at the newest revision."""
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head
