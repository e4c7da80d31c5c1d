"""The Teams SDK's one HTTP client per app keeps its connection to the Bot Connector alive: a
burst of cards is not one TCP connection per card (issue 21)."""

from __future__ import annotations

from bot.transports.msteams.sender import card_activity
from tests.transports.msteams.harness import TeamsHarness
from tests.transports.msteams.test_msteams_outbox import sender


def test_cards_sent_one_after_another_share_one_connection(teams: TeamsHarness) -> None:
    one = sender(teams)
    try:
        for number in range(4):
            activity = card_activity({"type": "AdaptiveCard", "body": []}, f"card {number}")
            one.send("a:29:frida", teams.fake.url, activity)
    finally:
        one.close()
    assert len(teams.fake.posted("a:29:frida")) == 4
    assert len(teams.fake.connections) == 1
