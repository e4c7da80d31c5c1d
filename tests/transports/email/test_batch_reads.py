"""A claimed batch of e-mail notices is read once, on SQLite and on PostgreSQL: the statements
the database sees do not grow with the batch (counted on the real engine), the messages are
each person's, and a notice sent outside a batch is the same message.

And the one SMTP connection: the drain's sending threads share it, and one the server dropped
is opened again, with nothing lost or sent twice."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

import pytest
import time_machine
from icalendar import Calendar
from sqlalchemy import Engine, delete, event, select, text, update

from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from bot.texts import t
from bot.texts.dates import day_text
from bot.transports.email.message import message_id
from bot.transports.email.setup import email_notifier
from config.languages import Language
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from storage.database import make_engine
from storage.models import ChatAddress, Origin, OutboxMessage, Person
from tests.fakes.burst import seed
from tests.transports.email.conftest import SENDER, Mailbox, body_of, email_settings, smtp_server

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
LOCALES: tuple[Language, ...] = ("da", "sv", "en")
NOW = "2027-03-24T10:00:30+00:00"
NOW_UTC = dt.datetime.fromisoformat(NOW)


def _services(url: str, mailbox: Mailbox, **extra: str) -> Services:
    settings = email_settings(url, mailbox, "https://commplan.kommune.dk", **extra)
    return Services.create(settings, make_engine(url))


@pytest.fixture
def world(db_url: str, mailbox: Mailbox) -> Iterator[tuple[Services, list[Notice]]]:
    """Six people in three languages with an activity each; a steering group whose chair
    writes Swedish, a member Danish, a member without an address and one who left."""
    traveller = time_machine.travel(NOW, tick=True)
    traveller.start()
    services = _services(db_url, mailbox)
    services.teams.add("Udbud", CLI)
    for n in range(6):
        services.people.add(
            f"P{n}", CLI, team="udbud", email=f"p{n}@kommune.dk", locale=LOCALES[n % 3]
        )
    services.people.add("Carl", CLI, team="udbud", email="carl@kommune.dk", locale="sv")
    services.people.add("Sofie", CLI, team="udbud", email="sofie@kommune.dk", locale="da")
    services.people.add("Bo", CLI, team="udbud")
    gone = services.people.add("Gone", CLI, team="udbud", email="gone@kommune.dk").id
    with services.context.sessions.begin() as session:  # left the organisation
        session.execute(update(Person).where(Person.id == gone).values(active=False))
    services.plans.create("Plan", "udbud", CLI, language="da")
    group = services.steering.create(
        "Styregruppen", "udbud", CLI, chair="Carl", members=("Sofie", "Bo", "Gone", "Carl")
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    plan = services.plans.get("Plan").id
    notices = []
    for n in range(6):
        activity = services.activities.add(
            "Plan", f"Nyhed {n}", CLI, fields={"when": "2 April 2027", "responsible": f"P{n}"}
        ).activity.id
        person = services.people.get(f"P{n}").id
        notices.append(
            Notice(f"reminder:{activity}:{n}", NoticeKind.REMINDER, NOW_UTC, person, activity, plan)
        )
    escalated = notices[0].activity_id
    payload = {"steering_group_id": group.id}
    notices.append(
        Notice(
            f"escalation:{escalated}",
            NoticeKind.ESCALATION,
            NOW_UTC,
            None,
            escalated,
            plan,
            payload=payload,
        )
    )
    yield services, notices
    engine = services.context.sessions.kw["bind"]
    assert isinstance(engine, Engine)
    engine.dispose()
    traveller.stop()


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    """Every statement ``engine`` sends meanwhile, as the database gets it."""
    seen: list[str] = []

    def count(*arguments: object) -> None:  # connection, cursor, statement, ...
        seen.append(str(arguments[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


LINK = re.compile(r"https://commplan\.kommune\.dk/email/[A-Za-z0-9._-]+")


def _as_sent(message: EmailMessage) -> tuple[object, ...]:
    """What a message says, but for its links' random ids and the moment it was made."""
    [attached] = list(message.iter_attachments())
    [event_] = Calendar.from_ical(attached.get_content()).walk("VEVENT")
    return (
        message["To"],
        message["Subject"],
        message["Content-Language"],
        message["Message-ID"],
        LINK.sub("LINK", body_of(message, "plain")),
        LINK.sub("LINK", body_of(message, "html")),
        *(str(event_[field]) for field in ("UID", "SUMMARY", "SEQUENCE", "LAST-MODIFIED")),
        event_.decoded("DTSTART"),
    )


def test_a_batch_is_read_at_once_and_each_message_is_the_persons(
    world: tuple[Services, list[Notice]], mailbox: Mailbox
) -> None:
    services, notices = world
    engine = services.context.sessions.kw["bind"]
    notifier = email_notifier(services, timeout=10)
    counts = []
    with _statements(engine) as seen:
        for people in (2, 6):  # two reminders and the escalation; then six and the escalation
            batch = [*notices[:people], notices[-1]]
            seen.clear()
            notifier.prepare(batch)
            read = len(seen)
            for notice in batch:
                notifier.deliver(notice)
            counts.append((read, len(seen) - read))
    assert counts[0] == counts[1]  # seven notices read as three do
    read, sending = counts[1]
    # The activities, their plans and people (3); the plans' languages, the people, the group,
    # the people's and the group's chat addresses (5); the group's seats and the .ics stamps (2).
    assert sending == 0 and read <= 10, seen

    batched = mailbox.messages()[4:]  # the second batch's
    assert len(batched) == 8
    by_address = {str(message["To"]).split("<")[-1].rstrip(">"): message for message in batched}
    assert set(by_address) == {f"p{n}@kommune.dk" for n in range(6)} | {
        "carl@kommune.dk",
        "sofie@kommune.dk",
    }  # not Bo (no address), not Gone (left)
    for n, notice in enumerate(notices[:6]):
        message, language = by_address[f"p{n}@kommune.dk"], LOCALES[n % 3]
        date = day_text(dt.date(2027, 4, 2), language)
        assert message["Content-Language"] == language
        assert message["Subject"] == t("reminder.due", language, title=f"Nyhed {n}", date=date)
        assert message["Message-ID"] == message_id(notice.key, SENDER)
        done = t("button.done", language)
        assert f"{done}: https://commplan.kommune.dk/email/" in body_of(message, "plain")
        assert _as_sent(message)[7] == f"Nyhed {n}"
        assert str(_as_sent(message)[6]).startswith(f"{notice.activity_id}.")
    escalation = notices[-1]
    for name, language in (("carl", "sv"), ("sofie", "da")):
        message = by_address[f"{name}@kommune.dk"]
        person = services.people.get(name.title()).id
        assert message["Content-Language"] == language
        assert message["Message-ID"] == message_id(f"{escalation.key}:{person}", SENDER)

    # The same notices, each sent on its own (no batch): the same messages.
    alone = email_notifier(services, timeout=10)
    for notice in notices:
        alone.deliver(notice)
    notifier.sender.close()
    alone.sender.close()
    again = {str(m["To"]): _as_sent(m) for m in mailbox.messages()[12:]}
    assert again == {str(m["To"]): _as_sent(m) for m in batched}


def test_the_drains_threads_share_one_connection_and_a_dropped_one_is_opened_again(
    sqlite_url: str,
) -> None:
    # The server drops a client idle for 1 s: between the two bursts the connection is found
    # dropped (at MAIL, nothing accepted) and opened again; within a burst it is kept (the
    # sender itself reopens only after 30 s idle, so the second connection is the drop's).
    count = 8
    with smtp_server(Mailbox(), timeout=1.0) as box, time_machine.travel(NOW, tick=True):
        services = _services(sqlite_url, box, COMMPLAN_SEND_WORKERS="4")
        engine = services.context.sessions.kw["bind"]
        notifier = email_notifier(services, timeout=10)
        for burst, connections in (("a", 1), ("b", 2)):
            seed(engine, count, people=count, batch=burst)
            with engine.begin() as connection:
                connection.execute(delete(ChatAddress))  # no chat: all by e-mail
                connection.execute(update(Person).values(email=text("'p' || id || '@kommune.dk'")))
            result = make_tick(services, notifier)().drained
            assert (result.sent, result.failed, result.retried) == (count, 0, 0)
            assert notifier.sender.connections == connections
            time.sleep(1.3)
        notifier.sender.close()
        engine.dispose()
    ids = [message["Message-ID"] for message in box.messages()]
    assert len(ids) == len(set(ids)) == 2 * count
    with services.context.sessions() as session:
        keys = session.scalars(select(OutboxMessage.key)).all()
    assert sorted(ids) == sorted(message_id(key, SENDER) for key in keys)


def test_the_batch_going_out_is_still_read_once_after_the_next_one_was_read(
    world: tuple[Services, list[Notice]], mailbox: Mailbox
) -> None:
    # The outbox reads batch N+1 while batch N goes out (scheduler/outbox/drain.py, ``ahead``).
    services, notices = world
    engine = services.context.sessions.kw["bind"]
    notifier = email_notifier(services, timeout=10)
    going_out = [*notices[:3], notices[-1]]
    notifier.prepare(going_out)
    notifier.prepare(notices[3:6])  # the next batch
    with _statements(engine) as seen:
        for notice in going_out:
            notifier.deliver(notice)
    notifier.sender.close()
    assert seen == []
    assert len(mailbox.messages()) == 5  # three reminders, the chair and a member
