"""The Slack client keeps its connections alive: a burst is not one TCP connection per call."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk.errors import SlackApiError

from bot.transports.slack.pooled import PooledWebClient
from tests.fakes.slack_api import FakeSlack


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def test_calls_from_one_thread_share_one_connection(slack: FakeSlack) -> None:
    client = PooledWebClient(token="xoxb-test", base_url=slack.url, timeout=5)
    channel = client.conversations_open(users="U1")["channel"]["id"]
    for number in range(5):
        client.chat_postMessage(channel=channel, text=f"message {number}")
    assert len(slack.posted) == 5
    assert len(slack.connections) == 1


def test_a_rate_limit_keeps_its_retry_after_and_the_connection_stays_usable(
    slack: FakeSlack,
) -> None:
    client = PooledWebClient(token="xoxb-test", base_url=slack.url, timeout=5)
    client.retry_handlers = []
    slack.limit_next, slack.retry_after = 1, "7"
    channel = client.conversations_open(users="U1")["channel"]["id"]
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel=channel, text="too soon")
    assert refused.value.response.status_code == 429
    assert refused.value.response.headers["Retry-After"] == "7"
    assert client.chat_postMessage(channel=channel, text="now")["ok"] is True
    assert [posted.text for posted in slack.posted] == ["now"]
