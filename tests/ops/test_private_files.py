"""Backups and a person's export are 0600 files made with O_EXCL: whatever the umask, only
commplan's user can read them, and a symbolic link planted at the name is refused, not
followed (the file it points at is neither read into nor overwritten nor created)."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.backup import BackupError, backup
from storage.database import make_engine
from tests.cli.in_process import run


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that lets everyone read what is made: the mode must come from commplan."""
    before = os.umask(0)
    yield
    os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("open_umask")
def test_a_backup_is_0600_and_a_planted_link_is_refused(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    folder = tmp_path / "backups"
    folder.mkdir()
    made = backup(engine, folder / "commplan.backup")
    assert _mode(made.path) == 0o600 and made.size > 0
    assert [p.name for p in folder.iterdir()] == ["commplan.backup"]  # no staging left

    victim = tmp_path / "victim"
    victim.write_text("an attacker's file, or one of ours")
    planted = tmp_path / "planted.backup"
    planted.symlink_to(victim)
    dangling = tmp_path / "dangling.backup"
    dangling.symlink_to(tmp_path / "would-be-created")
    for link in (planted, dangling):
        with pytest.raises(BackupError) as refused:
            backup(engine, link)
        assert refused.value.key == "db.backup_exists"
    assert victim.read_text() == "an attacker's file, or one of ours"
    assert not (tmp_path / "would-be-created").exists()
    engine.dispose()


@pytest.mark.usefixtures("open_umask")
def test_a_person_export_is_0600_and_a_planted_link_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "commplan.db"
    assert run(db, "people", "add", "Mette Holm", "--email", "mh@example.dk").returncode == 0
    for fmt in ("json", "zip"):
        written = tmp_path / f"mette.{fmt}"
        done = run(db, "people", "export", "Mette Holm", "--format", fmt, "-o", str(written))
        assert done.returncode == 0, done.stderr
        assert _mode(written) == 0o600
    assert json.loads((tmp_path / "mette.json").read_text())["sections"]["people"]

    victim = tmp_path / "victim"
    victim.write_text("keep")
    planted = tmp_path / "planted.json"
    planted.symlink_to(victim)
    refused = run(db, "people", "export", "Mette Holm", "-o", str(planted))
    assert refused.returncode == 2
    assert refused.stderr.strip() == f"commplan: {planted} already exists; choose a new file name"
    assert victim.read_text() == "keep"
    again = run(db, "people", "export", "Mette Holm", "-o", str(tmp_path / "mette.json"))
    assert again.returncode == 2  # an existing export is not overwritten either
