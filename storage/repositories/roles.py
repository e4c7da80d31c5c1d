"""Who holds which role: the facts the permission rules (bot/services/permissions.py) read.

Each function is one or two indexed queries, so a permission check costs a few milliseconds
whatever the size of the plans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, exists, or_, select, union
from sqlalchemy.orm import Session

from storage.models import (
    Activity,
    ActivityResponsible,
    Delegation,
    Person,
    Plan,
    PlanEditor,
    SteeringGroup,
    SteeringMember,
    TeamMember,
)


def is_team_member(session: Session, person_id: int, team_id: int) -> bool:
    return session.get(TeamMember, (team_id, person_id)) is not None


def is_team_admin(session: Session, person_id: int, team_id: int) -> bool:
    member = session.get(TeamMember, (team_id, person_id))
    return member is not None and member.is_admin


def is_editor(session: Session, person_id: int, plan_id: int) -> bool:
    return session.get(PlanEditor, (plan_id, person_id)) is not None


def editor_ids(session: Session, plan_id: int) -> list[int]:
    return list(
        session.scalars(
            select(PlanEditor.person_id)
            .where(PlanEditor.plan_id == plan_id)
            .order_by(PlanEditor.person_id)
        )
    )


def add_editor(session: Session, plan_id: int, person_id: int) -> bool:
    """Make the person an editor of the plan; False when they were one already."""
    if is_editor(session, person_id, plan_id):
        return False
    session.add(PlanEditor(plan_id=plan_id, person_id=person_id))
    return True


def remove_editor(session: Session, plan_id: int, person_id: int) -> bool:
    result = session.execute(
        delete(PlanEditor).where(PlanEditor.plan_id == plan_id, PlanEditor.person_id == person_id)
    )
    return bool(getattr(result, "rowcount", 0))


def in_steering_group(session: Session, person_id: int, group_id: int, at: dt.datetime) -> bool:
    """Member, chair, or a deputy standing in for one of them now."""
    group = session.get(SteeringGroup, group_id)
    if group is None:
        return False
    if group.chair_id == person_id:
        return True
    if session.get(SteeringMember, (group_id, person_id)) is not None:
        return True
    return bool(
        session.scalar(
            select(
                exists().where(
                    Delegation.group_id == group_id,
                    Delegation.deputy_id == person_id,
                    Delegation.starts_at <= at,
                    Delegation.ends_at > at,
                )
            )
        )
    )


def responsible_for(
    session: Session, person_id: int, activity: Activity, plan: Plan, at: dt.datetime
) -> bool:
    """Named responsible for the activity, or in the plan's steering group when the plan names
    it responsible ("styrelsen")."""
    if session.get(ActivityResponsible, (activity.id, person_id)) is not None:
        return True
    group_id = plan.steering_group_id
    return (
        activity.responsible_steering_group
        and group_id is not None
        and in_steering_group(session, person_id, group_id, at)
    )


def responsible_in_plan(session: Session, person_id: int, plan_id: int) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    ActivityResponsible.person_id == person_id,
                    ActivityResponsible.activity_id == Activity.id,
                    Activity.plan_id == plan_id,
                )
            )
        )
    )


def readable_plan_ids(
    session: Session, person_id: int, at: dt.datetime, *, organisation: bool
) -> set[int]:
    """Every plan the person may read: of their teams, owned, edited, of a steering group they
    sit in, with an activity they are responsible for, and (``organisation``) every plan marked
    visible to the whole organisation. One UNION query."""
    groups = union(
        select(SteeringMember.group_id).where(SteeringMember.person_id == person_id),
        select(SteeringGroup.id).where(SteeringGroup.chair_id == person_id),
        select(Delegation.group_id).where(
            Delegation.deputy_id == person_id, Delegation.starts_at <= at, Delegation.ends_at > at
        ),
    ).subquery()
    conditions = [
        Plan.owner_id == person_id,
        Plan.team_id.in_(select(TeamMember.team_id).where(TeamMember.person_id == person_id)),
        Plan.id.in_(select(PlanEditor.plan_id).where(PlanEditor.person_id == person_id)),
        Plan.steering_group_id.in_(select(groups.c[0])),
    ]
    if organisation:
        conditions.append(Plan.visibility == "organisation")
    found = set(session.scalars(select(Plan.id).where(or_(*conditions))))
    found.update(
        session.scalars(
            select(Activity.plan_id)
            .join(ActivityResponsible, ActivityResponsible.activity_id == Activity.id)
            .where(ActivityResponsible.person_id == person_id)
            .distinct()
        )
    )
    return found


def organisation_plan_ids(session: Session) -> set[int]:
    return set(session.scalars(select(Plan.id).where(Plan.visibility == "organisation")))


def changeable_plan_ids(session: Session, person_id: int) -> set[int]:
    """The plans the person owns or edits."""
    return set(
        session.scalars(
            select(Plan.id).where(
                or_(
                    Plan.owner_id == person_id,
                    Plan.id.in_(
                        select(PlanEditor.plan_id).where(PlanEditor.person_id == person_id)
                    ),
                )
            )
        )
    )


def actionable_ids(
    session: Session, person_id: int, activity_ids: Sequence[int], at: dt.datetime
) -> set[int]:
    """Of ``activity_ids``, those the person may act on: in a plan they own or edit, named
    responsible, or responsible as a member of the plan's steering group."""
    wanted = list(activity_ids)
    changeable = changeable_plan_ids(session, person_id)
    found = set(
        session.scalars(
            select(Activity.id).where(Activity.id.in_(wanted), Activity.plan_id.in_(changeable))
        )
    )
    found.update(
        session.scalars(
            select(ActivityResponsible.activity_id).where(
                ActivityResponsible.person_id == person_id,
                ActivityResponsible.activity_id.in_(wanted),
            )
        )
    )
    by_group = session.execute(
        select(Activity.id, Plan.steering_group_id)
        .join(Plan, Plan.id == Activity.plan_id)
        .where(
            Activity.id.in_(wanted),
            Activity.responsible_steering_group.is_(True),
            Plan.steering_group_id.is_not(None),
        )
    ).all()
    sits_in: dict[int, bool] = {}
    for activity_id, group_id in by_group:
        if group_id is None:
            continue
        if group_id not in sits_in:
            sits_in[group_id] = in_steering_group(session, person_id, group_id, at)
        if sits_in[group_id]:
            found.add(activity_id)
    return found


def admins(session: Session) -> Sequence[Person]:
    return session.scalars(
        select(Person).where(Person.is_admin.is_(True), Person.active.is_(True)).order_by(Person.id)
    ).all()


def set_admin(session: Session, person: Person, admin: bool) -> bool:
    """Whether anything changed."""
    if person.is_admin == admin:
        return False
    person.is_admin = admin
    return True
