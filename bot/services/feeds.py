"""Calendar feeds: serving a team's or a person's iCal feed, and issuing and rotating its URL."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.feeds.cache import EventCache
from bot.feeds.calendar import Alarm, CalendarHead, FeedEvent, calendar_text, event_text
from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid
from bot.services.people import require_person
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_team
from bot.services.views import ActivityView
from bot.texts import t
from config.languages import Language, as_language
from storage.database import transaction
from storage.models import ActivityStatus, Team
from storage.repositories import audit, feeds
from storage.repositories import teams as team_repo
from storage.rules.occurrences import calendar_rule, due_day, first_due, recurrence_anchor
from storage.rules.policy import effective_policy
from storage.rules.timing import Timing, TimingKind
from storage.tokens import MAX_TOKEN_LENGTH, new_token_pair, same_token, token_digest
from storage.types import utcnow

# Cancelled activities stay in the feed this long, with STATUS:CANCELLED, so that a calendar
# that imported the event sees it cancelled rather than silently keeping it.
CANCELLED_KEPT = dt.timedelta(days=30)
# Part of every ETag: bump it when the feed's output changes, so that every client fetches anew.
FORMAT_VERSION = "4"  # 2: deadlines on working days; 3: events linked to the plan page; 4: no
# longer (only the page token's digest is kept: storage/tokens.py)

Kind = Literal["team", "person"]


@dataclass(frozen=True, slots=True)
class FeedOwner:
    kind: Kind
    id: int
    name: str
    language: Language
    person_language: Language | None  # a person's own locale labels their feed

    @property
    def scope(self) -> feeds.Scope:
        if self.kind == "team":
            return feeds.Scope(team_id=self.id)
        return feeds.Scope(person_id=self.id)


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed's answer: ``body`` is None when the client's copy (``If-None-Match``) is current."""

    etag: str
    last_modified: dt.datetime | None
    body: str | None


@dataclass(frozen=True, slots=True)
class _Head:
    """What a feed's ETag is made of, and the ETag."""

    owner: FeedOwner
    plans: dict[int, feeds.FeedPlan]
    etag: str
    now: dt.datetime


@dataclass(frozen=True, slots=True)
class FeedLink:
    """Where a calendar app subscribes: the https URL, and the webcal:// form Apple and Outlook
    open directly. ``url`` is None when the feed was made before: only its token's digest is
    kept (storage/tokens.py), so its URL is shown once, when made or rotated."""

    owner: str
    url: str | None

    @property
    def webcal(self) -> str | None:
        return None if self.url is None else "webcal://" + self.url.split("://", 1)[1]

    def as_json(self) -> dict[str, str | None]:
        return {"owner": self.owner, "url": self.url, "webcal": self.webcal}


def etag_matches(header: str | None, etag: str) -> bool:
    """``If-None-Match`` holds ``etag`` (weak comparison, RFC 9110 13.1.2) or is ``*``."""
    if not header:
        return False
    wanted = etag.removeprefix("W/")
    for part in header.split(","):
        candidate = part.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False


class FeedService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)
        # Characters, not bytes: Danish and Swedish text is mostly one byte a character.
        self._cache = EventCache(context.settings.feed_cache_mb * 1_000_000)

    # Serving

    def find_owner(self, session: Session, token: str) -> FeedOwner | None:
        """Whose feed ``token`` opens, or None.

        The same work for a hit and a miss: both lookups by digest, then one constant-time
        comparison; so the time taken tells nothing of how near a guess came to a real token.
        """
        if len(token) > MAX_TOKEN_LENGTH:
            return None
        holders = feeds.holders_by_token_digest(session, token_digest(token))
        default = self.context.settings.language
        for holder in holders:
            if not same_token(holder.token_hash, token) or not holder.active:
                continue
            if holder.kind == "team":
                return FeedOwner("team", holder.id, holder.name, default, None)
            locale = as_language(holder.locale, default) if holder.locale else None
            return FeedOwner("person", holder.id, holder.name, locale or default, locale)
        # A miss compares as much as a hit: the time tells nothing of how near the guess was.
        same_token(None, token)
        return None

    def open(self, token: str, if_none_match: str | None = None) -> Feed | None:
        """The feed ``token`` opens (None: no such feed, answer 404)."""
        if if_none_match:
            # Whether the client's copy is current: most requests end here. Its reads stand
            # alone (Context.single_reads: on PostgreSQL no BEGIN and ROLLBACK, two of the
            # four round trips); a full answer is read again below, in one transaction.
            with self.context.single_reads() as session:
                head = self._head(session, token)
            if head is None:
                return None
            if etag_matches(if_none_match, head.etag):
                # No Last-Modified: a 304 need not repeat it (RFC 9110 15.4.5), and it would
                # cost the scan of activities the counters exist to avoid.
                return Feed(head.etag, None, None)
        with self.context.sessions() as session:
            head = self._head(session, token)
            if head is None:
                return None
            if etag_matches(if_none_match, head.etag):  # it changed back meanwhile
                return Feed(head.etag, None, None)
            owner, feed_plans = head.owner, head.plans
            modified = feeds.last_modified(session, owner.scope, list(feed_plans.values()))
            cancelled_since = _midnight(head.now) - CANCELLED_KEPT
            keys = feeds.event_keys(session, owner.scope, list(feed_plans), cancelled_since)
            events = self._events(session, owner, feed_plans, keys)
        heading = CalendarHead(
            name=t("feed.name", owner.language, name=owner.name),
            description=t(f"feed.{owner.kind}_description", owner.language, name=owner.name),
            language=owner.language,
        )
        return Feed(head.etag, modified, calendar_text(heading, events))

    def _head(self, session: Session, token: str) -> _Head | None:
        """Whose feed ``token`` opens, the plans it draws on, their pages, and its ETag."""
        owner = self.find_owner(session, token)
        if owner is None:
            return None
        now = utcnow()
        feed_plans = {plan.id: plan for plan in feeds.plans(session, owner.scope)}
        etag = self._etag(owner, now.date(), list(feed_plans.values()))
        return _Head(owner, feed_plans, etag, now)

    def _events(
        self,
        session: Session,
        owner: FeedOwner,
        plans: Mapping[int, feeds.FeedPlan],
        keys: Sequence[feeds.EventKey],
    ) -> list[str]:
        """Each event's text: from the cache where its key is there, else rendered and kept."""
        contents = {plan.id: plan.content() for plan in plans.values()}
        cache_keys = {
            key.id: (
                FORMAT_VERSION,
                key.id,
                key.sequence,
                key.stamp,
                contents[key.plan_id],
                owner.person_language,
            )
            for key in keys
        }
        texts = {key.id: self._cache.get(cache_keys[key.id]) for key in keys}
        missing = [key.id for key in keys if texts[key.id] is None]
        if missing:
            rows = feeds.rows(session, missing)
            names = feeds.responsible_names(session, missing)
            for row in rows:
                event = self._event(owner, plans[row.plan_id], row, names.get(row.id, []))
                text = "" if event is None else event_text(event)
                self._cache.put(cache_keys[row.id], text)
                texts[row.id] = text
        return [texts[key.id] or "" for key in keys]

    def _etag(
        self,
        owner: FeedOwner,
        today: dt.date,
        feed_plans: Sequence[feeds.FeedPlan],
    ) -> str:
        # The day is part of it: cancelled activities leave the feed as days pass. The plans'
        # change counters move with every change to their activities, their responsible
        # people and the plans themselves (revision 0007's triggers), whatever the clock says;
        # a plan that joins or leaves a person's feed changes the list of ids.
        basis = "|".join(
            (
                FORMAT_VERSION,
                owner.kind,
                str(owner.id),
                owner.name,
                owner.language,
                today.isoformat(),
                ",".join(plan.version() for plan in feed_plans),
            )
        )
        return 'W/"' + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32] + '"'

    def _event(
        self,
        owner: FeedOwner,
        plan: feeds.FeedPlan,
        row: Any,
        linked: list[str],
    ) -> FeedEvent | None:
        language = owner.person_language or as_language(plan.language)
        timing = Timing(
            kind=row.timing_kind,
            start=row.timing_start,
            due=row.timing_due,
            rrule=row.timing_rrule,
            tentative=row.timing_tentative,
        )
        created_day = row.created_at.astimezone(ZoneInfo(plan.time_zone)).date()
        day, rrule, window = _placement(timing, created_day, plan.country)
        if day is None:
            return None
        return FeedEvent(
            uid=_uid(row.id, row.created_at),
            activity_id=row.id,
            title=row.title,
            language=language,
            day=day,
            rrule=rrule,
            window=window,
            tentative=row.timing_tentative,
            done=row.status is ActivityStatus.DONE,
            cancelled=row.status is ActivityStatus.CANCELLED,
            plan=plan.name,
            target_group=row.target_group,
            message=row.message,
            channel=row.channel,
            when_text=row.when_text,
            responsible=_responsible(row, linked, language),
            sequence=row.sequence,
            created=row.created_at,
            modified=row.updated_at,
            alarms=_alarms(plan.reminder_policy, row.reminder_policy),
        )

    # Issuing and rotating

    def _url(self, token: str) -> str:
        return self.context.public_url(f"ical/{token}.ics")

    def team_link(self, slug: str, actor: Actor) -> FeedLink:
        """The team's feed URL, for its members (and the admin): made on first asking and
        shown then; afterwards only that it exists (rotating gives a new one)."""
        with transaction(self.context.sessions) as session:
            team = require_team(session, slug)
            self.gate.require(
                session,
                actor,
                Permission.LINKS,
                action="feed.link",
                team_id=team.id,
                entity=("team", team.id),
            )
            return self._first_team_link(session, team, actor)

    def links_of_member(self, person_id: int, actor: Actor) -> list[FeedLink]:
        """The feeds of the person's teams (what `/commplan feed` shows them): a URL for each
        feed made now, None for one made before."""
        with transaction(self.context.sessions) as session:
            return [
                self._first_team_link(session, team, actor)
                for team, _ in team_repo.memberships(session, person_id)
            ]

    def _first_team_link(self, session: Session, team: Team, actor: Actor) -> FeedLink:
        if team.feed_token_hash is not None:
            return FeedLink(team.slug, None)
        token, team.feed_token_hash = new_token_pair()
        audit.record(
            session, action="feed.create", entity="team", entity_id=team.id, **actor.audit_fields()
        )
        return FeedLink(team.slug, self._url(token))

    def rotate_as_member(self, person_id: int, actor: Actor, team: str | None) -> FeedLink:
        """`/commplan feed rotate [TEAM]`: the team the person is in (named when several)."""
        with self.context.sessions() as session:
            teams_of = team_repo.memberships(session, person_id)
        if not teams_of:
            raise Invalid("chat.no_team")
        chosen = [t_ for t_, _ in teams_of if team is None or t_.slug == team]
        if len(chosen) != 1:
            raise Invalid("chat.which_team", teams=", ".join(t_.slug for t_, _ in teams_of))
        return self.rotate_team(chosen[0].slug, actor)

    def rotate_team(self, slug: str, actor: Actor) -> FeedLink:
        """A new token for the team's feed; the old URL stops working at once. The team's
        admins (and the organisation's) may."""
        with transaction(self.context.sessions) as session:
            team = require_team(session, slug)
            self.gate.require(
                session,
                actor,
                Permission.ROTATE,
                action="feed.rotate",
                team_id=team.id,
                entity=("team", team.id),
            )
            token, team.feed_token_hash = new_token_pair()
            audit.record(
                session,
                action="feed.rotate",
                entity="team",
                entity_id=team.id,
                **actor.audit_fields(),
            )
            return FeedLink(team.slug, self._url(token))

    def person_link(self, person: str, actor: Actor, *, rotate: bool = False) -> FeedLink:
        """The person's own feed URL, made (and shown) on first asking; ``rotate`` replaces
        it. Asked again without rotating: only that it exists (url None)."""
        with transaction(self.context.sessions) as session:
            found = require_person(session, person)
            self.gate.require_self_or_admin(session, actor, found.id, action="feed.person")
            if found.feed_token_hash is not None and not rotate:
                return FeedLink(found.name, None)
            token, found.feed_token_hash = new_token_pair()
            audit.record(
                session,
                action="feed.rotate" if rotate else "feed.create",
                entity="person",
                entity_id=found.id,
                **actor.audit_fields(),
            )
            return FeedLink(found.name, self._url(token))


def deadline_event(
    view: ActivityView,
    day: dt.date,
    language: Language,
    *,
    created: dt.datetime,
    modified: dt.datetime,
    sequence: int,
) -> str:
    """The VEVENT of one deadline of ``view`` on ``day`` as the feeds write it, with the feed's
    UID for the activity, so that a calendar subscribed to the feed too merges the two (an
    e-mail reminder's attachment): an all-day date, no alarms."""
    event = FeedEvent(
        uid=_uid(view.id, created),
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
    return event_text(event)


def _uid(activity_id: int, created: dt.datetime) -> str:
    """Stable for the activity's life, and unlike another installation's activity of the same
    number: its creation to the microsecond (a calendar merges events by UID across feeds)."""
    c = created.astimezone(dt.UTC)
    return (
        f"{activity_id}.{c.year:04d}{c.month:02d}{c.day:02d}T"
        f"{c.hour:02d}{c.minute:02d}{c.second:02d}{c.microsecond:06d}@commplan"
    )


def _midnight(moment: dt.datetime) -> dt.datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _placement(
    timing: Timing, created_day: dt.date, country: str
) -> tuple[dt.date | None, str | None, tuple[dt.date, dt.date] | None]:
    """The event's day (the deadline, as the scheduler counts it), its RRULE and the window it
    stands for."""
    if timing.kind is TimingKind.DATE:
        return timing.due, None, None
    if timing.kind is TimingKind.WINDOW:
        window = (timing.start, timing.due) if timing.start and timing.due else None
        return due_day(timing, country), None, window
    if timing.kind is TimingKind.RECURRING and timing.rrule:
        # DTSTART is the first occurrence as the scheduler counts them (a recurrence without
        # a start begins one period after it was written), fixed by the day the activity was
        # created, so the event does not move as days pass. It is an occurrence of the rule
        # itself: RFC 5545 counts DTSTART even when the rule does not produce it, dateutil not.
        first = first_due(timing, created=created_day, today=created_day, country=country)
        if first is None:
            return None, None, None
        anchor = recurrence_anchor(timing, created_day)
        return first, calendar_rule(timing, anchor), None
    return None, None, None


def _alarms(plan: dict[str, Any] | None, activity: dict[str, Any] | None) -> tuple[Alarm, ...]:
    policy = effective_policy(plan, activity)
    return tuple(Alarm(days, policy.hour) for days in sorted(set(policy.before_days), reverse=True))


def _responsible(row: Any, linked: list[str], language: Language) -> str | None:
    parts = list(linked) if linked else ([row.responsible_text] if row.responsible_text else [])
    if row.responsible_steering_group and linked:
        parts.append(t("feed.steering_group", language))
    return ", ".join(parts) or None
