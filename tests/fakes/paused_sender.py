"""A sending process paused mid-send while another takes its rows over: the harness of the
stale-lease test (tests/scheduler/test_paused_sender.py) and benchmark (bench/pauses.py).

Two real `commplan reminders run` processes, A and B, share one PostgreSQL database (SQLite
serves one scheduler only) and send to one fake Slack, each with its own bot token so the fake
can tell them apart. One pause:

1. a batch of reminders falls due, to people never written to before; B is stopped (SIGSTOP),
   so A claims them all;
2. the fake holds A's requests at its door: for half of the people at ``conversations.open``
   (the harness of issue 16: A has passed the outbox's lease check and waits on a slow call
   before posting), for the other half at ``chat.postMessage`` (A's post is on its way: it
   lands when the fake lets it through, as if A had been paused between the last check and
   the post);
3. A is stopped (SIGSTOP) once its calls are held: all of them, or those that arrived within
   half the HTTP timeout after the first (a held call must not time out before A is stopped,
   on a busy machine; the threads not yet at the door are stopped wherever they are); B is
   continued, waits out A's lease, takes the rows over, finds no message by key, posts and
   marks each;
4. B is stopped, the fake lets A's requests through (the late posts land now, after B's), and
   A is continued (SIGCONT).

A must then post nothing after a held conversations.open (its lease check is right before the
post), and delete each of its own late posts (it finds the row sent with B's copy). At the end
every reminder must be visible exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select, update

from storage.models import Activity, Plan
from storage.types import utcnow
from tests.fakes.burst import seed
from tests.fakes.replica import sent_rows, start_replica
from tests.fakes.slack_api import FakeSlack


@dataclass(frozen=True)
class PauseRun:
    pauses: int  # SIGSTOPs of A with requests held
    reminders: int
    posted: int  # chat.postMessage that posted, from A or B
    held_opens: int  # A's conversations.open calls held when A was stopped
    held_posts: int  # A's chat.postMessage calls held when A was stopped
    late_posts: int  # A's posts that landed after B's
    deleted: int
    visible: Counter[str]  # key -> messages a person sees
    seconds: float

    @property
    def duplicates(self) -> int:
        return sum(self.visible.values()) - len(self.visible)

    @property
    def lost(self) -> int:
        return self.reminders - len(self.visible)


def start(url: str, slack: FakeSlack, token: str, lease: int, log: Path) -> subprocess.Popen[bytes]:
    return start_replica(
        url,
        slack.url,
        log,
        COMMPLAN_CLAIM_LEASE_SECONDS=str(lease),
        COMMPLAN_LOG_LEVEL="INFO",
        SLACK_BOT_TOKEN=token,
        PYTHONUNBUFFERED="1",  # the start line reaches the log at once
    )


def wait_for(condition: Callable[[], bool], timeout: float, what: str, log: Path) -> None:
    # Polled often: A is stopped within milliseconds of its last held call, well inside the
    # HTTP timeout of the first (a quarter of the lease).
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}; the processes' log ends:\n{log.read_text()[-3000:]}")
        time.sleep(0.005)


def due(engine: Engine, count: int, batch: str) -> None:
    """``count`` reminders due now, to as many new people; marked changed now, so that the
    next tick plans them (between its full plans the planner reads changed activities only)."""
    seed(engine, count, people=count, batch=batch)
    with engine.begin() as connection:
        plan = select(Plan.id).where(Plan.name == f"Burst{batch}").scalar_subquery()
        connection.execute(
            update(Activity).where(Activity.plan_id == plan).values(updated_at=utcnow())
        )


def _pause(
    engine: Engine,
    slack: FakeSlack,
    a: subprocess.Popen[bytes],
    b: subprocess.Popen[bytes],
    *,
    batch: str,
    in_flight: int,
    total: int,
    log: Path,
    window: float,
) -> tuple[int, int]:
    """One pause; the calls of A held at conversations.open and at chat.postMessage."""
    os.kill(b.pid, signal.SIGSTOP)
    users = [f"U{batch}{n:04d}" for n in range(in_flight)]
    early, late = set(users[::2]), {f"D{user}" for user in users[1::2]}
    holds = [
        slack.hold("conversations.open", "xoxb-a", lambda a: a.get("users") in early),
        slack.hold("chat.postMessage", "xoxb-a", lambda a: a.get("channel") in late),
    ]
    due(engine, in_flight, batch)
    wait_for(lambda: sum(h.arrived for h in holds) >= 1, 60, "A's first call held", log)
    first = time.monotonic()
    while sum(h.arrived for h in holds) < in_flight and time.monotonic() - first < window:
        time.sleep(0.002)
    os.kill(a.pid, signal.SIGSTOP)
    os.kill(b.pid, signal.SIGCONT)
    wait_for(lambda: sent_rows(engine) >= total, 60, "B takes over and sends", log)
    os.kill(b.pid, signal.SIGSTOP)
    for hold in holds:
        hold.release()
    held = sum(h.arrived for h in holds)
    wait_for(lambda: sum(h.answered for h in holds) >= held, 30, "A's calls answered", log)
    os.kill(a.pid, signal.SIGCONT)
    # A's late copies are deleted once A sees the rows sent with B's copies.
    wait_for(lambda: len(slack.visible_keys()) == total, 60, "late copies deleted", log)
    return holds[0].arrived, holds[1].arrived


def run_pauses(
    engine: Engine,
    url: str,
    slack: FakeSlack,
    log: Path,
    *,
    pauses: int,
    in_flight: int = 4,
    lease: int = 4,
) -> PauseRun:
    """``pauses`` pauses of A, each with ``in_flight`` reminders held, half at
    conversations.open and half at chat.postMessage; ``engine`` is on ``url``, migrated and
    empty. Stopping the processes (SIGTERM) waits for their ticks in hand to end."""
    began = time.monotonic()
    a = start(url, slack, "xoxb-a", lease, log)
    b = start(url, slack, "xoxb-b", lease, log)
    total = opens = posts = 0
    window = max(1, round(lease / 4)) / 2  # half the HTTP timeout (bot/cli/serve.py)
    try:
        wait_for(lambda: log.read_text().count("scheduler running") == 2, 60, "start", log)
        time.sleep(1)  # both have ticked
        for pause in range(pauses):
            total += in_flight
            held = _pause(
                engine,
                slack,
                a,
                b,
                batch=f"p{pause}-",
                in_flight=in_flight,
                total=total,
                log=log,
                window=window,
            )
            opens, posts = opens + held[0], posts + held[1]
    finally:
        for process in (a, b):
            if process.poll() is None:
                os.kill(process.pid, signal.SIGCONT)
                process.send_signal(signal.SIGTERM)
        for process in (a, b):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    late = [m for m in slack.posted if m.token == "xoxb-a"]
    return PauseRun(
        pauses=pauses,
        reminders=total,
        held_opens=opens,
        held_posts=posts,
        posted=len(slack.posted),
        late_posts=len(late),
        deleted=len(slack.calls_of("chat.delete")),
        visible=Counter(str(key) for key in slack.visible_keys()),
        seconds=time.monotonic() - began,
    )
