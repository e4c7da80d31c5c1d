"""A ``Reply`` as an e-mail: a plain-text part, an HTML part, and the deadline as .ics.

The HTML is what mail clients show safely: inline styles only (many drop <style>), no images
(nothing remote to fetch, so nothing tells a sender who opened what), every value escaped. Each
button is a link (``link_of``), in both parts. The Message-ID is made from the outbox key: a
message sent twice (a crash between sending and marking) is the same message to mail clients.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from markupsafe import Markup, escape

from bot.chat.replies import Button, Item, Reply
from bot.texts import t
from bot.texts.dates import day_text
from bot.transports.email.headers import (
    check_headers,
    configured_mailbox,
    header_text,
    mailbox,
)
from config.languages import Language
from storage.types import utcnow

MAX_SUBJECT = 150
_PAGE = (
    "font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;"
    "max-width:40rem"
)
_BUTTON = (
    "display:inline-block;margin:0 8px 8px 0;padding:8px 14px;border-radius:4px;"
    "background:#1d4f73;color:#ffffff;text-decoration:none;font-weight:bold"
)
_QUIET = "color:#555555;font-size:13px"


@dataclass(frozen=True, slots=True)
class Calendar:
    """An iCalendar object to attach (text/calendar; method=PUBLISH: to add, not to answer)."""

    filename: str
    content: str


def message_id(key: str, sender: str) -> str:
    """``<digest@domain>``: the same outbox key (and recipient) always gives the same id."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "commplan.invalid"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def subject_of(reply: Reply) -> str:
    """The reply's first line, shortened, as header text (headers.py: nothing in it can
    become a header or a line of its own)."""
    first = header_text(reply.text.split("\n", 1)[0])
    return first if len(first) <= MAX_SUBJECT else first[: MAX_SUBJECT - 1] + "…"


def _item_facts(item: Item, language: Language) -> Iterator[str]:
    view = item.activity
    if view.next_due:
        yield t("chat.due", language, date=day_text(view.next_due, language))
    elif view.when:
        yield view.when
    for detail in (view.target_group, view.channel):
        if detail:
            yield detail
    people = ", ".join(view.responsible_people) or view.responsible
    if people:
        yield people


def reply_text(reply: Reply, language: Language, link_of: Callable[[Button], str]) -> str:
    lines = [reply.text, ""]
    for section in reply.sections:
        lines.append(f"{section.heading}:")
        for item in section.items:
            flag = "!" if item.overdue else "-"
            lines.append(f" {flag} #{item.activity.id} {item.activity.title}")
            facts = " · ".join(_item_facts(item, language))
            if facts:
                lines.append(f"   {facts}")
            lines.extend(f"   {button.label}: {link_of(button)}" for button in item.buttons)
        lines.append("")
    lines.extend(reply.notes)
    lines.extend(f"  ? {name}" for name in reply.pickers)
    return "\n".join(lines).strip() + "\n"


def reply_html(reply: Reply, language: Language, link_of: Callable[[Button], str]) -> Markup:
    """The reply as HTML (for the message and the link pages alike): every value escaped."""
    parts = [f"<p>{_lines(reply.text)}</p>"]
    for section in reply.sections:
        parts.append(f'<h2 style="font-size:16px;margin:16px 0 4px">{escape(section.heading)}</h2>')
        for item in section.items:
            view = item.activity
            mark = "⚠ " if item.overdue else ""
            parts.append(f'<p style="margin:4px 0"><strong>{mark}#{view.id} {escape(view.title)}')
            parts.append("</strong><br>")
            facts = " · ".join(_item_facts(item, language))
            parts.append(f'<span style="{_QUIET}">{escape(facts)}</span></p>')
            if item.buttons:
                links = "".join(
                    f'<a href="{escape(link_of(button))}" style="{_BUTTON}">'
                    f"{escape(button.label)}</a>"
                    for button in item.buttons
                )
                parts.append(f'<p style="margin:8px 0">{links}</p>')
    parts.extend(f'<p style="{_QUIET}">{_lines(note)}</p>' for note in reply.notes)
    parts.extend(f"<p>? {escape(name)}</p>" for name in reply.pickers)
    return Markup("\n".join(parts))  # noqa: S704 - every value is escaped above


def _lines(text: str) -> Markup:
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


def build_message(
    reply: Reply,
    *,
    language: Language,
    sender: str,
    recipient: tuple[str, str],  # (name, address)
    key: str,
    link_of: Callable[[Button], str],
    footer: str,
    attachment: Calendar | None = None,
) -> EmailMessage:
    made: dict[Button, str] = {}

    def link_once(button: Button) -> str:
        """One link per button, the same in both parts (each link has its own random id)."""
        if button not in made:
            made[button] = link_of(button)
        return made[button]

    text = reply_text(reply, language, link_once)
    html = reply_html(reply, language, link_once)
    extra = t("email.calendar", language) if attachment else ""
    message = EmailMessage()
    # The only headers a person influences, the subject and the display name, go through
    # headers.py; check_headers below proves each header is still one header.
    message["Subject"] = subject_of(reply)
    message["From"] = configured_mailbox(sender)
    message["To"] = mailbox(*recipient)
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id(key, sender)
    # Tells autoresponders not to answer (RFC 3834).
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text + (f"\n{extra}\n" if extra else "") + f"\n-- \n{footer}\n")
    body = (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"></head>'
        f'<body><div style="{_PAGE}">{html}'
        + (f'<p style="{_QUIET}">{escape(extra)}</p>' if extra else "")
        + f'<hr style="border:0;border-top:1px solid #dddddd"><p style="{_QUIET}">'
        f"{escape(footer)}</p></div></body></html>"
    )
    message.add_alternative(body, subtype="html")
    if attachment is not None:
        message.add_attachment(
            attachment.content.encode(),
            maintype="text",
            subtype="calendar",
            filename=attachment.filename,
            params={"method": "PUBLISH", "charset": "utf-8"},
        )
    # Last: set_content and add_alternative move or drop the Content-* headers set before.
    message["Content-Language"] = language
    check_headers(message)
    return message
