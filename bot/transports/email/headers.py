"""Header values a person can influence (a subject from an activity title, a display name),
made so that they cannot add a header or a line, whatever the Python version.

The standard library decodes RFC 2047 encoded-words in a header value given as text, and its
folder decodes them again in a quoted display name: ``=?utf-8?q?=0D=0AReply-To:_x?=`` in a title
became a real ``Reply-To:`` header (Python 3.11.7 and 3.12.1). So no text reaches the library
that it could read as an encoded-word or a line break: control characters and Unicode line
separators become spaces, and the ``=?`` that opens an encoded-word gets a zero-width space
between its two characters (the text reads the same; mail clients show it as written). Display
names go in as ``Address`` objects, never as text to be parsed. Last, ``check_headers`` folds
every header as it will be sent and refuses the message if any holds more than one line: a
library that finds a new way to decode stays harmless.
"""

from __future__ import annotations

import re
import unicodedata
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import parseaddr

# What must never reach a header: C0/C1 controls (CR, LF, NUL, tab...), DEL, and the Unicode
# line and paragraph separators some readers take for a line break.
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ENCODED_WORD_OPENER = "=?"
_DEFUSED_OPENER = "=\u200b?"
# A folded header line: a name, a colon, then continuation lines that each start with blank.
_ONE_HEADER = re.compile(rb"[!-9;-~]+:[^\r\n]*(?:\r\n[ \t][^\r\n]*)*\r\n\Z")


class UnsafeHeader(ValueError):
    """A header value that cannot be written safely (an address that is no address)."""


def header_text(value: str) -> str:
    """``value`` as one line of plain text no mail library will decode into anything else."""
    flat = " ".join(_BREAKS.sub(" ", unicodedata.normalize("NFC", value)).split())
    # One pass suffices: the replacement neither holds nor makes an opener with its neighbours.
    return flat.replace(_ENCODED_WORD_OPENER, _DEFUSED_OPENER)


def mailbox(name: str, address: str) -> Address:
    """``name <address>`` as a header object: the name is text, never parsed, and the address
    must be one plain address (no display name, no group, no line break of its own)."""
    if _BREAKS.search(address) or parseaddr(address)[1] != address.strip() or "@" not in address:
        raise UnsafeHeader(f"not a single e-mail address: {address!r}")
    username, _, domain = address.strip().rpartition("@")
    try:
        return Address(display_name=header_text(name), username=username, domain=domain)
    except ValueError as err:
        raise UnsafeHeader(f"not a single e-mail address: {address!r}") from err


def configured_mailbox(value: str) -> Address:
    """The sender as configured (``commplan <commplan@kommune.dk>``) as a header object."""
    name, address = parseaddr(value)
    return mailbox(name, address)


def check_headers(message: EmailMessage) -> None:
    """Every header as it will go over SMTP is exactly one header: raise ``UnsafeHeader``
    otherwise (the guard under the rules above, whatever the library does)."""
    for name, value in message.items():
        folded = SMTP.fold_binary(name, value)
        if not _ONE_HEADER.match(folded) or not folded.lower().startswith(name.lower().encode()):
            raise UnsafeHeader(f"the {name} header would not be one header line")
