"""The outbox on Teams under unlucky answers: a card posted after another process took the row
over is deleted (429s spending no attempt is every notifier's contract:
tests/transports/contract/test_notifiers.py). The real drain, notifier and SDK against the fake
Bot Connector (tests/fakes/msteams_connector.py)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy import select

from bot.services import Services
from bot.transports.msteams.notifier import MsTeamsNotifier
from bot.transports.msteams.sdk import msteams_app
from bot.transports.msteams.sender import MsTeamsSender
from scheduler.outbox.drain import DrainResult, OutboxDrain, call_timeout
from scheduler.reminders import ReminderPlanner
from storage.models import OutboxMessage
from tests.transports.msteams import test_msteams_app as app_tests
from tests.transports.msteams.harness import MsTeamsHarness, token_source

CLI = app_tests.CLI
LEASE = dt.timedelta(seconds=40)  # calls time out after 10 s
DUE = dt.datetime(2027, 3, 24, 10, 0, 30, tzinfo=dt.UTC)  # Frida's reminder is due at 10:00


def sender(msteams: MsTeamsHarness) -> MsTeamsSender:
    settings = msteams.services.context.settings
    return MsTeamsSender(msteams_app(settings, token=token_source), timeout=call_timeout(LEASE))


@pytest.fixture
def senders(msteams: MsTeamsHarness) -> Iterator[tuple[MsTeamsSender, MsTeamsSender]]:
    pair = sender(msteams), sender(msteams)
    yield pair
    for each in pair:
        each.close()


def due_reminder(msteams: MsTeamsHarness) -> Services:
    app_tests.setup(msteams.services)
    app_tests.introduce(msteams, "frida")
    msteams.services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel(DUE, tick=False):
        ReminderPlanner(msteams.services.context.sessions)()
    return msteams.services


def reminders(msteams: MsTeamsHarness, *, visible: bool = True) -> list[str]:
    calls = msteams.fake.visible("a:29:frida") if visible else msteams.fake.posted("a:29:frida")
    return [c.activity_id or "" for c in calls if "due" in app_tests.card_text(c.cards[0])]


def test_a_card_posted_after_a_takeover_is_deleted(
    msteams: MsTeamsHarness, senders: tuple[MsTeamsSender, MsTeamsSender]
) -> None:
    """A's card is on its way when A's lease runs out; B takes the row over and, Teams having
    no history to look in, posts and marks it. A's card lands, A finds the row sent with B's
    and deletes its own."""
    services = due_reminder(msteams)
    sessions = services.context.sessions
    first = OutboxDrain(sessions, MsTeamsNotifier(services, senders[0]), lease=LEASE, worker="A")
    second = OutboxDrain(sessions, MsTeamsNotifier(services, senders[1]), lease=LEASE, worker="B")
    held = msteams.fake.hold("a:29:frida")
    outcome: list[DrainResult] = []
    with time_machine.travel(DUE, tick=True) as clock:
        paused = threading.Thread(target=lambda: outcome.append(first()))
        paused.start()
        deadline = time.monotonic() + 10
        while not held.arrived and time.monotonic() < deadline:
            time.sleep(0.02)
        clock.shift(LEASE.total_seconds())
        try:
            assert second().sent == 1
        finally:
            held.release()
            paused.join(timeout=30)
    assert outcome == [DrainResult(lost=1)]
    kept, late = reminders(msteams, visible=False)  # B's, then A's landing after it
    assert msteams.fake.deleted == {late}
    assert reminders(msteams) == [kept]
    with sessions() as session:
        [row] = session.scalars(select(OutboxMessage)).all()
    assert row.external_id == f"a:29:frida:{kept}"
