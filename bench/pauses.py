"""A sender stopped mid-send, many times: visible duplicates and lost reminders (issue 16).

Run (PostgreSQL: SQLite serves one scheduler process only), with [--pauses 200]
[--in-flight 4] [--lease 6]:
    scripts/with-postgres bash -c \
        '.venv/bin/python -m bench.pauses --url "$COMMPLAN_TEST_POSTGRES_URL"'

Two real `commplan reminders run` processes, A and B, and the fake Slack Web API in this
process. Each pause: reminders fall due, A claims them, the fake holds A's calls (half before
the post, at conversations.open; half in it, at chat.postMessage), A is stopped with SIGSTOP, B
takes the rows over after A's lease and sends them, then A's held calls go through and A is
continued (tests/fakes/paused_sender.py). Printed: reminders, posts, A's late posts (landing
after B's), deletions, and what a person sees: duplicates and lost.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from sqlalchemy import text

from storage.database import make_engine
from storage.migrate import upgrade
from tests.fakes.paused_sender import run_pauses
from tests.fakes.slack_api import FakeSlack


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="a PostgreSQL URL (emptied!)")
    parser.add_argument("--pauses", type=int, default=200)
    parser.add_argument("--in-flight", type=int, default=4, help="reminders held per pause")
    parser.add_argument("--lease", type=int, default=6, help="COMMPLAN_CLAIM_LEASE_SECONDS")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONPATH", str(Path(__file__).resolve().parents[1]))
    engine = make_engine(args.url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    slack = FakeSlack().start()
    try:
        with tempfile.TemporaryDirectory() as name:
            run = run_pauses(
                engine,
                args.url,
                slack,
                Path(name) / "run.log",
                pauses=args.pauses,
                in_flight=args.in_flight,
                lease=args.lease,
            )
    finally:
        slack.stop()
        engine.dispose()
    print(
        f"{run.pauses} pauses (SIGSTOP) of a sender with {args.in_flight} reminders in flight, "
        f"lease {args.lease} s, {run.seconds:.0f} s"
    )
    print(
        f"  calls held when A was stopped: {run.held_opens} before the post "
        f"(conversations.open), {run.held_posts} in it (chat.postMessage)"
    )
    print(f"  reminders {run.reminders}; posts {run.posted}, of them late copies {run.late_posts}")
    print(f"  late copies deleted: {run.deleted}")
    print(f"  visible: duplicates {run.duplicates}, lost {run.lost}")


if __name__ == "__main__":
    main()
