"""A reminder by e-mail, end to end: the outbox row goes through aiosmtpd, the message is read
back (both parts, the person's language, the .ics, the links), its Done link is opened and
confirmed in Chromium, and the activity is done; the link then refuses a second use, a Snooze
link refuses after its lifetime (across the spring DST change), an altered one always."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from icalendar import Calendar
from sqlalchemy import select

from bot.cli.serve import make_tick
from bot.services.actor import Actor
from bot.transports.email.message import message_id
from storage.models import AuditEntry, Origin, OutboxMessage
from tests.transports.email.conftest import (
    SENDER,
    Mailbox,
    Served,
    body_of,
    fetch,
    links_of,
    open_in_chromium,
    serve_email,
)

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
TITLE = 'Nyhed <b>&</b> "forår"'
# 24 March 2027, four days before the spring DST change; links live 96 hours: past it.
SENT = "2027-03-24T10:00:30+00:00"


@pytest.fixture
def served_96h(sqlite_url: str, mailbox: Mailbox) -> Iterator[Served]:
    yield from serve_email(sqlite_url, mailbox, COMMPLAN_EMAIL_LINK_HOURS="96")


def test_reminder_by_email_done_in_chromium(served_96h: Served) -> None:
    services, box = served_96h.services, served_96h.mailbox
    services.teams.add("Udbud", CLI)
    services.people.add("Frida Carlsson", CLI, team="udbud", email="frida@kommune.dk", locale="da")
    services.plans.create("Plan", "udbud", CLI, language="da")
    activity = services.activities.add(
        "Plan", TITLE, CLI, fields={"when": "2. april 2027", "responsible": "Frida Carlsson"}
    ).activity
    services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel(SENT, tick=True):
        make_tick(services, served_96h.notifier)()
        make_tick(services, served_96h.notifier)()  # nothing twice
        [message] = box.messages("frida@kommune.dk")
        with services.context.sessions() as session:
            [key] = session.scalars(select(OutboxMessage.key)).all()

        # The message: Danish, both parts, escaped HTML without remote anything, the .ics.
        assert message["Content-Language"] == "da"
        assert message["Subject"].startswith("Påmindelse: Nyhed <b>&</b>")
        assert message["Message-ID"] == message_id(key, SENDER)
        assert message["Auto-Submitted"] == "auto-generated"
        text, html = body_of(message, "plain"), body_of(message, "html")
        assert TITLE in text and "Udført: http://" in text
        assert "Nyhed &lt;b&gt;&amp;&lt;/b&gt; &#34;forår&#34;" in html and "<b>&" not in html
        assert "<img" not in html and "<style" not in html and "<script" not in html
        [attached] = list(message.iter_attachments())
        assert attached.get_content_type() == "text/calendar"
        [event] = Calendar.from_ical(attached.get_content()).walk("VEVENT")
        assert str(event["SUMMARY"]) == TITLE
        assert event.decoded("DTSTART") == dt.date(2027, 4, 2)
        assert str(event["UID"]).startswith(f"{activity.id}.")
        links = links_of(message)
        assert set(links) == {"Udført", "Udsæt 1 dag", "Udsæt 1 uge", "Åbn"}
        for url in links.values():
            assert url in html

        # Opening changes nothing (a mail scanner); confirming in Chromium marks it done.
        assert fetch(links["Udført"])[0] == 200
        assert services.activities.get(activity.id).status != "done"
        [seen] = open_in_chromium([{"url": links["Udført"]}])
        assert seen["status"] == 200 and seen["lang"] == "da" and seen["form"]
        assert "Bekræft: Udført" in seen["text"] and "Intet er sket endnu" in seen["text"]
        assert seen["after"]["status"] == 200
        assert seen["violations"] == [] and seen["after"]["violations"] == []
        assert services.activities.get(activity.id).status == "done"
        with services.context.sessions() as session:
            done = session.query(AuditEntry).filter_by(action="activity.done").one()
            assert (done.origin, done.surface_user) == ("email", "frida@kommune.dk")

        # A second use, by GET or by POST: refused in Danish, nothing more recorded.
        status, page = fetch(links["Udført"])
        assert status == 409 and "allerede brugt" in page
        status, page = fetch(links["Udført"], b"text=")
        assert status == 409 and "allerede brugt" in page
        # Open shows the activity and is not used up (it only reads).
        for _ in range(2):
            status, page = fetch(links["Åbn"])
            assert status == 200 and "Nyhed &lt;b&gt;" in page

        # Altered: not ours, said in the organisation's language (English here).
        snooze = links["Udsæt 1 dag"]
        altered = snooze[:-3] + ("AAA" if not snooze.endswith("AAA") else "BBB")
        status, page = fetch(altered, b"text=")
        assert status == 404 and "This link is not valid." in page

    # One minute before the 96 hours are out (the clocks went forward on 28 March) it works;
    # one minute after it is refused in the link's language, and nothing is snoozed.
    sent = dt.datetime.fromisoformat(SENT)
    with time_machine.travel(sent + dt.timedelta(hours=96, minutes=-1)):
        assert fetch(snooze)[0] == 200
    with time_machine.travel(sent + dt.timedelta(hours=96, minutes=1)):
        status, page = fetch(snooze, b"text=")
    assert status == 410 and "udløbet" in page
    assert services.activities.get(activity.id).status == "done"
    assert fetch(served_96h.base + "/email/")[0] == 404  # nothing else is served there
