"""People: adding them, the names plans use for them, and finding who a text means."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid, NotFound
from bot.services.permissions import Gate
from bot.services.responsible import relink_responsible
from bot.services.views import PersonView
from config.languages import LANGUAGES
from storage.database import transaction
from storage.models import Person, Surface
from storage.repositories import audit, people, teams
from storage.repositories.keys import email_key, slugify

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def require_person(session: Session, text: str) -> Person:
    person = people.find(session, text)
    if person is None:
        raise NotFound("error.unknown_person", name=text)
    return person


def _check_fields(email: str | None, locale: str | None, time_zone: str | None) -> None:
    if email is not None and not _EMAIL.match(email.strip()):
        raise Invalid("error.bad_email", value=email)
    if locale is not None and locale not in LANGUAGES:
        raise Invalid("error.bad_language", value=locale)
    if time_zone is not None:
        try:
            ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise Invalid("error.bad_time_zone", value=time_zone) from None


class PeopleService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def _administer(
        self, session: Session, actor: Actor, action: str, person_id: int | None
    ) -> None:
        """People are the admin's to add and link; a person may set their own preferences."""
        self.gate.require_self_or_admin(session, actor, person_id, action=action)

    def add(
        self,
        name: str,
        actor: Actor,
        *,
        email: str | None = None,
        aliases: Sequence[str] = (),
        slack_user_id: str | None = None,
        teams_user_id: str | None = None,
        locale: str | None = None,
        time_zone: str | None = None,
        team: str | None = None,
    ) -> PersonView:
        name = name.strip()
        if not name:
            raise Invalid("error.empty_name")
        _check_fields(email, locale, time_zone)
        with transaction(self.context.sessions) as session:
            self._administer(session, actor, "person.add", None)
            team_row = None
            if team is not None:
                team_row = teams.by_slug(session, slugify(team))
                if team_row is None:
                    raise NotFound("error.unknown_team", name=team)
            if email and people.by_email(session, email) is not None:
                raise Invalid("error.email_taken", value=email)
            person = Person(
                name=name,
                email=email_key(email) if email else None,
                slack_user_id=slack_user_id,
                teams_user_id=teams_user_id,
                locale=locale,
                time_zone=time_zone,
            )
            session.add(person)
            for alias in aliases:
                self._add_alias(session, person, alias)
            session.flush()
            if team_row is not None:
                teams.add_member(session, team_row, person.id)
            audit.record(
                session,
                action="person.add",
                entity="person",
                entity_id=person.id,
                **actor.audit_fields(),
                details={"name": name, "aliases": list(aliases)},
            )
            return PersonView.of(person)

    @staticmethod
    def _add_alias(session: Session, person: Person, alias: str) -> None:
        if not alias.strip():
            raise Invalid("error.empty_name")
        holder = people.by_alias(session, alias)
        if holder is not None and holder is not person:
            raise Invalid("error.alias_taken", alias=alias, name=holder.name)
        if holder is None:
            people.add_alias(session, person, alias)

    def link(
        self,
        who: str,
        actor: Actor,
        *,
        aliases: Sequence[str] = (),
        email: str | None = None,
        slack_user_id: str | None = None,
        teams_user_id: str | None = None,
        team: str | None = None,
    ) -> PersonView:
        """Attach more names, an e-mail, chat ids or a team to the person ``who`` names."""
        _check_fields(email, None, None)
        with transaction(self.context.sessions) as session:
            person = require_person(session, who)
            self._administer(session, actor, "person.link", None)
            for alias in aliases:
                self._add_alias(session, person, alias)
            if email is not None:
                person.email = email_key(email)
            if slack_user_id is not None:
                person.slack_user_id = slack_user_id
            if teams_user_id is not None:
                person.teams_user_id = teams_user_id
            if team is not None:
                team_row = teams.by_slug(session, slugify(team))
                if team_row is None:
                    raise NotFound("error.unknown_team", name=team)
                teams.add_member(session, team_row, person.id)
            audit.record(
                session,
                action="person.link",
                entity="person",
                entity_id=person.id,
                **actor.audit_fields(),
                details={
                    "aliases": list(aliases),
                    "email": email,
                    "slack_user_id": slack_user_id,
                    "team": team,
                },
            )
            session.flush()
            return PersonView.of(person)

    def map_to_slack_user(
        self, name: str, slack_user_id: str, display_name: str | None, actor: Actor
    ) -> tuple[PersonView, int]:
        """A name a plan uses ("Kommunikationsmedarbejder") is this Slack user: the person
        (found by the Slack user, else made) gets the name as an alias, and the open activities
        that name it are read again. Returns the person and how many activities changed."""
        name = name.strip()
        if not name:
            raise Invalid("error.empty_name")
        with transaction(self.context.sessions) as session:
            # The owners and editors of plans map the names their plans use (the notice about
            # unmapped names goes to them); anyone else needs the admin.
            if not self.gate.changeable_plan_ids(session, actor) and not actor.admin:
                self._administer(session, actor, "person.map", None)
            person = people.by_slack_user(session, slack_user_id)
            if person is None:
                person = Person(name=(display_name or name)[:200], slack_user_id=slack_user_id)
                session.add(person)
                session.flush()
            owner = people.by_alias(session, name)
            if owner is None:
                people.add_alias(session, person, name)
            elif owner.id != person.id:
                raise Invalid("error.alias_taken", alias=name, name=owner.name)
            session.flush()
            changed = relink_responsible(session, name)
            audit.record(
                session,
                action="person.map",
                entity="person",
                entity_id=person.id,
                **actor.audit_fields(),
                details={"name": name, "slack_user_id": slack_user_id, "activities": changed},
            )
            return PersonView.of(person), changed

    def link_by_email(self, lookup: Callable[[str], str | None], actor: Actor) -> list[str]:
        """Link people who have an e-mail and no Slack user to the user ``lookup`` finds for
        it (Slack's users.lookupByEmail). Returns the names linked."""
        with self.context.sessions() as session:
            self._administer(session, actor, "person.link", None)
            unlinked = [
                (person.id, person.email)
                for person in people.all_people(session)
                if person.email and not person.slack_user_id and person.active
            ]
        linked: list[str] = []
        for person_id, email in unlinked:
            user = lookup(email)
            if user is None:
                continue
            with transaction(self.context.sessions) as session:
                if people.by_slack_user(session, user) is not None:
                    continue  # that Slack user is someone else already
                person = people.by_id(session, person_id)
                if person is None:
                    continue
                person.slack_user_id = user
                audit.record(
                    session,
                    action="person.link",
                    entity="person",
                    entity_id=person.id,
                    **actor.audit_fields(),
                    details={"slack_user_id": user, "by": "email"},
                )
                linked.append(person.name)
        return linked

    def teams_contact(
        self,
        user_id: str,
        email: str | None,
        actor: Actor,
        *,
        conversation_id: str | None = None,
        service_url: str | None = None,
    ) -> PersonView | None:
        """Someone spoke to the Teams app (or installed it): the person with that Teams user,
        else the one with that e-mail and no Teams user yet, is linked; a personal chat's
        conversation is kept so reminders can reach them. None when nobody matches."""
        with transaction(self.context.sessions) as session:
            person = people.by_teams_user(session, user_id)
            linked = False
            if person is None and email:
                found = people.by_email(session, email)
                if found is not None and found.teams_user_id is None and found.active:
                    person, linked = found, True
                    person.teams_user_id = user_id
            if person is None or not person.active:
                return None
            moved = conversation_id is not None and (
                person.teams_conversation_id != conversation_id
                or person.teams_service_url != service_url
            )
            if moved:
                person.teams_conversation_id = conversation_id
                person.teams_service_url = service_url
            if linked or moved:
                audit.record(
                    session,
                    action="person.link",
                    entity="person",
                    entity_id=person.id,
                    **{**actor.audit_fields(), "actor_text": actor.name or person.name},
                    details={"teams_user_id": user_id, "by": "email" if linked else "conversation"},
                )
            return PersonView.of(person)

    def by_teams_user(self, user_id: str) -> PersonView | None:
        """The person linked to a Teams user (Entra object id), or None."""
        with self.context.sessions() as session:
            person = people.by_teams_user(session, user_id)
            return PersonView.of(person) if person is not None and person.active else None

    def prefer(self, who: str, surface: Surface, actor: Actor) -> PersonView:
        """Where a person reachable on several surfaces gets their reminders."""
        if surface not in (Surface.SLACK, Surface.TEAMS, Surface.EMAIL):
            raise Invalid("error.bad_surface", value=surface.value)
        with transaction(self.context.sessions) as session:
            person = require_person(session, who)
            self._administer(session, actor, "person.prefer", person.id)
            person.preferred_surface = surface.value
            audit.record(
                session,
                action="person.prefer",
                entity="person",
                entity_id=person.id,
                **actor.audit_fields(),
                details={"preferred_surface": surface.value},
            )
            return PersonView.of(person)

    def set_weekly_digest(self, who: str, on: bool, actor: Actor) -> PersonView:
        with transaction(self.context.sessions) as session:
            person = require_person(session, who)
            self._administer(session, actor, "person.digest", person.id)
            person.weekly_digest = on
            audit.record(
                session,
                action="person.digest",
                entity="person",
                entity_id=person.id,
                **actor.audit_fields(),
                details={"weekly_digest": on},
            )
            return PersonView.of(person)

    def list(self) -> list[PersonView]:
        with self.context.sessions() as session:
            return [PersonView.of(person) for person in people.all_people(session)]

    def by_slack_user(self, user_id: str) -> PersonView | None:
        """The person linked to a Slack user, or None (not linked yet)."""
        with self.context.sessions() as session:
            person = people.by_slack_user(session, user_id)
            return PersonView.of(person) if person is not None and person.active else None

    def get(self, who: str) -> PersonView:
        with self.context.sessions() as session:
            return PersonView.of(require_person(session, who))
