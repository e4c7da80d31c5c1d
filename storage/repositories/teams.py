"""Teams and their members."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Team, TeamMember


def by_slug(session: Session, slug: str) -> Team | None:
    return session.scalars(select(Team).where(Team.slug == slug)).one_or_none()


def all_teams(session: Session) -> Sequence[Team]:
    return session.scalars(select(Team).order_by(Team.slug)).all()


def team_ids_of(session: Session, person_id: int) -> list[int]:
    return list(
        session.scalars(select(TeamMember.team_id).where(TeamMember.person_id == person_id))
    )


def add_member(session: Session, team: Team, person_id: int, *, admin: bool = False) -> None:
    existing = session.get(TeamMember, (team.id, person_id))
    if existing is None:
        session.add(TeamMember(team_id=team.id, person_id=person_id, is_admin=admin))
    elif admin:
        existing.is_admin = True


def memberships(session: Session, person_id: int) -> list[tuple[Team, bool]]:
    """The person's teams, each with whether they administer it."""
    rows = session.execute(
        select(Team, TeamMember.is_admin)
        .join(TeamMember, TeamMember.team_id == Team.id)
        .where(TeamMember.person_id == person_id)
        .order_by(Team.slug)
    ).all()
    return [(row[0], bool(row[1])) for row in rows]
