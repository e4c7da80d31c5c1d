"""Reminders as people ask about them: what will be sent, what was, and the policy."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services.activities import require_activity
from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan
from bot.services.unassigned import Unassigned, unassigned
from bot.texts import Phrase
from scheduler.breaker import Health, down_surfaces
from scheduler.schedule import ScheduledNotice, schedule_notices
from scheduler.subjects import load_subjects
from storage.database import transaction
from storage.models import Activity, OutboxMessage, OutboxStatus, Person
from storage.repositories import audit
from storage.repositories import plans as plans_repo
from storage.rules.policy import PolicyError, ReminderPolicy

# Five years (of leap years, so that any five calendar years fit): plans run for a term of
# office, and a recurring activity's occurrences years ahead are worth a look.
MAX_PREVIEW_DAYS = 5 * 366


@dataclass(frozen=True, slots=True)
class PreviewRow:
    at: dt.datetime  # UTC
    local: dt.datetime  # in the recipient's zone
    kind: str
    activity_id: int
    activity: str
    person_id: int | None
    person: str | None
    key: str
    sent: bool = False  # already sent (shown only when asked: ``include_sent``)

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "local": self.local.isoformat(),
            "kind": self.kind,
            "activity_id": self.activity_id,
            "activity": self.activity,
            "person_id": self.person_id,
            "person": self.person,
            "key": self.key,
            "sent": self.sent,
        }


class ReminderService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def preview(
        self,
        *,
        plan: str | None = None,
        start: dt.date,
        end: dt.date,
        include_sent: bool = False,
    ) -> list[PreviewRow]:
        """Every reminder planned from ``start`` to ``end`` (local days) that will still be
        sent, as the tick will plan them if nothing changes; nothing is written. One already
        sent (its outbox key) is left out, or, with ``include_sent``, shown as sent. Each
        occurrence of a recurring activity in the range has its reminders, however far behind
        its open one is."""
        if end < start:
            raise Invalid("error.bad_period")
        if (end - start).days > MAX_PREVIEW_DAYS:
            raise Invalid("error.bad_days", value=(end - start).days, max=MAX_PREVIEW_DAYS)
        zone = ZoneInfo(self.context.settings.timezone)
        first = dt.datetime.combine(start, dt.time(), tzinfo=zone).astimezone(dt.UTC)
        last = dt.datetime.combine(end, dt.time(23, 59, 59), tzinfo=zone).astimezone(dt.UTC)
        with self.context.sessions() as session:
            plan_id = require_plan(session, plan).id if plan else None
            subjects = load_subjects(session, start, plan_id=plan_id, until=end)
            notices = [n for s in subjects for n in schedule_notices(s, first=first, last=last)]
            titles = _titles(session, {n.activity_id for n in notices})
            people = _people(session, {n.person_id for n in notices})
            sent = _sent_keys(session, {n.key for n in notices})
        return [
            self._row(notice, titles, _person(people, notice.person_id), sent=notice.key in sent)
            for notice in sorted(notices, key=lambda n: (n.due_at, n.key))
            if include_sent or notice.key not in sent
        ]

    def _row(
        self, notice: ScheduledNotice, titles: dict[int, str], person: Person | None, *, sent: bool
    ) -> PreviewRow:
        """A planned notice as the preview lists it, at its moment on its reader's clock (the
        organisation's when they have no zone of their own)."""
        zone = person.time_zone if person and person.time_zone else None
        return PreviewRow(
            at=notice.due_at,
            local=notice.due_at.astimezone(ZoneInfo(zone or self.context.settings.timezone)),
            kind=notice.kind,
            activity_id=notice.activity_id,
            activity=titles.get(notice.activity_id, "?"),
            person_id=notice.person_id,
            person=person.name if person else None,
            key=notice.key,
            sent=sent,
        )

    def unassigned(self, *, plan: str | None = None) -> list[tuple[str, Unassigned]]:
        """For each plan (or the one named) that has open activities with nobody
        responsible: its name and how many, and whether the owner hears of them instead."""
        with self.context.sessions() as session:
            rows = [require_plan(session, plan)] if plan else list(plans_repo.all_plans(session))
            found = [(row.name, unassigned(session, row)) for row in rows]
        return [(name, gaps) for name, gaps in found if gaps.count]

    def down(self) -> list[Health]:
        """The surfaces that are down now (the outbox holds their messages back), since when."""
        with self.context.sessions() as session:
            return down_surfaces(session)

    def status(self) -> dict[str, int]:
        """How many outbox rows are pending, sent, failed and cancelled, and how many were late."""
        with self.context.sessions() as session:
            counts: Counter[str] = Counter(
                {
                    str(row[0].value): int(row[1])
                    for row in session.execute(
                        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
                    )
                }
            )
            late = session.scalar(
                select(func.count()).select_from(OutboxMessage).where(OutboxMessage.late.is_(True))
            )
        return {
            "pending": counts["pending"],
            "sent": counts["sent"],
            "failed": counts["failed"],
            "cancelled": counts["cancelled"],
            "late": int(late or 0),
        }

    def policy(self, plan: str, *, activity_id: int | None = None) -> ReminderPolicy:
        with self.context.sessions() as session:
            plan_row = require_plan(session, plan)
            layers: list[dict[str, Any] | None] = [plan_row.reminder_policy]
            if activity_id is not None:
                layers.append(_activity_of(session, activity_id, plan_row.id).reminder_policy)
            return _merged(*layers)

    def set_policy(
        self,
        plan: str,
        changes: dict[str, str | None],
        actor: Actor,
        *,
        activity_id: int | None = None,
    ) -> ReminderPolicy:
        """Set keys of a plan's policy, or of one activity's override (None resets a key)."""
        with transaction(self.context.sessions) as session:
            plan_row = require_plan(session, plan)
            self.gate.require(
                session, actor, Permission.CHANGE, action="plan.policy", plan=plan_row
            )
            target: Any = plan_row
            if activity_id is not None:
                target = _activity_of(session, activity_id, plan_row.id)
            stored = dict(target.reminder_policy or {})
            for key, value in changes.items():
                if value is None:
                    stored.pop(key, None)
                else:
                    stored[key] = value
            layers = [plan_row.reminder_policy] if activity_id is not None else []
            effective = _merged(*layers, stored)
            # Keep the checked values (before_days as a list), not the texts typed.
            checked = effective.as_json()
            target.reminder_policy = {key: checked[key] for key in stored} or None
            audit.record(
                session,
                action="reminders.policy",
                entity="activity" if activity_id is not None else "plan",
                entity_id=activity_id if activity_id is not None else plan_row.id,
                plan_id=plan_row.id,
                **actor.audit_fields(),
                details={"changes": changes},
            )
            return effective


def _activity_of(session: Any, activity_id: int, plan_id: int) -> Activity:
    activity = require_activity(session, activity_id)
    if activity.plan_id != plan_id:
        raise Invalid("error.activity_not_in_plan", id=activity_id)
    return activity


def _merged(*layers: dict[str, Any] | None) -> ReminderPolicy:
    try:
        return ReminderPolicy.merged(*layers)
    except PolicyError as err:
        problem = Phrase(f"policy.problem.{err.problem}", err.values)
        raise Invalid("error.bad_policy", detail=problem) from None


def _titles(session: Session, ids: set[int]) -> dict[int, str]:
    rows = session.execute(select(Activity.id, Activity.title).where(Activity.id.in_(ids)))
    return {row.id: row.title for row in rows}


def _people(session: Session, ids: set[int | None]) -> dict[int, Person]:
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}


def _person(people: dict[int, Person], person_id: int | None) -> Person | None:
    return people.get(person_id) if person_id is not None else None


def _sent_keys(session: Session, keys: set[str]) -> set[str]:
    """Which of the outbox keys were sent already."""
    return set(
        session.scalars(
            select(OutboxMessage.key).where(
                OutboxMessage.key.in_(keys), OutboxMessage.status == OutboxStatus.SENT
            )
        )
    )
