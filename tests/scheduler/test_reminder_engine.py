"""The reminder engine end to end: the planner, the outbox drain and the Slack notifier against
a local fake of Slack's Web API, on SQLite and PostgreSQL, with time frozen at the moments that
matter (DST, downtime, quiet hours)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy import select

from bot.services import Services
from bot.services.actor import Actor
from bot.transports.slack.notifier import SlackNotifier
from bot.transports.slack.pooled import PooledWebClient
from scheduler.outbox.drain import OutboxDrain
from scheduler.outbox.kinds import NoticeKind
from scheduler.reminders import ReminderPlanner
from scheduler.tick import Tick, TickResult
from storage.models import OutboxMessage, Surface
from tests.fakes.slack_api import FakeSlack

UTC = dt.UTC
CLI = Actor.cli()


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


class Engine:
    """One replica: its planner and drain, sending to the fake Slack."""

    def __init__(self, services: Services, slack: FakeSlack) -> None:
        self.services = services
        client = PooledWebClient(token="xoxb-test", base_url=slack.url, timeout=5)
        client.retry_handlers = []  # the outbox retries, not the client
        drain = OutboxDrain(services.context.sessions, SlackNotifier(services, client))
        self.tick = Tick(ReminderPlanner(services.context.sessions), drain, budget_seconds=5)

    def at(self, moment: dt.datetime) -> TickResult:
        with time_machine.travel(moment, tick=False):
            return self.tick()


def setup_plan(services: Services, when: str = "1. april 2027") -> int:
    """A plan owned by Anne, one activity Bo is responsible for; returns its id."""
    with time_machine.travel(dt.datetime(2027, 1, 4, 9, 0, tzinfo=UTC), tick=False):
        services.teams.add("Komm", CLI, slug="komm")
        services.people.add(
            "Anne Ejer", CLI, aliases=("AE",), addresses={Surface.SLACK: "UANNE"}, team="komm"
        )
        services.people.add(
            "Bo Berg", CLI, aliases=("BB",), addresses={Surface.SLACK: "UBO"}, team="komm"
        )
        services.plans.create("Plan", "komm", CLI, owner="AE", language="da")
        saved = services.activities.add(
            "Plan", "Nyhedsbrev", CLI, fields={"when": when, "responsible": "BB"}
        )
    return saved.activity.id


def rows(services: Services) -> list[OutboxMessage]:
    with services.context.sessions() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_each_reminder_goes_out_once_at_nine_local_across_dst(
    services: Services, slack: FakeSlack
) -> None:
    setup_plan(services)
    one, two = Engine(services, slack), Engine(services, slack)  # two replicas
    # 7 days before 1 April is Wednesday 24 March: 09:00 CET is 08:00 UTC.
    one.at(dt.datetime(2027, 3, 23, 9, 0, tzinfo=UTC))  # the day before: written ahead
    assert [(r.kind, r.status) for r in rows(services)] == [("reminder", "pending")]
    assert slack.posted == []
    assert one.at(dt.datetime(2027, 3, 24, 7, 59, tzinfo=UTC)).drained.sent == 0
    first = one.at(dt.datetime(2027, 3, 24, 8, 0, 5, tzinfo=UTC))
    second = two.at(dt.datetime(2027, 3, 24, 8, 0, 6, tzinfo=UTC))
    assert (first.drained.sent, second.drained.sent) == (1, 0)
    assert slack.keys() == ["reminder:1:2027-04-01:7d:2"]
    message = slack.posted[0]
    assert message.channel == "DUBO"
    assert "Påmindelse: Nyhedsbrev har frist 1. april 2027." in message.text
    actions = next(b for b in message.blocks if b["type"] == "actions")
    assert [e["action_id"] for e in actions["elements"]] == [
        "commplan_done",
        "commplan_snooze_1d",
        "commplan_snooze_1w",
        "commplan_open",
    ]
    # 1 day before: Wednesday 31 March, after the switch to summer time: 09:00 CEST = 07:00 UTC.
    one.at(dt.datetime(2027, 3, 30, 9, 0, tzinfo=UTC))
    assert one.at(dt.datetime(2027, 3, 31, 6, 59, tzinfo=UTC)).drained.sent == 0
    assert two.at(dt.datetime(2027, 3, 31, 7, 0, 1, tzinfo=UTC)).drained.sent == 1
    assert slack.keys()[-1] == "reminder:1:2027-04-01:1d:2"
    sent = [r for r in rows(services) if r.status == "sent"]
    assert [r.sent_at for r in sent] == [
        dt.datetime(2027, 3, 24, 8, 0, 5, tzinfo=UTC),
        dt.datetime(2027, 3, 31, 7, 0, 1, tzinfo=UTC),
    ]
    assert all(not r.late for r in sent)


def test_a_tick_at_its_budget_with_a_full_batch_says_more_is_due(
    services: Services, slack: FakeSlack
) -> None:
    setup_plan(services)
    with time_machine.travel(dt.datetime(2027, 1, 4, 9, 0, tzinfo=UTC), tick=False):
        services.activities.add(
            "Plan", "Pressemeddelelse", CLI, fields={"when": "1. april 2027", "responsible": "BB"}
        )
    client = PooledWebClient(token="xoxb-test", base_url=slack.url, timeout=5)
    client.retry_handlers = []
    drain = OutboxDrain(services.context.sessions, SlackNotifier(services, client), batch=1)
    # No budget: each tick drains one batch; the runner goes on at once while it says more.
    tick = Tick(ReminderPlanner(services.context.sessions), drain, budget_seconds=0)
    moment = dt.datetime(2027, 3, 24, 8, 0, 5, tzinfo=UTC)
    with time_machine.travel(moment - dt.timedelta(days=1), tick=False):
        tick()  # plans both reminders
    results = []
    for _ in range(3):
        with time_machine.travel(moment, tick=False):
            results.append(tick())
    assert [(r.drained.sent, r.more) for r in results] == [(1, True), (1, True), (0, False)]
    assert len(slack.posted) == 2


def test_changes_cancel_pending_reminders_before_they_are_sent(
    services: Services, slack: FakeSlack
) -> None:
    activity = setup_plan(services)
    engine = Engine(services, slack)
    engine.at(dt.datetime(2027, 3, 23, 9, 0, tzinfo=UTC))
    with time_machine.travel(dt.datetime(2027, 3, 23, 10, 0, tzinfo=UTC), tick=False):
        services.activities.edit(activity, {"when": "15. april 2027"}, CLI)
    engine.at(dt.datetime(2027, 3, 24, 8, 0, 5, tzinfo=UTC))
    # No reminder goes out. (The move, 10 working days from the plan's date, is a deviation:
    # the plan's owner is told of it, docs/coordination.md.)
    assert [posted.key for posted in slack.posted] == ["deviation:1:1"]
    reminders = [r for r in rows(services) if r.kind == NoticeKind.REMINDER]
    assert [(r.key, r.status, r.last_error) for r in reminders] == [
        ("reminder:1:2027-04-01:7d:2", "cancelled", "no longer planned")
    ]
    engine.at(dt.datetime(2027, 4, 7, 9, 0, tzinfo=UTC))
    with time_machine.travel(dt.datetime(2027, 4, 7, 10, 0, tzinfo=UTC), tick=False):
        services.activities.done(activity, CLI)
    engine.at(dt.datetime(2027, 4, 8, 7, 0, 5, tzinfo=UTC))
    assert [posted.key for posted in slack.posted] == ["deviation:1:1"]
    assert rows(services)[-1].status == "cancelled"
    assert rows(services)[-1].last_error == "activity closed"


def test_after_downtime_a_missed_reminder_goes_out_once_marked_late(
    services: Services, slack: FakeSlack
) -> None:
    setup_plan(services)
    engine = Engine(services, slack)
    # Down from before the 7-day reminder (24 March 08:00 UTC) until 11:30 the same day.
    result = engine.at(dt.datetime(2027, 3, 24, 10, 30, tzinfo=UTC))
    assert (result.scheduled.late, result.drained.sent) == (1, 1)
    assert "(sendt for sent: commplan var nede)" in slack.posted[0].text
    assert engine.at(dt.datetime(2027, 3, 24, 10, 31, tzinfo=UTC)).drained.sent == 0
    assert [(r.late, (r.payload or {}).get("planned_at")) for r in rows(services)] == [
        (True, "2027-03-24T08:00:00+00:00")
    ]


def test_a_late_reminder_waits_out_the_quiet_hours(services: Services, slack: FakeSlack) -> None:
    setup_plan(services)
    engine = Engine(services, slack)
    engine.at(dt.datetime(2027, 3, 23, 9, 0, tzinfo=UTC))  # written ahead, then down
    night = engine.at(dt.datetime(2027, 3, 24, 21, 0, tzinfo=UTC))  # 22:00 CET
    assert night.drained.sent == 0
    assert rows(services)[0].late
    assert rows(services)[0].due_at == dt.datetime(2027, 3, 25, 7, 0, tzinfo=UTC)  # 08:00 CET
    assert engine.at(dt.datetime(2027, 3, 25, 7, 0, 1, tzinfo=UTC)).drained.sent == 1
    assert len(slack.posted) == 1


def test_a_reminder_older_than_the_horizon_folds_into_the_overdue_path(
    services: Services, slack: FakeSlack
) -> None:
    setup_plan(services, when="24. marts 2027")
    engine = Engine(services, slack)
    # Down for four weeks: every reminder, nudge and the escalation fell in the downtime.
    result = engine.at(dt.datetime(2027, 4, 21, 9, 0, tzinfo=UTC))
    assert result.drained.sent == 1
    assert slack.keys() == ["overdue:1:2027-03-24:catchup:2"]
    assert "Forsinket: Nyhedsbrev havde frist 24. marts 2027." in slack.posted[0].text
    assert engine.at(dt.datetime(2027, 4, 22, 9, 0, tzinfo=UTC)).drained.sent == 0
    assert len(slack.posted) == 1


def test_overdue_nudges_then_escalation_to_the_owner(services: Services, slack: FakeSlack) -> None:
    setup_plan(services, when="24. marts 2027")
    engine = Engine(services, slack)
    moments = [
        dt.datetime(2027, 3, day, hour, 0, 5, tzinfo=UTC)
        for day in range(17, 32)
        for hour in (6, 7, 8)
    ]
    moments += [
        dt.datetime(2027, 4, day, hour, 0, 5, tzinfo=UTC)
        for day in range(1, 12)
        for hour in (6, 7, 8)
    ]
    for moment in moments:
        engine.at(moment)
    sent = [(m.channel, m.key) for m in slack.posted]
    assert sent == [
        ("DUBO", "reminder:1:2027-03-24:7d:2"),
        ("DUBO", "reminder:1:2027-03-24:1d:2"),
        ("DUBO", "overdue:1:2027-03-24:1:2"),
        ("DUBO", "overdue:1:2027-03-24:2:2"),
        ("DUBO", "overdue:1:2027-03-24:3:2"),
        ("DUANNE", "escalation:1:2027-03-24:owner:1"),
    ]
    assert "Ansvarlig: Bo Berg" in slack.posted[-1].text


def test_rate_limits_and_server_errors_are_retried_and_lost_answers_not_resent(
    services: Services, slack: FakeSlack
) -> None:
    setup_plan(services)
    engine = Engine(services, slack)
    engine.at(dt.datetime(2027, 3, 23, 9, 0, tzinfo=UTC))
    slack.fail_next = 1
    start = dt.datetime(2027, 3, 24, 8, 0, 5, tzinfo=UTC)
    assert engine.at(start).drained.retried == 1
    assert engine.at(start + dt.timedelta(seconds=20)).drained.sent == 0  # backing off (30 s)
    slack.lose_answers = 1  # the post lands, the answer is lost
    assert engine.at(start + dt.timedelta(seconds=31)).drained.retried == 1
    assert len(slack.posted) == 1
    # Attempt 3 finds the message by its metadata and does not post it again.
    later = engine.at(start + dt.timedelta(seconds=31 + 61))
    assert later.drained.sent == 1
    assert len(slack.posted) == 1
    row = rows(services)[0]
    assert (row.status, row.attempts) == ("sent", 3)
    assert row.external_id == f"DUBO:{slack.posted[0].ts}"


def test_a_429_is_retried_after_retry_after(services: Services, slack: FakeSlack) -> None:
    setup_plan(services)
    engine = Engine(services, slack)
    slack.rate_per_channel = 3600  # every post after the first in an hour is limited
    slack.posted.clear()
    slack.handle("chat.postMessage", {"channel": "DUBO", "text": "earlier"})
    start = dt.datetime(2027, 3, 24, 8, 0, 5, tzinfo=UTC)
    assert engine.at(start).drained.retried == 1
    row = rows(services)[0]
    assert row.last_error == "slack chat_postMessage: rate limited"
    assert row.claimed_until >= start + dt.timedelta(seconds=3500)  # Retry-After honoured
    slack.rate_per_channel = 0
    assert engine.at(start + dt.timedelta(seconds=1800)).drained.sent == 0
    assert engine.at(start + dt.timedelta(seconds=3700)).drained.sent == 1


def test_permanent_errors_are_not_retried_and_the_owner_is_told(
    services: Services, slack: FakeSlack
) -> None:
    setup_plan(services)
    slack.unknown_users.add("UBO")
    engine = Engine(services, slack)
    result = engine.at(dt.datetime(2027, 3, 24, 8, 0, 5, tzinfo=UTC))
    assert result.drained.failed == 1
    failed = rows(services)[0]
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert failed.last_error == "slack conversations_open: user_not_found"
    told = engine.at(dt.datetime(2027, 3, 24, 8, 0, 10, tzinfo=UTC))
    assert told.drained.sent == 1
    assert slack.posted[-1].channel == "DUANNE"
    assert "kunne ikke leveres" in slack.posted[-1].text
    assert "Bo Berg" in slack.posted[-1].text
    assert engine.at(dt.datetime(2027, 3, 25, 8, 0, tzinfo=UTC)).drained.sent == 0


def test_status_and_preview(services: Services, slack: FakeSlack) -> None:
    setup_plan(services)
    engine = Engine(services, slack)
    engine.at(dt.datetime(2027, 3, 24, 10, 30, tzinfo=UTC))
    assert services.reminders.status() == {
        "pending": 0,
        "sent": 1,
        "failed": 0,
        "cancelled": 0,
        "late": 1,
    }
    with time_machine.travel(dt.datetime(2027, 3, 24, 11, 0, tzinfo=UTC), tick=False):
        preview = services.reminders.preview(start=dt.date(2027, 3, 24), end=dt.date(2027, 4, 7))
        everything = services.reminders.preview(
            start=dt.date(2027, 3, 24), end=dt.date(2027, 4, 7), include_sent=True
        )
    # What will still be sent: the reminder of 24 March went out (late) at 10:30.
    assert [(r.kind, r.local.isoformat(), r.person) for r in preview] == [
        ("reminder", "2027-03-31T09:00:00+02:00", "Bo Berg"),
        ("overdue", "2027-04-05T09:00:00+02:00", "Bo Berg"),
        ("overdue", "2027-04-07T09:00:00+02:00", "Bo Berg"),
    ]
    assert [(r.local.isoformat(), r.sent) for r in everything][:2] == [
        ("2027-03-24T09:00:00+01:00", True),
        ("2027-03-31T09:00:00+02:00", False),
    ]


def test_messages_to_one_person_are_paced_under_slacks_limit(
    services: Services, slack: FakeSlack
) -> None:
    setup_plan(services)
    with time_machine.travel(dt.datetime(2027, 1, 4, 9, 0, tzinfo=UTC), tick=False):
        for title in ("Intranet", "Pressemeddelelse"):
            services.activities.add(
                "Plan", title, CLI, fields={"when": "1. april 2027", "responsible": "BB"}
            )
    slack.rate_per_channel = 1.0  # Slack: about one message per second per channel
    result = Engine(services, slack).at(dt.datetime(2027, 3, 24, 8, 0, 5, tzinfo=UTC))
    assert result.drained.sent == 3
    assert slack.rate_limited == 0  # paced, not refused
    assert [m.channel for m in slack.posted] == ["DUBO"] * 3
