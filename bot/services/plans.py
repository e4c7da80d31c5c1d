"""Plans: creating them, finding one by name, and a plan's summary."""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Ambiguous, Invalid, NotFound
from bot.services.people import require_person
from bot.services.permissions import Gate, Permission, PermissionSubject, Role
from bot.services.unassigned import Unassigned, unassigned
from bot.services.views import ActivityView, PlanView
from config.languages import LANGUAGES
from storage.database import transaction
from storage.models import Plan, Team
from storage.repositories import activities, audit, plans, teams
from storage.repositories.keys import slugify

COUNTRIES = ("DK", "SE")


def require_team(session: Session, slug: str) -> Team:
    team = teams.by_slug(session, slugify(slug))
    if team is None:
        raise NotFound("error.unknown_team", name=slug)
    return team


def require_plan(session: Session, name: str, team: str | None = None) -> Plan:
    """The plan ``name`` (or ``#id``) means; in ``team`` when given.

    A name used by plans of two teams is ambiguous unless the team is named.
    """
    if name.startswith("#") and name[1:].isdigit():
        plan = plans.by_id(session, int(name[1:]))
        if plan is None:
            raise NotFound("error.unknown_plan", name=name)
        return plan
    team_id = require_team(session, team).id if team else None
    found = plans.by_name(session, name, team_id=team_id)
    if not found:
        raise NotFound("error.unknown_plan", name=name)
    if len(found) > 1:
        raise Ambiguous(
            "error.ambiguous_plan", name=name, teams=", ".join(plan.team.slug for plan in found)
        )
    return found[0]


@dataclass(frozen=True, slots=True)
class PlanSummary:
    plan: PlanView
    counts: dict[str, int]
    next_activities: tuple[ActivityView, ...]
    overdue: tuple[ActivityView, ...]
    unassigned: Unassigned
    # Open activities with no date (their "when" unread or free text): no reminder reaches them.
    undated: tuple[ActivityView, ...] = ()


VISIBILITIES = ("team", "organisation")


class PlanService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def create(
        self,
        name: str,
        team: str,
        actor: Actor,
        *,
        purpose: str | None = None,
        language: str | None = None,
        country: str = "DK",
        time_zone: str | None = None,
        owner: str | None = None,
        source_name: str | None = None,
    ) -> PlanView:
        name = name.strip()
        if not name:
            raise Invalid("error.empty_name")
        language = language or self.context.settings.language
        if language not in LANGUAGES:
            raise Invalid("error.bad_language", value=language)
        if country not in COUNTRIES:
            raise Invalid("error.bad_country", value=country)
        with transaction(self.context.sessions) as session:
            team_row = require_team(session, team)
            self.gate.require(
                session,
                actor,
                Permission.CREATE,
                action="plan.create",
                team_id=team_row.id,
                entity=("team", team_row.id),
            )
            if plans.by_name(session, name, team_id=team_row.id):
                raise Invalid("error.plan_exists", name=name, team=team_row.slug)
            plan = Plan(
                team=team_row,
                name=name,
                purpose=purpose,
                language=language,
                country=country,
                time_zone=time_zone or self.context.settings.timezone,
                # Whoever creates a plan owns it, unless another owner is named.
                owner_id=require_person(session, owner).id if owner else actor.person_id,
                source_name=source_name,
            )
            session.add(plan)
            session.flush()
            audit.record(
                session,
                action="plan.create",
                entity="plan",
                entity_id=plan.id,
                plan_id=plan.id,
                **actor.audit_fields(),
                details={"name": name, "team": team_row.slug},
            )
            return PlanView.of(plan)

    def get(self, name: str, team: str | None = None) -> PlanView:
        with self.context.sessions() as session:
            return PlanView.of(require_plan(session, name, team))

    def list(self, team: str | None = None) -> list[PlanView]:
        with self.context.sessions() as session:
            team_id = require_team(session, team).id if team else None
            return [PlanView.of(plan) for plan in plans.all_plans(session, team_id=team_id)]

    def has_any(self, actor: Actor) -> bool:
        """Whether ``actor`` may read any plan at all (an admin: always)."""
        with self.context.sessions() as session:
            readable = self.gate.readable_plan_ids(session, actor)
            return readable is None or bool(readable)

    def readable(self, actor: Actor, team: str | None = None) -> builtins.list[PlanView]:
        """The plans ``actor`` may read (a list names no other plan)."""
        with self.context.sessions() as session:
            team_id = require_team(session, team).id if team else None
            allowed = self.gate.readable_plan_ids(session, actor)
            return [
                PlanView.of(plan)
                for plan in plans.all_plans(session, team_id=team_id)
                if allowed is None or plan.id in allowed
            ]

    def changeable(self, actor: Actor) -> builtins.list[PlanView]:
        """The plans ``actor`` may add activities to: a picker shows only these."""
        with self.context.sessions() as session:
            allowed = self.gate.changeable_plan_ids(session, actor)
            return [
                PlanView.of(plan)
                for plan in plans.all_plans(session)
                if allowed is None or plan.id in allowed
            ]

    def set_visibility(self, name: str, visibility: str, actor: Actor) -> PlanView:
        """Who may read the plan besides its people: "team" or "organisation"."""
        if visibility not in VISIBILITIES:
            raise Invalid("error.bad_visibility", value=visibility, known=", ".join(VISIBILITIES))
        with transaction(self.context.sessions) as session:
            plan = require_plan(session, name)
            self.gate.require(
                session, actor, Permission.CHANGE, action="plan.visibility", plan=plan
            )
            before, plan.visibility = plan.visibility, visibility
            audit.record(
                session,
                action="plan.visibility",
                entity="plan",
                entity_id=plan.id,
                plan_id=plan.id,
                **actor.audit_fields(),
                details={"before": before, "after": visibility},
            )
            session.flush()
            return PlanView.of(plan)

    def summary(
        self, name: str, actor: Actor, team: str | None = None, *, next_count: int = 5
    ) -> PlanSummary:
        """Counts by status, the next ``next_count`` open activities, and the overdue ones."""
        with self.context.sessions() as session:
            plan = require_plan(session, name, team)
            self.gate.require(session, actor, Permission.READ, action="plan.read", plan=plan)
            today = self.context.today(plan.time_zone)
            counts = {
                status.value: n for status, n in plans.status_counts(session, plan.id).items()
            }
            due = activities.upcoming(
                session, until=today.replace(year=today.year + 100), since=None, plan_ids=[plan.id]
            )
            views = [ActivityView.of(activity) for activity in due]
            overdue = tuple(view for view in views if view.is_overdue(today))
            coming = tuple(view for view in views if not view.is_overdue(today))[:next_count]
            gaps = unassigned(session, plan)
            undated = tuple(
                ActivityView.of(activity)
                for activity in activities.undated(session, plan_ids=[plan.id])
            )
            return PlanSummary(PlanView.of(plan), counts, coming, overdue, gaps, undated)

    def set_owner(
        self, name: str, owner: str, actor: Actor, *, team: str | None = None
    ) -> PlanView:
        """Make ``owner`` the plan's owner: reminders of activities with nobody responsible
        go to them (an imported plan has no owner until one is set)."""
        with transaction(self.context.sessions) as session:
            plan = require_plan(session, name, team)
            # The owner hands the plan on; anyone else needs the admin.
            if not self.gate.holds(session, actor, Role.OWNER, PermissionSubject(plan)):
                self.gate.require(
                    session, actor, Permission.ADMINISTER, action="plan.owner", plan=plan
                )
            person = require_person(session, owner)
            before = plan.owner_id
            plan.owner_id = person.id
            audit.record(
                session,
                action="plan.owner",
                entity="plan",
                entity_id=plan.id,
                plan_id=plan.id,
                **actor.audit_fields(),
                details={"before": before, "after": person.id},
            )
            session.flush()
            return PlanView.of(plan)
