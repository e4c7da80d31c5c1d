"""The CLI run in this process: its own services (bot.cli.context) on a fresh SQLite file."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from bot.cli import context
from bot.services import Services


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
