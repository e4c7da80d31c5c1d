"""Meeting calendars: the organisation's bodies that meet, the days they meet, and the
activities whose "when" is tied to those meetings ("Før hvert udvalgsmøde", "Inför
kommunfullmäktiges sammanträde", "After each board meeting").

Such a text is read as on trigger (bot/timing/meetings.py); here it is dated by the calendar of
the body it names (an alias found in the text, the longest if several): before a meeting, due
the plan's ``meeting_before_working_days`` working days before it; after one, due the working
day after. The activity's deadline is the next such day; marking it done moves it to the one
after (as a recurrence moves on). A meeting added or moved dates the activities again. Without
a matching calendar the text stays on trigger, and an import asks the plan's owner to add the
meetings. A steering group's own weekly meeting day (`steering set --meets`) is the calendar of
"styregruppemøde", "styrgruppsmöte", "steering group meeting".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import icalendar
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, object_session, selectinload

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid, NotFound
from bot.services.permissions import Gate, Permission
from bot.timing import MeetingText, normalised, read_meeting, read_timing
from storage.database import transaction
from storage.models import Activity, AuditEntry, Meeting, MeetingAlias, MeetingBody, Plan
from storage.repositories import audit, steering
from storage.repositories.activities import CLOSED_STATUSES
from storage.repositories.keys import slugify
from storage.rules.policy import ReminderPolicy
from storage.rules.timing import Timing, TimingKind
from storage.rules.workdays import working_days

# An iCalendar file or URL larger than this is refused before it is read.
MAX_ICAL_BYTES = 2_000_000
FETCH_TIMEOUT_SECONDS = 15
# A body's calendar holds at most this many meetings (a weekly body for forty years).
MAX_MEETINGS = 2_000
# A steering group's weekly meetings are looked at this far ahead.
STEERING_DAYS_AHEAD = 400
STEERING_WORDS = ("styregruppe", "styrgrupp", "steering group", "steering committee")
# The stems of meeting words an activity's "when" holds, to find the activities to date again.
# "_" stands for the one letter that is not ASCII ("møde", "möte"): SQLite's LIKE folds the
# case of ASCII letters only, so "%møde%" misses "UDVALGSMØDE"; any letter there is a wider net
# ("mode" too), and the reader decides (``replan``).
_MEETING_STEMS = ("m_de", "sammantr", "m_te", "meeting", "session")


@dataclass(frozen=True, slots=True)
class MeetingBodyView:
    slug: str
    name: str
    aliases: tuple[str, ...]
    days: tuple[dt.date, ...]
    # How many activities were dated again by the change that returned this view.
    replanned: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "aliases": list(self.aliases),
            "meetings": [day.isoformat() for day in self.days],
            "replanned": self.replanned,
        }

    @classmethod
    def of(cls, body: MeetingBody, replanned: int = 0) -> MeetingBodyView:
        return cls(
            body.slug,
            body.name,
            tuple(alias.name for alias in body.aliases),
            tuple(sorted(meeting.day for meeting in body.meetings)),
            replanned,
        )


def _key(name: str) -> str:
    return normalised(name)[:200]


def _body_of(session: Session, phrase: str) -> MeetingBody | None:
    """The body whose alias the meetings' phrase names: "udvalgsmøde" in "udvalgsmøde",
    "kommunfullmäktige" in "kommunfullmäktiges sammanträde"; the longest alias wins."""
    found: MeetingAlias | None = None
    for alias in session.scalars(select(MeetingAlias)):
        if re.search(rf"(?<!\w){re.escape(alias.key)}", phrase) and (
            found is None or len(alias.key) > len(found.key)
        ):
            found = alias
    return found.body if found is not None else None


def _steering_days(session: Session, plan: Plan, phrase: str, today: dt.date) -> list[dt.date]:
    """The plan's steering group's weekly meeting days, when the text names its meetings."""
    if plan.steering_group_id is None:
        return []
    group = steering.by_id(session, plan.steering_group_id)
    if group is None or group.meeting_weekday is None:
        return []
    if not any(word in phrase for word in STEERING_WORDS):
        return []
    first = today + dt.timedelta(days=(group.meeting_weekday - today.weekday()) % 7)
    return [first + dt.timedelta(weeks=n) for n in range(STEERING_DAYS_AHEAD // 7)]


@dataclass(frozen=True, slots=True)
class Tied:
    """An activity's "when" tied to meetings: what it names, and the due days they give."""

    meetings: MeetingText
    dues: tuple[dt.date, ...]


def tied(
    session: Session, plan: Plan, when: str | None, policy: ReminderPolicy, today: dt.date
) -> Tied | None:
    """The due days ``when`` gets from the meeting calendars (none: no calendar matches), or
    None when the text names no meetings."""
    meetings = read_meeting(normalised(when)) if when else None
    if meetings is None:
        return None
    body = _body_of(session, meetings.phrase)
    days = [m.day for m in body.meetings] if body is not None else []
    if not days:
        days = _steering_days(session, plan, meetings.phrase, today)
    workdays = working_days(plan.country)
    if meetings.relation == "before":
        lead = policy.meeting_before_working_days
        dues = {workdays.back(day, lead) if lead else workdays.on_or_before(day) for day in days}
    else:
        dues = {workdays.add(day, 1) for day in days}
    return Tied(meetings, tuple(sorted(dues)))


def _policy(plan: Plan, activity: Activity | None) -> ReminderPolicy:
    layers = [plan.reminder_policy, activity.reminder_policy if activity is not None else None]
    return ReminderPolicy.merged(*layers)


def date_by_meetings(
    activity: Activity, plan: Plan, today: dt.date, *, after: dt.date | None = None
) -> Tied | None:
    """Date an activity read as on trigger whose "when" names meetings: its next due day from
    today (and after ``after``, an occurrence already done). Returns what it is tied to (None:
    no meetings named)."""
    session = object_session(plan)
    if session is None or activity.timing_kind is not TimingKind.ON_TRIGGER:
        return None
    found = tied(session, plan, activity.when_text, _policy(plan, activity), today)
    if found is None:
        return None
    coming = [due for due in found.dues if due >= today and (after is None or due > after)]
    if coming:
        note = activity.timing.note
        activity.timing = Timing(TimingKind.DATE, coming[0], coming[0], None, False, note)
        activity.next_due = coming[0]
    return found


def next_meeting_due(activity: Activity, after: dt.date) -> dt.date | None:
    """The due day after ``after`` of an activity tied to meetings (Done moves it on), or None
    when it is not tied to any or no meeting is left."""
    session = object_session(activity)
    if session is None or activity.timing_kind is not TimingKind.DATE:
        return None
    plan = activity.plan
    found = tied(session, plan, activity.when_text, _policy(plan, activity), after)
    if found is None:
        return None
    return next((due for due in found.dues if due >= after), None)


def _stems_filter() -> Any:
    return or_(*(Activity.when_text.ilike(f"%{stem}%") for stem in _MEETING_STEMS))


def _add_days(body: MeetingBody, days: list[dt.date]) -> None:
    """The days written by hand that the body has no meeting on yet (a meeting from an
    iCalendar file, with its UID, is not one written by hand)."""
    have = {meeting.day for meeting in body.meetings if meeting.uid is None}
    for day in days:
        if day not in have:
            body.meetings.append(Meeting(day=day))
            have.add(day)


class MeetingService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def add(
        self,
        body: str,
        actor: Actor,
        *,
        dates: Sequence[str] = (),
        ical: str | None = None,
        aliases: Sequence[str] = (),
    ) -> MeetingBodyView:
        """Add meetings to ``body`` (made if new, its name its first alias): days as written
        (``dates``), or an iCalendar file or URL (``ical``; read again, a meeting keeps its UID,
        so a moved one moves). The activities tied to its meetings are dated again."""
        name = " ".join(body.split())
        if not name:
            raise Invalid("error.empty_name")
        if not dates and ical is None and not aliases:
            raise Invalid("meeting.error.nothing")
        today = self.context.today()
        days = [_day(text, today) for part in dates for text in part.split(",") if text.strip()]
        events = _events(self._ical_bytes(ical), self.context.settings.timezone) if ical else None

        def change(session: Session) -> tuple[MeetingBody, dict[str, Any]]:
            found = _find(session, name)
            names = aliases
            if found is None:
                found = MeetingBody(slug=slugify(name), name=name[:200])
                session.add(found)
                names = (name, *aliases)
            for alias in names:
                self._alias(session, found, alias)
            _add_days(found, days)
            if events is not None:
                _merge_events(found, events)
            if len(found.meetings) > MAX_MEETINGS:
                raise Invalid("meeting.error.too_many", limit=MAX_MEETINGS)
            details = {
                "body": found.slug,
                "dates": [day.isoformat() for day in days],
                "ical": ical,
                "events": len(events or {}),
            }
            return found, details

        return self._change(actor, "meeting.add", change)

    def alias(self, body: str, name: str, actor: Actor) -> MeetingBodyView:
        """Another name plans use for ``body``'s meetings ("udvalgsmøde", "board meeting")."""

        def change(session: Session) -> tuple[MeetingBody, dict[str, Any]]:
            found = _find(session, body)
            if found is None:
                raise NotFound("meeting.error.unknown_body", name=body)
            self._alias(session, found, name)
            return found, {"body": found.slug, "alias": name}

        return self._change(actor, "meeting.alias", change)

    def _change(
        self,
        actor: Actor,
        action: str,
        change: Callable[[Session], tuple[MeetingBody, dict[str, Any]]],
    ) -> MeetingBodyView:
        """The admin's change to a body's meetings or names, in one transaction: the gate,
        the change, the activities tied to meetings dated again, and the audit entry (the
        change's details and how many activities moved)."""
        with transaction(self.context.sessions) as session:
            self.gate.require(
                session, actor, Permission.ADMINISTER, action=action, entity=("meeting", None)
            )
            found, details = change(session)
            session.flush()
            replanned = replan(session, self.context)
            audit.record(
                session,
                action=action,
                entity="meeting_body",
                entity_id=found.id,
                **actor.audit_fields(),
                details={**details, "replanned": replanned},
            )
            return MeetingBodyView.of(found, replanned)

    def list(self) -> list[MeetingBodyView]:
        with self.context.sessions() as session:
            bodies = session.scalars(
                select(MeetingBody)
                .options(selectinload(MeetingBody.aliases), selectinload(MeetingBody.meetings))
                .order_by(MeetingBody.slug)
            )
            return [MeetingBodyView.of(body) for body in bodies]

    def _alias(self, session: Session, body: MeetingBody, name: str) -> None:
        name = " ".join(name.split())
        key = _key(name)
        if not key:
            raise Invalid("error.empty_name")
        taken = session.scalars(select(MeetingAlias).where(MeetingAlias.key == key)).first()
        if taken is not None and taken.body is not body:
            raise Invalid("meeting.error.alias_taken", name=name, body=taken.body.name)
        if taken is None and all(alias.key != key for alias in body.aliases):
            body.aliases.append(MeetingAlias(name=name[:200], key=key))

    def _ical_bytes(self, source: str) -> bytes:
        """The iCalendar file or URL, refused over MAX_ICAL_BYTES before it is read whole."""
        if re.match(r"https?://", source):
            return _fetch(source)
        path = Path(source)
        if not path.is_file():
            raise Invalid("meeting.error.no_file", path=source)
        size = path.stat().st_size
        if size > MAX_ICAL_BYTES:
            raise Invalid("meeting.error.too_large", size=size, limit=MAX_ICAL_BYTES)
        return path.read_bytes()


def replan(session: Session, context: Context) -> int:
    """Date again every open activity whose "when" may name meetings (after a meeting, an
    alias or a steering group's meeting day changed); how many moved. An occurrence already
    marked done stays done: the next due day is after it."""
    moved = 0
    candidates = session.scalars(
        select(Activity)
        .where(
            Activity.status.not_in(CLOSED_STATUSES),
            Activity.timing_kind.in_((TimingKind.ON_TRIGGER, TimingKind.DATE)),
            _stems_filter(),
        )
        .options(selectinload(Activity.plan))
    ).all()
    done = _done_through(session, [activity.id for activity in candidates])
    for activity in candidates:
        plan = activity.plan
        today = context.today(plan.time_zone)
        before = activity.next_due
        reading = read_timing(
            activity.when_text or "", language=plan.language, today=today, country=plan.country
        )
        if reading.kind is not TimingKind.ON_TRIGGER:
            continue  # a date of its own ("14/3 (før udvalgsmødet)")
        activity.timing = reading
        activity.next_due = None
        last_done = done.get(activity.id)
        date_by_meetings(activity, plan, today, after=last_done)
        if activity.next_due != before:
            activity.sequence += 1
            moved += 1
    return moved


def _done_through(session: Session, ids: Sequence[int]) -> dict[int, dt.date]:
    """The last occurrence marked done of each activity tied to meetings, from the audit of
    "done" (which names the occurrence it closed): such an activity moves on rather than
    closes, so nothing else remembers it."""
    if not ids:
        return {}
    found: dict[int, dt.date] = {}
    entries = session.execute(
        select(AuditEntry.entity_id, AuditEntry.details).where(
            AuditEntry.action == "activity.done",
            AuditEntry.entity == "activity",
            AuditEntry.entity_id.in_(ids),
        )
    )
    for entity_id, details in entries:
        occurrence = (details or {}).get("occurrence")
        if entity_id is None or not isinstance(occurrence, str):
            continue
        day = dt.date.fromisoformat(occurrence)
        if entity_id not in found or day > found[entity_id]:
            found[entity_id] = day
    return found


def _find(session: Session, name: str) -> MeetingBody | None:
    """A body by its slug or one of its names."""
    by_slug = session.scalars(select(MeetingBody).where(MeetingBody.slug == slugify(name))).first()
    if by_slug is not None:
        return by_slug
    alias = session.scalars(select(MeetingAlias).where(MeetingAlias.key == _key(name))).first()
    return alias.body if alias is not None else None


def _day(text: str, today: dt.date) -> dt.date:
    """A meeting day as written: "2027-03-04", "4. marts 2027", "4/3 2027"."""
    reading = read_timing(text.strip(), today=today)
    if reading.kind is not TimingKind.DATE or reading.due is None:
        raise Invalid("meeting.error.bad_date", text=text.strip())
    return reading.due


def _fetch(url: str) -> bytes:
    try:
        with (
            httpx.Client(timeout=FETCH_TIMEOUT_SECONDS, follow_redirects=True) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != httpx.codes.OK:
                raise Invalid("meeting.error.fetch", url=url, error=response.status_code)
            declared = int(response.headers.get("content-length") or 0)
            if declared > MAX_ICAL_BYTES:
                raise Invalid("meeting.error.too_large", size=declared, limit=MAX_ICAL_BYTES)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_ICAL_BYTES:
                    raise Invalid("meeting.error.too_large", size=size, limit=MAX_ICAL_BYTES)
                chunks.append(chunk)
    except httpx.HTTPError as err:
        raise Invalid("meeting.error.fetch", url=url, error=type(err).__name__) from None
    return b"".join(chunks)


def _events(data: bytes, zone: str) -> dict[str, dt.date | None]:
    """UID -> the day of each VEVENT (None: cancelled), days in the organisation's ``zone``."""
    from zoneinfo import ZoneInfo  # noqa: PLC0415 - only here

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError:
        raise Invalid("meeting.error.unreadable_ical") from None
    events: dict[str, dt.date | None] = {}
    for number, event in enumerate(calendar.walk("VEVENT")):
        start = event.get("DTSTART")
        if start is None:
            continue
        value = start.dt
        if isinstance(value, dt.datetime):
            value = value.astimezone(ZoneInfo(zone)) if value.tzinfo else value
            value = value.date()
        uid = str(event.get("UID") or f"no-uid-{number}-{value.isoformat()}")[:255]
        cancelled = str(event.get("STATUS") or "").upper() == "CANCELLED"
        events[uid] = None if cancelled else value
    if not events:
        raise Invalid("meeting.error.no_events")
    return events


def _merge_events(body: MeetingBody, events: dict[str, dt.date | None]) -> None:
    """The calendar as the file says: a UID seen again moves to its new day, one missing or
    cancelled is gone; meetings added by day (no UID) stay."""
    by_uid = {meeting.uid: meeting for meeting in body.meetings if meeting.uid is not None}
    for uid, day in events.items():
        meeting = by_uid.pop(uid, None)
        if day is None:
            if meeting is not None:
                body.meetings.remove(meeting)
        elif meeting is None:
            body.meetings.append(Meeting(day=day, uid=uid))
        else:
            meeting.day = day
    for gone in by_uid.values():
        body.meetings.remove(gone)
