"""A failed message can be seen and sent again: a real aiosmtpd answers 451 (greylisting: retried,
no failure) and 550 (no such mailbox: failed at once); the owner hears in words what failed and
how to send it again, with the raw answer apart and never in the subject; `reminders failed`
lists it with the reason in words and `reminders resend` sends it once the address is fixed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlalchemy import select

from bot.cli.serve import make_tick
from bot.services.actor import Actor
from bot.services.errors import ServiceError
from storage.models import Origin, OutboxMessage, OutboxStatus
from tests.transports.email.conftest import Served

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
SENT = dt.datetime(2027, 3, 24, 10, 0, 30, tzinfo=dt.UTC)


def rows(served: Served) -> dict[str, OutboxMessage]:
    with served.services.context.sessions() as session:
        found = session.scalars(select(OutboxMessage)).all()
        session.expunge_all()
    return {row.kind + ":" + str(row.person_id): row for row in found}


def test_greylisted_is_retried_unknown_mailbox_is_listed_and_sent_again(
    served_email: Served,
) -> None:
    services, box = served_email.services, served_email.mailbox
    services.teams.add("Udbud", CLI)
    services.people.add("Frida Carlsson", CLI, team="udbud", email="frida@kommune.dk")
    services.people.add("Bo Dahl", CLI, team="udbud", email="bo@kommune.dk")
    services.plans.create("Plan", "udbud", CLI, language="en", owner="Frida Carlsson")
    services.activities.add(
        "Plan", "Nyhedsbrev", CLI, fields={"when": "2 April 2027", "responsible": "Bo Dahl"}
    )
    services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    bo = services.people.get("Bo Dahl").id

    box.refuse = {"bo@kommune.dk": "451 4.7.1 Greylisted, try again later"}
    with time_machine.travel(SENT, tick=False):
        make_tick(services, served_email.notifier)()
    greylisted = rows(served_email)[f"reminder:{bo}"]
    assert greylisted.status is OutboxStatus.PENDING and greylisted.attempts == 1
    assert services.failures.failed(CLI) == []

    box.refuse = {"bo@kommune.dk": "550 5.1.1 No such user"}
    with time_machine.travel(SENT + dt.timedelta(minutes=5), tick=False):
        make_tick(services, served_email.notifier)()  # fails at once: no retry cures it
        make_tick(services, served_email.notifier)()  # the owner's notice goes out
    failed = rows(served_email)[f"reminder:{bo}"]
    assert failed.status is OutboxStatus.FAILED and failed.attempts == 2

    [told] = box.messages("frida@kommune.dk")
    assert "550" not in told["Subject"]
    assert told["Subject"] == (
        "A message about Nyhedsbrev to Bo Dahl could not be delivered: the e-mail address does"
        " not exist (check it: commplan people show)."
    )
    body = told.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"commplan reminders resend {failed.id}" in body
    assert "Technical answer: smtp RCPT: 550 5.1.1 No such user" in body

    [listed] = services.failures.failed(CLI, plan="Plan")
    assert (listed.id, listed.person, listed.reason) == (failed.id, "Bo Dahl", "unknown_mailbox")
    assert "550 5.1.1" in listed.error
    # Someone who may not change the plan is refused; nothing is sent again.
    with pytest.raises(ServiceError):
        services.failures.resend(Actor(Origin.CLI, bo, "Bo Dahl"), [failed.id], plan="Plan")
    with pytest.raises(ServiceError):
        services.failures.resend(CLI, [failed.id + 1000])

    box.refuse = {}
    assert services.failures.resend(CLI, all_failed=True, since=SENT - dt.timedelta(days=1)) == [
        failed.id
    ]
    with time_machine.travel(SENT + dt.timedelta(minutes=10), tick=False):
        make_tick(services, served_email.notifier)()
    resent = rows(served_email)[f"reminder:{bo}"]
    assert resent.status is OutboxStatus.SENT and resent.key == failed.key
    [reminder] = box.messages("bo@kommune.dk")
    assert "Reminder: Nyhedsbrev is due 2 April 2027" in str(reminder["Subject"])
    assert services.failures.failed(CLI) == []
