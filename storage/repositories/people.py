"""People and the names plans use for them."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from storage.models import Person, PersonAlias, PlanName
from storage.repositories.keys import email_key, name_key, trim_name


def by_id(session: Session, person_id: int) -> Person | None:
    return session.get(Person, person_id)


def by_ids(session: Session, ids: Collection[int]) -> Sequence[Person]:
    """Many people at once (the recipients of a batch of notices)."""
    if not ids:
        return []
    return session.scalars(select(Person).where(Person.id.in_(ids))).all()


def by_alias(session: Session, text: str) -> Person | None:
    key = name_key(text)
    return session.scalars(
        select(Person).join(PersonAlias).where(PersonAlias.alias_key == key)
    ).one_or_none()


def by_email(session: Session, text: str) -> Person | None:
    return session.scalars(select(Person).where(Person.email == email_key(text))).one_or_none()


def by_name(session: Session, text: str) -> Sequence[Person]:
    """People whose name equals ``text`` ignoring case and trailing punctuation (there may be
    two Anne Hansens).

    SQL narrows by length first; the comparison itself is in Python because SQLite's lower()
    folds ASCII only ("Åse" must match "åse").
    """
    key = name_key(text)
    candidates = session.scalars(
        select(Person).where(func.length(Person.name) == len(trim_name(text))).order_by(Person.id)
    )
    return [person for person in candidates if name_key(person.name) == key]


def find(session: Session, text: str) -> Person | None:
    """The one person ``text`` names: by alias, e-mail, exact name, or ``#id``; else None.

    A name two people share names nobody: guessing would remind the wrong person.
    """
    text = text.strip()
    if text.startswith("#") and text[1:].isdigit():
        return by_id(session, int(text[1:]))
    person = by_alias(session, text)
    if person is None and "@" in text:
        person = by_email(session, text)
    if person is None:
        named = by_name(session, text)
        person = named[0] if len(named) == 1 else None
    return person


def all_people(session: Session) -> Sequence[Person]:
    return session.scalars(
        select(Person).options(selectinload(Person.aliases)).order_by(Person.name, Person.id)
    ).all()


def add_alias(session: Session, person: Person, text: str) -> None:
    person.aliases.append(PersonAlias(alias=text.strip(), alias_key=name_key(text)))


def by_plan_name(session: Session, plan_id: int, text: str) -> Person | None:
    """The person ``text`` names in the plan ``plan_id`` alone (a name mapped by its owner)."""
    return session.scalars(
        select(Person)
        .join(PlanName)
        .where(PlanName.plan_id == plan_id, PlanName.alias_key == name_key(text))
    ).one_or_none()


def find_in_plan(session: Session, text: str, plan_id: int | None) -> Person | None:
    """The one person ``text`` names in a plan: the plan's own name for someone first, then
    whom it names everywhere (``find``)."""
    if plan_id is not None:
        person = by_plan_name(session, plan_id, text)
        if person is not None:
            return person
    return find(session, text)


def add_plan_name(session: Session, person: Person, plan_id: int, text: str) -> None:
    person.plan_names.append(
        PlanName(plan_id=plan_id, alias=text.strip(), alias_key=name_key(text))
    )
