"""The CLI run in this process: its own services (bot.cli.context) on a fresh SQLite file, and
the command itself (``run``) through the script's entry point."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import context
from bot.services import Services
from tests.cli.in_process import Commplan


@pytest.fixture
def cli_services(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    """The CLI's own services (bot.cli.context) on a fresh SQLite file, answering in English."""
    for key in os.environ:
        if key.startswith(("COMMPLAN_", "SLACK_", "TEAMS_")):
            monkeypatch.delenv(key)
    monkeypatch.setenv("COMMPLAN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("COMMPLAN_LANGUAGE", "en")
    monkeypatch.setenv("COMMPLAN_TIMEZONE", "Europe/Copenhagen")
    context.settings.cache_clear()
    context.services.cache_clear()
    yield context.services()
    context.services().context.engine.dispose()
    context.settings.cache_clear()
    context.services.cache_clear()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where the command's SQLite file is made (it migrates it on the first command)."""
    return tmp_path / "commplan.db"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Commplan:
    """`commplan ARGS` on ``db`` in this process: ``run(db, *args, env={...})``."""
    return Commplan(monkeypatch, capsys)
