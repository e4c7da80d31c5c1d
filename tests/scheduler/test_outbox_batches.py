"""The outbox's batches: one claim statement hands out disjoint rows with a token each, one
mark statement marks only the rows whose claim still holds, and a notifier that reads a batch
at once is given each claimed batch."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence

import time_machine
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from scheduler.notifier import Delivery, Notice, Preparing
from scheduler.outbox.drain import OutboxDrain
from scheduler.outbox.kinds import NoticeKind
from storage.models import OutboxMessage, OutboxStatus
from tests.scheduler.test_outbox import NOW, Recorder, add_rows


class Preparer(Recorder):
    """A Recorder that is told each batch before its deliveries."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []
        self.removed: list[str] = []

    def prepare(self, notices: Sequence[Notice]) -> None:
        self.batches.append(sorted(notice.key for notice in notices))

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        self.removed.append(notice.key)
        return True


def rows(sessions: sessionmaker[Session]) -> dict[str, OutboxMessage]:
    with sessions() as session:
        return {row.key: row for row in session.scalars(select(OutboxMessage))}


@time_machine.travel(NOW, tick=False)
def test_one_claim_takes_the_oldest_rows_each_with_its_own_token(
    sessions: sessionmaker[Session],
) -> None:
    add_rows(sessions, 5)  # k4 is the oldest
    first = OutboxDrain(sessions, Recorder(), worker="a", batch=3).claim(NOW)
    second = OutboxDrain(sessions, Recorder(), worker="b", batch=3).claim(NOW)
    assert [claim.notice.key for claim in first] == ["k4", "k3", "k2"]  # due order
    assert [claim.notice.key for claim in second] == ["k1", "k0"]
    claims = first + second
    assert len({claim.token for claim in claims}) == 5
    assert all(claim.notice.attempt == 1 for claim in claims)
    assert all(claim.notice.lease_until == NOW + dt.timedelta(minutes=2) for claim in claims)
    stored = rows(sessions)
    for claim in claims:
        row = stored[claim.notice.key]
        assert (row.claim_token, row.attempts) == (claim.token, 1)
        assert row.claimed_until == claim.until
    assert {stored[f"k{n}"].claimed_by for n in (4, 3, 2)} == {"a"}


@time_machine.travel(NOW, tick=False)
def test_the_batch_mark_skips_a_row_taken_over_and_that_copy_is_removed(
    sessions: sessionmaker[Session],
) -> None:
    add_rows(sessions, 3)
    notifier = Preparer()
    drain = OutboxDrain(sessions, notifier, batch=10, workers=1)
    # Another process took k1 over and sent it (its lease ran out while this one was paused):
    # this process's mark must not overwrite it, and its own copy is the one to go.
    real_deliver = notifier.deliver

    def deliver_while_taken_over(notice: Notice) -> Delivery:
        if notice.key == "k1":
            with sessions.begin() as session:
                session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.key == "k1")
                    .values(
                        claim_token="theirs",
                        status=OutboxStatus.SENT,
                        external_id="msg-theirs",
                        claimed_by="other",
                    )
                )
        return real_deliver(notice)

    notifier.deliver = deliver_while_taken_over  # type: ignore[method-assign]
    result = drain()
    assert (result.sent, result.lost) == (2, 1)
    assert notifier.batches == [["k0", "k1", "k2"]]
    assert notifier.removed == ["k1"]
    stored = rows(sessions)
    assert stored["k1"].external_id == "msg-theirs"
    assert {key: stored[key].status for key in ("k0", "k2")} == {
        "k0": OutboxStatus.SENT,
        "k2": OutboxStatus.SENT,
    }
    assert (stored["k0"].external_id, stored["k0"].sent_at) == ("msg-k0", NOW)


def test_a_preparing_notifier_is_recognised() -> None:
    assert isinstance(Preparer(), Preparing)
    assert not isinstance(Recorder(), Preparing)


class WaitsForTheNextBatch(Recorder):
    """The first batch's deliveries after its first three wait (at most 5 s) until the next
    batch was read: only a drain that claims and reads the next batch while the last quarter
    of one goes out lets them through."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []
        self.delivered_when_read: list[int] = []
        self.next_read = threading.Event()
        self.started = 0
        self.waited: list[bool] = []

    def prepare(self, notices: Sequence[Notice]) -> None:
        self.batches.append(sorted(notice.key for notice in notices))
        with self.lock:
            self.delivered_when_read.append(len(self.delivered))
        if len(self.batches) == 2:
            self.next_read.set()

    def deliver(self, notice: Notice) -> Delivery:
        if notice.key in self.batches[0]:
            with self.lock:
                self.started += 1
                late = self.started > 3
            if late:
                self.waited.append(self.next_read.wait(timeout=5))
        return super().deliver(notice)


def test_ahead_the_next_batch_is_claimed_and_read_while_the_last_quarter_goes_out(
    sessions: sessionmaker[Session],
) -> None:
    due = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    with sessions.begin() as session:
        session.add_all(
            # One steering group each: four recipients a batch, sent by four threads.
            OutboxMessage(
                key=f"k{n}",
                kind=NoticeKind.REMINDER,
                due_at=due - dt.timedelta(seconds=n),
                payload={"steering_group_id": n},
            )
            for n in range(8)
        )
    notifier = WaitsForTheNextBatch()
    drain = OutboxDrain(sessions, notifier, batch=4, workers=4)
    first = drain(ahead=True)
    assert (first.sent, notifier.waited) == (4, [True])
    assert notifier.batches == [["k4", "k5", "k6", "k7"], ["k0", "k1", "k2", "k3"]]
    # Read after three quarters had gone out (not sooner: an idle replica may take them),
    # before the last.
    assert notifier.delivered_when_read == [0, 3]
    assert drain.holds_next
    stored = rows(sessions)
    assert all(stored[f"k{n}"].claim_token for n in range(4))  # claimed, not yet sent
    assert {stored[f"k{n}"].status for n in range(4)} == {OutboxStatus.PENDING}
    second = drain()  # sends what it holds; claims nothing ahead without being asked
    assert second.sent == 4
    assert not drain.holds_next
    assert len(notifier.batches) == 2
    assert {row.status for row in rows(sessions).values()} == {OutboxStatus.SENT}
