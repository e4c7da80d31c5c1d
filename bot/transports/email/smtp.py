"""Sending by SMTP: one kept-alive connection per process, every step inside the outbox lease.

``COMMPLAN_SMTP_URL`` says where and how: ``smtp://user:pass@host:587`` upgrades with STARTTLS
when the server offers it (``?starttls=required`` refuses to go on without), ``smtps://`` speaks
TLS from the first byte. A password is never sent over a connection that is not encrypted.

The connection is shared by the outbox's workers under a lock: SMTP is one conversation at a
time, and one connection keeps a burst from opening hundreds (mail servers count them). A
connection idle for a while, or one the server dropped, is opened again before the message.
Each step (connect, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA) gets what is left of one deadline
as its socket timeout, so a whole send ends inside the time ``check_lease`` allowed for it.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from urllib.parse import parse_qs, unquote, urlsplit

from config.settings import SettingsError
from scheduler.notifier import DeliveryError

log = logging.getLogger(__name__)

# A connection unused this long is closed and opened again rather than trusted (servers drop
# idle clients after 1-5 minutes, and finding out by a failed MAIL costs a round trip too).
IDLE_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class SmtpAddress:
    host: str
    port: int
    user: str | None
    password: str | None
    implicit_tls: bool  # smtps://
    starttls_required: bool


def parse_smtp_url(url: str) -> SmtpAddress:
    """The parts of COMMPLAN_SMTP_URL; ``SettingsError`` names what is wrong (never the URL)."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise SettingsError("COMMPLAN_SMTP_URL: must start with smtp:// or smtps://")
    if not parts.hostname:
        raise SettingsError("COMMPLAN_SMTP_URL: names no host")
    try:
        port = parts.port
    except ValueError:
        raise SettingsError("COMMPLAN_SMTP_URL: the port is not a number") from None
    options = parse_qs(parts.query)
    unknown = set(options) - {"starttls"}
    if unknown:
        raise SettingsError(f"COMMPLAN_SMTP_URL: unknown option {sorted(unknown)[0]!r}")
    starttls = options.get("starttls", ["auto"])[-1]
    if starttls not in ("auto", "required"):
        raise SettingsError("COMMPLAN_SMTP_URL: starttls must be required (or left out)")
    implicit = parts.scheme == "smtps"
    return SmtpAddress(
        host=parts.hostname,
        port=port or (465 if implicit else 587),
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        implicit_tls=implicit,
        starttls_required=starttls == "required",
    )


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self.ends - time.monotonic()
        if remaining <= 0:
            raise DeliveryError("smtp: the send took longer than its timeout", outage=True)
        return remaining


class SmtpSender:
    """Sends messages over one connection, opened when first needed and kept."""

    def __init__(
        self, address: SmtpAddress, timeout: float, tls: ssl.SSLContext | None = None
    ) -> None:
        self.address = address
        self.timeout = timeout
        # The system's trusted CAs (SSL_CERT_FILE adds an organisation's own).
        self.tls = tls or ssl.create_default_context()
        self._lock = threading.Lock()
        self._connection: smtplib.SMTP | None = None
        self._used = 0.0
        self.connections = 0  # opened so far (the benchmark and the tests read it)

    def send(self, message: EmailMessage, sender: str, recipient: str) -> None:
        """Deliver ``message`` to ``recipient`` or raise ``DeliveryError``: permanent only when
        the server says the mailbox does not exist (RCPT 550, 551, 553 or a 5.1.x status);
        temporary for everything else (4xx greylisting, a relay's 5xx, timeouts, broken
        connections), which the outbox retries with backoff."""
        data = message.as_bytes(policy=SMTP)
        deadline = _Deadline(self.timeout)
        with self._lock:
            fresh = self._connection is None or time.monotonic() - self._used > IDLE_SECONDS
            try:
                connection = self._connect(deadline) if fresh else self._reuse(deadline)
                try:
                    self._transaction(connection, data, sender, recipient, deadline)
                except smtplib.SMTPServerDisconnected:
                    if fresh:
                        raise
                    # The kept connection had been dropped (before MAIL was answered: nothing
                    # was accepted): once more on a new one.
                    connection = self._connect(deadline)
                    self._transaction(connection, data, sender, recipient, deadline)
                self._used = time.monotonic()
            except DeliveryError:
                self._drop()
                raise
            except smtplib.SMTPResponseException as err:
                self._after_refusal(err)
                raise _delivery_error(err) from None
            except smtplib.SMTPRecipientsRefused as err:
                self._used = time.monotonic()
                code, answer = next(iter(err.recipients.values()))
                raise DeliveryError(
                    f"smtp RCPT: {code} {_text(answer)}",
                    permanent=_no_such_mailbox(code, _text(answer)),
                    code=f"smtp {code}",
                ) from None
            except (smtplib.SMTPException, OSError) as err:
                self._drop()
                raise DeliveryError(f"smtp: {type(err).__name__}: {err}", outage=True) from None

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                with contextlib.suppress(smtplib.SMTPException, OSError):
                    self._connection.quit()
            self._drop()

    def _connect(self, deadline: _Deadline) -> smtplib.SMTP:
        self._drop()
        address = self.address
        connection: smtplib.SMTP
        if address.implicit_tls:
            connection = smtplib.SMTP_SSL(
                address.host, address.port, timeout=deadline.left(), context=self.tls
            )
        else:
            connection = smtplib.SMTP(address.host, address.port, timeout=deadline.left())
        self._connection = connection
        self.connections += 1
        self._step(connection, deadline)
        connection.ehlo()
        encrypted = address.implicit_tls
        if not encrypted and connection.has_extn("starttls"):
            self._step(connection, deadline)
            connection.starttls(context=self.tls)
            self._step(connection, deadline)
            connection.ehlo()
            encrypted = True
        if not encrypted and address.starttls_required:
            self._drop()
            raise DeliveryError("smtp: the server does not offer STARTTLS (starttls=required)")
        if address.user:
            if not encrypted:
                self._drop()
                raise DeliveryError(
                    "smtp: refusing to send the password unencrypted (the server offers no "
                    "STARTTLS; use smtps://)",
                    permanent=True,
                )
            self._step(connection, deadline)
            connection.login(address.user, address.password or "")
        return connection

    def _reuse(self, deadline: _Deadline) -> smtplib.SMTP:
        assert self._connection is not None
        self._step(self._connection, deadline)
        return self._connection

    def _transaction(
        self,
        connection: smtplib.SMTP,
        data: bytes,
        sender: str,
        recipient: str,
        deadline: _Deadline,
    ) -> None:
        """MAIL, RCPT, DATA as smtplib's sendmail does them, each within the deadline."""
        self._step(connection, deadline)
        code, answer = connection.mail(sender)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, answer, sender)
        self._step(connection, deadline)
        code, answer = connection.rcpt(recipient)
        if code not in (250, 251):
            connection.rset()
            raise smtplib.SMTPRecipientsRefused({recipient: (code, answer)})
        self._step(connection, deadline)
        code, answer = connection.data(data)
        if code != 250:
            connection.rset()
            raise smtplib.SMTPDataError(code, answer)

    @staticmethod
    def _step(connection: smtplib.SMTP, deadline: _Deadline) -> None:
        """What is left of the deadline becomes the socket's timeout for the next step."""
        left = deadline.left()
        connection.timeout = left
        if connection.sock is not None:
            connection.sock.settimeout(left)

    def _after_refusal(self, err: smtplib.SMTPResponseException) -> None:
        """A refused MAIL or DATA leaves the conversation usable (RSET was sent); a refused
        login or a 421 (the server is closing) does not."""
        if isinstance(err, smtplib.SMTPAuthenticationError) or err.smtp_code == 421:
            self._drop()
        else:
            self._used = time.monotonic()

    def _drop(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(OSError):
                self._connection.close()
        self._connection = None


def _text(answer: bytes | str) -> str:
    return answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer


def _delivery_error(err: smtplib.SMTPResponseException) -> DeliveryError:
    step = {
        smtplib.SMTPSenderRefused: "MAIL",
        smtplib.SMTPDataError: "DATA",
        smtplib.SMTPAuthenticationError: "AUTH",
    }.get(type(err), "SMTP")
    message = f"smtp {step}: {err.smtp_code} {_text(err.smtp_error)}"
    # A refused MAIL, DATA or login is the server's (or a relay's) state, not the recipient's:
    # retried with backoff, and after the outbox's attempts it fails and the owner is told.
    # A refused MAIL FROM or login, or a 421 (closing), is the server's state whoever the
    # recipient: an outage (scheduler/breaker.py). A refused DATA may be about this message.
    connect = isinstance(err, smtplib.SMTPConnectError)
    outage = connect or step in ("MAIL", "AUTH") or err.smtp_code == 421
    return DeliveryError(message, code=f"smtp {err.smtp_code}", outage=outage)


# RCPT answers that mean the address does not exist: no retry will make it exist.
_NO_MAILBOX = frozenset({550, 551, 553})


def _no_such_mailbox(code: int, answer: str) -> bool:
    """An RCPT refusal that no retry cures: 550/551/553, or any 5xx with a 5.1.x enhanced status
    (bad destination mailbox, RFC 3463). A 5xx without one (a relay's 554 "try later") and every
    4xx (greylisting: 450, 451, 452) are worth trying again."""
    if not 500 <= code < 600:
        return False
    return code in _NO_MAILBOX or answer.lstrip().startswith("5.1.")
