"""A claimed batch's recipients and activities, read at once, are what each notice's own
reads give (bot/transports/recipients.py ``Batch``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, update

from bot.services import Services
from bot.transports.recipients import Batch, recipient_of
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import Activity, ChatAddress, Person, Plan, SteeringGroup, Surface
from tests.fakes.burst import seed

DUE = dt.datetime(2027, 3, 1, 8, tzinfo=dt.UTC)


def test_a_batch_reads_what_each_notice_would_read_alone(services: Services) -> None:
    engine = services.context.sessions.kw["bind"]
    seed(engine, 3, people=2)
    with engine.begin() as connection:
        plan = connection.scalar(select(Plan.id))
        connection.execute(update(Plan).values(language="sv"))
        people = list(connection.scalars(select(Person.id).order_by(Person.id)))
        connection.execute(update(Person).where(Person.id == people[1]).values(locale="da"))
        team = connection.scalar(select(Plan.team_id))
        group = connection.execute(
            insert(SteeringGroup)
            .values(team_id=team, name="Styregruppe")
            .returning(SteeringGroup.id)
        ).scalar_one()
        connection.execute(
            insert(ChatAddress).values(
                steering_group_id=group, surface=Surface.SLACK.value, address="C0001"
            )
        )
        activities = list(connection.scalars(select(Activity.id).order_by(Activity.id)))
    notices = [
        Notice("a", NoticeKind.REMINDER, DUE, people[0], activities[0], plan),
        Notice("b", NoticeKind.REMINDER, DUE, people[1], activities[1], plan),
        Notice(
            "c", NoticeKind.REMINDER, DUE, people[0], activities[2], None
        ),  # no plan: the default
        Notice("d", NoticeKind.REMINDER, DUE, 99_999, None, plan),  # nobody by that id
        Notice("e", NoticeKind.DIGEST, DUE, None, None, plan, payload={"steering_group_id": group}),
        Notice(
            "f", NoticeKind.DIGEST, DUE, None, None, plan, payload={"steering_group_id": 99_999}
        ),
    ]
    batch = Batch.load(services, notices)
    for notice in notices:
        assert batch.recipient(services, notice) == recipient_of(services, notice), notice.key
    assert [batch.recipient(services, notice).language for notice in notices[:3]] == [
        "sv",
        "da",
        "en",
    ]
    assert batch.recipient(services, notices[4]).on(Surface.SLACK) is not None
    assert not batch.recipient(services, notices[3]).found
    assert {notice.key: batch.view(notice) for notice in notices[:3]} == {
        notice.key: services.activities.get(notice.activity_id or 0) for notice in notices[:3]
    }
    assert batch.view(notices[3]) is None


def test_the_next_batch_keeps_the_previous_one_at_hand_and_no_older(services: Services) -> None:
    # The outbox reads batch N+1 while batch N still goes out: N's notices must still be
    # answered from what was read for N, and N-1's no longer kept.
    engine = services.context.sessions.kw["bind"]
    seed(engine, 3, people=3)
    with engine.begin() as connection:
        plan = connection.scalar(select(Plan.id))
        people = list(connection.scalars(select(Person.id).order_by(Person.id)))
        activities = list(connection.scalars(select(Activity.id).order_by(Activity.id)))
    notices = [
        Notice(f"n{n}", NoticeKind.REMINDER, DUE, people[n], activities[n], plan) for n in range(3)
    ]
    first = Batch.load(services, notices[:1])
    second = Batch.load(services, notices[1:2]).following(first)
    third = Batch.load(services, notices[2:]).following(second)
    assert second.recipient(services, notices[0]) is first.recipients[(plan, people[0], None)]
    assert second.view(notices[0]) is first.views[activities[0]]
    assert third.view(notices[1]) is second.views[activities[1]]
    assert third.earlier is not None and third.earlier.earlier is None
    assert third.view(notices[0]) is None  # two batches back: not kept (read on its own)
