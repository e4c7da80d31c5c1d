"""Who may do what: the one gate every service passes before it reads or changes a plan.

The rules are the table ``RULES`` (permission -> the roles that grant it); docs/permissions.md
shows the same table and a test checks that the two agree. A service asks
``Gate.require(session, actor, permission, plan=…, activity=…)`` before it changes anything;
a refusal is written to the audit log in a transaction of its own (the service's own work is
rolled back), and raised as ``Forbidden``: one line in the person's language.

Steering decisions are not in the table: who may decide, and in what capacity, is the group's
rule (``storage/rules/approvals.py``), which also keeps four eyes (``Refusal.OWN_REQUEST``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NoReturn

from sqlalchemy.orm import Session

from bot import registry
from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import ServiceError
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import insert_rows, outbox_row
from storage.database import transaction
from storage.models import Activity, Person, Plan
from storage.repositories import audit, roles
from storage.repositories import people as people_repo
from storage.types import utcnow

log = logging.getLogger(__name__)


class Permission(StrEnum):
    READ = "read"  # a plan's activities: plan, upcoming, digest, the Open button
    ACT = "act"  # on one activity: done, snooze, reopen, edit, follow-up, send for approval
    CHANGE = "change"  # the plan: add, move, re-plan, cancel, depend, import, export, policy
    LINKS = "links"  # the secret URLs: the plan page, the team's calendar feed
    ROTATE = "rotate"  # a new secret URL, the old one stops
    REVISE = "revise"  # an approval request: a new version, or withdrawing it
    CREATE = "create"  # a new plan in a team (importing a plan the team does not have yet)
    ADMINISTER = "administer"  # people, teams, steering groups, roles


class Role(StrEnum):
    ADMIN = "admin"  # the organisation's admin (and the CLI on the server)
    OWNER = "owner"  # the plan's owner
    EDITOR = "editor"  # the plan's editors
    TEAM_MEMBER = "team_member"  # a member of the plan's (or the feed's) team
    TEAM_ADMIN = "team_admin"  # an admin of that team
    STEERING = "steering"  # member, chair or deputy of the plan's steering group
    RESPONSIBLE = "responsible"  # responsible for the activity in question
    RESPONSIBLE_IN_PLAN = "responsible_in_plan"  # responsible for any activity of the plan
    REQUESTER = "requester"  # who asked for the approval in question
    ORGANISATION = "organisation"  # anyone linked, when the plan is visible to the organisation


_R = Role
RULES: Mapping[Permission, frozenset[Role]] = {
    Permission.READ: frozenset(
        {
            _R.ADMIN,
            _R.OWNER,
            _R.EDITOR,
            _R.TEAM_MEMBER,
            _R.STEERING,
            _R.RESPONSIBLE,
            _R.RESPONSIBLE_IN_PLAN,
            _R.ORGANISATION,
        }
    ),
    Permission.ACT: frozenset({_R.ADMIN, _R.OWNER, _R.EDITOR, _R.RESPONSIBLE}),
    Permission.CHANGE: frozenset({_R.ADMIN, _R.OWNER, _R.EDITOR}),
    Permission.LINKS: frozenset({_R.ADMIN, _R.OWNER, _R.EDITOR, _R.TEAM_MEMBER}),
    Permission.ROTATE: frozenset({_R.ADMIN, _R.OWNER, _R.TEAM_ADMIN}),
    Permission.REVISE: frozenset({_R.ADMIN, _R.OWNER, _R.REQUESTER}),
    Permission.CREATE: frozenset({_R.ADMIN, _R.TEAM_MEMBER}),
    Permission.ADMINISTER: frozenset({_R.ADMIN}),
}

# The surfaces whose users can be linked to a person: a refusal there for someone linked to
# nobody says who can link them, and the plan's owner hears of it once.
CHAT_SURFACES = frozenset(registry.chat_surfaces())


class Forbidden(ServiceError):
    """The person may not do this; nothing was changed, and the attempt is in the audit log."""


@dataclass(frozen=True, slots=True)
class PermissionSubject:
    """What a request is about: a plan (and one of its activities), a team, an approval."""

    plan: Plan | None = None
    activity: Activity | None = None
    team_id: int | None = None
    requester_id: int | None = None


class Gate:
    """Decides ``RULES`` for an actor and a subject, and records every refusal."""

    def __init__(self, context: Context) -> None:
        self.context = context

    # Deciding

    def holds(self, session: Session, actor: Actor, role: Role, subject: PermissionSubject) -> bool:
        """Whether ``actor`` holds ``role`` for ``subject`` (each role one or two indexed reads)."""
        if role is Role.ADMIN:
            return actor.admin or (
                actor.person_id is not None and _is_admin(session, actor.person_id)
            )
        if role is Role.ORGANISATION:
            readers_allowed = actor.person_id is not None or self.context.settings.unlinked_may_read
            return _visible_to_organisation(subject) and readers_allowed
        # Every other role is a person's: a chat user linked to nobody holds none of them.
        check = _PERSON_ROLES.get(role)
        return (
            actor.person_id is not None
            and check is not None
            and check(session, actor.person_id, subject)
        )

    def allows(
        self, session: Session, actor: Actor, permission: Permission, subject: PermissionSubject
    ) -> bool:
        return any(self.holds(session, actor, role, subject) for role in _ordered(permission))

    def require(
        self,
        session: Session,
        actor: Actor,
        permission: Permission,
        *,
        action: str,
        plan: Plan | None = None,
        activity: Activity | None = None,
        team_id: int | None = None,
        requester_id: int | None = None,
        entity: tuple[str, int | None] | None = None,
    ) -> None:
        """Go on if ``actor`` may; else audit the attempt and raise ``Forbidden``.

        Call it before the service writes anything: the refusal's audit row is written on a
        connection of its own while the service's session is rolled back.
        """
        if plan is None and activity is not None:
            plan = activity.plan
        subject = PermissionSubject(plan, activity, team_id, requester_id)
        if self.allows(session, actor, permission, subject):
            return
        if entity is None:
            entity = ("activity", activity.id) if activity is not None else ("plan", _id(plan))
        self.refuse(actor, permission, action=action, plan=plan, entity=entity)

    def refuse(
        self,
        actor: Actor,
        permission: Permission | str,
        *,
        action: str,
        plan: Plan | None,
        entity: tuple[str, int | None],
        key: str | None = None,
        **values: object,
    ) -> NoReturn:
        """Record the refused attempt and raise the person's one line (``key``: a text of
        the caller's instead of the permission's)."""
        plan_id, plan_name, owner_id = _id(plan), plan.name if plan else "", _owner(plan)
        self._record_refusal(
            actor,
            permission,
            action,
            entity=entity,
            plan_id=plan_id,
            owner_id=owner_id,
            plan_name=plan_name,
        )
        if not actor.linked and not actor.admin:
            raise self.not_linked()
        if key is not None:
            raise Forbidden(key, **values)
        if plan is not None and not self._may_read(actor, plan.id):
            # `plan #2`, `done 3`: a refusal names no plan the person may not read.
            raise Forbidden("permission.refused.hidden")
        raise Forbidden(f"permission.refused.{permission}", plan=plan_name)

    def _may_read(self, actor: Actor, plan_id: int) -> bool:
        with self.context.sessions() as session:
            plan = session.get(Plan, plan_id)
            return plan is not None and self.allows(
                session, actor, Permission.READ, PermissionSubject(plan)
            )

    def not_linked(self) -> Forbidden:
        """The one line for a chat user linked to nobody: who can link them."""
        admins = self._admin_names()
        if not admins:
            return Forbidden("permission.not_linked_no_admin")
        return Forbidden("permission.not_linked", admins=admins)

    def require_self_or_admin(
        self, session: Session, actor: Actor, person_id: int | None, *, action: str
    ) -> None:
        """A person's own things (their digest, feed, data, preferences) are theirs and the
        admin's: anyone else is refused."""
        if person_id is not None and person_id == actor.person_id:
            return
        self.require(
            session, actor, Permission.ADMINISTER, action=action, entity=("person", person_id)
        )

    def readable_plan_ids(self, session: Session, actor: Actor) -> set[int] | None:
        """The plans ``actor`` may read; None means every plan (an admin)."""
        if self.holds(session, actor, Role.ADMIN, PermissionSubject()):
            return None
        if actor.person_id is None:
            if not self.context.settings.unlinked_may_read:
                return set()
            return roles.organisation_plan_ids(session)
        return roles.readable_plan_ids(session, actor.person_id, utcnow(), organisation=True)

    def changeable_plan_ids(self, session: Session, actor: Actor) -> set[int] | None:
        """The plans ``actor`` may add to (owner, editor); None means every plan (an admin)."""
        if self.holds(session, actor, Role.ADMIN, PermissionSubject()):
            return None
        if actor.person_id is None:
            return set()
        return roles.changeable_plan_ids(session, actor.person_id)

    def actionable(
        self, session: Session, actor: Actor, activity_ids: Sequence[int]
    ) -> frozenset[int]:
        """Which activities ``actor`` may act on (``Permission.ACT``), in three queries
        whatever their number: their buttons are shown, the others' are not."""
        if not activity_ids:
            return frozenset()
        if self.holds(session, actor, Role.ADMIN, PermissionSubject()):
            return frozenset(activity_ids)
        if actor.person_id is None:
            return frozenset()
        return frozenset(roles.actionable_ids(session, actor.person_id, activity_ids, utcnow()))

    # Recording

    def _record_refusal(
        self,
        actor: Actor,
        permission: str,
        action: str,
        *,
        entity: tuple[str, int | None],
        plan_id: int | None,
        owner_id: int | None,
        plan_name: str,
        reason: str = "permission",
    ) -> None:
        with transaction(self.context.sessions) as session:
            audit.record(
                session,
                action="permission.refused",
                entity=entity[0],
                entity_id=entity[1],
                plan_id=plan_id,
                **actor.audit_fields(),
                details={"attempted": action, "permission": str(permission), "reason": reason},
            )
            if owner_id is not None and not actor.linked and actor.surface in CHAT_SURFACES:
                _tell_owner_once(
                    session,
                    actor,
                    owner_id=owner_id,
                    plan_id=plan_id,
                    plan_name=plan_name,
                    action=action,
                )
        log.info("refused %s (%s) to %s:%s", action, permission, actor.origin, actor.person_id)

    def _admin_names(self) -> str:
        with self.context.sessions() as session:
            names = [person.name for person in roles.admins(session)[:3]]
        return ", ".join(names)


def _tell_owner_once(
    session: Session,
    actor: Actor,
    *,
    owner_id: int,
    plan_id: int | None,
    plan_name: str,
    action: str,
) -> None:
    """The plan's owner hears once per chat user that someone linked to nobody tried to change
    their plan: the outbox key makes it once, across replicas."""
    user = actor.surface_user or actor.name or "?"
    insert_rows(
        session,
        [
            outbox_row(
                f"unlinked_attempt:{actor.origin.value}:{user}:{owner_id}"[:255],
                NoticeKind.UNLINKED_ATTEMPT,
                utcnow(),
                plan_id=plan_id,
                activity_id=None,
                person_id=owner_id,
                payload={
                    "surface": actor.origin.value,
                    "user": user[:100],
                    "name": actor.name[:100],
                    "plan": plan_name[:200],
                    "attempted": action,
                },
            )
        ],
    )


# A person's roles, each decided by one or two indexed reads (``storage/repositories/roles.py``).
_RoleCheck = Callable[[Session, int, PermissionSubject], bool]


def _visible_to_organisation(subject: PermissionSubject) -> bool:
    return subject.plan is not None and subject.plan.visibility == "organisation"


def _team_of(subject: PermissionSubject) -> int | None:
    """The team in question: the subject's own, else its plan's."""
    if subject.team_id is None and subject.plan is not None:
        return subject.plan.team_id
    return subject.team_id


def _is_owner(session: Session, person_id: int, subject: PermissionSubject) -> bool:
    return subject.plan is not None and subject.plan.owner_id == person_id


def _is_editor(session: Session, person_id: int, subject: PermissionSubject) -> bool:
    return subject.plan is not None and roles.is_editor(session, person_id, subject.plan.id)


def _is_team_member(session: Session, person_id: int, subject: PermissionSubject) -> bool:
    team_id = _team_of(subject)
    return team_id is not None and roles.is_team_member(session, person_id, team_id)


def _is_team_admin(session: Session, person_id: int, subject: PermissionSubject) -> bool:
    team_id = _team_of(subject)
    return team_id is not None and roles.is_team_admin(session, person_id, team_id)


def _is_steering(session: Session, person_id: int, subject: PermissionSubject) -> bool:
    group_id = subject.plan.steering_group_id if subject.plan is not None else None
    return group_id is not None and roles.in_steering_group(session, person_id, group_id, utcnow())


def _is_responsible(session: Session, person_id: int, subject: PermissionSubject) -> bool:
    activity, plan = subject.activity, subject.plan
    return (
        activity is not None
        and plan is not None
        and roles.responsible_for(session, person_id, activity, plan, utcnow())
    )


def _is_responsible_in_plan(session: Session, person_id: int, subject: PermissionSubject) -> bool:
    return subject.plan is not None and roles.responsible_in_plan(
        session, person_id, subject.plan.id
    )


def _is_requester(session: Session, person_id: int, subject: PermissionSubject) -> bool:
    return subject.requester_id is not None and subject.requester_id == person_id


_PERSON_ROLES: Mapping[Role, _RoleCheck] = {
    Role.OWNER: _is_owner,
    Role.EDITOR: _is_editor,
    Role.TEAM_MEMBER: _is_team_member,
    Role.TEAM_ADMIN: _is_team_admin,
    Role.STEERING: _is_steering,
    Role.RESPONSIBLE: _is_responsible,
    Role.RESPONSIBLE_IN_PLAN: _is_responsible_in_plan,
    Role.REQUESTER: _is_requester,
}


def _ordered(permission: Permission) -> list[Role]:
    """The roles that grant ``permission``, cheapest check first (no query before queries)."""
    cheap = (Role.ADMIN, Role.OWNER, Role.REQUESTER, Role.ORGANISATION)
    granted = RULES[permission]
    return [role for role in cheap if role in granted] + sorted(
        role for role in granted if role not in cheap
    )


def _is_admin(session: Session, person_id: int) -> bool:
    person: Person | None = people_repo.by_id(session, person_id)
    return person is not None and person.is_admin


def _id(plan: Plan | None) -> int | None:
    return plan.id if plan is not None else None


def _owner(plan: Plan | None) -> int | None:
    return plan.owner_id if plan is not None else None
