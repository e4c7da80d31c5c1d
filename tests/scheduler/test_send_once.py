"""The Slack send path under unlucky answers: a dropped answer, a storm of 429s, a call slower
than the lease, a post that lands after another process took the row over. The real outbox
drain and Slack notifier against the HTTP fake of Slack's Web API (tests/fakes/slack_api.py);
the real-process version with SIGSTOP is tests/scheduler/test_paused_sender.py."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
import time_machine
from sqlalchemy import select, update

from bot.services import Services
from bot.transports.slack.notifier import SlackNotifier, slack_client
from config import load_settings
from scheduler.outbox.drain import DrainResult, OutboxDrain, call_timeout
from scheduler.outbox.kinds import NoticeKind
from scheduler.reminders import ReminderPlanner
from storage.database import make_engine
from storage.models import OutboxMessage, OutboxStatus, Person, Plan
from storage.models.outbox import NEVER
from tests.fakes.burst import seed
from tests.fakes.slack_api import FakeSlack


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def services_on(url: str, slack: FakeSlack, token: str = "xoxb-test") -> Services:
    settings = load_settings(
        COMMPLAN_DATABASE_URL=url,
        SLACK_BOT_TOKEN=token,
        SLACK_SIGNING_SECRET="test-signing-secret",
        COMMPLAN_SLACK_API_URL=slack.url,
    )
    return Services.create(settings, make_engine(url))


def notifier(services: Services, lease: dt.timedelta = dt.timedelta(minutes=2)) -> SlackNotifier:
    """As `commplan serve` makes it: the production client (slack_sdk's default retry handlers
    included, which the notifier must switch off), its timeout fitted to the lease."""
    settings = services.context.settings
    return SlackNotifier(services, slack_client(settings, call_timeout(lease)))


def planned(services: Services, count: int, *, owner: bool = False) -> None:
    """``count`` reminders due now in the outbox, one per person; with ``owner``, the plan has
    an owner who is not the recipient (who would be told of a failure)."""
    engine = services.context.sessions.kw["bind"]
    seed(engine, count, people=count + 1)
    if owner:
        with services.context.sessions.begin() as session:
            last = session.scalars(select(Person.id).order_by(Person.id.desc())).first()
            session.execute(update(Plan).values(owner_id=last))
    ReminderPlanner(services.context.sessions)()


# Calls time out after 10 s: time enough for the takeover in the tests that pause a sender
# (the clock jumps: time_machine), on a busy machine.
LEASE = dt.timedelta(seconds=40)


def two_senders(url: str, slack: FakeSlack) -> tuple[OutboxDrain, OutboxDrain, Services]:
    """Two processes' drains, A and B, each with its own bot token; one reminder due."""
    a = services_on(url, slack, token="xoxb-a")
    b = services_on(url, slack, token="xoxb-b")
    planned(a, 1)
    first = OutboxDrain(a.context.sessions, notifier(a, LEASE), lease=LEASE, worker="A")
    second = OutboxDrain(b.context.sessions, notifier(b, LEASE), lease=LEASE, worker="B")
    return first, second, a


def wait_for(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def rows(services: Services) -> list[OutboxMessage]:
    with services.context.sessions() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_a_post_whose_answer_is_dropped_is_looked_up_not_posted_again(
    db_url: str, slack: FakeSlack
) -> None:
    """Finding 2: Slack records the post and closes the connection without an answer.
    slack_sdk's default retry handler would re-post inside the same attempt; the next attempt
    looks the message up by its key instead."""
    services = services_on(db_url, slack)
    planned(services, 5)
    drain = OutboxDrain(services.context.sessions, notifier(services))
    slack.drop_answers = 5
    assert drain().retried == 5
    assert len(slack.keys()) == 5  # each posted once, every answer lost
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=31), tick=True):
        assert drain().sent == 5
    assert len(slack.calls_of("chat.postMessage")) == 5  # no re-post, by the library or us
    assert sorted(Counter(slack.visible_keys()).values()) == [1] * 5
    assert {row.status for row in rows(services)} == {OutboxStatus.SENT}


def test_twenty_rate_limits_then_success_send_once_and_spend_no_attempt(
    db_url: str, slack: FakeSlack
) -> None:
    """Finding 3: a 429 is no failure. Twenty of them (Retry-After: 1) and the reminder goes
    out once, with one attempt spent, and nobody is told anything failed."""
    services = services_on(db_url, slack)
    planned(services, 1, owner=True)
    drain = OutboxDrain(services.context.sessions, notifier(services))
    slack.limit_next, slack.retry_after = 20, "1"
    start = dt.datetime.now(dt.UTC)
    results = []
    for step in range(21):
        with time_machine.travel(start + dt.timedelta(seconds=2 * step), tick=False):
            results.append(drain())
            [row] = [r for r in rows(services) if r.kind != NoticeKind.DELIVERY_FAILED]
            if step < 20:  # waits as told: one second, not the 30 s backoff of a failure
                assert row.claimed_until == start + dt.timedelta(seconds=2 * step + 1)
    assert [r.retried for r in results[:20]] == [1] * 20 and results[20].sent == 1
    assert slack.rate_limited == 20
    assert len(slack.visible_keys()) == 1
    [row] = rows(services)  # and no message to the owner
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 1)


def test_a_rate_limit_past_the_late_horizon_cancels_quietly(db_url: str, slack: FakeSlack) -> None:
    services = services_on(db_url, slack)
    planned(services, 1, owner=True)
    slack.limit_next, slack.retry_after = 1, str(40 * 24 * 3600)  # the seed's horizon: 30 days
    assert OutboxDrain(services.context.sessions, notifier(services))() == DrainResult(failed=1)
    [row] = rows(services)  # no message to the owner: a rate limit is no failure to reach
    assert (row.status, row.attempts) == (OutboxStatus.CANCELLED, 0)
    assert "rate limited past its late horizon" in (row.last_error or "")
    assert slack.visible_keys() == []


def test_a_sender_paused_before_posting_does_not_post_after_its_lease(
    sqlite_url: str, slack: FakeSlack
) -> None:
    """The harness's stale lease, in one process: while conversations.open is on its way the
    clock jumps past what the lease can spare (as after a SIGSTOP; the real pause is in
    test_paused_sender.py). The post is not made, the check being right before it; the row is
    let go unspent and goes out at the next tick."""
    services = services_on(sqlite_url, slack)
    planned(services, 1)
    # Calls time out after 10 s; a post needs 11 s of lease left.
    drain = OutboxDrain(services.context.sessions, notifier(services, LEASE), lease=LEASE)
    held = slack.hold("conversations.open")
    outcome: list[DrainResult] = []
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=True) as traveller:
        sender = threading.Thread(target=lambda: outcome.append(drain()))
        sender.start()
        wait_for(lambda: held.arrived == 1)
        traveller.shift(30)
        held.release()
        sender.join(timeout=30)
    assert outcome == [DrainResult(released=1)]
    assert slack.calls_of("chat.postMessage") == []
    [row] = rows(services)
    assert (row.status, row.attempts, row.claimed_until) == (OutboxStatus.PENDING, 0, NEVER)
    assert drain().sent == 1
    assert len(slack.visible_keys()) == 1


def test_a_post_landing_after_a_takeover_is_deleted_once_the_row_is_sent(
    sqlite_url: str, slack: FakeSlack
) -> None:
    """Finding 1's residual window: A's post is on its way (held by the fake) when A's lease
    runs out; B takes the row over, finds no message by its key, posts and marks it. Then A's
    post lands: A cannot mark the row (fencing), sees it sent with B's copy and deletes its
    own. One message visible."""
    first, second, a = two_senders(sqlite_url, slack)
    held = slack.hold("chat.postMessage", "xoxb-a")
    outcome: list[DrainResult] = []
    traveller = time_machine.travel(dt.datetime.now(dt.UTC), tick=True)
    clock = traveller.start()
    paused = threading.Thread(target=lambda: outcome.append(first()))
    paused.start()
    wait_for(lambda: held.arrived == 1)
    clock.shift(LEASE.total_seconds())  # A's lease runs out while its post is on its way
    try:
        assert second().sent == 1
    finally:
        held.release()
        paused.join(timeout=30)
        traveller.stop()
    assert outcome == [DrainResult(lost=1)]
    assert [m.token for m in slack.posted] == ["xoxb-b", "xoxb-a"]
    assert slack.calls_of("chat.delete")[0]["ts"] == slack.posted[1].ts
    assert len(slack.visible_keys()) == 1
    [row] = rows(a)
    assert row.external_id == f"{slack.posted[0].channel}:{slack.posted[0].ts}"


def test_a_post_landing_after_a_takeover_that_failed_is_recorded_not_repeated(
    sqlite_url: str, slack: FakeSlack
) -> None:
    """As above, but B's post fails (HTTP 500, nothing posted) and B backs off: A's copy is the
    only one, so A records it; B's retry then finds the row sent."""
    first, second, a = two_senders(sqlite_url, slack)
    held = slack.hold("chat.postMessage", "xoxb-a")
    outcome: list[DrainResult] = []
    traveller = time_machine.travel(dt.datetime.now(dt.UTC), tick=True)
    clock = traveller.start()
    paused = threading.Thread(target=lambda: outcome.append(first()))
    paused.start()
    wait_for(lambda: held.arrived == 1)
    clock.shift(LEASE.total_seconds())
    slack.fail_next = 1
    try:
        assert second().retried == 1
    finally:
        held.release()
        paused.join(timeout=30)
        traveller.stop()
    assert outcome == [DrainResult(sent=1)]
    assert slack.calls_of("chat.delete") == []
    [message] = slack.posted
    [row] = rows(a)
    assert (row.status, row.external_id) == (OutboxStatus.SENT, f"{message.channel}:{message.ts}")
