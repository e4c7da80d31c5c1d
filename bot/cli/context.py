"""What every CLI command starts from: checked settings, a reachable database, the services."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from config.languages import Language, as_language

# What a command needs is imported when it first asks (settings, database, services), so that
# `commplan --help` loads none of it (docs/performance.md).
if TYPE_CHECKING:
    from bot.services import Services
    from bot.services.actor import Actor
    from bot.texts.local import Reader
    from config import Settings


@cache
def settings() -> Settings:
    from bot.registry import checked_settings

    return checked_settings()


@cache
def services() -> Services:
    """The services on a migrated database (migrating is idempotent and fast when current)."""
    from bot.services import Services
    from storage.database import check_connection, make_engine
    from storage.migration_head import at_head

    current = settings()
    engine = make_engine(current.database_url)
    check_connection(engine)
    if not at_head(engine):  # Alembic only when there is something to migrate
        from storage.migrate import upgrade

        upgrade(engine, language=current.language)
    return Services.create(current, engine)


# Who the command acts as: the organisation's admin (the operator at the server), unless the
# root option --as names a person, whose permissions then apply (docs/permissions.md).
_acting_as: list[str | None] = [None]


def act_as(who: str | None) -> None:
    _acting_as[0] = who


def actor(who: str | None = None) -> Actor:
    """The actor of this command: the admin, or the person the root --as names, or the person
    ``who`` (a command's own --as). The admin is the person COMMPLAN_CLI_PERSON names when it
    is set (so notices name them), still with the admin's permissions. A command's own --as is
    the admin's to give: someone the root --as names may name only themselves there."""
    from bot.services.actor import Actor
    from bot.services.permissions import Gate
    from storage.models import Origin

    operator = Actor.cli()
    root = _acting_as[0]
    if root is None and who is None:
        mapped = settings().cli_person
        if not mapped:
            return operator
        person = services().people.get(mapped)
        return Actor(Origin.CLI, person.id, person.name, surface_user=operator.name, admin=True)
    current = services()
    acting = None
    if root is not None:
        person = current.people.get(root)
        acting = Actor(Origin.CLI, person.id, person.name, surface_user=operator.name)
    if who is None:
        assert acting is not None
        return acting
    named = current.people.get(who)
    if acting is not None:
        with current.context.sessions() as session:
            Gate(current.context).require_self_or_admin(
                session, acting, named.id, action="cli.act_as"
            )
    return Actor(Origin.CLI, named.id, named.name, surface_user=operator.name)


def acting_person() -> str | None:
    """Whom the root --as names, if anyone."""
    return _acting_as[0]


def reader() -> Reader:
    """Who reads what this command prints: the person --as names (their language and zone), else
    the one COMMPLAN_CLI_PERSON names, else the organisation (COMMPLAN_LANGUAGE,
    COMMPLAN_TIMEZONE)."""
    from bot.texts.local import Reader, zone_for

    current = settings()
    who = _acting_as[0] or current.cli_person
    if who is None:
        return Reader(current.language, current.zone)
    person = services().people.get(who)
    return Reader(
        as_language(person.locale, current.language), zone_for(person.time_zone, current.timezone)
    )


def language() -> Language:
    """The language of what this command prints (``reader``'s)."""
    return reader().language
