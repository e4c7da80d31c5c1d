"""What services hand to the surfaces: plain, immutable values with a stable JSON shape.

The JSON shapes are documented in ``docs/cli.md``; change them only by adding keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.registry import chat_surfaces
from storage.models import Activity, ChatAddress, Person, Plan, Surface, Team, surface_word
from storage.rules.timing import Timing


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# (surface word, address) pairs, in the order they were linked: who the owner is in each chat.
# The surface as people read it ("teams"), which the JSON shapes have always said.
Addresses = tuple[tuple[str, str], ...]


def addresses_of(rows: Iterable[ChatAddress]) -> Addresses:
    return tuple((surface_word(row.surface), row.address) for row in rows)


def by_surface_keys(addresses: Addresses, suffix: str) -> dict[str, str | None]:
    """The JSON keys the shapes had before chat addresses had a table of their own, one per
    chat surface ("SURFACE_user_id"): kept, as docs/cli.md promises."""
    given = dict(addresses)
    return {f"{surface.word}_{suffix}": given.get(surface.word) for surface in chat_surfaces()}


@dataclass(frozen=True, slots=True)
class TeamView:
    id: int
    slug: str
    name: str
    addresses: Addresses = ()

    @classmethod
    def of(cls, team: Team) -> TeamView:
        return cls(team.id, team.slug, team.name, addresses_of(team.chat_addresses))

    def address_on(self, surface: Surface) -> str | None:
        return dict(self.addresses).get(surface.word)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "slug": self.slug,
            "name": self.name,
            **by_surface_keys(self.addresses, "channel_id"),
            **by_surface_keys(self.addresses, "user_id"),
            "chat_addresses": dict(self.addresses),
        }


@dataclass(frozen=True, slots=True)
class PersonView:
    id: int
    name: str
    email: str | None
    aliases: tuple[str, ...]
    addresses: Addresses
    locale: str | None
    time_zone: str | None

    @classmethod
    def of(cls, person: Person) -> PersonView:
        return cls(
            person.id,
            person.name,
            person.email,
            tuple(alias.alias for alias in person.aliases),
            addresses_of(person.chat_addresses),
            person.locale,
            person.time_zone,
        )

    def address_on(self, surface: Surface) -> str | None:
        return dict(self.addresses).get(surface.word)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "aliases": list(self.aliases),
            "chat_addresses": dict(self.addresses),
            "locale": self.locale,
            "time_zone": self.time_zone,
        }


@dataclass(frozen=True, slots=True)
class PlanView:
    id: int
    name: str
    team_slug: str
    purpose: str | None
    language: str
    country: str
    time_zone: str
    status: str
    visibility: str = "team"

    @classmethod
    def of(cls, plan: Plan) -> PlanView:
        return cls(
            plan.id,
            plan.name,
            plan.team.slug,
            plan.purpose,
            plan.language,
            plan.country,
            plan.time_zone,
            plan.status.value,
            plan.visibility or "team",
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "team": self.team_slug,
            "purpose": self.purpose,
            "language": self.language,
            "country": self.country,
            "time_zone": self.time_zone,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class ActivityView:
    id: int
    plan_id: int
    plan_name: str
    title: str
    target_group: str | None
    message: str | None
    goal: str | None
    channel: str | None
    when: str | None
    timing: Timing
    next_due: dt.date | None
    responsible: str | None
    responsible_people: tuple[str, ...]
    expected_reaction: str | None
    remarks: str | None
    status: str
    requires_approval: bool
    reaction_outcome: str | None = None  # the follow-up's answer: yes | partly | no
    reaction_note: str | None = None

    @classmethod
    def of(cls, activity: Activity, *, people: bool = True) -> ActivityView:
        """``people=False`` leaves ``responsible_people`` empty and does not load them (the
        plan page's 2,000 rows show the plan's own responsible text)."""
        return cls(
            id=activity.id,
            plan_id=activity.plan_id,
            plan_name=activity.plan.name,
            title=activity.title,
            target_group=activity.target_group,
            message=activity.message,
            goal=activity.goal,
            channel=activity.channel,
            when=activity.when_text,
            timing=activity.timing,
            next_due=activity.next_due,
            responsible=activity.responsible_text,
            responsible_people=(
                tuple(person.name for person in activity.responsibles) if people else ()
            ),
            expected_reaction=activity.expected_reaction,
            remarks=activity.remarks,
            status=activity.status.value,
            requires_approval=activity.requires_approval,
            reaction_outcome=activity.reaction_outcome,
            reaction_note=activity.reaction_note,
        )

    def is_overdue(self, today: dt.date) -> bool:
        return self.next_due is not None and self.next_due < today

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "plan": self.plan_name,
            "activity": self.title,
            "target_group": self.target_group,
            "message": self.message,
            "goal": self.goal,
            "channel": self.channel,
            "when": self.when,
            "timing": self.timing.as_json(),
            "next_due": _iso(self.next_due),
            "responsible": self.responsible,
            "responsible_people": list(self.responsible_people),
            "expected_reaction": self.expected_reaction,
            "remarks": self.remarks,
            "status": self.status,
            "requires_approval": self.requires_approval,
            "reaction_outcome": self.reaction_outcome,
            "reaction_note": self.reaction_note,
        }
