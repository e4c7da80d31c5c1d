"""Shared fixtures: a real database per test, on SQLite and on PostgreSQL.

Storage-level tests take the ``db_url`` fixture and so run once per backend (APScheduler's
tests do the same, STYLE.md 6). PostgreSQL comes from ``COMMPLAN_TEST_POSTGRES_URL``, which
``scripts/with-postgres`` sets up; without it the PostgreSQL cases fail in CI and skip elsewhere.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from bot.services import Services
from config import load_settings
from storage.database import make_engine, session_factory
from storage.migrate import upgrade
from storage.models import Base

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "tests" / "samples"
POSTGRES_URL = os.environ.get("COMMPLAN_TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, made once and copied for each test (migrating is the slow part).

    Empty, as the PostgreSQL database is between tests: without the vocabulary a new database
    ships with (revision 0010), so each test says which audiences it has; the tests of the
    shipped vocabulary migrate a database of their own (tests/coordination/test_shipped.py)."""
    path = tmp_path_factory.mktemp("template") / "commplan.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audience_aliases")
        connection.exec_driver_sql("DELETE FROM audiences")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_migrated() -> str:
    if not POSTGRES_URL:
        message = "COMMPLAN_TEST_POSTGRES_URL is not set (run the tests via scripts/with-postgres)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    engine.dispose()
    return POSTGRES_URL


@pytest.fixture(scope="session")
def empty_postgres(postgres_migrated: str) -> Iterator[Callable[[], str]]:
    """Empties the migrated PostgreSQL database for the next test and gives its URL. DELETE in
    one round trip, children first, and the id sequences set back to 1 (as TRUNCATE … RESTART
    IDENTITY did, which took 0.1 s a test: it makes new files for every table)."""
    engine = make_engine(postgres_migrated)
    with engine.connect() as connection:
        sequences = connection.scalars(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relkind = 'S' AND n.nspname = current_schema()"
            )
        ).all()
    statements = [f'DELETE FROM "{table.name}"' for table in reversed(Base.metadata.sorted_tables)]
    statements += [f"SELECT setval('\"{name}\"', 1, false)" for name in sequences]
    emptying = text("; ".join(statements))

    def empty() -> str:
        with engine.begin() as connection:
            connection.execute(emptying)
        return postgres_migrated

    yield empty
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty, migrated database of each backend."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "commplan.db"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    empty: Callable[[], str] = request.getfixturevalue("empty_postgres")
    return empty()


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """An empty, migrated SQLite file, for tests that are not about the backend."""
    path = tmp_path / "commplan.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@pytest.fixture
def services(db_url: str) -> Iterator[Services]:
    """The service layer on an empty database of each backend, answering in English."""
    settings = load_settings(
        COMMPLAN_DATABASE_URL=db_url, COMMPLAN_LANGUAGE="en", COMMPLAN_TIMEZONE="Europe/Copenhagen"
    )
    engine = make_engine(db_url)
    yield Services.create(settings, engine)
    engine.dispose()
