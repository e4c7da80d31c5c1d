"""Connection set-up: SQLite pragmas, clear errors for bad URLs and unreachable servers."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from storage.database import (
    DatabaseUnavailable,
    check_connection,
    is_sqlite,
    make_engine,
    normalise_url,
    safe_url,
)


def test_sqlite_runs_with_wal_and_foreign_keys(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_postgres_urls_use_psycopg3() -> None:
    assert normalise_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_password_never_shown() -> None:
    assert "s3cret" not in safe_url("postgresql://user:s3cret@db.example/commplan")


def test_unreachable_server_gives_one_line_without_password() -> None:
    # Port 9 on loopback: nothing listens, the connection is refused at once.
    engine = make_engine("postgresql://user:s3cret@127.0.0.1:9/commplan", connect_args={})
    with pytest.raises(DatabaseUnavailable) as caught:
        check_connection(engine)
    message = str(caught.value)
    assert "cannot reach the database" in message
    assert "s3cret" not in message
    assert "\n" not in message


def test_missing_directory_for_sqlite_is_reported(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/no/such/dir/commplan.db")
    with pytest.raises(DatabaseUnavailable, match="unable to open database file"):
        check_connection(engine)


def test_nonsense_url_is_reported() -> None:
    with pytest.raises(DatabaseUnavailable, match="invalid database URL"):
        make_engine("not a url")


def test_backend_detection(engine: Engine) -> None:
    assert is_sqlite(engine) == (engine.dialect.name == "sqlite")
