"""Steering groups: lookups, and a group as the approval rules see it at a moment."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence

from sqlalchemy import select, union
from sqlalchemy.orm import Session, selectinload

from storage.models import Delegation, Person, SteeringGroup, SteeringMember
from storage.rules.approvals import Group


def by_id(session: Session, group_id: int) -> SteeringGroup | None:
    return session.get(SteeringGroup, group_id)


def by_name(session: Session, name: str, team_id: int | None = None) -> Sequence[SteeringGroup]:
    query = select(SteeringGroup).where(SteeringGroup.name == name)
    if team_id is not None:
        query = query.where(SteeringGroup.team_id == team_id)
    return session.scalars(query.options(selectinload(SteeringGroup.members))).all()


def of_team(session: Session, team_id: int | None = None) -> Sequence[SteeringGroup]:
    query = select(SteeringGroup).options(selectinload(SteeringGroup.members))
    if team_id is not None:
        query = query.where(SteeringGroup.team_id == team_id)
    return session.scalars(query.order_by(SteeringGroup.id)).all()


def member_ids(session: Session, group_id: int) -> frozenset[int]:
    return frozenset(
        session.scalars(select(SteeringMember.person_id).where(SteeringMember.group_id == group_id))
    )


def seated_of_many(session: Session, group_ids: Collection[int]) -> dict[int, list[Person]]:
    """The members and the chair of each group, each person once and in id order: one query
    however many groups (a batch of notices written to each member of their group)."""
    if not group_ids:
        return {}
    members = select(
        SteeringMember.group_id.label("group_id"), SteeringMember.person_id.label("person_id")
    ).where(SteeringMember.group_id.in_(group_ids))
    chairs = select(SteeringGroup.id, SteeringGroup.chair_id).where(
        SteeringGroup.id.in_(group_ids), SteeringGroup.chair_id.is_not(None)
    )
    seats = union(members, chairs).subquery()
    rows = session.execute(
        select(seats.c.group_id, Person)
        .join(Person, Person.id == seats.c.person_id)
        .order_by(seats.c.group_id, Person.id)
    )
    found: dict[int, list[Person]] = defaultdict(list)
    for group_id, person in rows:
        found[group_id].append(person)
    return dict(found)


def seated_group_ids(session: Session, person_id: int, at: dt.datetime) -> frozenset[int]:
    """The groups whose decisions may wait for this person at ``at``: as member, as chair, or as
    a deputy named for a period that includes it (one indexed query each, in one statement)."""
    seats = union(
        select(SteeringMember.group_id).where(SteeringMember.person_id == person_id),
        select(SteeringGroup.id).where(SteeringGroup.chair_id == person_id),
        select(Delegation.group_id).where(
            Delegation.deputy_id == person_id,
            Delegation.starts_at <= at,
            Delegation.ends_at > at,
        ),
    )
    return frozenset(session.scalars(seats))


def delegations(session: Session, group_id: int) -> Sequence[Delegation]:
    return session.scalars(
        select(Delegation)
        .where(Delegation.group_id == group_id)
        .order_by(Delegation.starts_at, Delegation.id)
    ).all()


def deputies_at(session: Session, group_id: int, at: dt.datetime) -> dict[int, frozenset[int]]:
    """deputy -> the members (or chair) who named them for a period that includes ``at``."""
    standing: dict[int, set[int]] = defaultdict(set)
    for member_id, deputy_id in session.execute(
        select(Delegation.member_id, Delegation.deputy_id).where(
            Delegation.group_id == group_id,
            Delegation.starts_at <= at,
            Delegation.ends_at > at,
        )
    ):
        standing[deputy_id].add(member_id)
    return {deputy: frozenset(members) for deputy, members in standing.items()}


def as_rules_group(session: Session, group: SteeringGroup, at: dt.datetime) -> Group:
    return Group(
        members=member_ids(session, group.id),
        chair=group.chair_id,
        rule=group.decision_rule,
        deputies=deputies_at(session, group.id, at),
        allow_self_approval=group.allow_self_approval,
    )
