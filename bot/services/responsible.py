"""Reading the "responsible" column: which people, and whether the steering group is meant.

"FC og styregruppen", "FC och styrelsen", "Anne, Bo & Projektleder": names are split on
commas, ampersands, slashes, plus signs and the words og / och / and; each part is looked up
by alias, e-mail or exact name, without the punctuation a sentence leaves after it ("FC.",
"styrelsen.", "projektledare."). A part that names nobody is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Activity, ActivityStatus, Person
from storage.repositories import people
from storage.repositories.keys import name_key, trim_name

_SEPARATORS = re.compile(r"\s*(?:,|&|/|\+|;|\bog\b|\boch\b|\band\b)\s*", re.IGNORECASE)
STEERING_GROUP_WORDS = frozenset(
    name_key(word)
    for word in (
        "styregruppen",
        "styregruppe",
        "styregruppens formand",
        "styrgruppen",
        "styrgrupp",
        "styrelsen",
        "styrelse",
        "steering group",
        "the steering group",
    )
)


@dataclass(frozen=True, slots=True)
class ResponsibleReading:
    people: tuple[Person, ...]
    steering_group: bool
    unmapped: tuple[str, ...]


def read_responsible(
    session: Session, text: str | None, plan_id: int | None = None
) -> ResponsibleReading:
    """Who ``text`` names in the plan ``plan_id``: the names that plan's owners mapped
    (``PlanName``) count there alone; aliases everywhere."""
    if not text or not text.strip():
        return ResponsibleReading((), False, ())
    found: list[Person] = []
    unmapped: list[str] = []
    steering = False
    # an alias may itself contain "og": "Løn og Personale"
    whole = people.find_in_plan(session, text, plan_id)
    parts = [text] if whole is not None else [p for p in _SEPARATORS.split(text) if p.strip()]
    for part in parts:
        if name_key(part) in STEERING_GROUP_WORDS and people.by_alias(session, part) is None:
            steering = True
            continue
        person = whole if whole is not None else people.find_in_plan(session, part, plan_id)
        if person is None:
            unmapped.append(trim_name(part))
        elif person not in found:
            found.append(person)
    return ResponsibleReading(tuple(found), steering, tuple(unmapped))


def mentioning(
    session: Session, name: str, plan_ids: Collection[int] | None = None
) -> list[Activity]:
    """The open activities whose responsible text mentions ``name`` (in ``plan_ids`` only,
    when given)."""
    key = name_key(name)
    query = select(Activity).where(
        Activity.responsible_text.ilike(f"%{trim_name(name)}%"),
        Activity.status.not_in((ActivityStatus.DONE, ActivityStatus.CANCELLED)),
    )
    if plan_ids is not None:
        query = query.where(Activity.plan_id.in_(plan_ids))
    return [a for a in session.scalars(query) if key in name_key(a.responsible_text or "")]


def relink_responsible(session: Session, name: str, plan_ids: Collection[int] | None = None) -> int:
    """Read again the responsible text of the open activities that mention ``name`` (after it
    became someone's alias, or a plan's name for someone), in ``plan_ids`` only when given;
    returns how many changed their people."""
    changed = 0
    for activity in mentioning(session, name, plan_ids):
        reading = read_responsible(session, activity.responsible_text, activity.plan_id)
        if list(reading.people) != list(activity.responsibles):
            activity.responsibles = list(reading.people)
            activity.responsible_steering_group = reading.steering_group
            activity.sequence += 1
            changed += 1
    return changed
