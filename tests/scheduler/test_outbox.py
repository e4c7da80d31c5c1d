"""The outbox drain: each row delivered once, marked only by the claim that holds it."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

import time_machine
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from scheduler.notifier import Delivery, DeliveryError, Notice
from scheduler.outbox.drain import OutboxDrain
from scheduler.outbox.kinds import NoticeKind
from storage.models import OutboxMessage, OutboxStatus

NOW = dt.datetime(2027, 3, 28, 0, 30, tzinfo=dt.UTC)  # 01:30 CET, half an hour before DST


class Recorder:
    """Stands in for a chat service: records each delivery (the transports' own tests use an
    HTTP fake of Slack or Teams; here the subject is the claim protocol)."""

    name = "recorder"
    min_interval = 0.0

    def __init__(self, fail: dict[str, Exception] | None = None) -> None:
        self.delivered: list[str] = []
        self.fail = fail or {}
        self.lock = threading.Lock()

    def deliver(self, notice: Notice) -> Delivery:
        if notice.key in self.fail:
            raise self.fail[notice.key]
        with self.lock:
            self.delivered.append(notice.key)
        return Delivery(external_id=f"msg-{notice.key}")

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        return False


def add_rows(sessions: sessionmaker[Session], count: int, due: dt.datetime = NOW) -> None:
    with sessions.begin() as session:
        session.add_all(
            OutboxMessage(
                key=f"k{n}", kind=NoticeKind.REMINDER, due_at=due - dt.timedelta(seconds=n)
            )
            for n in range(count)
        )


def statuses(sessions: sessionmaker[Session]) -> Counter[str]:
    with sessions() as session:
        return Counter(row.value for row in session.scalars(select(OutboxMessage.status)))


@time_machine.travel(NOW, tick=False)
def test_due_rows_are_sent_once_and_future_rows_wait(sessions: sessionmaker[Session]) -> None:
    add_rows(sessions, 5)
    with sessions.begin() as session:
        session.add(
            OutboxMessage(key="later", kind=NoticeKind.REMINDER, due_at=NOW + dt.timedelta(hours=1))
        )
    notifier = Recorder()
    drain = OutboxDrain(sessions, notifier)
    assert drain().sent == 5
    assert drain().sent == 0
    assert sorted(notifier.delivered) == [f"k{n}" for n in range(5)]
    assert statuses(sessions) == Counter({"sent": 5, "pending": 1})
    with sessions() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.key == "k0")).one()
        assert (row.external_id, row.transport, row.sent_at) == ("msg-k0", "recorder", NOW)


def test_concurrent_drains_deliver_each_row_exactly_once(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    add_rows(sessions, 300, due=dt.datetime.now(dt.UTC))
    notifier = Recorder()
    drains = [OutboxDrain(sessions, notifier, worker=f"w{n}", batch=20) for n in range(4)]

    def work(drain: OutboxDrain) -> None:
        while drain().sent:
            pass

    threads = [threading.Thread(target=work, args=(drain,)) for drain in drains]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    counts = Counter(notifier.delivered)
    assert len(counts) == 300
    assert max(counts.values()) == 1
    assert statuses(sessions) == Counter({"sent": 300})


def test_a_taken_over_claim_cannot_mark_the_row(sessions: sessionmaker[Session]) -> None:
    with time_machine.travel(NOW, tick=False):
        add_rows(sessions, 1)
        slow = OutboxDrain(sessions, Recorder(), worker="slow", lease=dt.timedelta(minutes=2))
        [stale] = slow.claim(NOW)
    later = NOW + dt.timedelta(minutes=3)  # the lease ran out
    with time_machine.travel(later, tick=False):
        fresh = OutboxDrain(sessions, Recorder(), worker="fresh")
        [current] = fresh.claim(later)
        assert not slow._finish(stale, status=OutboxStatus.SENT)  # fenced off
        assert fresh._finish(current, status=OutboxStatus.SENT)
    with sessions() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert (row.claimed_by, row.status, row.attempts) == ("fresh", OutboxStatus.SENT, 2)


def test_an_unexpired_claim_is_not_taken(sessions: sessionmaker[Session]) -> None:
    add_rows(sessions, 1)
    assert len(OutboxDrain(sessions, Recorder()).claim(NOW)) == 1
    assert OutboxDrain(sessions, Recorder()).claim(NOW + dt.timedelta(minutes=1)) == []


@time_machine.travel(NOW, tick=False)
def test_permanent_errors_fail_and_temporary_ones_wait(sessions: sessionmaker[Session]) -> None:
    add_rows(sessions, 3)
    notifier = Recorder(
        fail={
            "k0": DeliveryError("user_not_found", permanent=True),
            "k1": DeliveryError("ratelimited", retry_after=90),
        }
    )
    result = OutboxDrain(sessions, notifier)()
    assert (result.sent, result.failed, result.retried) == (1, 1, 1)
    with sessions() as session:
        rows = {row.key: row for row in session.scalars(select(OutboxMessage))}
    assert rows["k0"].status is OutboxStatus.FAILED
    assert rows["k0"].last_error == "user_not_found"
    assert rows["k1"].status is OutboxStatus.PENDING
    assert rows["k1"].claimed_until == NOW + dt.timedelta(seconds=90)
    with time_machine.travel(NOW + dt.timedelta(seconds=91), tick=False):
        notifier.fail.clear()
        assert OutboxDrain(sessions, notifier)().sent == 1


@time_machine.travel(NOW, tick=False)
def test_any_fault_in_one_delivery_fails_that_row_alone(sessions: sessionmaker[Session]) -> None:
    """A person named "Bo\r\nBcc: x" once made the e-mail header raise ValueError, not
    DeliveryError: it went up through the drain and stalled every send of the tick. Now that row
    fails for good, with the reason, and the others go out, on one thread and on several."""
    add_rows(sessions, 6)
    bad_name = ValueError("Header values may not contain linefeed or carriage return characters")
    notifier = Recorder(fail={"k1": bad_name, "k4": KeyError("name")})
    result = OutboxDrain(sessions, notifier)()
    assert (result.sent, result.failed, result.retried) == (4, 2, 0)
    assert sorted(notifier.delivered) == ["k0", "k2", "k3", "k5"]
    with sessions() as session:
        rows = {row.key: row for row in session.scalars(select(OutboxMessage))}
    assert rows["k1"].status is OutboxStatus.FAILED
    assert rows["k1"].last_error == f"ValueError: {bad_name}"
    assert rows["k4"].status is OutboxStatus.FAILED
    assert rows["k4"].last_error == "KeyError: 'name'"


@time_machine.travel(NOW, tick=False)
def test_a_fault_on_a_sending_thread_does_not_stop_the_others(
    sessions: sessionmaker[Session],
) -> None:
    """A fault on one thread's row used to end the tick through ``done.result()``."""
    with sessions.begin() as session:
        session.add_all(
            # Three recipients (steering groups here): three sending threads.
            OutboxMessage(
                key=f"p{n}",
                kind=NoticeKind.REMINDER,
                due_at=NOW,
                payload={"steering_group_id": n % 3},
            )
            for n in range(9)
        )
    notifier = Recorder(fail={"p0": RuntimeError("renderer broke")})
    result = OutboxDrain(sessions, notifier, workers=3)()
    assert (result.sent, result.failed) == (8, 1)
    assert statuses(sessions) == Counter({"sent": 8, "failed": 1})


def test_a_claim_with_too_little_lease_left_is_released_not_sent(
    sessions: sessionmaker[Session],
) -> None:
    """Sending with the lease nearly gone would let another process take the row over and,
    not finding the message yet, send it too: the sender lets go instead."""
    add_rows(sessions, 1)
    notifier = Recorder()
    drain = OutboxDrain(sessions, notifier, lease=dt.timedelta(seconds=60))
    with time_machine.travel(NOW, tick=False):
        (claim,) = drain.claim(NOW)
    with time_machine.travel(NOW + dt.timedelta(seconds=41), tick=False):
        assert drain._send(claim) == "released"  # 19 s left; a send may take 20 s
    assert notifier.delivered == []
    with sessions() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert (row.status, row.attempts) == ("pending", 0)  # no attempt used up
    with time_machine.travel(NOW + dt.timedelta(seconds=42), tick=False):
        assert drain().sent == 1  # claimable again at once, not after the lease
    assert notifier.delivered == ["k0"]
