"""Setting chat addresses from a service: one rule for people, steering groups and teams.

The services take addresses as ``{Surface: address}`` and never name a surface themselves: a
surface is valid when the registry (bot/registry.py) has it; "" takes the owner's address there
away; a chat user is one person.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from bot import registry
from bot.services.errors import Invalid
from storage.models import Owner, OwnerKind, Surface
from storage.repositories import addresses, people


def require_surface(surface: Surface) -> None:
    if registry.spec_of(surface) is None:
        raise Invalid("error.bad_surface", value=surface.word, known=registry.names())


def set_addresses(
    session: Session,
    owner: Owner,
    given: Mapping[Surface, str],
    *,
    conversation: str | None = None,
    route: str | None = None,
) -> dict[str, str]:
    """Set (or, given "", take away) the owner's addresses; what changed, for the audit."""
    changed: dict[str, str] = {}
    for surface, text in given.items():
        require_surface(surface)
        address = text.strip()
        changed[surface.value] = address
        if not address:
            addresses.remove(session, owner, surface)
            continue
        if owner.kind is OwnerKind.PERSON:
            holder = addresses.person_at(session, surface, address)
            if holder is not None and holder != owner.id:
                taken = people.by_id(session, holder)
                raise Invalid(
                    "error.chat_user_taken", value=address, name=taken.name if taken else "?"
                )
        addresses.put(session, owner, surface, address, conversation=conversation, route=route)
    return changed
