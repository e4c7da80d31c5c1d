"""Teams: who shares plans, a channel and a calendar feed."""

from __future__ import annotations

from collections.abc import Mapping

from bot.services.actor import Actor
from bot.services.addressing import set_addresses
from bot.services.context import Context
from bot.services.errors import Invalid, NotFound
from bot.services.permissions import Gate, Permission
from bot.services.views import TeamView
from storage.database import transaction
from storage.models import Owner, Surface, Team
from storage.repositories import audit, teams
from storage.repositories.keys import slugify


class TeamService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def add(
        self,
        name: str,
        actor: Actor,
        *,
        slug: str | None = None,
        channels: Mapping[Surface, str] | None = None,
    ) -> TeamView:
        name = name.strip()
        if not name:
            raise Invalid("error.empty_name")
        slug = slugify(slug or name)
        with transaction(self.context.sessions) as session:
            self.gate.require(
                session, actor, Permission.ADMINISTER, action="team.add", entity=("team", None)
            )
            if teams.by_slug(session, slug) is not None:
                raise Invalid("error.team_exists", slug=slug)
            team = Team(slug=slug, name=name)
            session.add(team)
            session.flush()
            set_addresses(session, Owner.team(team.id), channels or {})
            session.expire(team, ["chat_addresses"])
            audit.record(
                session,
                action="team.add",
                entity="team",
                entity_id=team.id,
                **actor.audit_fields(),
                details={"slug": slug},
            )
            return TeamView.of(team)

    def connect(self, slug: str, channels: Mapping[Surface, str], actor: Actor) -> TeamView:
        """The team's chat channels, by surface ("" takes one away)."""
        with transaction(self.context.sessions) as session:
            team = teams.by_slug(session, slugify(slug))
            if team is None:
                raise NotFound("error.unknown_team", name=slug)
            self.gate.require(
                session,
                actor,
                Permission.ADMINISTER,
                action="team.connect",
                entity=("team", team.id),
            )
            changed = set_addresses(session, Owner.team(team.id), channels)
            audit.record(
                session,
                action="team.connect",
                entity="team",
                entity_id=team.id,
                **actor.audit_fields(),
                details={"channels": changed},
            )
            session.flush()
            session.expire(team, ["chat_addresses"])
            return TeamView.of(team)

    def list(self) -> list[TeamView]:
        with self.context.sessions() as session:
            return [TeamView.of(team) for team in teams.all_teams(session)]

    def get(self, slug: str) -> TeamView:
        with self.context.sessions() as session:
            team = teams.by_slug(session, slugify(slug))
            if team is None:
                raise NotFound("error.unknown_team", name=slug)
            return TeamView.of(team)
