"""Roles: who is the organisation's admin, a plan's owner and editors, a team's members.

``commplan roles …`` calls these. Steering groups keep their own commands (members, chair,
deputies); the rules that read all of them are in ``bot/services/permissions.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid
from bot.services.people import require_person
from bot.services.permissions import Gate, Permission, PermissionSubject, Role
from bot.services.plans import require_plan, require_team
from bot.services.stored_roles import StoredRole
from storage.database import transaction
from storage.models import Person, Plan, Team, TeamMember
from storage.repositories import audit, roles, teams
from storage.repositories import people as people_repo
from storage.repositories import plans as plans_repo

_SCOPE = {
    StoredRole.OWNER: "plan",
    StoredRole.EDITOR: "plan",
    StoredRole.MEMBER: "team",
    StoredRole.TEAM_ADMIN: "team",
}


@dataclass(frozen=True, slots=True)
class RoleView:
    role: str
    person: str
    scope: str  # "" for the organisation, else "plan NAME" / "team SLUG"

    def as_json(self) -> dict[str, Any]:
        return {"role": self.role, "person": self.person, "scope": self.scope}


class RoleService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def grant(
        self,
        role: str,
        who: str,
        actor: Actor,
        *,
        plan: str | None = None,
        team: str | None = None,
    ) -> RoleView:
        return self._set(role, who, actor, plan=plan, team=team, on=True)

    def revoke(
        self,
        role: str,
        who: str,
        actor: Actor,
        *,
        plan: str | None = None,
        team: str | None = None,
    ) -> RoleView:
        return self._set(role, who, actor, plan=plan, team=team, on=False)

    def _set(
        self,
        role: str,
        who: str,
        actor: Actor,
        *,
        plan: str | None,
        team: str | None,
        on: bool,
    ) -> RoleView:
        chosen = _role(role)
        with transaction(self.context.sessions) as session:
            person = require_person(session, who)
            scope = _SCOPE.get(chosen)
            if scope == "plan":
                if not plan:
                    raise Invalid("error.role_needs", role=chosen.value, what="plan")
                plan_row = require_plan(session, plan, team)
                self._may_manage_plan(session, actor, plan_row, chosen)
                changed = _set_plan_role(session, chosen, plan_row, person, on=on)
                where, plan_id = f"plan {plan_row.name}", plan_row.id
            elif scope == "team":
                if not team:
                    raise Invalid("error.role_needs", role=chosen.value, what="team")
                team_row = require_team(session, team)
                self.gate.require(
                    session,
                    actor,
                    Permission.ADMINISTER,
                    action="role.grant" if on else "role.revoke",
                    entity=("team", team_row.id),
                )
                changed = _set_team_role(session, chosen, team_row, person, on=on)
                where, plan_id = f"team {team_row.slug}", None
            else:
                self.gate.require(
                    session,
                    actor,
                    Permission.ADMINISTER,
                    action="role.grant" if on else "role.revoke",
                    entity=("person", person.id),
                )
                changed = roles.set_admin(session, person, on)
                where, plan_id = "", None
            if changed:
                audit.record(
                    session,
                    action="role.grant" if on else "role.revoke",
                    entity="person",
                    entity_id=person.id,
                    plan_id=plan_id,
                    **actor.audit_fields(),
                    details={"role": chosen.value, "scope": where},
                )
            return RoleView(chosen.value, person.name, where)

    def _may_manage_plan(
        self, session: Session, actor: Actor, plan: Plan, role: StoredRole
    ) -> None:
        """A plan's owner names its editors and may hand the plan on; else the admin."""
        subject = PermissionSubject(plan)
        if self.gate.holds(session, actor, Role.OWNER, subject):
            return
        self.gate.require(
            session,
            actor,
            Permission.ADMINISTER,
            action=f"role.{role.value}",
            plan=plan,
            entity=("plan", plan.id),
        )

    def list(
        self, actor: Actor, *, person: str | None = None, plan: str | None = None
    ) -> list[RoleView]:
        """Who holds which role: everyone's for the admin; a plan's for whoever may read it."""
        with self.context.sessions() as session:
            plan_rows: list[Plan]
            if plan:
                plan_row = require_plan(session, plan)
                self.gate.require(
                    session, actor, Permission.READ, action="role.list", plan=plan_row
                )
                plan_rows = [plan_row]
            else:
                self.gate.require(session, actor, Permission.ADMINISTER, action="role.list")
                plan_rows = list(plans_repo.all_plans(session))
            found = _plan_roles(session, plan_rows)
            if not plan:
                found = _organisation_roles(session) + found + _team_roles(session)
            if person:
                name = require_person(session, person).name
                found = [view for view in found if view.person == name]
            return found


def _role(value: str) -> StoredRole:
    try:
        return StoredRole(value.strip().lower())
    except ValueError:
        raise Invalid(
            "error.bad_role", value=value, known=", ".join(role.value for role in StoredRole)
        ) from None


def _set_plan_role(
    session: Session, role: StoredRole, plan: Plan, person: Person, *, on: bool
) -> bool:
    if role is StoredRole.OWNER:
        if on:
            changed = plan.owner_id != person.id
            plan.owner_id = person.id
            return changed
        if plan.owner_id != person.id:
            return False
        plan.owner_id = None
        return True
    if on:
        return roles.add_editor(session, plan.id, person.id)
    return roles.remove_editor(session, plan.id, person.id)


def _set_team_role(
    session: Session, role: StoredRole, team: Team, person: Person, *, on: bool
) -> bool:
    member = session.get(TeamMember, (team.id, person.id))
    if role is StoredRole.MEMBER:
        if on and member is None:
            teams.add_member(session, team, person.id)
            return True
        if not on and member is not None:
            session.delete(member)
            return True
        return False
    # team-admin: a member who administers the team (its feed)
    if on:
        changed = member is None or not member.is_admin
        teams.add_member(session, team, person.id, admin=True)
        return changed
    if member is None or not member.is_admin:
        return False
    member.is_admin = False
    return True


def _organisation_roles(session: Session) -> list[RoleView]:
    return [RoleView(StoredRole.ADMIN.value, person.name, "") for person in roles.admins(session)]


def _plan_roles(session: Session, plan_rows: list[Plan]) -> list[RoleView]:
    found: list[RoleView] = []
    for plan in plan_rows:
        if plan.owner_id is not None:
            owner = people_repo.by_id(session, plan.owner_id)
            if owner is not None:
                found.append(RoleView(StoredRole.OWNER.value, owner.name, f"plan {plan.name}"))
        for editor_id in roles.editor_ids(session, plan.id):
            editor = people_repo.by_id(session, editor_id)
            if editor is not None:
                found.append(RoleView(StoredRole.EDITOR.value, editor.name, f"plan {plan.name}"))
    return found


def _team_roles(session: Session) -> list[RoleView]:
    rows = session.execute(
        select(Team.slug, Person.name, TeamMember.is_admin)
        .join(TeamMember, TeamMember.team_id == Team.id)
        .join(Person, Person.id == TeamMember.person_id)
        .order_by(Team.slug, Person.name)
    ).all()
    return [
        RoleView(
            (StoredRole.TEAM_ADMIN if is_admin else StoredRole.MEMBER).value, name, f"team {slug}"
        )
        for slug, name, is_admin in rows
    ]
