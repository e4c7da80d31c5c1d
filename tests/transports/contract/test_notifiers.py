"""The notifier contract (scheduler/notifier.py's ``Notifier``), on every surface alike: a
notice reaches its reader once; nothing is posted once the lease could end mid-call; a reader
the surface cannot reach is a permanent failure that sends nothing; a channel-message update
posts no message of its own; a second copy is taken back where the surface can; a storm of
rate limits, through the real outbox drain, sends once and spends no attempt."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlalchemy import select

from bot.services import Services
from scheduler.notifier import Delivery, DeliveryError, LeaseExpiring, Notice
from scheduler.outbox.drain import OutboxDrain
from scheduler.outbox.kinds import NoticeKind
from scheduler.reminders import ReminderPlanner
from storage.models import OutboxMessage, OutboxStatus
from storage.types import utcnow
from tests.transports.contract.rigs import CLI, TIMEOUT, Rig


def reminder(rig: Rig, person: int | None = None, **more: object) -> Notice:
    fields: dict[str, object] = {
        "key": f"reminder:{rig.activity}:2027-04-02:{person or rig.reader}",
        "kind": NoticeKind.REMINDER,
        "due_at": utcnow(),
        "person_id": person or rig.reader,
        "activity_id": rig.activity,
        "plan_id": rig.plan,
    }
    return Notice(**{**fields, **more})  # type: ignore[arg-type]


def test_a_reminder_reaches_its_reader_once(rig: Rig) -> None:
    delivery = rig.notifier.deliver(reminder(rig))
    assert isinstance(delivery, Delivery) and delivery.external_id
    [message] = rig.sent()
    assert "Pressemeddelelse" in message


@pytest.mark.needs("lease")
def test_nothing_is_sent_when_the_lease_ends_before_the_send_could(rig: Rig) -> None:
    """A call that may take TIMEOUT seconds, with half of that left of the lease: not started."""
    notice = reminder(rig, lease_until=utcnow() + dt.timedelta(seconds=TIMEOUT / 2))
    with pytest.raises(LeaseExpiring):
        rig.notifier.deliver(notice)
    assert rig.sent() == []


@pytest.mark.needs("unreachable")
def test_a_reader_the_surface_cannot_reach_fails_for_good_and_gets_nothing(rig: Rig) -> None:
    assert rig.unreachable is not None
    with pytest.raises(DeliveryError) as failed:
        rig.notifier.deliver(reminder(rig, rig.unreachable))
    assert failed.value.permanent and not failed.value.rate_limited
    assert rig.sent() == []


@pytest.mark.needs("rewrites")
def test_a_channel_message_update_posts_no_message_of_its_own(rig: Rig) -> None:
    """A decision made anywhere rewrites the request's channel message where the surface has
    one; a request not posted yet (as here) leaves nothing to rewrite, and nothing is sent."""
    notice = reminder(
        rig, kind=NoticeKind.APPROVAL_CHANNEL_UPDATE, payload={"request": 999, "version": 1}
    )
    assert rig.notifier.deliver(notice) == Delivery(external_id=None)
    assert rig.sent() == []


def test_a_second_copy_is_taken_back_where_the_surface_can(rig: Rig) -> None:
    notice = reminder(rig)
    delivery = rig.notifier.deliver(notice)
    assert rig.notifier.remove(notice, delivery) is rig.removable
    assert len(rig.sent()) == (0 if rig.removable else 1)


DUE = dt.datetime(2027, 3, 24, 10, 0, 30, tzinfo=dt.UTC)  # Frida's reminder is due at 10:00


@pytest.mark.needs("rate_limit")
def test_twenty_rate_limits_then_success_send_once_and_spend_no_attempt(rig: Rig) -> None:
    """A 429 is no failure. Twenty of them (Retry-After: 1) and the reminder goes out once,
    with one attempt spent, and nobody is told anything failed (the plan's owner would be)."""
    assert rig.rate_limit is not None
    services = rig.services
    services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel(DUE, tick=False):
        ReminderPlanner(services.context.sessions)()
    drain = OutboxDrain(services.context.sessions, rig.notifier)
    rig.rate_limit(20, "1")
    results = []
    for step in range(21):
        with time_machine.travel(DUE + dt.timedelta(seconds=2 * step), tick=False):
            results.append(drain())
            [row] = [r for r in rows(services) if r.kind != NoticeKind.DELIVERY_FAILED]
            if step < 20:  # waits as told: one second, not the 30 s backoff of a failure
                assert row.claimed_until == DUE + dt.timedelta(seconds=2 * step + 1)
    assert [r.retried for r in results[:20]] == [1] * 20 and results[20].sent == 1
    assert rig.rate_limited() == 20
    assert len(rig.sent()) == 1
    [row] = rows(services)  # and no message to the owner
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 1)


def rows(services: Services) -> list[OutboxMessage]:
    with services.context.sessions() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
