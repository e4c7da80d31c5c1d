"""An activity's dates: its "when" read (and refused when nobody can read it), its first
deadline, and the moment a snooze lands on."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.services.errors import Invalid
from bot.services.meetings import date_by_meetings
from bot.timing import read_timing
from config.languages import as_language
from storage.models import Activity, Plan
from storage.rules.occurrences import first_due
from storage.rules.policy import ReminderPolicy
from storage.rules.quiet import outside_quiet_hours
from storage.rules.timing import TimingKind
from storage.rules.workdays import working_days

# The one refusal of a "when" nobody can read (add, edit, move; every surface).
WHEN_UNREADABLE = "error.when_unreadable"


def stripped(value: str | None) -> str | None:
    """A person's text without its surrounding blanks; None when nothing is left."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def created_day(activity: Activity, plan: Plan) -> dt.date:
    """The local day the activity was created: a recurrence without a start is anchored on it,
    in the plan's zone as the scheduler counts it (a UTC date is a day early before 01:00)."""
    return activity.created_at.astimezone(ZoneInfo(plan.time_zone)).date()


def apply_when(activity: Activity, plan: Plan, today: dt.date) -> None:
    """Read the activity's "when" text and recompute its next deadline."""
    activity.timing = read_timing(
        activity.when_text or "",
        language=as_language(plan.language),
        today=today,
        country=plan.country,
    )
    created = created_day(activity, plan) if activity.created_at else today
    activity.next_due = first_due(
        activity.timing, created=created, today=today, country=plan.country
    )
    # "Før hvert udvalgsmøde": dated by the meeting calendars, if one matches
    date_by_meetings(activity, plan, today)


def check_when(text: str | None, plan: Plan, today: dt.date, *, before: str | None = None) -> None:
    """Refuse a new "when" text the reader cannot read, rather than keep it as unknown and
    drop its reminders without a word. An empty text (no date) and the text already stored
    (a form sends it back unchanged) pass; ``when_text`` is the way to keep a free text."""
    text = stripped(text)
    if text is None or text == stripped(before):
        return
    language = as_language(plan.language)
    timing = read_timing(text, language=language, today=today, country=plan.country)
    if timing.kind is TimingKind.UNKNOWN:
        raise Invalid(WHEN_UNREADABLE, text=text)


def allowed_moment(
    moment: dt.datetime, zone: str, policy: ReminderPolicy, country: str
) -> dt.datetime:
    """``moment``, or the first moment after it outside the quiet hours (in ``zone``) on a
    working day of ``country``: the end of the quiet hours, on the next working day if need be
    (a snooze of one day on a Friday evening lands on Monday morning)."""
    landed = outside_quiet_hours(moment, zone, policy.quiet_from, policy.quiet_until)
    local = landed.astimezone(ZoneInfo(zone))
    days = working_days(country)
    if days.is_working(local.date()):
        return landed
    day = days.on_or_after(local.date())
    start = policy.quiet_until if policy.quiet_from != policy.quiet_until else 0
    return dt.datetime.combine(day, dt.time(start), tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)
