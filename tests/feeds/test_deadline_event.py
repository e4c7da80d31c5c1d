"""One deadline as the feeds write it (``deadline_event``, the e-mail reminder's attachment):
the same event the team's feed has for the activity, so that a calendar subscribed to the feed
merges the two, but all-day on the day asked for and with no alarms (the e-mail reminds)."""

from __future__ import annotations

import datetime as dt

import icalendar
import time_machine
from sqlalchemy import select

from bot.feeds.calendar import CalendarHead, calendar_text
from bot.services import Services
from bot.services.actor import Actor
from bot.services.feeds import deadline_event
from storage.models import Activity, Origin
from tests.shown import shown

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
MARCH = dt.datetime(2027, 3, 10, 9, 0, tzinfo=dt.UTC)


def _event(text: str) -> icalendar.cal.Component:
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    return event


def test_a_deadline_event_is_the_feeds_event_without_alarms(services: Services) -> None:
    with time_machine.travel(MARCH, tick=False):
        services.teams.add("Skole", CLI, slug="skole")
        services.plans.create("Plan", "skole", CLI, language="da")
        saved = services.activities.add(
            "Plan", "Forældrebrev", CLI, team="skole", fields={"when": "1. april 2027"}
        )
    # Changed a day later: created, modified and the sequence all differ from the start.
    with time_machine.travel(MARCH + dt.timedelta(days=1), tick=False):
        view = services.activities.edit(saved.activity.id, {"activity": "Brev"}, CLI).activity
        token = shown(services.feeds.team_link("skole", CLI).url).rsplit("/", 1)[1]
        feed = services.feeds.open(token.removesuffix(".ics"))
        assert feed is not None and feed.body is not None
        in_feed = _event(feed.body)
        with services.context.sessions() as session:
            row = session.scalars(select(Activity).where(Activity.id == view.id)).one()
            created, modified, sequence = row.created_at, row.updated_at, row.sequence
        head = CalendarHead(name=view.plan_name, description=view.plan_name, language="da")
        text = calendar_text(
            head,
            [
                deadline_event(
                    view,
                    dt.date(2027, 4, 1),
                    "da",
                    created=created,
                    modified=modified,
                    sequence=sequence,
                )
            ],
        )
    attached = _event(text)
    for field in ("UID", "SUMMARY", "SEQUENCE", "DTSTAMP", "LAST-MODIFIED", "STATUS"):
        assert str(attached.get(field)) == str(in_feed.get(field)), field
    assert attached.decoded("DTSTART") == in_feed.decoded("DTSTART") == dt.date(2027, 4, 1)
    assert in_feed.walk("VALARM"), "the feed's event reminds"
    assert attached.walk("VALARM") == []
