"""The services container (bot/services/__init__.py) builds each service the first time it is
asked for, once: a command of the command line loads only the services it uses."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from bot.services import Services
from bot.services.feeds import FeedService
from bot.services.uploads import UploadService
from config import load_settings
from storage.database import make_engine


@pytest.fixture
def fresh(sqlite_url: str) -> Iterator[Services]:
    settings = load_settings(COMMPLAN_DATABASE_URL=sqlite_url)
    services = Services.create(settings, make_engine(sqlite_url))
    yield services
    services.context.engine.dispose()


def test_each_service_is_built_once_even_when_threads_ask_together(fresh: Services) -> None:
    start = threading.Barrier(8)
    seen: list[FeedService] = []

    def ask() -> None:
        start.wait()
        seen.append(fresh.feeds)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8
    assert all(feeds is seen[0] for feeds in seen)  # one cache of feeds, not eight
    assert isinstance(seen[0], FeedService)


def test_a_service_that_uses_another_gets_the_containers(fresh: Services) -> None:
    uploads = fresh.uploads
    assert isinstance(uploads, UploadService)
    assert uploads.imports is fresh.imports
    assert fresh.uploads is uploads
