"""The organisation's communication calendar: every active plan's activities by audience ×
week and by channel × week (docs/coordination.md).

Counted: activities of active plans with a deadline in the weeks asked for, done ones too (they
went out), cancelled ones not. Each person sees the count of what they may read: the plans the
permission gate lets them read (the admin: all). An activity addressing two audiences counts
under each; a name no audience holds under that name (the same name in two plans is one row);
one naming nobody under "(no audience)"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, literal, select
from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid, NotFound
from bot.services.overlaps import OverlapService, OverlapView
from bot.services.permissions import Gate, PermissionSubject, Role
from config.languages import Language, as_language
from storage.database import transaction
from storage.models import (
    Activity,
    ActivityAudience,
    ActivityName,
    ActivityStatus,
    Audience,
    AudienceAlias,
    AudienceBudget,
    IntendedOverlap,
    Origin,
    Person,
    Plan,
    PlanStatus,
)
from storage.models.link_generations import (
    ADMIN_OWNER,
    PERSON_OWNER_PREFIX,
    CalendarLinkGeneration,
    person_owner,
)
from storage.repositories import audiences, audit
from storage.repositories.audiences import fold
from storage.repositories.keys import slugify
from storage.types import utcnow

NO_AUDIENCE = "(no audience)"
MAX_WEEKS = 104


@dataclass(frozen=True, slots=True)
class CalendarRow:
    name: str
    counts: tuple[int, ...]  # one per week

    def as_json(self, key: str) -> dict[str, Any]:
        return {key: self.name, "counts": list(self.counts), "total": sum(self.counts)}


@dataclass(frozen=True, slots=True)
class CalendarView:
    weeks: tuple[dt.date, ...]  # the Mondays
    audiences: tuple[CalendarRow, ...]
    channels: tuple[CalendarRow, ...]

    @property
    def week_names(self) -> list[str]:
        return [f"{m.isocalendar()[0]}-W{m.isocalendar()[1]:02d}" for m in self.weeks]

    def as_json(self) -> dict[str, Any]:
        return {
            "weeks": self.week_names,
            "audiences": [row.as_json("audience") for row in self.audiences],
            "channels": [row.as_json("channel") for row in self.channels],
        }


def _names(session: Session) -> dict[int, str]:
    return {row[0]: row[1] for row in session.execute(select(Audience.id, Audience.name))}


def _audience_id(session: Session, names: dict[int, str], audience: str) -> int:
    """The audience ``audience`` names: by its short name, else by its name."""
    by_slug = audiences.by_slug(session, slugify(audience))
    named = [i for i, name in names.items() if fold(name) == fold(audience)]
    wanted = by_slug.id if by_slug is not None else next(iter(named), None)
    if wanted is None:
        raise NotFound("audience.error.unknown", name=audience)
    return wanted


@dataclass(frozen=True, slots=True)
class CalendarLinkGrant:
    """What a calendar link may show, before it is signed (bot/web/calendar_page.py signs it):
    the person whose reading rights apply (None: the admin's link, every plan), how many weeks,
    which audience (its short name), and until when."""

    person_id: int | None
    person: str
    weeks: int
    audience: str | None
    expires: dt.datetime
    # The owner's link generation (storage/models/link_generations.py): revoking moves it on.
    generation: int = 0


@dataclass(frozen=True, slots=True)
class CalendarReader:
    """Who reads a calendar: whose rights count, in which language; ``name`` None: the admin."""

    actor: Actor
    language: Language
    name: str | None
    # The generation a link must carry to open for this reader (``revoke_links``).
    generation: int = 0


@dataclass(frozen=True, slots=True)
class CalendarSheet:
    """The calendar page's content for one reader: the counts, and the overlaps of the weeks
    shown (of a plan the reader may not read only its team, owner, week and channel)."""

    view: CalendarView
    overlaps: tuple[OverlapView, ...]
    reader: str | None  # None: the admin's link (every plan)
    audience: str | None  # the audience's name when the link shows one
    language: Language


class _Counts:
    """The calendar's counts of one span, grouped by the database by day and audience, name,
    or channel: active plans, cancelled activities left out, done ones counted."""

    def __init__(
        self,
        session: Session,
        first: dt.date,
        last: dt.date,
        readable: set[int] | None,
        audience_id: int | None,
    ) -> None:
        self.session = session
        # The active plans the reader may read, first (a few hundred at most): the counts then
        # read the activities' index alone, without a join to the plans per activity.
        active = select(Plan.id).where(Plan.status == PlanStatus.ACTIVE)
        plans = set(session.scalars(active))
        self.plan_ids = sorted(plans if readable is None else plans & readable)
        self.where: list[ColumnElement[bool]] = [
            Activity.plan_id.in_(self.plan_ids),
            Activity.status != ActivityStatus.CANCELLED,
            Activity.next_due >= first,
            Activity.next_due <= last,
        ]
        self.audience_id = audience_id

    def _rows(
        self,
        *columns: Any,
        link: Any = None,
        group: Sequence[Any] = (),
        also: Sequence[ColumnElement[bool]] = (),
    ) -> list[Any]:
        if not self.plan_ids:
            return []
        query = select(Activity.next_due, *columns, func.count())
        if link is not None:
            query = query.join(link, link.activity_id == Activity.id)
        query = query.where(*self.where, *also)
        return list(self.session.execute(query.group_by(Activity.next_due, *group)).all())

    def _addresses(self) -> list[ColumnElement[bool]]:
        if self.audience_id is None:
            return []
        return [
            select(ActivityAudience.activity_id)
            .where(
                ActivityAudience.activity_id == Activity.id,
                ActivityAudience.audience_id == self.audience_id,
            )
            .exists()
        ]

    def audiences(self) -> list[tuple[dt.date, int, int]]:
        audience = ActivityAudience.audience_id
        only = [] if self.audience_id is None else [audience == self.audience_id]
        rows = self._rows(audience, link=ActivityAudience, group=(audience,), also=only)
        return [(d, a, n) for d, a, n in rows]

    def names(self) -> list[tuple[dt.date, str, str, int]]:
        """Per day, the names no audience holds (one row a name, however it is written)."""
        key = ActivityName.key
        rows = self._rows(key, func.min(ActivityName.name), link=ActivityName, group=(key,))
        return [(d, k, name, n) for d, k, name, n in rows]

    def unaddressed(self) -> list[tuple[dt.date, int]]:
        """Per day, the activities naming nobody (an empty target group)."""
        nobody = [
            ~select(link.activity_id).where(link.activity_id == Activity.id).exists()
            for link in (ActivityAudience, ActivityName)
        ]
        return [(d, n) for d, n in self._rows(also=nobody)]

    def channels(self) -> list[tuple[dt.date, str | None, int]]:
        """Per day and channel as written, each activity once (of the audience, when one)."""
        rows = self._rows(Activity.channel, group=(Activity.channel,), also=self._addresses())
        return [(d, c, n) for d, c, n in rows]


class CalendarService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def grid(
        self,
        actor: Actor,
        *,
        weeks: int = 8,
        first: dt.date | None = None,
        audience: str | None = None,
    ) -> CalendarView:
        """``weeks`` weeks from the week of ``first`` (today); of one audience when given.

        Counted by the database, grouped by day and audience, name or channel (a few hundred
        rows for any number of activities; the days are summed into weeks here), on the
        indexes of revision 0010."""
        weeks = max(1, min(weeks, MAX_WEEKS))
        day = first or self.context.today()
        monday = day - dt.timedelta(days=day.weekday())
        mondays = tuple(monday + dt.timedelta(weeks=n) for n in range(weeks))
        last = monday + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
        with self.context.sessions() as session:
            names = _names(session)
            wanted = None if audience is None else _audience_id(session, names, audience)
            readable = self.gate.readable_plan_ids(session, actor)  # None: every plan
            counts = _Counts(session, monday, last, readable, wanted)
            by_audience: dict[str, list[int]] = {}
            for due, audience_id, count in counts.audiences():
                row = by_audience.setdefault(names.get(audience_id, NO_AUDIENCE), [0] * weeks)
                row[(due - monday).days // 7] += count
            if wanted is None:
                spelled: dict[str, str] = {}
                for due, key, name, count in counts.names():
                    label = spelled.setdefault(key, name)
                    by_audience.setdefault(label, [0] * weeks)[(due - monday).days // 7] += count
                for due, count in counts.unaddressed():
                    row = by_audience.setdefault(NO_AUDIENCE, [0] * weeks)
                    row[(due - monday).days // 7] += count
            by_channel: dict[str, list[int]] = {}
            spelling: dict[str, str] = {}
            for due, channel, count in counts.channels():
                key = fold(channel or "") or "–"
                spelling[key] = min(
                    spelling.get(key, (channel or "–").strip()), (channel or "–").strip()
                )
                by_channel.setdefault(key, [0] * weeks)[(due - monday).days // 7] += count
        return CalendarView(
            mondays,
            tuple(CalendarRow(n, tuple(c)) for n, c in sorted(by_audience.items())),
            tuple(
                CalendarRow(spelling[k], tuple(c))
                for k, c in sorted(by_channel.items(), key=lambda item: spelling[item[0]])
            ),
        )

    def stamp(self, reader: CalendarReader) -> Hashable:
        """What a calendar page of ``reader`` is made from, in a few queries: the plans they
        may read now (a person leaving a team changes it), every plan's change counter (issue
        21's ``plans.changes``: the overlaps shown involve other plans too), the vocabulary
        (audiences, aliases, budgets) and the overlaps marked intended. The same stamp, the
        same page (bot/web/calendar_page.py keeps pages by it)."""
        with self.context.sessions() as session:
            readable = self.gate.readable_plan_ids(session, reader.actor)
            stamp = session.execute(
                select(
                    select(func.count()).select_from(Plan).scalar_subquery(),
                    select(func.coalesce(func.sum(Plan.changes), 0)).scalar_subquery(),
                    select(func.max(Plan.id)).scalar_subquery(),
                    select(func.count()).select_from(Audience).scalar_subquery(),
                    select(func.max(Audience.id)).scalar_subquery(),
                    select(func.count()).select_from(AudienceAlias).scalar_subquery(),
                    select(func.max(AudienceAlias.id)).scalar_subquery(),
                    select(func.count()).select_from(AudienceBudget).scalar_subquery(),
                    select(func.sum(AudienceBudget.per_week)).scalar_subquery(),
                    select(func.count()).select_from(IntendedOverlap).scalar_subquery(),
                )
            ).one()
        return (
            reader.actor.person_id,
            reader.language,
            None if readable is None else frozenset(readable),
            tuple(stamp),
            self.context.today(),
        )

    # The page behind a signed link (docs/coordination.md, "The calendar page")

    def grant(
        self, actor: Actor, *, weeks: int, audience: str | None, days: int
    ) -> CalendarLinkGrant:
        """A link's grant for ``actor``: their own reading rights, for ``days`` days. The
        admin at the command line (no person) gets the whole organisation's. A chat user
        linked to nobody has no rights of their own to lend a link."""
        weeks = max(1, min(weeks, MAX_WEEKS))
        with transaction(self.context.sessions) as session:
            lends = actor.person_id is not None or self.gate.holds(
                session, actor, Role.ADMIN, PermissionSubject()
            )
            if not lends:
                # Refused: nothing made, the attempt on record.
                audit.record(
                    session,
                    action="calendar.link.refused",
                    entity="person",
                    entity_id=None,
                    **actor.audit_fields(),
                    details={"reason": "not linked to a person"},
                )
        if not lends:
            raise Invalid("calendar.link_needs_person")
        with transaction(self.context.sessions) as session:
            slug = None
            if audience is not None:
                names = _names(session)
                found = session.get(Audience, _audience_id(session, names, audience))
                assert found is not None
                slug = found.slug
            expires = utcnow() + dt.timedelta(days=days)
            audit.record(
                session,
                action="calendar.link",
                entity="person",
                entity_id=actor.person_id,
                **actor.audit_fields(),
                details={"weeks": weeks, "audience": slug, "days": days},
            )
            person = session.get(Person, actor.person_id) if actor.person_id else None
            generation = _generation(session, actor.person_id)
            return CalendarLinkGrant(
                actor.person_id, person.name if person else "", weeks, slug, expires, generation
            )

    def revoke_links(self, actor: Actor) -> int:
        """Every calendar link made for ``actor`` so far stops working (the admin at the
        command line, no person: the admin's links, which show every plan); new ones work.
        Returns the new generation. COMMPLAN_LINK_SECRET stays as it is."""
        with transaction(self.context.sessions) as session:
            if actor.person_id is None and not self.gate.holds(
                session, actor, Role.ADMIN, PermissionSubject()
            ):
                raise Invalid("calendar.link_needs_person")
            owner = ADMIN_OWNER if actor.person_id is None else person_owner(actor.person_id)
            row = session.get(CalendarLinkGeneration, owner)
            if row is None:
                row = CalendarLinkGeneration(owner=owner, generation=0)
                session.add(row)
            row.generation += 1
            audit.record(
                session,
                action="calendar.link.revoke",
                entity="person",
                entity_id=actor.person_id,
                **actor.audit_fields(),
                details={"generation": row.generation},
            )
            return row.generation

    def reader(self, person_id: int | None) -> CalendarReader | None:
        """Whom a link was made for, with their reading rights as they are now (None: the
        person is gone or no longer active) and the link generation their links must carry;
        ``person_id`` None: the admin's link. One query either way (a page opened again costs
        a few: tests/web/test_calendar_cache.py)."""
        settings = self.context.settings
        with self.context.sessions() as session:
            if person_id is None:
                actor = Actor(Origin.WEB, None, "calendar link", admin=True)
                generation = _generation(session, None)
                return CalendarReader(actor, settings.language, None, generation)
            owner = literal(PERSON_OWNER_PREFIX) + cast(Person.id, String)
            found = session.execute(
                select(Person, CalendarLinkGeneration.generation)
                .outerjoin(CalendarLinkGeneration, CalendarLinkGeneration.owner == owner)
                .where(Person.id == person_id)
            ).first()
            if found is None or not found[0].active:
                return None
            person, generation = found
            actor = Actor(Origin.WEB, person.id, person.name)
            return CalendarReader(
                actor,
                as_language(person.locale or settings.language),
                person.name,
                generation or 0,
            )

    def sheet(
        self,
        reader: CalendarReader,
        *,
        weeks: int,
        audience: str | None,
        first: dt.date | None = None,
        overlaps: bool = True,
    ) -> CalendarSheet:
        """The counts ``reader`` may see and (``overlaps``) the overlaps of those weeks; of one
        audience, by short name or name, when given."""
        name = None
        if audience is not None:
            with self.context.sessions() as session:
                names = _names(session)
                name = names[_audience_id(session, names, audience)]
        view = self.grid(reader.actor, weeks=weeks, first=first, audience=audience)
        monday, days = view.weeks[0], 7 * len(view.weeks) - 1
        found = (
            OverlapService(self.context).list(reader.actor, audience=name, first=monday, days=days)
            if overlaps
            else []
        )
        return CalendarSheet(view, tuple(found), reader.name, name, reader.language)


def _generation(session: Session, person_id: int | None) -> int:
    owner = ADMIN_OWNER if person_id is None else person_owner(person_id)
    row = session.get(CalendarLinkGeneration, owner)
    return 0 if row is None else row.generation
