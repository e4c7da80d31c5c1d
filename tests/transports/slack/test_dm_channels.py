"""A person's Slack direct-message channel is opened once and kept with their address: a
restarted process (or another replica) writes to it without opening it again, and a kept
channel Slack no longer knows is forgotten and opened anew."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.services import Services
from bot.transports.slack.notifier import SlackNotifier
from bot.transports.slack.pooled import PooledWebClient
from scheduler.notifier import DeliveryError, Notice
from storage.models import Activity, ChatAddress, Person
from tests.fakes.slack_api import FakeSlack
from tests.scheduler.test_reminder_engine import setup_plan

DUE = dt.datetime(2027, 3, 24, 8, tzinfo=dt.UTC)


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def notifier(services: Services, slack: FakeSlack) -> SlackNotifier:
    """A notifier as a newly started process has it: nothing kept in memory."""
    return SlackNotifier(services, PooledWebClient(token="xoxb-test", base_url=slack.url))


def kept_channel(services: Services) -> str | None:
    with services.context.sessions() as session:
        return session.scalar(select(ChatAddress.conversation).where(ChatAddress.address == "UBO"))


def reminder(services: Services, key: str) -> Notice:
    with services.context.sessions() as session:
        bo = session.scalar(select(Person.id).where(Person.name == "Bo Berg"))
        activity = session.scalars(select(Activity)).one()
    return Notice(key, "reminder", DUE, bo, activity.id, activity.plan_id)


def test_a_direct_message_channel_is_opened_once_across_restarts(
    services: Services, slack: FakeSlack
) -> None:
    setup_plan(services)
    first = notifier(services, slack)
    first.prepare([reminder(services, "k1")])
    first.deliver(reminder(services, "k1"))
    assert [call["users"] for call in slack.calls_of("conversations.open")] == ["UBO"]
    assert kept_channel(services) is None  # kept with the next batch, not by a sending thread
    first.prepare([])
    assert kept_channel(services) == "DUBO"
    second = notifier(services, slack)  # another process, or this one restarted
    second.prepare([reminder(services, "k2")])
    second.deliver(reminder(services, "k2"))
    assert len(slack.calls_of("conversations.open")) == 1
    assert [(message.channel, message.key) for message in slack.posted] == [
        ("DUBO", "k1"),
        ("DUBO", "k2"),
    ]


def test_a_kept_channel_slack_no_longer_knows_is_opened_anew(
    services: Services, slack: FakeSlack
) -> None:
    setup_plan(services)
    sender = notifier(services, slack)
    sender.deliver(reminder(services, "k1"))
    sender.prepare([])
    slack.closed_channels.add("DUBO")
    with pytest.raises(DeliveryError) as failed:
        sender.deliver(reminder(services, "k2"))
    assert not failed.value.permanent  # retried, not the person's failure
    assert kept_channel(services) is None
    slack.closed_channels.clear()  # (Slack gives the same id again here)
    sender.deliver(reminder(services, "k2"))
    sender.prepare([])
    assert len(slack.calls_of("conversations.open")) == 2
    assert kept_channel(services) == "DUBO"
    assert [message.key for message in slack.posted] == ["k1", "k2"]
