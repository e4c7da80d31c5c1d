"""Chat addresses (storage/models/addresses.py): where an owner is reached, who a chat user is.

Every query is one indexed lookup: by owner (the unique owner-and-surface keys lead with the
owner), by surface and address among people (a unique partial index), or a batch of owners at
once with ``IN`` (the scheduler asks for a whole steering group or a page of recipients).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping

from sqlalchemy import ColumnElement, case, delete, exists, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.models import ChatAddress, Owner, OwnerKind, Surface

_KEY: dict[OwnerKind, InstrumentedAttribute[int | None]] = {
    OwnerKind.PERSON: ChatAddress.person_id,
    OwnerKind.STEERING_GROUP: ChatAddress.steering_group_id,
    OwnerKind.TEAM: ChatAddress.team_id,
}


def _owned_by(owner: Owner) -> ColumnElement[bool]:
    return _KEY[owner.kind] == owner.id


def on(session: Session, owner: Owner, surface: Surface) -> ChatAddress | None:
    """The owner's address on ``surface``, or None."""
    return session.scalars(
        select(ChatAddress).where(_owned_by(owner), ChatAddress.surface == surface.value)
    ).one_or_none()


def of_many(
    session: Session, kind: OwnerKind, ids: Collection[int]
) -> dict[int, list[ChatAddress]]:
    """The addresses of many owners of one kind, in one query: owner id -> addresses."""
    found: dict[int, list[ChatAddress]] = defaultdict(list)
    if not ids:
        return found
    key = _KEY[kind]
    rows = session.scalars(select(ChatAddress).where(key.in_(ids)).order_by(ChatAddress.id))
    for row in rows:
        owner_id = getattr(row, key.key)
        found[owner_id].append(row)
    return found


def has_any(session: Session, owner: Owner) -> bool:
    """Whether the owner can be reached in chat at all (a group with a channel, say)."""
    return bool(session.scalar(select(exists().where(_owned_by(owner)))))


def person_at(session: Session, surface: Surface, address: str) -> int | None:
    """The person who is ``address`` on ``surface`` (a chat user), or None."""
    return session.scalar(
        select(ChatAddress.person_id).where(
            ChatAddress.surface == surface.value,
            ChatAddress.address == address,
            ChatAddress.person_id.is_not(None),
        )
    )


def remember_conversations(
    session: Session, surface: Surface, conversations: Mapping[str, str | None]
) -> None:
    """Keep (or, with None, forget) the conversation a surface opened with each person, by
    their address there: Slack's direct-message channel, opened once instead of once per
    process (conversations.open is rate limited at some 50 calls a minute). One statement."""
    if not conversations:
        return
    session.execute(
        update(ChatAddress)
        .where(
            ChatAddress.surface == surface.value,
            ChatAddress.address.in_(list(conversations)),
            ChatAddress.person_id.is_not(None),
        )
        .values(conversation=case(dict(conversations), value=ChatAddress.address))
        .execution_options(synchronize_session=False)
    )


def put(
    session: Session,
    owner: Owner,
    surface: Surface,
    address: str,
    *,
    conversation: str | None = None,
    route: str | None = None,
) -> ChatAddress:
    """Set the owner's address on ``surface`` (replacing one there); the conversation and route
    are kept when the address stays the same and none are given."""
    row = on(session, owner, surface)
    if row is None:
        row = ChatAddress(surface=surface.value, address=address)
        setattr(row, _KEY[owner.kind].key, owner.id)
        session.add(row)
    elif row.address != address:
        row.address = address
        row.conversation = row.route = None
    if conversation is not None:
        row.conversation = conversation
    if route is not None:
        row.route = route
    session.flush()
    return row


def remove(session: Session, owner: Owner, surface: Surface) -> bool:
    """Forget the owner's address on ``surface``; whether there was one."""
    done = session.execute(
        delete(ChatAddress).where(_owned_by(owner), ChatAddress.surface == surface.value)
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]
