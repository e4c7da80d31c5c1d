"""The SMTP sender against a real server (aiosmtpd): plain, STARTTLS and TLS, one kept
connection, 5xx permanent and 4xx temporary, no password in the clear, the URL's parts."""

from __future__ import annotations

import ssl
import time
from email.message import EmailMessage

import pytest

from bot.transports.email.smtp import SmtpAddress, SmtpSender, parse_smtp_url
from config.settings import SettingsError
from scheduler.notifier import DeliveryError
from tests.transports.email.conftest import Mailbox, smtp_server


def _message(subject: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "commplan@kommune.dk"
    message["To"] = "frida@kommune.dk"
    message.set_content("Hej")
    return message


def _sender(box: Mailbox, url: str = "smtp://127.0.0.1", **kwargs: object) -> SmtpSender:
    address = parse_smtp_url(url.replace("127.0.0.1", f"127.0.0.1:{box.port}", 1))
    return SmtpSender(address, timeout=5.0, **kwargs)  # type: ignore[arg-type]


def test_one_connection_for_many_messages_and_a_new_one_when_dropped() -> None:
    # The server drops a client idle for 0.3 s: the kept connection is found dropped at MAIL
    # (nothing was accepted), and the message goes over a new one.
    with smtp_server(Mailbox(), timeout=0.3) as box:
        sender = _sender(box)
        for n in range(3):
            sender.send(_message(f"m{n}"), "commplan@kommune.dk", "frida@kommune.dk")
        assert sender.connections == 1
        time.sleep(0.5)
        sender.send(_message("after"), "commplan@kommune.dk", "frida@kommune.dk")
        sender.close()
    assert sender.connections == 2
    assert [m["Subject"] for m in box.messages()] == ["m0", "m1", "m2", "after"]
    assert all(to == ("frida@kommune.dk",) for _, to, _ in box.received)


def test_rcpt_5xx_is_permanent_4xx_temporary_and_the_connection_goes_on(
    mailbox: Mailbox,
) -> None:
    mailbox.refuse = {
        "gone@kommune.dk": "550 5.1.1 No such user",
        "full@kommune.dk": "452 4.2.2 Mailbox full",
    }
    sender = _sender(mailbox)
    with pytest.raises(DeliveryError) as gone:
        sender.send(_message("x"), "commplan@kommune.dk", "gone@kommune.dk")
    assert gone.value.permanent and "550" in str(gone.value)
    with pytest.raises(DeliveryError) as full:
        sender.send(_message("x"), "commplan@kommune.dk", "full@kommune.dk")
    assert not full.value.permanent and "452" in str(full.value)
    sender.send(_message("ok"), "commplan@kommune.dk", "frida@kommune.dk")
    sender.close()
    assert sender.connections == 1
    assert [m["Subject"] for m in mailbox.messages()] == ["ok"]


def test_only_an_unknown_mailbox_fails_at_once(mailbox: Mailbox) -> None:
    """Greylisting (451), a relay's 5xx without a mailbox status and a refused DATA are retried;
    550, 551, 553 and 5.1.x say the address does not exist."""
    mailbox.refuse = {
        "grey@kommune.dk": "451 4.7.1 Greylisted, try again later",
        "relay@kommune.dk": "554 Relay temporarily unavailable",
        "moved@kommune.dk": "551 User not local",
        "typo@kommune.dk": "553 5.1.3 Bad recipient address syntax",
        "gone@kommune.dk": "550 5.1.1 No such user",
    }
    sender = _sender(mailbox)
    permanence = {}
    for address in mailbox.refuse:
        with pytest.raises(DeliveryError) as refused:
            sender.send(_message("x"), "commplan@kommune.dk", address)
        permanence[address] = refused.value.permanent
        assert refused.value.code == f"smtp {mailbox.refuse[address][:3]}"
    assert permanence == {
        "grey@kommune.dk": False,
        "relay@kommune.dk": False,
        "moved@kommune.dk": True,
        "typo@kommune.dk": True,
        "gone@kommune.dk": True,
    }
    mailbox.data_answer = "500 Internal server error"
    with pytest.raises(DeliveryError) as broken:
        sender.send(_message("x"), "commplan@kommune.dk", "frida@kommune.dk")
    assert not broken.value.permanent and broken.value.code == "smtp 500"
    sender.close()


def test_starttls_with_login(server_tls: ssl.SSLContext, client_tls: ssl.SSLContext) -> None:
    box = Mailbox()
    with smtp_server(
        box, tls_context=server_tls, require_starttls=True, authenticator=box.authenticate
    ):
        sender = _sender(box, "smtp://mail%40kommune.dk:s3cret@127.0.0.1", tls=client_tls)
        sender.send(_message("secret"), "commplan@kommune.dk", "frida@kommune.dk")
        sender.close()
    assert box.logins == ["mail@kommune.dk"]
    assert [m["Subject"] for m in box.messages()] == ["secret"]


def test_starttls_checks_the_certificate(server_tls: ssl.SSLContext) -> None:
    """The system's CAs do not know the test's certificate: no message, a temporary error."""
    with smtp_server(Mailbox(), tls_context=server_tls) as box:
        sender = _sender(box)
        with pytest.raises(DeliveryError) as refused:
            sender.send(_message("x"), "commplan@kommune.dk", "frida@kommune.dk")
    assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value) and not refused.value.permanent
    assert box.received == []


def test_implicit_tls(server_tls: ssl.SSLContext, client_tls: ssl.SSLContext) -> None:
    with smtp_server(Mailbox(), ssl_context=server_tls) as box:
        sender = _sender(box, "smtps://127.0.0.1", tls=client_tls)
        sender.send(_message("tls"), "commplan@kommune.dk", "frida@kommune.dk")
        sender.close()
    assert [m["Subject"] for m in box.messages()] == ["tls"]


def test_no_password_over_a_plain_connection_and_required_starttls(mailbox: Mailbox) -> None:
    with pytest.raises(DeliveryError) as clear:
        _sender(mailbox, "smtp://user:s3cret@127.0.0.1").send(
            _message("x"), "commplan@kommune.dk", "frida@kommune.dk"
        )
    assert clear.value.permanent and "unencrypted" in str(clear.value)
    with pytest.raises(DeliveryError) as plain:
        _sender(mailbox, "smtp://127.0.0.1?starttls=required").send(
            _message("x"), "commplan@kommune.dk", "frida@kommune.dk"
        )
    assert "STARTTLS" in str(plain.value) and not plain.value.permanent
    assert mailbox.received == [] and mailbox.logins == []


def test_a_server_that_does_not_answer_fails_within_the_timeout() -> None:
    import socket  # noqa: PLC0415 - only here: a listener that never speaks

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        sender = SmtpSender(SmtpAddress("127.0.0.1", port, None, None, False, False), 0.3)
        started = time.monotonic()
        with pytest.raises(DeliveryError) as slow:
            sender.send(_message("x"), "commplan@kommune.dk", "frida@kommune.dk")
    assert time.monotonic() - started < 2 and not slow.value.permanent


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://relay.kommune.dk", SmtpAddress("relay.kommune.dk", 587, None, None, False, False)),
        (
            "smtps://u%40k.dk:p%3Aw@mail.kommune.dk",
            SmtpAddress("mail.kommune.dk", 465, "u@k.dk", "p:w", True, False),
        ),
        (
            "smtp://relay:2525?starttls=required",
            SmtpAddress("relay", 2525, None, None, False, True),
        ),
    ],
)
def test_the_url(url: str, expected: SmtpAddress) -> None:
    assert parse_smtp_url(url) == expected


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("smtp://relay?tls=yes", "unknown option 'tls'"),
        ("smtp://relay?starttls=maybe", "starttls must be required"),
        ("smtp://:25", "names no host"),
        ("smtp://u:topsecret@relay:x", "the port is not a number"),
    ],
)
def test_a_bad_url_is_named_without_its_password(url: str, problem: str) -> None:
    with pytest.raises(SettingsError) as bad:
        parse_smtp_url(url)
    assert problem in str(bad.value) and "topsecret" not in str(bad.value)
