"""Issue 16, finding 1, with real processes: a sender stopped (SIGSTOP) between its lease check
and its post while another process takes its rows over. Two `commplan reminders run` on one
PostgreSQL, the fake Slack holding the stopped one's calls (tests/fakes/paused_sender.py).
Here one pause with 4 reminders in flight, two stopped before the post and two in it;
bench/pauses.py runs 200 pauses and more."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.database import make_engine
from tests.fakes.paused_sender import run_pauses
from tests.fakes.slack_api import FakeSlack

PAUSES = 1
IN_FLIGHT = 4  # two held at conversations.open, two at chat.postMessage


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.mark.postgres
def test_a_sender_paused_before_posting_leaves_no_visible_duplicate(
    postgres_migrated: str, slack: FakeSlack, tmp_path: Path
) -> None:
    engine = make_engine(postgres_migrated)
    with engine.begin() as connection:
        for table in ("outbox", "activity_responsibles", "activities", "plans", "people", "teams"):
            connection.exec_driver_sql(f"DELETE FROM {table}")
    try:
        run = run_pauses(
            engine,
            postgres_migrated,
            slack,
            tmp_path / "run.log",
            pauses=PAUSES,
            in_flight=IN_FLIGHT,
        )
    finally:
        engine.dispose()
    assert run.reminders == PAUSES * IN_FLIGHT
    assert (run.lost, run.duplicates) == (0, 0), run
    # A was stopped at both points; each post it had in flight put a second copy out (landing
    # after B's), and each was deleted; the calls stopped before the post put none out.
    assert run.held_opens >= 1 and run.held_posts >= 1, run
    assert run.late_posts == run.held_posts == run.deleted, run
