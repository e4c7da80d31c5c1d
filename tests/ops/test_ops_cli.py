"""The operator's commands as run (in this process: tests/cli/in_process.py): backup, restore
and a person's data, one line when refused."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from scheduler.single_runner import SingleRunnerLock
from tests.cli.in_process import run


def test_backup_then_restore_is_refused_while_serving_and_over_data(tmp_path: Path) -> None:
    db = tmp_path / "commplan.db"
    assert run(db, "people", "add", "Mette Holm", "--alias", "MH").returncode == 0
    backup = tmp_path / "commplan.backup"
    made = run(db, "db", "backup", str(backup))
    assert made.returncode == 0, made.stderr
    assert "Backup written" in made.stdout

    refused = run(db, "db", "restore", str(backup))
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "commplan: The database already holds data; restore into an empty one or use --force"
    ]

    fresh = tmp_path / "fresh.db"
    lock = SingleRunnerLock(fresh.resolve())
    lock.acquire()  # as `commplan serve` does
    try:
        busy = run(fresh, "db", "restore", str(backup))
    finally:
        lock.release()
    assert busy.returncode == 1 and "in use by another commplan process" in busy.stderr
    restored = run(fresh, "db", "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    listed = run(fresh, "people", "list", "--format", "json")
    assert [person["name"] for person in json.loads(listed.stdout)] == ["Mette Holm"]


def test_export_and_forget_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "commplan.db"
    assert run(db, "people", "add", "Mette Holm", "--email", "mh@example.dk").returncode == 0
    no_file = run(db, "people", "export", "Mette Holm", "--format", "zip")
    assert no_file.returncode == 2
    assert no_file.stderr.strip() == "commplan: --format zip is written to a file: give -o FILE"
    archive = tmp_path / "mette.zip"
    assert (
        run(
            db, "people", "export", "mh@example.dk", "--format", "zip", "-o", str(archive)
        ).returncode
        == 0
    )
    with zipfile.ZipFile(archive) as opened:
        person = json.loads(opened.read("person.json"))
    assert person["sections"]["people"][0]["email"] == "mh@example.dk"
    forgotten = run(db, "people", "forget", "Mette Holm", "--format", "json")
    assert forgotten.returncode == 0, forgotten.stderr
    pseudonym = json.loads(forgotten.stdout)["pseudonym"]
    listed = json.loads(run(db, "people", "list", "--format", "json").stdout)
    assert [(p["name"], p["email"]) for p in listed] == [(pseudonym, None)]
