"""Knowing that a database is at the newest revision without loading Alembic
(storage/migration_head.py): the same answer as Alembic's, else Alembic decides."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from storage import migration_head
from storage.database import make_engine
from storage.migrate import MIGRATIONS, is_current, upgrade
from storage.migration_head import at_head, shipped_head


def test_the_shipped_head_is_alembics() -> None:
    assert shipped_head() == ScriptDirectory(str(MIGRATIONS)).get_current_head()


def test_a_migrated_database_is_at_head(engine: Engine) -> None:
    assert is_current(engine)
    assert at_head(engine)


def test_a_database_behind_or_empty_is_not(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'commplan.db'}")
    try:
        assert not at_head(engine)  # no tables at all
        head = shipped_head()
        assert head is not None
        previous = ScriptDirectory(str(MIGRATIONS)).get_revision(head).down_revision
        assert isinstance(previous, str)
        upgrade(engine, previous)
        assert not at_head(engine)
        upgrade(engine)
        assert at_head(engine)
    finally:
        engine.dispose()


def test_files_that_fork_leave_it_to_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two revisions after the same one: no single head, so no answer (Alembic then reads the
    files itself, and refuses a fork)."""
    for path in sorted((MIGRATIONS / "versions").glob("0*.py"))[:2]:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "0002_other.py").write_text(
        'revision: str = "0002b"\ndown_revision: str | None = "0001"\n', encoding="utf-8"
    )
    monkeypatch.setattr(migration_head, "VERSIONS", tmp_path)
    assert shipped_head() is None
