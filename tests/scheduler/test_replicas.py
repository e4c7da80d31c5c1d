"""Exactly once across processes: a SIGKILL in the middle of a burst, three replicas on one
PostgreSQL, two processes on one SQLite file. Real `commplan reminders run` processes send to
the fake Slack Web API, which records every message with its outbox key."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.database import make_engine
from storage.models import OutboxMessage
from tests.fakes.burst import seed
from tests.fakes.replica import sent_rows, start_replica
from tests.fakes.slack_api import FakeSlack


def start(url: str, slack: FakeSlack, log: Path) -> subprocess.Popen[bytes]:
    return start_replica(
        url, slack.url, log, COMMPLAN_CLAIM_LEASE_SECONDS="6", COMMPLAN_LOG_LEVEL="INFO"
    )


def wait_for(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_process_killed_mid_burst_delivers_everything_once_after_restart(
    sqlite_url: str, slack: FakeSlack, tmp_path: Path
) -> None:
    engine = make_engine(sqlite_url)
    count = 400
    seed(engine, count)
    slack.delay = 0.01  # a burst that takes a few seconds
    log = tmp_path / "run.log"
    first = start(sqlite_url, slack, log)
    try:
        assert wait_for(lambda: len(slack.posted) >= 60, 60), log.read_text()
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        killed_at = len(slack.posted)
        assert killed_at < count  # killed in the middle of the burst
        second = start(sqlite_url, slack, log)
        try:
            assert wait_for(lambda: sent_rows(engine) == count, 90), log.read_text()
        finally:
            stop([second])
    finally:
        stop([first])
    keys = Counter(slack.keys())
    assert [key for key in keys if not str(key).startswith("reminder:")] == []
    assert len(keys) == count  # none lost
    assert max(keys.values()) == 1  # none twice
    engine.dispose()


# Three replicas, each claiming 200 rows at a time, must all be sending at once for the test to
# mean something: they start before the burst is written, and each post takes 0.1 s, so a batch
# (8 sending threads) outlasts the 1-second tick at which the others claim theirs; a replica
# claims its next batch only when three quarters of one are sent, so it does not take the rows
# an idle replica is about to. Three batches are enough for that; bench/replicas.py sends
# thousands for the throughput. Four reminders a
# person: the pacing per recipient still releases rows that another replica may claim, without
# a dozen seconds of waiting between one person's messages.
REPLICA_BURST = 600
RECIPIENTS = 150


@pytest.mark.postgres
def test_three_replicas_on_postgresql_send_each_message_once(
    postgres_migrated: str, slack: FakeSlack, tmp_path: Path
) -> None:
    engine = make_engine(postgres_migrated)
    with engine.begin() as connection:
        for table in ("outbox", "activity_responsibles", "activities", "plans", "people", "teams"):
            connection.exec_driver_sql(f"DELETE FROM {table}")
    slack.delay = 0.1
    log = tmp_path / "run.log"
    replicas = [start(postgres_migrated, slack, log) for _ in range(3)]
    try:
        assert wait_for(lambda: log.read_text().count("scheduler started") == 3, 60), (
            log.read_text()
        )
        seed(engine, REPLICA_BURST, people=RECIPIENTS)
        with engine.begin() as connection:  # changed now: planned at the next tick, not hourly
            connection.exec_driver_sql("UPDATE activities SET updated_at = CURRENT_TIMESTAMP")
        assert wait_for(lambda: sent_rows(engine) == REPLICA_BURST, 120), log.read_text()[-3000:]
    finally:
        stop(replicas)
    keys = Counter(slack.keys())
    assert len(keys) == REPLICA_BURST
    assert max(keys.values()) == 1
    with engine.connect() as connection:
        workers = connection.execute(
            select(OutboxMessage.claimed_by, func.count()).group_by(OutboxMessage.claimed_by)
        ).all()
    assert len(workers) == 3, workers  # all three took part
    engine.dispose()


def test_a_second_process_on_one_sqlite_file_is_refused_and_nothing_is_sent_twice(
    sqlite_url: str, slack: FakeSlack, tmp_path: Path
) -> None:
    engine = make_engine(sqlite_url)
    seed(engine, 50)
    log = tmp_path / "run.log"
    first = start(sqlite_url, slack, log)
    try:
        assert wait_for(lambda: sent_rows(engine) == 50, 60), log.read_text()
        second = start(sqlite_url, slack, log)
        assert second.wait(timeout=30) == 1
        assert "in use by another commplan process" in log.read_text()
    finally:
        stop([first])
    assert sorted(Counter(slack.keys()).values()) == [1] * 50
    engine.dispose()
