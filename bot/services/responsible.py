"""Reading the "responsible" column: which people, and whether the steering group is meant.

"FC og styregruppen", "FC och styrelsen", "Anne, Bo & Projektleder": names are split on
commas, ampersands, slashes, plus signs and the words og / och / and; each part is looked up
by alias, e-mail or exact name, without the punctuation a sentence leaves after it ("FC.",
"styrelsen.", "projektledare."). A part that names nobody is reported, never guessed.
"""

from __future__ import annotations

import re
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


def read_responsible(session: Session, text: str | None) -> ResponsibleReading:
    if not text or not text.strip():
        return ResponsibleReading((), False, ())
    found: list[Person] = []
    unmapped: list[str] = []
    steering = False
    whole = people.find(session, text)  # an alias may itself contain "og": "Løn og Personale"
    parts = [text] if whole is not None else [p for p in _SEPARATORS.split(text) if p.strip()]
    for part in parts:
        if name_key(part) in STEERING_GROUP_WORDS and people.by_alias(session, part) is None:
            steering = True
            continue
        person = whole if whole is not None else people.find(session, part)
        if person is None:
            unmapped.append(trim_name(part))
        elif person not in found:
            found.append(person)
    return ResponsibleReading(tuple(found), steering, tuple(unmapped))


def relink_responsible(session: Session, name: str) -> int:
    """Read again the responsible text of the open activities that mention ``name`` (after it
    became someone's alias); returns how many changed their people."""
    key = name_key(name)
    candidates = session.scalars(
        select(Activity).where(
            Activity.responsible_text.ilike(f"%{trim_name(name)}%"),
            Activity.status.not_in((ActivityStatus.DONE, ActivityStatus.CANCELLED)),
        )
    ).all()
    changed = 0
    for activity in candidates:
        if key not in name_key(activity.responsible_text or ""):
            continue
        reading = read_responsible(session, activity.responsible_text)
        if list(reading.people) != list(activity.responsibles):
            activity.responsibles = list(reading.people)
            activity.responsible_steering_group = reading.steering_group
            activity.sequence += 1
            changed += 1
    return changed
