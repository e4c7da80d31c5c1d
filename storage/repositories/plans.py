"""Plans, and counts of their activities."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from storage.models import Activity, ActivityStatus, Plan
from storage.repositories.keys import alias_key


def by_id(session: Session, plan_id: int) -> Plan | None:
    return session.get(Plan, plan_id)


def by_name(session: Session, name: str, *, team_id: int | None = None) -> Sequence[Plan]:
    """Plans named ``name`` (ignoring case), in one team or in all.

    Compared in Python: SQLite's lower() folds ASCII only, and "Årsplan" must match "årsplan".
    An organisation has hundreds of plans, not millions.
    """
    key = alias_key(name)
    query = select(Plan).options(selectinload(Plan.team)).order_by(Plan.id)
    if team_id is not None:
        query = query.where(Plan.team_id == team_id)
    return [plan for plan in session.scalars(query) if alias_key(plan.name) == key]


def all_plans(session: Session, *, team_id: int | None = None) -> Sequence[Plan]:
    query = select(Plan).options(selectinload(Plan.team)).order_by(Plan.team_id, Plan.name)
    if team_id is not None:
        query = query.where(Plan.team_id == team_id)
    return session.scalars(query).all()


def all_ids(session: Session) -> set[int]:
    return set(session.scalars(select(Plan.id)))


def ids_of_teams(session: Session, team_ids: Sequence[int]) -> list[int]:
    return list(session.scalars(select(Plan.id).where(Plan.team_id.in_(team_ids))))


def status_counts(session: Session, plan_id: int) -> dict[ActivityStatus, int]:
    rows = session.execute(
        select(Activity.status, func.count())
        .where(Activity.plan_id == plan_id)
        .group_by(Activity.status)
    ).all()
    return {status: count for status, count in rows}  # noqa: C416 (Row to tuple)
