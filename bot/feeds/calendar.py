"""A feed's calendar: one VEVENT per activity deadline, built from plain values.

Every date is an all-day DATE and every moment is UTC, so the feed carries no VTIMEZONE: the
VTIMEZONE that icalendar 7 generates for Europe/Berlin was read an hour off by vobject and by
ical.js in a trial here, and a deadline is a day, not a moment.

A window ("Våren 2027") is shown on its due day, not across its days: the deadline is what a
calendar must show, a bar across three months would cover every day of a month view and hide the
deadlines that matter, and the reminders (VALARMs) belong to the due day. The description names
the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bot.feeds.ical import Writer, duration, utc_stamp
from bot.texts import t
from config.languages import Language

PRODID = "-//commplan//commplan feeds//EN"
# How often a calendar app should fetch the feed again. Outlook and Apple honour it; Google
# refreshes subscriptions on its own schedule (8 to 24 hours) whatever it says.
REFRESH = dt.timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Alarm:
    days_before: int
    hour: int  # local hour of the due day's calendar, as the chat reminder


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One activity's deadline as the feed shows it."""

    uid: str
    activity_id: int
    title: str
    language: Language
    day: dt.date  # the (first) due day
    rrule: str | None  # for a recurring activity
    window: tuple[dt.date, dt.date] | None
    tentative: bool
    done: bool
    cancelled: bool
    plan: str
    target_group: str | None
    message: str | None
    channel: str | None
    when_text: str | None
    responsible: str | None
    sequence: int
    created: dt.datetime
    modified: dt.datetime
    alarms: tuple[Alarm, ...]


@dataclass(frozen=True, slots=True)
class CalendarHead:
    name: str
    description: str
    language: Language


def _summary(event: FeedEvent) -> str:
    if event.cancelled:
        return t("feed.cancelled_mark", event.language, title=event.title)
    if event.done:
        return t("feed.done_mark", event.language, title=event.title)
    return event.title


def _description(event: FeedEvent) -> str:
    language = event.language
    lines: list[str] = []

    def add(key: str, value: str | None) -> None:
        if value and value.strip():
            lines.append(f"{t(key, language)}: {value.strip()}")

    add("feed.target_group", event.target_group)
    add("feed.message", event.message)
    add("feed.channel", event.channel)
    add("feed.responsible", event.responsible)
    add("feed.when", event.when_text)
    if event.window is not None:
        first, last = event.window
        add("feed.period", f"{first.isoformat()} – {last.isoformat()}")
    if event.cancelled:
        add("feed.status", t("feed.status.cancelled", language))
    elif event.done:
        add("feed.status", t("feed.status.done", language))
    add("feed.plan", event.plan)
    lines.append(t("feed.reference", language, id=event.activity_id))
    return "\n".join(lines)


def _alarm_text(event: FeedEvent, days: int) -> str:
    if days == 0:
        return t("feed.alarm.today", event.language, title=event.title)
    if days == 1:
        return t("feed.alarm.tomorrow", event.language, title=event.title)
    return t("feed.alarm.days", event.language, title=event.title, days=days)


def event_text(event: FeedEvent) -> str:
    """One VEVENT, CRLF line ends, folded: a piece of ``calendar_text``."""
    out = Writer()
    out.begin("VEVENT")
    out.text("UID", event.uid)
    # DTSTAMP is the moment this version of the event was made, not the moment of the request:
    # the same data then gives the same bytes, and ETags stay meaningful.
    out.raw("DTSTAMP", utc_stamp(event.modified))
    out.raw("CREATED", utc_stamp(event.created))
    out.raw("LAST-MODIFIED", utc_stamp(event.modified))
    out.raw("SEQUENCE", str(event.sequence))
    out.date("DTSTART", event.day)
    out.date("DTEND", event.day + dt.timedelta(days=1))
    if event.rrule:
        out.raw("RRULE", event.rrule)
    out.text("SUMMARY", _summary(event))
    out.text("DESCRIPTION", _description(event))
    if event.cancelled:
        status = "CANCELLED"
    elif event.tentative and not event.done:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    out.raw("STATUS", status)
    # A deadline does not make anyone busy.
    out.raw("TRANSP", "TRANSPARENT")
    out.raw("CLASS", "PRIVATE")
    if not event.done and not event.cancelled:
        for alarm in event.alarms:
            out.begin("VALARM")
            out.raw("ACTION", "DISPLAY")
            out.text("DESCRIPTION", _alarm_text(event, alarm.days_before))
            # Relative to the all-day start (local midnight of the due day).
            trigger = dt.timedelta(days=-alarm.days_before, hours=alarm.hour)
            out.raw("TRIGGER", duration(trigger))
            out.end("VALARM")
    out.end("VEVENT")
    return out.result()


def calendar_text(head: CalendarHead, events: Iterable[str]) -> str:
    """The whole VCALENDAR around ``events`` (each from ``event_text``)."""
    out = Writer()
    out.begin("VCALENDAR")
    out.raw("VERSION", "2.0")
    out.text("PRODID", PRODID)
    out.raw("CALSCALE", "GREGORIAN")
    out.raw("METHOD", "PUBLISH")
    out.text("NAME", head.name)
    out.text("X-WR-CALNAME", head.name)
    out.text("DESCRIPTION", head.description)
    out.text("X-WR-CALDESC", head.description)
    out.raw("REFRESH-INTERVAL;VALUE=DURATION", duration(REFRESH))
    out.raw("X-PUBLISHED-TTL", duration(REFRESH))
    head_text = out.result()
    return head_text + "".join(events) + "END:VCALENDAR\r\n"
