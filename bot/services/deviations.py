"""Deviations from the plan as agreed (docs/coordination.md).

An activity's baseline is its date when it was imported or added, and again when the steering
group approves it. Moving it more than ``COMMPLAN_DEVIATION_WORKING_DAYS`` working days (default
5, the plan's country's holidays not counted) from its baseline, or cancelling it, is recorded
here with who did it and why; leaving it overdue longer than that is a deviation too (found when
listed, and told by the tick). The plan's owner and its steering group's chair are told (not
the person who did it). ``commplan deviations PLAN`` lists them, as a table, JSON, CSV or .xlsx.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid, NotFound
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan
from bot.texts.local import machine_moment
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import insert_rows, outbox_row
from storage.database import transaction
from storage.models import (
    Activity,
    ActivityStatus,
    Deviation,
    Person,
    Plan,
    SteeringGroup,
)
from storage.repositories import audit
from storage.rules.workdays import working_days
from storage.types import utcnow


def working_days_between(first: dt.date, last: dt.date, country: str) -> int:
    """Working days from ``first`` to ``last`` in ``country`` (negative: earlier)."""
    return working_days(country).between(first, last)


def set_baseline(activity: Activity) -> None:
    """The activity's date as the plan now promises it (added, imported, approved)."""
    activity.baseline_due = activity.next_due


def _recipients(session: Session, plan: Plan, actor: Actor) -> list[int]:
    """The plan's owner and its steering group's chair, but not whoever did it."""
    found: list[int] = []
    group = session.get(SteeringGroup, plan.steering_group_id) if plan.steering_group_id else None
    for person_id in (plan.owner_id, group.chair_id if group else None):
        if person_id is not None and person_id != actor.person_id and person_id not in found:
            found.append(person_id)
    return found


def _tell(session: Session, deviation: Deviation, activity: Activity, actor: Actor) -> None:
    # The notice names who did it (it is theirs to read until sent; the table keeps only the
    # person's id, so forgetting them leaves no name behind).
    by = str(actor.audit_fields()["actor_text"])
    payload = {**_json(deviation, activity.title, activity.plan.name), "by": by}
    insert_rows(
        session,
        [
            outbox_row(
                f"deviation:{deviation.id}:{person_id}",
                NoticeKind.DEVIATION,
                utcnow(),
                plan_id=activity.plan_id,
                activity_id=activity.id,
                person_id=person_id,
                payload=payload,
            )
            for person_id in _recipients(session, activity.plan, actor)
        ],
    )


def _record(
    session: Session,
    activity: Activity,
    actor: Actor,
    *,
    kind: str,
    days: int | None,
    reason: str | None,
) -> Deviation:
    deviation = Deviation(
        activity_id=activity.id,
        plan_id=activity.plan_id,
        kind=kind,
        baseline=activity.baseline_due,
        moved_to=activity.next_due if kind == "moved" else None,
        working_days=days,
        reason=(reason or "").strip() or None,
        person_id=actor.person_id,
        # A person is named by their id (their name read when listed); the command line or a
        # chat user linked to nobody by the label the audit log gives them.
        by_text="" if actor.person_id else str(actor.audit_fields()["actor_text"])[:200],
        at=utcnow(),
    )
    session.add(deviation)
    session.flush()
    audit.record(
        session,
        action="deviation.record",
        entity="activity",
        entity_id=activity.id,
        plan_id=activity.plan_id,
        **actor.audit_fields(),
        details={"deviation": deviation.id, "kind": kind, "days": days, "reason": reason},
    )
    _tell(session, deviation, activity, actor)
    return deviation


def note_moved(
    session: Session, activity: Activity, actor: Actor, *, threshold: int, reason: str | None
) -> Deviation | None:
    """After the activity's date changed: a deviation if it is now more than ``threshold``
    working days from its baseline. An activity without a baseline (no date until now) takes
    its new date as its baseline."""
    if activity.next_due is None:
        return None
    if activity.baseline_due is None:
        set_baseline(activity)
        return None
    days = working_days_between(activity.baseline_due, activity.next_due, activity.plan.country)
    if abs(days) <= threshold:
        return None
    return _record(session, activity, actor, kind="moved", days=days, reason=reason)


def note_cancelled(
    session: Session, activity: Activity, actor: Actor, *, reason: str | None
) -> Deviation:
    return _record(session, activity, actor, kind="cancelled", days=None, reason=reason)


def _json(deviation: Deviation, title: str, plan: str) -> dict[str, Any]:
    return {
        "id": deviation.id,
        "activity_id": deviation.activity_id,
        "activity": title,
        "plan": plan,
        "kind": deviation.kind,
        "baseline": deviation.baseline.isoformat() if deviation.baseline else None,
        "moved_to": deviation.moved_to.isoformat() if deviation.moved_to else None,
        "working_days": deviation.working_days,
        "reason": deviation.reason,
    }


@dataclass(frozen=True, slots=True)
class DeviationView:
    id: int | None  # None: overdue, found when listed
    activity_id: int
    activity: str
    kind: str  # moved | cancelled | overdue
    baseline: dt.date | None
    moved_to: dt.date | None  # moved: the new date; overdue: the date it was due
    working_days: int | None
    reason: str | None
    by: str | None
    at: dt.datetime | None

    HEADINGS = (
        "id",
        "activity_id",
        "activity",
        "kind",
        "baseline",
        "moved_to",
        "working_days",
        "reason",
        "by",
        "at",
    )

    def row(self) -> tuple[object, ...]:
        return (
            self.id,
            self.activity_id,
            self.activity,
            self.kind,
            self.baseline,
            self.moved_to,
            self.working_days,
            self.reason,
            self.by,
            self.at.astimezone(dt.UTC).replace(tzinfo=None) if self.at else None,
        )

    def as_json(self) -> dict[str, Any]:
        values = dict(zip(self.HEADINGS, self.row(), strict=True))
        for name in ("baseline", "moved_to"):
            value = values[name]
            values[name] = value.isoformat() if value is not None else None  # type: ignore[attr-defined]
        # A moment for programs: ISO 8601 with its offset, to the second.
        values["at"] = machine_moment(self.at, dt.UTC) if self.at is not None else None
        return values


def _view(deviation: Deviation, title: str, person: str | None) -> DeviationView:
    return DeviationView(
        deviation.id,
        deviation.activity_id,
        title,
        deviation.kind,
        deviation.baseline,
        deviation.moved_to,
        deviation.working_days,
        deviation.reason,
        person or deviation.by_text or None,
        deviation.at,
    )


class DeviationService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def list(self, plan: str, actor: Actor) -> list[DeviationView]:
        """The plan's deviations, recorded and overdue, oldest first."""
        threshold = self.context.settings.deviation_working_days
        with self.context.sessions() as session:
            found = require_plan(session, plan)
            self.gate.require(session, actor, Permission.READ, action="plan.deviations", plan=found)
            rows = session.execute(
                select(Deviation, Activity.title, Person.name)
                .join(Activity, Activity.id == Deviation.activity_id)
                .outerjoin(Person, Person.id == Deviation.person_id)
                .where(Deviation.plan_id == found.id)
                .order_by(Deviation.at, Deviation.id)
            ).all()
            views = [_view(deviation, title, person) for deviation, title, person in rows]
            today = self.context.today(found.time_zone)
            for activity, days in overdue(session, found, today, threshold):
                views.append(
                    DeviationView(
                        None,
                        activity.id,
                        activity.title,
                        "overdue",
                        activity.baseline_due,
                        activity.next_due,
                        days,
                        None,
                        None,
                        None,
                    )
                )
            return views

    def unexplained(self, activity_id: int, since: dt.datetime) -> DeviationView | None:
        """The deviation a change of ``activity_id`` recorded from ``since`` on without a
        reason: the surface that made the change asks why."""
        with self.context.sessions() as session:
            row = session.execute(
                select(Deviation, Activity.title, Person.name)
                .join(Activity, Activity.id == Deviation.activity_id)
                .outerjoin(Person, Person.id == Deviation.person_id)
                .where(
                    Deviation.activity_id == activity_id,
                    Deviation.at >= since,
                    Deviation.reason.is_(None),
                )
                .order_by(Deviation.id.desc())
                .limit(1)
            ).first()
            return None if row is None else _view(row[0], row[1], row[2])

    def give_reason(self, deviation_id: int, reason: str, actor: Actor) -> DeviationView:
        """Why: the person who moved or cancelled it, or whoever may change the plan."""
        reason = reason.strip()
        if not reason:
            raise Invalid("deviation.error.no_reason")
        with transaction(self.context.sessions) as session:
            deviation = session.get(Deviation, deviation_id)
            if deviation is None:
                raise NotFound("deviation.error.unknown", name=f"#{deviation_id}")
            activity = session.get(Activity, deviation.activity_id)
            assert activity is not None  # by the foreign key
            if actor.person_id is None or actor.person_id != deviation.person_id:
                self.gate.require(
                    session, actor, Permission.CHANGE, action="deviation.reason", activity=activity
                )
            deviation.reason = reason
            audit.record(
                session,
                action="deviation.reason",
                entity="activity",
                entity_id=activity.id,
                plan_id=activity.plan_id,
                **actor.audit_fields(),
                details={"deviation": deviation.id, "reason": reason},
            )
            person = session.get(Person, deviation.person_id) if deviation.person_id else None
            return _view(deviation, activity.title, person.name if person else None)


def overdue(
    session: Session, plan: Plan, today: dt.date, threshold: int
) -> list[tuple[Activity, int]]:
    """The plan's open activities overdue by more than ``threshold`` working days, with by
    how many."""
    found: list[tuple[Activity, int]] = []
    candidates = session.scalars(
        select(Activity)
        .where(
            Activity.plan_id == plan.id,
            Activity.status.not_in((ActivityStatus.DONE, ActivityStatus.CANCELLED)),
            Activity.next_due < today,
        )
        .order_by(Activity.next_due, Activity.id)
    )
    for activity in candidates:
        assert activity.next_due is not None  # by the query
        days = working_days_between(activity.next_due, today, plan.country)
        if days > threshold:
            found.append((activity, days))
    return found
