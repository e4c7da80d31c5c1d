"""A serving app freezes its heap when made and after its 10th request; a test's app does not."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from config import load_settings
from storage.database import make_engine


@pytest.fixture
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test run collects as usual


@pytest.mark.parametrize("settle", [False, True])
def test_the_heap_is_frozen_at_start_up_and_after_the_tenth_request_when_serving(
    sqlite_url: str, thawed: None, settle: bool
) -> None:
    engine = make_engine(sqlite_url)
    app = create_app(load_settings(COMMPLAN_DATABASE_URL=sqlite_url), engine, settle=settle)
    assert (gc.get_freeze_count() > 0) is settle  # what start-up made
    gc.unfreeze()
    with TestClient(app) as client:
        for _ in range(9):
            assert client.get("/healthz").status_code == 200
        assert gc.get_freeze_count() == 0
        assert client.get("/healthz").status_code == 200
        assert (gc.get_freeze_count() > 0) is settle
    engine.dispose()
