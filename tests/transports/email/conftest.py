"""A real SMTP server (aiosmtpd) on a loopback port, plain or with TLS, and commplan sending to
it with its link pages served by a real uvicorn: what the e-mail tests share."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import os
import re
import ssl
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bot.cli.serve import choose_notifier, surfaces
from bot.services import Services
from bot.transports.email.notifier import EmailNotifier
from bot.web.app import create_app
from config import Settings, load_settings
from scheduler.notifier import Notifier
from storage.database import make_engine
from tests.web.served import free_port, served
from tests.web.test_plan_page_browser import CHROMIUM, JS
from tests.web.test_plan_page_browser import _require_browser as require_browser

SECRET = "a-link-secret-for-the-tests-only"
SENDER = "commplan <commplan@kommune.dk>"


@dataclass
class Mailbox:
    """aiosmtpd's handler: keeps what it accepts; ``refuse`` answers RCPT for an address."""

    received: list[tuple[str, tuple[str, ...], bytes]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    logins: list[str] = field(default_factory=list)
    port: int = 0
    data_answer: str | None = None  # DATA answered with this instead of accepting it

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.data_answer is not None:
            return self.data_answer
        content = envelope.original_content or b""
        self.received.append((str(envelope.mail_from), tuple(envelope.rcpt_tos), content))
        return "250 Message accepted"

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        self.logins.append(data.login.decode())
        return AuthResult(success=data.password == b"s3cret")

    def messages(self, to: str | None = None) -> list[EmailMessage]:
        found = []
        for _, recipients, content in self.received:
            if to is None or to in recipients:
                parsed = BytesParser(policy=policy.default).parsebytes(content)
                assert isinstance(parsed, EmailMessage)
                found.append(parsed)
        return found


class LoopbackController(Controller):
    """aiosmtpd's controller on port 0: the port the system gave is read back before the
    controller connects to its own server to start it."""

    def _trigger_server(self) -> None:
        assert isinstance(self.server, asyncio.Server)
        self.port = int(self.server.sockets[0].getsockname()[1])
        super()._trigger_server()  # type: ignore[no-untyped-call]


@contextmanager
def smtp_server(mailbox: Mailbox, **smtp: Any) -> Iterator[Mailbox]:
    """``mailbox`` behind an aiosmtpd server on a free loopback port; ``smtp``: aiosmtpd's
    options (``tls_context`` offers STARTTLS, ``ssl_context`` is TLS from the first byte)."""
    implicit = smtp.pop("ssl_context", None)
    controller = LoopbackController(
        mailbox, hostname="127.0.0.1", port=0, ssl_context=implicit, **smtp
    )
    controller.start()
    mailbox.port = controller.port
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server(Mailbox()) as box:
        yield box


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throw-away self-signed certificate for 127.0.0.1 (certificate, key)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))  # time-travelling tests stay inside it
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def server_tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def client_tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    """What an organisation with its own CA gives commplan (SSL_CERT_FILE does the same)."""
    return ssl.create_default_context(cafile=str(certificate[0]))


@dataclass
class Served:
    services: Services
    notifier: Notifier
    base: str  # where the link pages answer
    mailbox: Mailbox


@pytest.fixture
def served_email(sqlite_url: str, mailbox: Mailbox) -> Iterator[Served]:
    """commplan with COMMPLAN_SMTP_URL at ``mailbox``, its web app on a loopback port."""
    yield from serve_email(sqlite_url, mailbox)


def email_settings(url: str, mailbox: Mailbox, base: str, **settings: str) -> Settings:
    """The settings of commplan on ``url`` sending to ``mailbox``, its links at ``base``."""
    return load_settings(
        COMMPLAN_DATABASE_URL=url,
        COMMPLAN_LANGUAGE="en",
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
        COMMPLAN_SMTP_URL=f"smtp://127.0.0.1:{mailbox.port}",
        COMMPLAN_MAIL_FROM=SENDER,
        COMMPLAN_LINK_SECRET=SECRET,
        COMMPLAN_PUBLIC_URL=base,
        COMMPLAN_LOG_LEVEL="WARNING",
        **settings,
    )


def serve_email(url: str, mailbox: Mailbox, **settings: str) -> Iterator[Served]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    chosen = email_settings(url, mailbox, base, **settings)
    engine = make_engine(url)
    services = Services.create(chosen, engine)
    app = create_app(chosen, engine, surfaces(services))
    notifier = choose_notifier(chosen, services)
    with served(app, port):
        yield Served(services, notifier, base, mailbox)
    for one in [notifier, *getattr(notifier, "notifiers", {}).values()]:
        if isinstance(one, EmailNotifier):
            one.sender.close()
    engine.dispose()


LINK = re.compile(r"(?P<label>[^\n:]+): (?P<url>http://127\.0\.0\.1:\d+/email/[A-Za-z0-9._-]+)")


def links_of(message: EmailMessage) -> dict[str, str]:
    """The plain-text part's links by their label ("Done" -> URL)."""
    text = body_of(message, "plain")
    return {m["label"].strip(): m["url"] for m in LINK.finditer(text)}


def body_of(message: EmailMessage, kind: str) -> str:
    part = message.get_body((kind,))
    assert part is not None, kind
    content = part.get_content()
    assert isinstance(content, str)
    return content


def open_in_chromium(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each link opened in Chromium, its form filled (``text``) and confirmed, both pages
    checked by axe-core (tests/js/email_links.mjs)."""
    require_browser()  # as the plan page's browser test: node, Chromium, playwright-core
    result = subprocess.run(
        ["node", str(JS / "email_links.mjs"), json.dumps(steps)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    assert result.returncode == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def fetch(url: str, data: bytes | None = None) -> tuple[int, str]:
    """GET ``url`` (POST ``data`` as a form) the way a mail client's link would: status, page."""
    request = urllib.request.Request(url, data=data)
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return int(answer.status), answer.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()
