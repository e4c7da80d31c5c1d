"""A real `commplan reminders run` process against a fake chat service, and what it sent: the
replica the reliability tests and the benchmarks start, kill and count."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, func, select

from storage.models import OutboxMessage

EXE = Path(sys.executable).with_name("commplan")


def start_replica(url: str, api_url: str, log: Path, **settings: str) -> subprocess.Popen[bytes]:
    """A scheduler process on ``url`` sending to the fake Slack at ``api_url``, ticking every
    second, its output appended to ``log``; ``settings`` add or override variables
    (``COMMPLAN_CLAIM_LEASE_SECONDS="6"``). Nothing of this process's own settings leaks in."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COMMPLAN_", "SLACK_", "TEAMS_"))
    }
    environment.update(
        {
            "COMMPLAN_DATABASE_URL": url,
            "COMMPLAN_TICK_SECONDS": "1",
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": "test-signing-secret",
            "COMMPLAN_SLACK_API_URL": api_url,
            **settings,
        }
    )
    with log.open("ab") as stream:
        return subprocess.Popen(
            [str(EXE), "reminders", "run"], env=environment, stdout=stream, stderr=stream
        )


def sent_rows(engine: Engine) -> int:
    """How many outbox rows are marked sent."""
    with engine.connect() as connection:
        return int(
            connection.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.status == "sent")
            )
            or 0
        )
