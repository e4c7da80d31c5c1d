"""A reminder's deadline as an iCalendar attachment, written as the calendar feeds write it.

The event has the feed's UID for the activity (bot/services/feeds.py), so a calendar that
subscribes to the feed too merges the two instead of showing the deadline twice; an all-day
DATE, no alarms (the e-mail is the reminder) and PUBLISH: an entry to add, not an invitation.
"""

from __future__ import annotations

import datetime as dt

from bot.feeds.calendar import CalendarHead, Entry, calendar_text, event_text
from bot.services import Services
from bot.services.feeds import _uid as feed_uid
from bot.services.views import ActivityView
from config.languages import Language
from storage.models import Activity

FILENAME = "commplan.ics"


def deadline_calendar(
    services: Services, view: ActivityView, day: dt.date, language: Language
) -> str | None:
    """The VCALENDAR of ``view``'s deadline on ``day``; None when the activity is gone."""
    with services.context.sessions() as session:
        activity = session.get(Activity, view.id)
        if activity is None:
            return None
        created, modified, sequence = activity.created_at, activity.updated_at, activity.sequence
    entry = Entry(
        uid=feed_uid(view.id, created),
        activity_id=view.id,
        title=view.title,
        language=language,
        day=day,
        rrule=None,
        window=None,
        tentative=view.timing.tentative,
        done=view.status == "done",
        cancelled=view.status == "cancelled",
        plan=view.plan_name,
        target_group=view.target_group,
        message=view.message,
        channel=view.channel,
        when_text=view.when,
        responsible=", ".join(view.responsible_people) or view.responsible,
        sequence=sequence,
        created=created,
        modified=modified,
        alarms=(),
    )
    head = CalendarHead(name=view.plan_name, description=view.plan_name, language=language)
    return calendar_text(head, [event_text(entry)])
