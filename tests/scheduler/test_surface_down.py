"""A surface that is down is not a failed message: the local Slack fake answers 500 to every post
for an hour of frozen time; sending pauses after three failures in a row (no attempts spent, no
message failed, the owner not told), one message probes at growing intervals, `reminders
status` and `/healthz` say Slack is down and since when, and once Slack answers the backlog goes
out, each message once and marked late. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.services import Services
from bot.services.actor import Actor
from bot.transports.slack.notifier import SlackNotifier
from bot.transports.slack.pooled import PooledWebClient
from bot.web.app import create_app
from scheduler.breaker import BreakerNotifier
from scheduler.outbox.drain import OutboxDrain
from scheduler.outbox.kinds import NoticeKind
from scheduler.reminders import ReminderPlanner
from scheduler.tick import Tick
from storage.models import OutboxMessage, OutboxStatus, Surface
from tests.fakes.slack_api import FakeSlack

UTC = dt.UTC
CLI = Actor.cli()
PEOPLE = {"Bo Berg": "UBO", "Carl Ek": "UCARL", "Dora Fisk": "UDORA", "Eva Holm": "UEVA"}
# 24 March 2027, 09:00 in Copenhagen: every reminder (7 days before 31 March) is due.
DUE = dt.datetime(2027, 3, 24, 8, 0, 5, tzinfo=UTC)


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


class Replica:
    """The tick of one replica, its Slack notifier behind the circuit breaker."""

    def __init__(self, services: Services, slack: FakeSlack) -> None:
        sessions = services.context.sessions
        client = PooledWebClient(token="xoxb-test", base_url=slack.url, timeout=5)
        client.retry_handlers = []  # the outbox retries, not the client
        notifier = BreakerNotifier(SlackNotifier(services, client), sessions)
        drain = OutboxDrain(sessions, notifier, workers=1)
        self.tick = Tick(ReminderPlanner(sessions), drain, budget_seconds=5)

    def at(self, moment: dt.datetime) -> None:
        with time_machine.travel(moment, tick=False):
            self.tick()


def rows(services: Services) -> list[OutboxMessage]:
    with services.context.sessions() as session:
        found = list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        session.expunge_all()
    return found


def test_an_hour_of_500s_pauses_slack_and_the_backlog_goes_out_late(
    services: Services, slack: FakeSlack
) -> None:
    with time_machine.travel(dt.datetime(2027, 1, 4, 9, 0, tzinfo=UTC), tick=False):
        services.teams.add("Komm", CLI, slug="komm")
        services.people.add("Anne Ejer", CLI, addresses={Surface.SLACK: "UANNE"}, team="komm")
        for name, user in PEOPLE.items():
            services.people.add(name, CLI, addresses={Surface.SLACK: user}, team="komm")
        services.plans.create("Plan", "komm", CLI, owner="Anne Ejer", language="da")
        for name in PEOPLE:
            services.activities.add(
                "Plan", f"Nyhed til {name}", CLI, fields={"when": "31/3 2027", "responsible": name}
            )
    replica = Replica(services, slack)
    replica.at(DUE - dt.timedelta(days=1))  # planned, nothing due yet

    slack.fail_next = 10**6  # every post answers 500, whoever it is for
    replica.at(DUE)
    posts = len(slack.calls_of("chat.postMessage"))
    assert posts == 3  # three failures in a row: the fourth message was not even tried
    with time_machine.travel(DUE + dt.timedelta(minutes=1), tick=False):
        [down] = services.reminders.down()
        app = create_app(services.context.settings, services.context.engine)
        health = TestClient(app).get("/healthz").json()
    assert (down.surface, down.down_since) == ("slack", DUE)
    assert health == {
        "status": "ok",
        "database": "ok",
        "surfaces_down": {"slack": DUE.isoformat()},
    }

    # The hour of the outage, a tick a minute: only probes reach Slack, further and further apart.
    minute = dt.timedelta(minutes=1)
    for n in range(1, 61):
        replica.at(DUE + n * minute)
    probes = slack.calls_of("chat.postMessage")[posts:]
    assert 3 <= len(probes) <= 7  # at 30 s, 1, 2, 4, 8 and 15 min (not one a message a tick)
    assert all(row.status is OutboxStatus.PENDING for row in rows(services))
    assert max(row.attempts for row in rows(services)) <= 3

    slack.fail_next = 0
    for n in range(61, 61 + 20):
        replica.at(DUE + n * minute)
    sent = rows(services)
    assert [row.status for row in sent] == [OutboxStatus.SENT] * len(PEOPLE)
    assert all(row.late and row.kind == NoticeKind.REMINDER for row in sent)
    assert sorted(m.channel for m in slack.posted) == sorted(f"D{u}" for u in PEOPLE.values())
    assert services.reminders.down() == []
    assert all("(sendt for sent" in m.text for m in slack.posted)
    assert not [row for row in sent if row.kind == NoticeKind.DELIVERY_FAILED]
