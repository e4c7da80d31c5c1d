"""Who a notice is for, as every transport needs it: one read of the person or steering group.

A notice names a person, or (``person_id`` None) a steering group in its payload. Every
notifier, and the chooser between them, needs the same few facts: the reader's language (the
person's own, else the plan's, else the organisation's) and where the reader is reached on each
surface (``Reach``), read from the chat-address table, or the person's e-mail for a surface the
registry says addresses by e-mail.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.registry import SURFACES, Addressing
from bot.services import Services
from config.languages import Language, as_language
from scheduler.notifier import Notice
from storage.models import ChatAddress, Owner, Plan, SteeringGroup, Surface
from storage.repositories import addresses, approvals, people


@dataclass(frozen=True, slots=True)
class Reach:
    """Where a message to the reader goes on one surface, and by which route (a Teams
    conversation's Bot Connector region; None where the surface has one address space)."""

    target: str
    route: str | None = None


@dataclass(frozen=True, slots=True)
class Recipient:
    language: Language
    is_group: bool
    found: bool  # the person or group exists
    reach: Mapping[Surface, Reach] = field(default_factory=dict)
    preferred_surface: str | None = None
    email: str | None = None  # a person's address (a group's notices go to its members')

    def on(self, surface: Surface) -> Reach | None:
        return self.reach.get(surface)


# What a steering group is reached at on a surface that addresses people by e-mail: each of its
# members (bot/transports/email/notifier.py writes to those with an address).
MEMBERS = "members"


def reach_of(
    rows: list[ChatAddress], email: str | None = None, *, group: bool = False
) -> dict[Surface, Reach]:
    """Where an owner with these chat addresses (and this e-mail) can be written to, by
    surface: only where a message can go now (a Teams person who never spoke to the app
    cannot be written to yet)."""
    by_surface = {row.surface: row for row in rows}
    found: dict[Surface, Reach] = {}
    for spec in SURFACES:
        if spec.addressing is Addressing.EMAIL:
            if email or group:
                found[spec.surface] = Reach(email or MEMBERS)
            continue
        row = by_surface.get(spec.surface.value)
        target = spec.target(row) if row is not None else None
        if row is not None and target:
            found[spec.surface] = Reach(target, row.route)
    return found


def recipient_of(services: Services, notice: Notice) -> Recipient:
    default = services.context.settings.language
    with services.context.sessions() as session:
        plan = session.get(Plan, notice.plan_id) if notice.plan_id else None
        language = as_language(plan.language if plan else None, default)
        if notice.person_id is None:
            group_id = notice.payload.get("steering_group_id")
            group = session.get(SteeringGroup, group_id) if isinstance(group_id, int) else None
            if group is None:
                return Recipient(language, is_group=True, found=False)
            rows = addresses.all_of(session, Owner.steering_group(group.id))
            return Recipient(language, is_group=True, found=True, reach=reach_of(rows, group=True))
        person = people.by_id(session, notice.person_id)
        if person is None:
            return Recipient(language, is_group=False, found=False)
        return Recipient(
            as_language(person.locale, language),
            is_group=False,
            found=True,
            reach=reach_of(addresses.all_of(session, Owner.person(person.id)), person.email),
            preferred_surface=person.preferred_surface,
            email=person.email,
        )


def channel_post_of(services: Services, notice: Notice) -> tuple[int, str] | None:
    """For a notice about a request's channel message: the request and where its version was
    posted (the transport's message id); None while it is not posted yet."""
    request_id = int(notice.payload.get("request", 0))
    given = notice.payload.get("version")
    version = int(given) if isinstance(given, int) else None
    with services.context.sessions() as session:
        posted = approvals.channel_message(session, request_id, version)
    return None if posted is None else (request_id, posted)
