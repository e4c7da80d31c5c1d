"""People: adding them, the names plans use for them, and finding who a text means."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.addressing import require_surface, set_addresses
from bot.services.context import Context
from bot.services.errors import Invalid, NotFound
from bot.services.permissions import Gate
from bot.services.responsible import mentioning, relink_responsible
from bot.services.views import PersonView
from config.languages import LANGUAGES
from storage.database import transaction
from storage.models import Owner, OwnerKind, Person, Surface
from storage.repositories import addresses as chat_addresses
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


def _by_chat_user(session: Session, surface: Surface, user_id: str) -> Person | None:
    person_id = chat_addresses.person_at(session, surface, user_id)
    return None if person_id is None else people.by_id(session, person_id)


def _link_by_email(session: Session, surface: Surface, user_id: str, email: str) -> Person | None:
    """The active person with this e-mail and no chat user on ``surface`` yet, now linked to
    ``user_id``; None when there is none."""
    found = people.by_email(session, email)
    if (
        found is None
        or not found.active
        # An admin is never linked by an e-mail a chat service reports: another tenant's user
        # may carry the same address. The admin links their own chat user (docs/teams.md,
        # "Linking people").
        or found.is_admin
        or chat_addresses.on(session, Owner.person(found.id), surface) is not None
    ):
        return None
    chat_addresses.put(session, Owner.person(found.id), surface, user_id)
    return found


def _keep_conversation(
    session: Session,
    person: Person,
    surface: Surface,
    conversation: str | None,
    route: str | None,
) -> bool:
    """Keep the personal chat a reminder reaches the person in (and its route) when it is new
    or moved; whether it was."""
    row = chat_addresses.on(session, Owner.person(person.id), surface)
    if (
        row is None
        or conversation is None
        or (row.conversation, row.route) == (conversation, route)
    ):
        return False
    row.conversation, row.route = conversation, route
    return True


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
        addresses: Mapping[Surface, str] | None = None,
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
                locale=locale,
                time_zone=time_zone,
            )
            session.add(person)
            for alias in aliases:
                self._add_alias(session, person, alias)
            session.flush()
            set_addresses(session, Owner.person(person.id), addresses or {})
            session.expire(person, ["chat_addresses"])
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
        addresses: Mapping[Surface, str] | None = None,
        team: str | None = None,
    ) -> PersonView:
        """Attach more names, an e-mail, chat addresses (by surface; "" takes one away) or a
        team to the person ``who`` names."""
        _check_fields(email, None, None)
        with transaction(self.context.sessions) as session:
            person = require_person(session, who)
            self._administer(session, actor, "person.link", None)
            for alias in aliases:
                self._add_alias(session, person, alias)
            if email is not None:
                person.email = email_key(email)
            set_addresses(session, Owner.person(person.id), addresses or {})
            session.expire(person, ["chat_addresses"])
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
                    "addresses": {s.value: a for s, a in (addresses or {}).items()},
                    "team": team,
                },
            )
            session.flush()
            return PersonView.of(person)

    def map_to_chat_user(
        self, name: str, surface: Surface, user_id: str, display_name: str | None, actor: Actor
    ) -> tuple[PersonView, int]:
        """A name a plan uses ("Kommunikationsmedarbejder") is this chat user: the person
        (found by the chat user, else made) gets the name as an alias, and the open activities
        that name it are read again. Returns the person and how many activities changed."""
        name = name.strip()
        if not name:
            raise Invalid("error.empty_name")
        with transaction(self.context.sessions) as session:
            # The owners and editors of plans map the names their plans use (the notice about
            # unmapped names goes to them), in those plans alone: the same word in a plan they
            # may not change stays unmapped there, and its owners are asked (issue 28, item 1).
            # The admin may change every plan: their mapping is the person's alias everywhere.
            changeable = self.gate.changeable_plan_ids(session, actor)
            if changeable is not None and not changeable:
                self._administer(session, actor, "person.map", None)
            person = _by_chat_user(session, surface, user_id)
            if person is None:
                person = Person(name=(display_name or name)[:200])
                session.add(person)
                session.flush()
                chat_addresses.put(session, Owner.person(person.id), surface, user_id)
            owner = people.by_alias(session, name)
            if owner is not None and owner.id != person.id:
                raise Invalid("error.alias_taken", alias=name, name=owner.name)
            plan_ids: list[int] | None = None
            if changeable is None:
                if owner is None:
                    people.add_alias(session, person, name)
            else:
                plan_ids = sorted({a.plan_id for a in mentioning(session, name, changeable)})
                for plan_id in plan_ids:
                    named = people.by_plan_name(session, plan_id, name)
                    if named is None:
                        people.add_plan_name(session, person, plan_id, name)
                    elif named.id != person.id:
                        raise Invalid("error.alias_taken", alias=name, name=named.name)
            session.flush()
            changed = relink_responsible(session, name, plan_ids)
            audit.record(
                session,
                action="person.map",
                entity="person",
                entity_id=person.id,
                **actor.audit_fields(),
                details={
                    "name": name,
                    "surface": surface.value,
                    "user": user_id,
                    "activities": changed,
                    "plans": "all" if plan_ids is None else plan_ids,
                },
            )
            return PersonView.of(person), changed

    def link_by_email(
        self, surface: Surface, lookup: Callable[[str], str | None], actor: Actor
    ) -> list[str]:
        """Link people who have an e-mail and no user on ``surface`` to the user ``lookup``
        finds for it (Slack's users.lookupByEmail). Returns the names linked."""
        with self.context.sessions() as session:
            self._administer(session, actor, "person.link", None)
            everyone = people.all_people(session)
            linked_ids = chat_addresses.of_many(session, OwnerKind.PERSON, [p.id for p in everyone])
            unlinked = [
                (person.id, person.email)
                for person in everyone
                if person.email
                and person.active
                and not any(row.surface == surface.value for row in linked_ids.get(person.id, []))
            ]
        linked: list[str] = []
        for person_id, email in unlinked:
            user = lookup(email)
            if user is None:
                continue
            with transaction(self.context.sessions) as session:
                if chat_addresses.person_at(session, surface, user) is not None:
                    continue  # that chat user is someone else already
                person = people.by_id(session, person_id)
                if person is None:
                    continue
                chat_addresses.put(session, Owner.person(person.id), surface, user)
                audit.record(
                    session,
                    action="person.link",
                    entity="person",
                    entity_id=person.id,
                    **actor.audit_fields(),
                    details={"surface": surface.value, "user": user, "by": "email"},
                )
                linked.append(person.name)
        return linked

    def chat_contact(
        self,
        surface: Surface,
        user_id: str,
        email: str | None,
        actor: Actor,
        *,
        conversation: str | None = None,
        route: str | None = None,
        tenant: str | None = None,
    ) -> PersonView | None:
        """Someone spoke to the app on ``surface`` (or installed it): the person with that chat
        user, else the one with that e-mail and no user there yet, is linked; a personal chat's
        conversation (and its route) is kept so reminders can reach them. None when nobody
        matches.

        Linking by e-mail happens only for a Teams user of an allowed tenant (``tenant``, the
        activity's), and never to an admin."""
        with transaction(self.context.sessions) as session:
            person = _by_chat_user(session, surface, user_id)
            linked = False
            if person is None and email and self._may_link_by_email(surface, tenant):
                person = _link_by_email(session, surface, user_id, email)
                linked = person is not None
            if person is None or not person.active:
                return None
            moved = _keep_conversation(session, person, surface, conversation, route)
            if linked or moved:
                audit.record(
                    session,
                    action="person.link",
                    entity="person",
                    entity_id=person.id,
                    **{**actor.audit_fields(), "actor_text": actor.name or person.name},
                    details={
                        "surface": surface.value,
                        "user": user_id,
                        "by": "email" if linked else "conversation",
                    },
                )
            session.flush()
            return PersonView.of(person)

    def _may_link_by_email(self, surface: Surface, tenant: str | None) -> bool:
        """Whether the e-mail a chat service reports is trusted to name one of ours: on Teams,
        only from a tenant on the allow-list (with COMMPLAN_TEAMS_ANY_TENANT the bot answers
        other tenants too, whose addresses prove nothing here)."""
        if surface is not Surface.MSTEAMS:
            return True
        return tenant is not None and tenant in self.context.settings.msteams_tenants

    def by_chat_user(self, surface: Surface, user_id: str) -> PersonView | None:
        """The person linked to a chat user on ``surface`` (a Slack user id, a Teams user's
        Entra object id), or None (not linked yet)."""
        with self.context.sessions() as session:
            person = _by_chat_user(session, surface, user_id)
            return PersonView.of(person) if person is not None and person.active else None

    def prefer(self, who: str, surface: Surface, actor: Actor) -> PersonView:
        """Where a person reachable on more than one surface gets their reminders."""
        require_surface(surface)
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

    def get(self, who: str) -> PersonView:
        with self.context.sessions() as session:
            return PersonView.of(require_person(session, who))
