"""The ids of e-mail action links already used (``email_links_used``): a link acts once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.orm import Session

from storage.models import UsedEmailLink


def is_used(session: Session, link_id: str) -> bool:
    return session.get(UsedEmailLink, link_id) is not None


def add(session: Session, link_id: str, action: str) -> None:
    """Record ``link_id`` as used; the primary key lets only one of two racing requests in."""
    session.add(UsedEmailLink(link_id=link_id, action=action))


def drop_older_than(session: Session, cutoff: dt.datetime) -> None:
    session.execute(delete(UsedEmailLink).where(UsedEmailLink.used_at < cutoff))


def drop(session: Session, link_id: str) -> None:
    session.execute(delete(UsedEmailLink).where(UsedEmailLink.link_id == link_id))
