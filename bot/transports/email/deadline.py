"""A reminder's deadline as an iCalendar attachment, written as the calendar feeds write it.

The event has the feed's UID for the activity (bot/services/feeds.py), so a calendar that
subscribes to the feed too merges the two instead of showing the deadline twice; an all-day
DATE, no alarms (the e-mail is the reminder) and PUBLISH: an entry to add, not an invitation.
The UID, SEQUENCE and timestamps come from the activity's row (``Stamps``), read for a batch
of notices at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.feeds.calendar import CalendarHead, calendar_text
from bot.services.feeds import deadline_event
from bot.services.views import ActivityView
from config.languages import Language
from storage.models import Activity

FILENAME = "commplan.ics"


@dataclass(frozen=True, slots=True)
class Stamps:
    """What the event takes from the activity's row beside its view."""

    created: dt.datetime
    modified: dt.datetime
    sequence: int


def stamps_of(session: Session, activity_ids: Collection[int]) -> dict[int, Stamps]:
    """The stamps of many activities in one query: id -> stamps (a gone one is left out)."""
    if not activity_ids:
        return {}
    rows = session.execute(
        select(Activity.id, Activity.created_at, Activity.updated_at, Activity.sequence).where(
            Activity.id.in_(activity_ids)
        )
    )
    return {id_: Stamps(created, modified, sequence) for id_, created, modified, sequence in rows}


def deadline_calendar(view: ActivityView, day: dt.date, language: Language, stamps: Stamps) -> str:
    """The VCALENDAR of ``view``'s deadline on ``day``."""
    event = deadline_event(
        view,
        day,
        language,
        created=stamps.created,
        modified=stamps.modified,
        sequence=stamps.sequence,
    )
    head = CalendarHead(name=view.plan_name, description=view.plan_name, language=language)
    return calendar_text(head, [event])
