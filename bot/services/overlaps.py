"""Overlaps across plans, for people: the list, and marking one intended.

What is shown to whom (docs/coordination.md): an overlap is listed to whoever may read at least
one of its plans (the admin sees all). Of the other plans' activities in it, a plan the reader
may read shows as the owner's notice shows it (title, plan, day, channel); of a plan they may
not read only its team, its owner (to contact), the week and the channel: no title, message,
plan name or day (issue 28, item 4). Marking an overlap intended is for whoever may change one
of its plans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import NotFound
from bot.services.permissions import Gate, Permission
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import cancel_rows
from storage.database import transaction
from storage.models import IntendedOverlap, OutboxMessage, OutboxStatus, Plan
from storage.repositories import audit
from storage.repositories.overlaps import find_overlaps, horizon, intended_keys
from storage.rules.overlaps import Overlap


@dataclass(frozen=True, slots=True)
class OverlapView:
    overlap: Overlap
    intended: bool
    readable: frozenset[int] | None = None  # the plans the reader may read; None: every plan

    def as_json(self) -> dict[str, Any]:
        """What the reader may see of it: of a plan they may not read only its team, owner,
        week and channel (scheduler.overlaps.Entry)."""
        return {**self.overlap.as_json(self.readable), "intended": self.intended}


class OverlapService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def _span(
        self, session: Session, first: dt.date | None, days: int | None
    ) -> tuple[dt.date, dt.date]:
        """From ``first`` (today) for ``days``; by default as far as the plans go (at most 18
        months) or COMMPLAN_OVERLAP_HORIZON_DAYS when set."""
        start = first or self.context.today()
        return start, horizon(session, start, days or self.context.settings.overlap_horizon_days)

    def _found(self, session: Session, first: dt.date, last: dt.date) -> list[Overlap]:
        return find_overlaps(session, first, last, apart=self.context.settings.overlap_working_days)

    def list(
        self,
        actor: Actor,
        *,
        audience: str | None = None,
        first: dt.date | None = None,
        days: int | None = None,
        plan_id: int | None = None,
    ) -> list[OverlapView]:
        """The overlaps from ``first`` (today) for ``days`` (the horizon) the actor may see;
        of one audience (slug or name) or involving one plan, when given."""
        with self.context.sessions() as session:
            start, last = self._span(session, first, days)
            found = self._found(session, start, last)
            intended = intended_keys(session)
            readable = self.gate.readable_plan_ids(session, actor)  # None: every plan
            wanted = (audience or "").casefold()
            shown = None if readable is None else frozenset(readable)
            return [
                OverlapView(overlap, overlap.key in intended, shown)
                for overlap in found
                if (not wanted or wanted in (overlap.audience.casefold(),))
                and (plan_id is None or plan_id in overlap.plan_ids)
                and (readable is None or any(plan in readable for plan in overlap.plan_ids))
            ]

    def mark_intended(self, key: str, actor: Actor, *, note: str | None = None) -> OverlapView:
        """The overlap ``key`` is intended: its owners are not told of it (again)."""
        with transaction(self.context.sessions) as session:
            start, last = self._span(session, None, None)
            overlap = next((o for o in self._found(session, start, last) if o.key == key), None)
            if overlap is None:
                raise NotFound("overlap.error.unknown", name=key)
            changeable = self.gate.changeable_plan_ids(session, actor)  # None: every plan
            mine = [p for p in overlap.plan_ids if changeable is None or p in changeable]
            if not mine:
                first_plan = session.get(Plan, overlap.plan_ids[0])
                self.gate.require(
                    session, actor, Permission.CHANGE, action="overlap.intended", plan=first_plan
                )
            if key not in intended_keys(session):
                session.add(
                    IntendedOverlap(key=key, plan_id=mine[0], person_id=actor.person_id, note=note)
                )
            pending = session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.kind == NoticeKind.OVERLAP,
                    OutboxMessage.status == OutboxStatus.PENDING,
                    OutboxMessage.key.startswith(f"overlap:{key}:"),
                )
            )
            cancel_rows(session, list(pending), "marked intended")
            audit.record(
                session,
                action="overlap.intended",
                entity="plan",
                entity_id=mine[0],
                plan_id=mine[0],
                **actor.audit_fields(),
                details={
                    "key": key,
                    "note": note,
                    "activities": [e.activity_id for e in overlap.entries],
                },
            )
            return OverlapView(overlap, True)
