"""Steering groups: members, chair, decision rule, channels, deputies, the plans they serve."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.addressing import set_addresses
from bot.services.context import Context
from bot.services.errors import Ambiguous, Invalid, NotFound
from bot.services.meetings import replan
from bot.services.people import require_person
from bot.services.permissions import Gate, Permission, PermissionSubject, Role
from bot.services.plans import require_plan, require_team
from bot.services.views import Addresses, addresses_of, by_surface_keys
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import insert_rows, outbox_row
from storage.database import transaction
from storage.models import (
    DecisionRule,
    Delegation,
    Owner,
    Person,
    Plan,
    SteeringGroup,
    SteeringMember,
    Surface,
)
from storage.repositories import addresses as chat_addresses
from storage.repositories import audit, people
from storage.repositories import steering as groups
from storage.types import utcnow

# A deputy named in the chat form stands in for the chair this long (`steering delegate` at the
# command line, or the admin, sets another period).
FORM_DEPUTY_DAYS = 365


@dataclass(frozen=True, slots=True)
class Pick:
    """A person chosen in a form: typed (a name, alias or e-mail: the console), or a chat user
    picked (Slack's user picker, Teams' people picker), with the name the chat shows."""

    text: str | None = None
    surface: Surface | None = None
    user: str | None = None
    display: str | None = None


@dataclass(frozen=True, slots=True)
class DelegationView:
    member: str
    deputy: str
    starts_at: dt.datetime
    ends_at: dt.datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "deputy": self.deputy,
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class SteeringView:
    id: int
    team: str
    name: str
    chair: str | None
    rule: str
    members: tuple[str, ...]
    addresses: Addresses
    delegations: tuple[DelegationView, ...]
    allow_self_approval: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "team": self.team,
            "name": self.name,
            "chair": self.chair,
            "rule": self.rule,
            "members": list(self.members),
            **by_surface_keys(self.addresses, "channel_id"),
            "chat_addresses": dict(self.addresses),
            "allow_self_approval": self.allow_self_approval,
            "delegations": [delegation.as_json() for delegation in self.delegations],
        }


def require_group(session: Session, name: str, team: str | None = None) -> SteeringGroup:
    """The steering group ``name`` (or ``#id``) means, in ``team`` when given."""
    if name.startswith("#") and name[1:].isdigit():
        group = groups.by_id(session, int(name[1:]))
        if group is None:
            raise NotFound("steering.unknown", name=name)
        return group
    team_id = require_team(session, team).id if team else None
    found = groups.by_name(session, name.strip(), team_id)
    if not found:
        raise NotFound("steering.unknown", name=name)
    if len(found) > 1:
        raise Ambiguous("steering.ambiguous", name=name)
    return found[0]


def _view(session: Session, group: SteeringGroup) -> SteeringView:
    def name_of(person_id: int) -> str:
        person = people.by_id(session, person_id)
        return person.name if person else f"#{person_id}"

    now = utcnow()
    return SteeringView(
        id=group.id,
        team=group.team.slug,
        name=group.name,
        chair=group.chair.name if group.chair else None,
        rule=group.decision_rule.value,
        members=tuple(member.name for member in group.members),
        addresses=addresses_of(group.chat_addresses),
        delegations=tuple(
            DelegationView(
                name_of(delegation.member_id),
                name_of(delegation.deputy_id),
                delegation.starts_at,
                delegation.ends_at,
            )
            for delegation in groups.delegations(session, group.id)
            if delegation.ends_at > now
        ),
        allow_self_approval=group.allow_self_approval,
    )


# The most working days a group may say it needs (half a year).
MAX_LEAD_DAYS = 120


class SteeringService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def _administer(
        self, session: Session, actor: Actor, action: str, entity: tuple[str, int | None]
    ) -> None:
        self.gate.require(session, actor, Permission.ADMINISTER, action=action, entity=entity)

    def _record(
        self, session: Session, group: SteeringGroup, action: str, actor: Actor, **details: Any
    ) -> None:
        audit.record(
            session,
            action=action,
            entity="steering_group",
            entity_id=group.id,
            **actor.audit_fields(),
            details=details or None,
        )

    def create(
        self,
        name: str,
        team: str,
        actor: Actor,
        *,
        chair: str | None = None,
        rule: str = DecisionRule.ANY.value,
        members: tuple[str, ...] = (),
        channels: Mapping[Surface, str] | None = None,
    ) -> SteeringView:
        name = name.strip()
        if not name:
            raise Invalid("error.empty_name")
        decision_rule = _rule(rule)
        with transaction(self.context.sessions) as session:
            team_row = require_team(session, team)
            self._administer(session, actor, "steering.create", ("team", team_row.id))
            if groups.by_name(session, name, team_row.id):
                raise Invalid("steering.exists", name=name)
            group = SteeringGroup(
                team_id=team_row.id,
                name=name,
                decision_rule=decision_rule,
            )
            if chair is not None:
                group.chair = require_person(session, chair)
            group.members = [require_person(session, member) for member in members]
            session.add(group)
            session.flush()
            set_addresses(session, Owner.steering_group(group.id), channels or {})
            self._record(session, group, "steering.create", actor, name=name, rule=rule)
            session.expire(group, ["chat_addresses"])
            return _view(session, group)

    def create_for_plan(
        self,
        plan: str,
        name: str,
        actor: Actor,
        *,
        chair: Pick,
        members: tuple[Pick, ...] = (),
        rule: str = DecisionRule.ANY.value,
        deputies: tuple[Pick, ...] = (),
    ) -> SteeringView:
        """The chat form: a steering group for ``plan``, made by whoever may change the plan
        (its owner, an editor, the admin), in the plan's team; the chair's ``deputies`` stand in
        for ``FORM_DEPUTY_DAYS``; the chair is told (unless they made it)."""
        name = name.strip()
        if not name:
            raise Invalid("error.empty_name")
        decision_rule = _rule(rule)
        with transaction(self.context.sessions) as session:
            plan_row = require_plan(session, plan)
            self.gate.require(
                session, actor, Permission.CHANGE, action="steering.create", plan=plan_row
            )
            if groups.by_name(session, name, plan_row.team_id):
                raise Invalid("steering.exists", name=name)
            chair_row = _picked(session, chair)
            seated = {chair_row.id}
            member_rows = []
            for pick in members:
                found = _picked(session, pick)
                if found.id not in seated:
                    seated.add(found.id)
                    member_rows.append(found)
            deputy_rows = [_picked(session, pick) for pick in deputies]
            if any(deputy.id == chair_row.id for deputy in deputy_rows):
                raise Invalid("steering.self_deputy")
            group = SteeringGroup(team_id=plan_row.team_id, name=name, decision_rule=decision_rule)
            group.chair = chair_row
            group.members = member_rows
            session.add(group)
            session.flush()
            now = utcnow()
            until = now + dt.timedelta(days=FORM_DEPUTY_DAYS)
            for deputy in {row.id: row for row in deputy_rows}.values():
                session.add(
                    Delegation(
                        group_id=group.id,
                        member_id=chair_row.id,
                        deputy_id=deputy.id,
                        starts_at=now,
                        ends_at=until,
                    )
                )
            plan_row.steering_group_id = group.id
            self._record(
                session,
                group,
                "steering.create",
                actor,
                name=name,
                rule=decision_rule.value,
                plan=plan_row.name,
                chair=chair_row.name,
                members=[row.name for row in member_rows],
                deputies=[row.name for row in deputy_rows],
                by="form",
            )
            if chair_row.id != actor.person_id:
                insert_rows(
                    session,
                    [
                        outbox_row(
                            f"{NoticeKind.STEERING_CHAIR}:{group.id}:{chair_row.id}",
                            NoticeKind.STEERING_CHAIR,
                            now,
                            plan_id=plan_row.id,
                            activity_id=None,
                            person_id=chair_row.id,
                            payload={
                                "group": name[:200],
                                "plan": plan_row.name[:200],
                                "by": (actor.name or "")[:200],
                                "members": len(member_rows),
                                "rule": decision_rule.value,
                            },
                        )
                    ],
                )
            session.flush()
            return _view(session, group)

    def show(self, name: str, team: str | None = None) -> SteeringView:
        with self.context.sessions() as session:
            return _view(session, require_group(session, name, team))

    def list(self, team: str | None = None) -> list[SteeringView]:
        with self.context.sessions() as session:
            team_id = require_team(session, team).id if team else None
            return [_view(session, group) for group in groups.of_team(session, team_id)]

    def add_member(self, name: str, person: str, actor: Actor) -> SteeringView:
        with transaction(self.context.sessions) as session:
            group = require_group(session, name)
            self._administer(session, actor, "steering.member", ("steering_group", group.id))
            found = require_person(session, person)
            if session.get(SteeringMember, (group.id, found.id)) is None:
                session.add(SteeringMember(group_id=group.id, person_id=found.id))
                self._record(session, group, "steering.member_add", actor, person=found.name)
            session.flush()
            session.expire(group, ["members"])
            return _view(session, group)

    def remove_member(self, name: str, person: str, actor: Actor) -> SteeringView:
        with transaction(self.context.sessions) as session:
            group = require_group(session, name)
            self._administer(session, actor, "steering.member", ("steering_group", group.id))
            found = require_person(session, person)
            member = session.get(SteeringMember, (group.id, found.id))
            if member is None:
                raise Invalid("steering.not_member", person=found.name, name=group.name)
            session.delete(member)
            self._record(session, group, "steering.member_remove", actor, person=found.name)
            session.flush()
            session.expire(group, ["members"])
            return _view(session, group)

    def configure(
        self,
        name: str,
        actor: Actor,
        *,
        chair: str | None = None,
        rule: str | None = None,
        channels: Mapping[Surface, str] | None = None,
        allow_self_approval: bool | None = None,
        lead_days: int | None = None,
        meets: int | None = None,
    ) -> SteeringView:
        """``lead_days``: working days the group needs to decide; ``meets``: the weekday it
        meets on (0 Monday ... 6; -1: it decides whenever). See docs/coordination.md."""
        with transaction(self.context.sessions) as session:
            group = require_group(session, name)
            self._administer(session, actor, "steering.configure", ("steering_group", group.id))
            changes: dict[str, Any] = {}
            if lead_days is not None:
                if not 0 <= lead_days <= MAX_LEAD_DAYS:
                    raise Invalid("error.bad_days", value=lead_days, max=MAX_LEAD_DAYS)
                group.approval_lead_days = lead_days
                changes["approval_lead_days"] = lead_days
            if meets is not None:
                if not -1 <= meets <= 6:
                    raise Invalid("steering.error.weekday", value=meets)
                group.meeting_weekday = None if meets == -1 else meets
                changes["meeting_weekday"] = group.meeting_weekday
            if allow_self_approval is not None:
                group.allow_self_approval = allow_self_approval
                changes["allow_self_approval"] = allow_self_approval
            if chair is not None:
                group.chair = require_person(session, chair)
                changes["chair"] = group.chair.name
            if rule is not None:
                group.decision_rule = _rule(rule)
                changes["rule"] = rule
            if channels:
                changes["channels"] = set_addresses(
                    session, Owner.steering_group(group.id), channels
                )
            if not changes:
                raise Invalid("error.nothing_to_change")
            if "meeting_weekday" in changes:
                # its meeting day is the calendar of "Før hvert styregruppemøde": date again
                session.flush()
                changes["replanned"] = replan(session, self.context)
            self._record(session, group, "steering.configure", actor, **changes)
            session.flush()
            session.expire(group, ["chat_addresses"])
            return _view(session, group)

    def connect_channel(
        self,
        name: str,
        actor: Actor,
        *,
        surface: Surface,
        conversation_id: str,
        service_url: str | None = None,
    ) -> SteeringView:
        """The channel the chair (or the owner of a plan the group steers, or the admin) typed
        `connect` in becomes the group's channel on that surface: approval requests and the
        weekly digest go there. A member may not: the channel every request goes to is the
        chair's to choose, or the owner's whose requests they are (issue 28, item 8)."""
        with transaction(self.context.sessions) as session:
            group = require_group(session, name)
            owners = session.scalars(
                select(Plan.owner_id).where(Plan.steering_group_id == group.id)
            ).all()
            allowed = {group.chair_id, *owners} - {None}
            admin = self.gate.holds(session, actor, Role.ADMIN, PermissionSubject())
            if not admin and (actor.person_id is None or actor.person_id not in allowed):
                self.gate.refuse(
                    actor,
                    "connect",
                    action="steering.connect",
                    plan=None,
                    entity=("steering_group", group.id),
                    key="steering.connect_refused",
                    name=group.name,
                )
            set_addresses(
                session,
                Owner.steering_group(group.id),
                {surface: conversation_id},
                route=service_url,
            )
            self._record(
                session,
                group,
                "steering.connect",
                actor,
                surface=surface.value,
                conversation=conversation_id,
            )
            session.flush()
            session.expire(group, ["chat_addresses"])
            return _view(session, group)

    def delegate(
        self,
        name: str,
        member: str,
        deputy: str,
        actor: Actor,
        *,
        starts_at: dt.datetime,
        ends_at: dt.datetime,
    ) -> SteeringView:
        """``deputy`` decides for ``member`` (a member or the chair) from ``starts_at`` until
        ``ends_at``; the deputy's decisions are recorded "deputy for MEMBER"."""
        if ends_at <= starts_at:
            raise Invalid("steering.bad_period")
        with transaction(self.context.sessions) as session:
            group = require_group(session, name)
            absent = require_person(session, member)
            stand_in = require_person(session, deputy)
            if absent.id != actor.person_id:
                # A member names their own deputy; anyone else's is the admin's to set.
                self._administer(session, actor, "steering.delegate", ("steering_group", group.id))
            is_member = session.get(SteeringMember, (group.id, absent.id)) is not None
            if not is_member and group.chair_id != absent.id:
                raise Invalid("steering.not_member", person=absent.name, name=group.name)
            if stand_in.id == absent.id:
                raise Invalid("steering.self_deputy")
            session.add(
                Delegation(
                    group_id=group.id,
                    member_id=absent.id,
                    deputy_id=stand_in.id,
                    starts_at=starts_at,
                    ends_at=ends_at,
                )
            )
            self._record(
                session,
                group,
                "steering.delegate",
                actor,
                member=absent.name,
                deputy=stand_in.name,
                starts_at=starts_at.isoformat(),
                ends_at=ends_at.isoformat(),
            )
            session.flush()
            return _view(session, group)

    def assign(self, name: str, plan: str, actor: Actor, *, team: str | None = None) -> str:
        """Make the group the steering group of ``plan``; returns the plan's name."""
        with transaction(self.context.sessions) as session:
            group = require_group(session, name)
            self._administer(session, actor, "steering.assign", ("steering_group", group.id))
            plan_row = require_plan(session, plan, team)
            if plan_row.team_id != group.team_id:
                raise Invalid("steering.other_team", name=group.name, plan=plan_row.name)
            plan_row.steering_group_id = group.id
            self._record(session, group, "steering.assign", actor, plan=plan_row.name)
            return plan_row.name


def _picked(session: Session, pick: Pick) -> Person:
    """The person a form's field names; a chat user linked to nobody is refused by name (they
    write to commplan once, or the admin links them)."""
    if pick.surface is not None and pick.user:
        person_id = chat_addresses.person_at(session, pick.surface, pick.user)
        found = people.by_id(session, person_id) if person_id is not None else None
        if found is None:
            raise NotFound("steering.pick_unlinked", name=pick.display or pick.user)
        return found
    return require_person(session, (pick.text or "").strip())


def _rule(value: str) -> DecisionRule:
    try:
        return DecisionRule(value.strip().lower())
    except ValueError:
        raise Invalid(
            "steering.bad_rule", value=value, known=", ".join(rule.value for rule in DecisionRule)
        ) from None
