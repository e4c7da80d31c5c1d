"""Telling overlaps across plans (docs/coordination.md): the tick's ``OverlapPlanner`` tells
each plan owner involved once per overlap (outbox key ``overlap:<overlap key>:<person>``, so
replicas and restarts write it once), unless an owner marked the overlap intended; the owners
of a same-name overlap are offered, once each per name, to make it an audience or map it
(``same_name`` notices, key ``same_name:<digest of the name>:<person>``).

What an overlap is: storage/rules/overlaps.py; how they are read: storage/repositories/overlaps.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import outbox_row
from scheduler.throttle import ThrottledPlanner
from storage.models import OutboxMessage, Person
from storage.repositories import roles
from storage.repositories.overlaps import find_overlaps, horizon, intended_keys
from storage.rules.overlaps import MAX_NAMED, Overlap, digest


def _told_to(overlap: Overlap, owner_id: int, readable: Collection[int] | None) -> dict[str, Any]:
    mine = [e for e in overlap.entries if e.owner_id == owner_id]
    others = [e for e in overlap.entries if e.owner_id != owner_id]
    named = sorted((mine + others)[:MAX_NAMED], key=lambda e: (e.day, e.activity_id))
    payload = overlap.as_json(readable)
    payload["activities"] = [
        entry.as_json(hidden=readable is not None and entry.plan_id not in readable)
        for entry in named
    ]
    payload["more"] = len(overlap.entries) - len(named)
    return payload


Readers = Callable[[int], Collection[int] | None]


def notice_rows(
    overlaps: Iterable[Overlap],
    now: dt.datetime,
    told: Collection[str] = (),
    readable: Readers = lambda _owner: None,
) -> list[dict[str, object]]:
    """One outbox row per overlap and owner involved, but for the keys in ``told``; each
    owner is told of the other plans what ``readable(owner)`` lets them read."""
    rows: list[dict[str, object]] = []
    for overlap in overlaps:
        for owner_id in overlap.owner_ids:
            if f"overlap:{overlap.key}:{owner_id}" in told:
                continue
            own = next(e.plan_id for e in overlap.entries if e.owner_id == owner_id)
            payload = _told_to(overlap, owner_id, readable(owner_id))
            rows.append(
                outbox_row(
                    f"overlap:{overlap.key}:{owner_id}",
                    NoticeKind.OVERLAP,
                    now,
                    plan_id=own,
                    activity_id=None,
                    person_id=owner_id,
                    payload=payload,
                )
            )
    return rows


def offer_rows(
    overlaps: Iterable[Overlap], now: dt.datetime, told: Collection[str] = ()
) -> list[dict[str, object]]:
    """To each owner in a same-name overlap, once per name (not per overlap): the offer to make
    the name an audience (``audiences add``) or map it in their plan (``audiences map``)."""
    rows: list[dict[str, object]] = []
    written: set[str] = set(told)
    for overlap in overlaps:
        if overlap.same_name is None:
            continue
        for owner_id in overlap.owner_ids:
            key = f"same_name:{digest([overlap.same_name])}:{owner_id}"
            if key in written:
                continue
            written.add(key)
            own = next(e for e in overlap.entries if e.owner_id == owner_id)
            payload = {
                "name": overlap.audience,
                "plan": own.plan_name,
                "plan_id": own.plan_id,
                "others": len(overlap.plan_ids) - 1,
            }
            rows.append(
                outbox_row(
                    key,
                    NoticeKind.SAME_NAME,
                    now,
                    plan_id=own.plan_id,
                    activity_id=None,
                    person_id=owner_id,
                    payload=payload,
                )
            )
    return rows


class OverlapPlanner(ThrottledPlanner):
    """In the tick: tell the owners of overlapping plans, once each, across replicas."""

    name = "overlaps"

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        apart: int,
        horizon_days: int | None,
        zone: str,
        every: dt.timedelta = dt.timedelta(minutes=15),
    ) -> None:
        super().__init__(sessions, every=every)
        self.apart = apart
        self.horizon_days = horizon_days  # None: as far as the plans go (``horizon``)
        self.zone = ZoneInfo(zone)

    def rows(self, session: Session, now: dt.datetime) -> list[dict[str, object]]:
        today = now.astimezone(self.zone).date()
        last = horizon(session, today, self.horizon_days)
        overlaps = find_overlaps(session, today, last, apart=self.apart)
        intended = intended_keys(session)
        # Writing only what is new: most ticks find every overlap told already, and building
        # and sending thousands of no-op inserts was most of the time (bench/overlaps.py).
        already = set(
            session.scalars(
                select(OutboxMessage.key).where(
                    OutboxMessage.kind.in_((NoticeKind.OVERLAP, NoticeKind.SAME_NAME))
                )
            )
        )
        cache: dict[int, Collection[int] | None] = {}

        def readable(owner_id: int) -> Collection[int] | None:
            """The plans the owner may read (None: an admin, every plan): the gate's rule
            (storage.repositories.roles, which bot.services.permissions asks too)."""
            if owner_id not in cache:
                owner = session.get(Person, owner_id)
                admin = owner is not None and owner.is_admin
                cache[owner_id] = (
                    None
                    if admin
                    else roles.readable_plan_ids(session, owner_id, now, organisation=True)
                )
            return cache[owner_id]

        told = [o for o in overlaps if o.key not in intended]
        return notice_rows(told, now, already, readable) + offer_rows(told, now, already)
