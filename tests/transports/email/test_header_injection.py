"""No header a person can influence (a subject from an activity title, a display name) adds a
header or a line: titles and names carrying RFC 2047 encoded-words that decode to CR/LF, raw
line breaks and Unicode line separators go through a real SMTP server (aiosmtpd), and the
headers received are exactly the ones commplan writes, each holding what it should."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage

import pytest
import time_machine

from bot.chat.replies import Reply
from bot.cli.serve import make_tick
from bot.services.actor import Actor
from bot.transports.email.headers import header_text
from bot.transports.email.message import build_message
from bot.transports.email.smtp import SmtpSender, parse_smtp_url
from storage.models import Origin
from tests.transports.email.conftest import SENDER, Mailbox, Served, serve_email

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)

# The headers commplan writes, and nothing else may arrive.
WRITTEN = {
    "subject",
    "from",
    "to",
    "date",
    "message-id",
    "auto-submitted",
    "content-type",
    "mime-version",
    "content-language",
}

TITLES = [
    "=?utf-8?q?=0D=0AReply-To:_x@evil.example?=",  # the review's title
    "Call =?utf-8?q?=0D=0AX-Injected:_q?= now",
    "=?utf-8?b?DQpYLUluamVjdGVkOiBiNjQNCkJjYzogYWxsQGV2aWwuZXhhbXBsZQ==?=",  # CRLF X-Injected, Bcc
    "=?UTF-8?Q?a?= =?iso-8859-1?q?=0AX-Injected:_latin?=",
    "Raw\r\nX-Injected: raw",
    "Separator\u2028X-Injected: ls\u0085X-Injected: nel",
    "Nyhed <b>&</b> ”forår” " + "lang " * 40 + "=?utf-8?q?=0D=0AX-Injected:_folded?=",
]
NAMES = [
    "=?utf-8?q?Bob=0D=0AX-Injected:_name?=",
    'Eve "the" =?utf-8?b?DQpYLUluamVjdGVkOiBiNjQ=?=, Builder',
    "Line\r\nX-Injected: raw-name",
    "Åse Øster",
]


def _names(raw: bytes) -> list[str]:
    """The header names of a message as received, from its bytes (not from a parser that
    might hide a second header)."""
    head = raw.split(b"\r\n\r\n", 1)[0]
    return [
        line.split(b":", 1)[0].decode().lower()
        for line in head.split(b"\r\n")
        if line and line[:1] not in (b" ", b"\t")
    ]


def _check(raw: bytes, message: EmailMessage, title: str, name: str, address: str) -> None:
    names = _names(raw)
    assert sorted(names) == sorted(WRITTEN), names  # each once, none added
    assert b"\nX-Injected" not in raw.split(b"\r\n\r\n", 1)[0]
    subject, to = str(message["Subject"]), message["To"]
    assert "\r" not in subject and "\n" not in subject
    shown = subject.replace("\u200b", "")
    # The title's first line, as written (a message's subject is its first line).
    first = header_text(title.split("\n", 1)[0]).replace("\u200b", "")
    words = [word for word in first.split() if len(word) >= 3]
    assert words and all(word in shown for word in words[:3]), (shown, title)
    [addressed] = to.addresses
    assert addressed.addr_spec == address
    # The name as written, but for blanks (the library may fold a long word of it in two).
    assert "".join(addressed.display_name.split()) == "".join(header_text(name).split())
    assert "\n" not in addressed.display_name and "\r" not in addressed.display_name


@pytest.mark.parametrize("name", NAMES)
def test_titles_and_names_add_no_header(mailbox: Mailbox, name: str) -> None:
    sender = SmtpSender(parse_smtp_url(f"smtp://127.0.0.1:{mailbox.port}"), timeout=5.0)
    for n, title in enumerate(TITLES):
        message = build_message(
            Reply(text=title),
            language="en",
            sender=SENDER,
            recipient=(name, "bob@kommune.dk"),
            key=f"k{n}",
            link_of=lambda button: "http://127.0.0.1/x",
            footer="footer",
        )
        sender.send(message, "commplan@kommune.dk", "bob@kommune.dk")
    sender.close()
    received = mailbox.messages()
    assert len(received) == len(TITLES)
    for (_, _, raw), message, title in zip(mailbox.received, received, TITLES, strict=True):
        _check(raw, message, title, name, "bob@kommune.dk")


@pytest.fixture
def served(sqlite_url: str, mailbox: Mailbox) -> Iterator[Served]:
    yield from serve_email(sqlite_url, mailbox)


def test_a_reminder_with_such_a_title_and_name_end_to_end(served: Served) -> None:
    """From the database through the outbox, the notifier and SMTP: the title and the name
    stored as a person typed them."""
    services, box = served.services, served.mailbox
    services.teams.add("Udbud", CLI)
    name, title = NAMES[0], TITLES[0]
    services.people.add(name, CLI, team="udbud", email="bob@kommune.dk", locale="en")
    services.plans.create("Plan", "udbud", CLI, language="en")
    services.activities.add(
        "Plan", title, CLI, fields={"when": "2 April 2027", "responsible": name}
    )
    services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        make_tick(services, served.notifier)()
    [message] = box.messages("bob@kommune.dk")
    [(_, _, raw)] = box.received
    _check(raw, message, title, name, "bob@kommune.dk")
    assert "Reply-To" not in message and message["Subject"].startswith("Reminder: ")
