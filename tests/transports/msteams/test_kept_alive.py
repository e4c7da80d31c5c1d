"""The Teams SDK's one HTTP client per app keeps its connection to the Bot Connector alive: a
burst of cards is not one TCP connection per card (issue 21)."""

from __future__ import annotations

from bot.transports.msteams.sender import card_activity
from tests.transports.msteams.harness import MsTeamsHarness
from tests.transports.msteams.test_msteams_outbox import sender


def test_cards_sent_one_after_another_share_one_connection(msteams: MsTeamsHarness) -> None:
    one = sender(msteams)
    try:
        for number in range(4):
            activity = card_activity({"type": "AdaptiveCard", "body": []}, f"card {number}")
            one.send("a:29:frida", msteams.fake.url, activity)
    finally:
        one.close()
    assert len(msteams.fake.posted("a:29:frida")) == 4
    assert len(msteams.fake.connections) == 1
