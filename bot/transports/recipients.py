"""Who a notice is for, as every transport needs it: one read of the person or steering group.

A notice names a person, or (``person_id`` None) a steering group in its payload. Every
notifier, and the chooser between them, needs the same few facts: the reader's language (the
person's own, else the plan's, else the organisation's) and where the reader is reached on each
surface (``Destination``), read from the chat-address table, or the person's e-mail for a
surface the registry says addresses by e-mail.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from sqlalchemy import select

from bot.registry import SURFACES, Addressing
from config.languages import Language, as_language
from scheduler.notifier import Notice
from storage.models import ChatAddress, OwnerKind, Person, Plan, SteeringGroup, Surface
from storage.repositories import addresses, approvals, people

if TYPE_CHECKING:
    from bot.services import Services
    from bot.services.views import ActivityView


@dataclass(frozen=True, slots=True)
class Destination:
    """Where a message to the reader goes on one surface, and by which route (a Teams
    conversation's Bot Connector region; None where the surface has one address space)."""

    target: str
    route: str | None = None
    # A conversation the surface opened with a person before (Slack's direct-message channel).
    conversation: str | None = None


@dataclass(frozen=True, slots=True)
class Recipient:
    language: Language
    is_group: bool
    found: bool  # the person or group exists
    reach: Mapping[Surface, Destination] = field(default_factory=dict)
    preferred_surface: str | None = None
    email: str | None = None  # a person's address (a group's notices go to its members')
    name: str = ""  # a person's name (e-mail writes it beside the address)
    active: bool = True  # False: a person who left (e-mail writes to them no more)

    def on(self, surface: Surface) -> Destination | None:
        return self.reach.get(surface)


# What a steering group is reached at on a surface that addresses people by e-mail: each of its
# members (bot/transports/email/notifier.py writes to those with an address).
MEMBERS = "members"


def reach_of(
    rows: list[ChatAddress], email: str | None = None, *, group: bool = False
) -> dict[Surface, Destination]:
    """Where an owner with these chat addresses (and this e-mail) can be written to, by
    surface: only where a message can go now (a Teams person who never spoke to the app
    cannot be written to yet)."""
    by_surface = {row.surface: row for row in rows}
    found: dict[Surface, Destination] = {}
    for spec in SURFACES:
        if spec.addressing is Addressing.EMAIL:
            if email or group:
                found[spec.surface] = Destination(email or MEMBERS)
            continue
        row = by_surface.get(spec.surface.value)
        target = spec.target(row) if row is not None else None
        if row is not None and target:
            found[spec.surface] = Destination(target, row.route, row.conversation)
    return found


# Whom a notice is for, as far as its Recipient goes: the plan (its language), the person,
# or (no person) the steering group its payload names.
Who = tuple[int | None, int | None, int | None]


def who_of(notice: Notice) -> Who:
    group = notice.payload.get("steering_group_id") if notice.person_id is None else None
    return (notice.plan_id, notice.person_id, group if isinstance(group, int) else None)


def recipient_of(services: Services, notice: Notice) -> Recipient:
    return recipients_of(services, [notice])[who_of(notice)]


def recipients_of(services: Services, notices: Sequence[Notice]) -> dict[Who, Recipient]:
    """The recipients of many notices, read at once: the plans, people, steering groups and
    their chat addresses with one query each, however many notices (a claimed batch)."""
    default = services.context.settings.language
    wanted = {who_of(notice) for notice in notices}
    read = _Reads.of(services, wanted)
    return {who: read.recipient(who, default) for who in wanted}


@dataclass(frozen=True, slots=True)
class _Reads:
    """What the recipients of a batch are made of, one query each."""

    languages: Mapping[int, str | None]  # by plan
    people: Mapping[int, Person]
    groups: set[int]  # the steering groups that exist
    person_rows: Mapping[int, list[ChatAddress]]
    group_rows: Mapping[int, list[ChatAddress]]

    @classmethod
    def of(cls, services: Services, wanted: set[Who]) -> _Reads:
        plan_ids = {plan for plan, _, _ in wanted if plan}
        person_ids = {person for _, person, _ in wanted if person is not None}
        group_ids = {group for _, person, group in wanted if person is None and group is not None}
        with services.context.sessions() as session:
            languages: dict[int, str | None] = {}
            if plan_ids:
                query = select(Plan.id, Plan.language).where(Plan.id.in_(plan_ids))
                languages = dict(session.execute(query).all())
            found_people = {person.id: person for person in people.by_ids(session, person_ids)}
            groups: set[int] = set()
            if group_ids:
                query_groups = select(SteeringGroup.id).where(SteeringGroup.id.in_(group_ids))
                groups = set(session.scalars(query_groups))
            person_rows = addresses.of_many(session, OwnerKind.PERSON, found_people)
            group_rows = addresses.of_many(session, OwnerKind.STEERING_GROUP, groups)
        return cls(languages, found_people, groups, person_rows, group_rows)

    def recipient(self, who: Who, default: Language) -> Recipient:
        plan_id, person_id, group_id = who
        language = as_language(self.languages.get(plan_id) if plan_id else None, default)
        if person_id is None:
            if group_id not in self.groups:
                return Recipient(language, is_group=True, found=False)
            reach = reach_of(self.group_rows.get(group_id, []), group=True)
            return Recipient(language, is_group=True, found=True, reach=reach)
        person = self.people.get(person_id)
        if person is None:
            return Recipient(language, is_group=False, found=False)
        return Recipient(
            as_language(person.locale, language),
            is_group=False,
            found=True,
            reach=reach_of(self.person_rows.get(person.id, []), person.email),
            preferred_surface=person.preferred_surface,
            email=person.email,
            name=person.name,
            active=person.active,
        )


@dataclass(frozen=True, slots=True)
class Batch:
    """What a claimed batch of notices needs to be delivered, read once for all of them
    (``Notifier.prepare``): their recipients and their activities. A notice it does not hold
    (one delivered outside a batch) is read on its own."""

    recipients: Mapping[Who, Recipient] = field(default_factory=dict)
    views: Mapping[int, ActivityView] = field(default_factory=dict)
    # The batch prepared before this one. The outbox reads the next batch while the current
    # one is still going out (scheduler/outbox/drain.py), so the current one's must stay at hand
    # until then; one level only, so nothing older is kept.
    earlier: Batch | None = None

    @classmethod
    def load(cls, services: Services, notices: Sequence[Notice]) -> Batch:
        activity_ids = {notice.activity_id for notice in notices if notice.activity_id}
        views = services.activities.many(activity_ids) if activity_ids else {}
        return cls(recipients_of(services, notices), views)

    def following(self, previous: Batch) -> Batch:
        """This batch, with ``previous`` (not what that one kept of its own predecessor)."""
        return replace(self, earlier=replace(previous, earlier=None))

    def recipient(self, services: Services, notice: Notice) -> Recipient:
        who = who_of(notice)
        found = self.recipients.get(who)
        if found is None and self.earlier is not None:
            found = self.earlier.recipients.get(who)
        return found if found is not None else recipient_of(services, notice)

    def view(self, notice: Notice) -> ActivityView | None:
        if notice.activity_id is None:
            return None
        found = self.views.get(notice.activity_id)
        if found is None and self.earlier is not None:
            found = self.earlier.views.get(notice.activity_id)
        return found


@runtime_checkable
class BatchUser(Protocol):
    """A notifier that can be handed a ``Batch`` another read (the surface chooser reads one
    for all its transports) instead of reading its own in ``prepare``."""

    def use_batch(self, batch: Batch) -> None:
        """Deliver the next notices with what ``batch`` holds."""
        ...


def channel_post_of(services: Services, notice: Notice) -> tuple[int, str] | None:
    """For a notice about a request's channel message: the request and where its version was
    posted (the transport's message id); None while it is not posted yet."""
    request_id = int(notice.payload.get("request", 0))
    given = notice.payload.get("version")
    version = int(given) if isinstance(given, int) else None
    with services.context.sessions() as session:
        posted = approvals.channel_message(session, request_id, version)
    return None if posted is None else (request_id, posted)
