"""Activities: adding, editing and completing them, with every change in the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from bot.services.activity_dates import (
    WHEN_UNREADABLE,
    allowed_moment,
    apply_when,
    check_when,
    created_day,
    stripped,
)
from bot.services.actor import Actor
from bot.services.audiences import read_activity_audiences
from bot.services.context import Context
from bot.services.dependencies import unblock_dependents, would_cycle
from bot.services.deviations import note_cancelled, note_moved, set_baseline
from bot.services.errors import Invalid, NotFound
from bot.services.meetings import next_meeting_due
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan
from bot.services.reopening import reopen_in_place
from bot.services.responsible import read_responsible
from bot.services.views import ActivityView
from bot.texts import t
from bot.timing import read_timing
from config.languages import as_language
from storage.database import transaction
from storage.models import (
    Activity,
    ActivityDependency,
    ActivityStatus,
    Person,
)
from storage.repositories import activities, audit
from storage.rules.occurrences import next_due, recurrence_anchor
from storage.rules.policy import effective_policy
from storage.rules.timing import Timing, TimingKind
from storage.types import utcnow

MAX_SNOOZE_DAYS = 90
# The follow-up's answers.
OUTCOMES = ("yes", "partly", "no")

# Fields a person may set with `activities edit`, and the column each one is stored in.
EDITABLE = {
    "activity": "title",
    "target_group": "target_group",
    "message": "message",
    "goal": "goal",
    "channel": "channel",
    "when": "when_text",
    # "when" kept as a free text on purpose: never refused, shown as "no date" if unread
    "when_text": "when_text",
    "responsible": "responsible_text",
    "expected_reaction": "expected_reaction",
    "remarks": "remarks",
}


@dataclass(frozen=True, slots=True)
class Saved:
    """An activity as saved, and the names in its responsible text that mapped to nobody."""

    activity: ActivityView
    unmapped: tuple[str, ...]


def require_activity(session: Session, activity_id: int) -> Activity:
    activity = activities.by_id(session, activity_id)
    if activity is None:
        raise NotFound("error.unknown_activity", name=f"#{activity_id}")
    return activity


def apply_responsible(session: Session, activity: Activity) -> tuple[str, ...]:
    plan_id = activity.plan_id if activity.plan_id is not None else activity.plan.id
    reading = read_responsible(session, activity.responsible_text, plan_id)
    activity.responsibles = list(reading.people)
    activity.responsible_steering_group = reading.steering_group
    return reading.unmapped


class ActivityService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def _acting(
        self, session: Session, activity_id: int, actor: Actor, permission: Permission, action: str
    ) -> Activity:
        """The activity, once ``actor`` may do ``permission`` on it (else refused and audited)."""
        activity = require_activity(session, activity_id)
        self.gate.require(session, actor, permission, action=action, activity=activity)
        return activity

    def add(
        self,
        plan: str,
        title: str,
        actor: Actor,
        *,
        team: str | None = None,
        fields: Mapping[str, str | None] | None = None,
        requires_approval: bool = False,
    ) -> Saved:
        """Add an activity to ``plan``; ``fields`` are any of ``EDITABLE`` but "activity".
        A "when" that cannot be read is refused (``check_when``), and the refusal audited."""
        try:
            return self._add(
                plan, title, actor, team=team, fields=fields, requires_approval=requires_approval
            )
        except Invalid as err:
            if err.key == WHEN_UNREADABLE:
                self._refused_on_plan(plan, team, "activity.add", err, actor)
            raise

    def _add(
        self,
        plan: str,
        title: str,
        actor: Actor,
        *,
        team: str | None,
        fields: Mapping[str, str | None] | None,
        requires_approval: bool,
    ) -> Saved:
        title = title.strip()
        if not title:
            raise Invalid("error.empty_name")
        fields = dict(fields or {})
        unknown = sorted(set(fields) - set(EDITABLE))
        if unknown:
            raise Invalid("error.unknown_field", name=unknown[0], known=", ".join(EDITABLE))
        with transaction(self.context.sessions) as session:
            plan_row = require_plan(session, plan, team)
            self.gate.require(
                session, actor, Permission.CHANGE, action="activity.add", plan=plan_row
            )
            today = self.context.today(plan_row.time_zone)
            check_when(fields.get("when"), plan_row, today)
            activity = Activity(
                plan=plan_row,
                title=title,
                position=activities.next_position(session, plan_row.id),
                requires_approval=requires_approval,
                created_at=utcnow(),
            )
            for name, value in fields.items():
                setattr(activity, EDITABLE[name], stripped(value))
            apply_when(activity, plan_row, today)
            unmapped = apply_responsible(session, activity)
            set_baseline(activity)
            session.add(activity)
            session.flush()
            read_activity_audiences(session, activity)
            audit.record(
                session,
                action="activity.add",
                entity="activity",
                entity_id=activity.id,
                plan_id=plan_row.id,
                **actor.audit_fields(),
                details={"activity": title, **fields},
            )
            return Saved(ActivityView.of(activity), unmapped)

    def edit(
        self,
        activity_id: int,
        changes: Mapping[str, str | None],
        actor: Actor,
        *,
        reason: str | None = None,
    ) -> Saved:
        """Change fields; a new "when" far from the baseline is a deviation, with ``reason``.
        A new "when" that cannot be read is refused (``check_when``), and the refusal audited."""
        try:
            return self._edit(activity_id, changes, actor, reason=reason)
        except Invalid as err:
            if err.key == WHEN_UNREADABLE:
                self._refused(activity_id, "activity.edit", err, actor)
            raise

    def _edit(
        self,
        activity_id: int,
        changes: Mapping[str, str | None],
        actor: Actor,
        *,
        reason: str | None,
    ) -> Saved:
        if "status" in changes:
            # Status has verbs of its own (done, reopen, cancel), each with its own rules.
            raise Invalid("error.status_not_a_field", id=activity_id)
        unknown = sorted(set(changes) - set(EDITABLE))
        if unknown:
            raise Invalid("error.unknown_field", name=unknown[0], known=", ".join(EDITABLE))
        if not changes:
            raise Invalid("error.nothing_to_change")
        with transaction(self.context.sessions) as session:
            activity = self._acting(session, activity_id, actor, Permission.ACT, "activity.edit")
            if "when" in changes:
                today = self.context.today(activity.plan.time_zone)
                check_when(changes["when"], activity.plan, today, before=activity.when_text)
            before: dict[str, Any] = {}
            for name, value in changes.items():
                column = EDITABLE[name]
                before[name] = getattr(activity, column)
                if column == "title" and not (value or "").strip():
                    raise Invalid("error.empty_name")
                setattr(activity, column, stripped(value))
            if "when" in changes or "when_text" in changes:
                apply_when(activity, activity.plan, self.context.today(activity.plan.time_zone))
                session.flush()
                self._deviated(session, activity, actor, reason)
            unmapped: tuple[str, ...] = ()
            if "responsible" in changes:
                unmapped = apply_responsible(session, activity)
            if "target_group" in changes:
                read_activity_audiences(session, activity)
            activity.sequence += 1
            audit.record(
                session,
                action="activity.edit",
                entity="activity",
                entity_id=activity.id,
                plan_id=activity.plan_id,
                **actor.audit_fields(),
                details={"before": before, "after": dict(changes)},
            )
            session.flush()
            return Saved(ActivityView.of(activity), unmapped)

    def done(self, activity_id: int, actor: Actor) -> ActivityView:
        """Mark an activity done; a recurring one moves on to its next occurrence instead, and an
        ongoing one records this occurrence done and goes on (``close`` ends either)."""
        return self._done(activity_id, actor, close=False)

    def close(self, activity_id: int, actor: Actor) -> ActivityView:
        """End an activity for good: done, whatever its timing (an ongoing or recurring one
        too: no more occurrences, no more reminders)."""
        return self._done(activity_id, actor, close=True)

    def _done(self, activity_id: int, actor: Actor, *, close: bool) -> ActivityView:
        with transaction(self.context.sessions) as session:
            activity = self._acting(session, activity_id, actor, Permission.ACT, "activity.done")
            if activity.status is ActivityStatus.DONE:
                raise Invalid("error.already_done", id=activity_id)
            if activity.status is ActivityStatus.CANCELLED:
                raise Invalid("error.cancelled", id=activity_id)
            today = self.context.today(activity.plan.time_zone)
            details: dict[str, Any] = {"occurrence": _iso(activity.next_due)}
            if close:
                details["closed"] = True
            meeting_due = (
                next_meeting_due(activity, max(activity.next_due + dt.timedelta(days=1), today))
                if activity.next_due is not None and not close
                else None
            )
            recurs = activity.timing_kind is TimingKind.RECURRING and activity.next_due is not None
            if meeting_due is not None:
                # tied to meetings: on to the next meeting's due day, as a recurrence moves on
                timing = activity.timing
                activity.timing = Timing(
                    TimingKind.DATE, meeting_due, meeting_due, None, False, timing.note
                )
                activity.next_due = meeting_due
                details["next_due"] = _iso(meeting_due)
            elif close or not (recurs or activity.timing_kind is TimingKind.ONGOING):
                activity.status = ActivityStatus.DONE
                activity.done_at = utcnow()
                activity.done_by_id = actor.person_id
                details["unblocked"] = unblock_dependents(session, activity, today)
            elif activity.timing_kind is TimingKind.ONGOING:
                # Ongoing ("Løbende"): this time is done, the activity goes on.
                details["occurrence"] = today.isoformat()
                details["kept"] = True
            else:
                assert activity.next_due is not None
                created = created_day(activity, activity.plan)
                # The occurrence just met is done; the next one is the first after it and
                # not before today (occurrences missed meanwhile are not owed twice).
                after = max(activity.next_due + dt.timedelta(days=1), today)
                activity.next_due = next_due(
                    activity.timing,
                    anchor=recurrence_anchor(activity.timing, created),
                    on_or_after=after,
                    country=activity.plan.country,
                )
                details["next_due"] = _iso(activity.next_due)
            activity.sequence += 1
            audit.record(
                session,
                action="activity.done",
                entity="activity",
                entity_id=activity.id,
                plan_id=activity.plan_id,
                **actor.audit_fields(),
                details=details,
            )
            session.flush()
            return ActivityView.of(activity)

    def reopen(
        self, activity_id: int, actor: Actor, *, undo_within: dt.timedelta | None = None
    ) -> ActivityView:
        """Open a done (or cancelled) activity again, in place: reminders resume. A recurring
        one steps back to the occurrence its last Done closed. ``undo_within``: the Undo
        button's reopen, refused once the Done is older than that.

        Dependents a Done set free stay dated: they may already be under way.
        """
        action = "activity.undo" if undo_within is not None else "activity.reopen"
        try:
            with transaction(self.context.sessions) as session:
                activity = self._acting(session, activity_id, actor, Permission.ACT, action)
                details = reopen_in_place(session, activity, undo_within)
                activity.sequence += 1
                audit.record(
                    session,
                    action=action,
                    entity="activity",
                    entity_id=activity.id,
                    plan_id=activity.plan_id,
                    **actor.audit_fields(),
                    details=details,
                )
                session.flush()
                return ActivityView.of(activity)
        except Invalid as err:
            self._refused(activity_id, action, err, actor)
            raise

    def move(
        self, activity_id: int, when: str, actor: Actor, *, reason: str | None = None
    ) -> ActivityView:
        """Give an open activity a new "when" (the same activity, not a copy as ``replan``
        makes); a text that reads as no timing is refused rather than guessed. Far from its
        baseline, the move is a deviation, with ``reason`` (bot/services/deviations.py)."""
        try:
            with transaction(self.context.sessions) as session:
                # The responsible person may move their own activity (act); far from its
                # baseline it is still a deviation: the reason is asked, owner and chair told.
                activity = self._acting(
                    session, activity_id, actor, Permission.ACT, "activity.move"
                )
                if not activity.status.is_open:
                    raise Invalid("error.move_closed", id=activity_id)
                text = stripped(when)
                plan = activity.plan
                today = self.context.today(plan.time_zone)
                timing = read_timing(
                    text or "",
                    language=as_language(plan.language),
                    today=today,
                    country=plan.country,
                )
                if text is None or timing.kind is TimingKind.UNKNOWN:
                    raise Invalid(WHEN_UNREADABLE, text=when.strip())
                before = {"when": activity.when_text, "next_due": _iso(activity.next_due)}
                activity.when_text = text
                apply_when(activity, plan, today)
                activity.sequence += 1
                self._deviated(session, activity, actor, reason)
                audit.record(
                    session,
                    action="activity.move",
                    entity="activity",
                    entity_id=activity.id,
                    plan_id=activity.plan_id,
                    **actor.audit_fields(),
                    details={
                        "before": before,
                        "after": {"when": text, "next_due": _iso(activity.next_due)},
                    },
                )
                session.flush()
                return ActivityView.of(activity)
        except Invalid as err:
            self._refused(activity_id, "activity.move", err, actor)
            raise

    def _deviated(
        self, session: Session, activity: Activity, actor: Actor, reason: str | None
    ) -> None:
        threshold = self.context.settings.deviation_working_days
        note_moved(session, activity, actor, threshold=threshold, reason=reason)

    def _refused(self, activity_id: int, action: str, err: Invalid, actor: Actor) -> None:
        """A refused reopen or move leaves an audit entry, in a transaction of its own."""
        with transaction(self.context.sessions) as session:
            activity = activities.by_id(session, activity_id)
            audit.record(
                session,
                action=f"{action}.refused",
                entity="activity",
                entity_id=activity_id,
                plan_id=activity.plan_id if activity else None,
                **actor.audit_fields(),
                details={"reason": err.key},
            )

    def _refused_on_plan(
        self, plan: str, team: str | None, action: str, err: Invalid, actor: Actor
    ) -> None:
        """A refused add leaves an audit entry on the plan, in a transaction of its own."""
        with transaction(self.context.sessions) as session:
            plan_id = require_plan(session, plan, team).id
            audit.record(
                session,
                action=f"{action}.refused",
                entity="plan",
                entity_id=plan_id,
                plan_id=plan_id,
                **actor.audit_fields(),
                details={"reason": err.key},
            )

    def depend(
        self, activity_id: int, on: int, actor: Actor, *, offset_days: int = 0
    ) -> ActivityView:
        """``activity_id`` waits for ``on`` (done or approved), then ``offset_days`` more."""
        if not 0 <= offset_days <= MAX_SNOOZE_DAYS:
            raise Invalid("error.bad_days", value=offset_days, max=MAX_SNOOZE_DAYS)
        with transaction(self.context.sessions) as session:
            activity = self._acting(
                session, activity_id, actor, Permission.CHANGE, "activity.depend"
            )
            predecessor = require_activity(session, on)
            if activity.id == predecessor.id or would_cycle(session, activity.id, predecessor.id):
                raise Invalid("dependency.cycle", id=predecessor.id, other=activity.id)
            link = session.get(ActivityDependency, (activity.id, predecessor.id))
            if link is None:
                session.add(
                    ActivityDependency(
                        activity_id=activity.id,
                        depends_on_id=predecessor.id,
                        offset_days=offset_days,
                    )
                )
            else:
                link.offset_days = offset_days
            activity.sequence += 1
            audit.record(
                session,
                action="activity.depend",
                entity="activity",
                entity_id=activity.id,
                plan_id=activity.plan_id,
                **actor.audit_fields(),
                details={"on": predecessor.id, "offset_days": offset_days},
            )
            session.flush()
            return ActivityView.of(activity)

    def record_outcome(
        self, activity_id: int, outcome: str, actor: Actor, *, note: str | None = None
    ) -> ActivityView:
        """The follow-up's answer: did the expected reaction happen (yes, partly, no)?"""
        outcome = outcome.strip().lower()
        if outcome not in OUTCOMES:
            raise Invalid("followup.bad_outcome", value=outcome, known=", ".join(OUTCOMES))
        with transaction(self.context.sessions) as session:
            activity = self._acting(
                session, activity_id, actor, Permission.ACT, "activity.followup"
            )
            if activity.status is not ActivityStatus.DONE:
                raise Invalid("followup.not_done", id=activity_id)
            activity.reaction_outcome = outcome
            activity.reaction_note = stripped(note)
            activity.reaction_by_id = actor.person_id
            activity.reaction_at = utcnow()
            activity.sequence += 1
            audit.record(
                session,
                action="activity.followup",
                entity="activity",
                entity_id=activity.id,
                plan_id=activity.plan_id,
                **actor.audit_fields(),
                details={"outcome": outcome, "note": activity.reaction_note},
            )
            session.flush()
            return ActivityView.of(activity)

    def replan(self, activity_id: int, actor: Actor, *, when: str | None = None) -> Saved:
        """A new activity copied from this one (what did not work is done again), dated by
        whoever re-plans it; its remarks say where it came from."""
        with self.context.sessions() as session:
            source = self._acting(session, activity_id, actor, Permission.CHANGE, "activity.replan")
            plan_ref = f"#{source.plan_id}"
            language = as_language(source.plan.language)
            fields = {
                "target_group": source.target_group,
                "message": source.message,
                "goal": source.goal,
                "channel": source.channel,
                "responsible": source.responsible_text,
                "expected_reaction": source.expected_reaction,
                "remarks": t("replan.remark", language, id=source.id),
                "when": when,
            }
            title, requires_approval = source.title, source.requires_approval
        return self.add(plan_ref, title, actor, fields=fields, requires_approval=requires_approval)

    def cancel(self, activity_id: int, actor: Actor, *, reason: str | None = None) -> ActivityView:
        """Cancel an activity: its reminders stop, calendars show it cancelled for 30 days.
        A deviation from the plan, with ``reason``."""
        with transaction(self.context.sessions) as session:
            activity = self._acting(
                session, activity_id, actor, Permission.CHANGE, "activity.cancel"
            )
            if activity.status is ActivityStatus.CANCELLED:
                raise Invalid("error.cancelled", id=activity_id)
            before = activity.status.value
            activity.status = ActivityStatus.CANCELLED
            activity.cancelled_at = utcnow()
            activity.sequence += 1
            note_cancelled(session, activity, actor, reason=reason)
            audit.record(
                session,
                action="activity.cancel",
                entity="activity",
                entity_id=activity.id,
                plan_id=activity.plan_id,
                **actor.audit_fields(),
                details={"before": before},
            )
            session.flush()
            return ActivityView.of(activity)

    def snooze(self, activity_id: int, days: int, actor: Actor) -> dt.datetime:
        """Hold the activity's reminders back for ``days`` days; returns until when: the first
        allowed moment from then on, after the quiet hours (the plan's policy, in the snoozing
        person's zone) and on a working day of the plan's country. A done or cancelled
        activity has no reminders to hold back: refused, nothing changes."""
        if not 1 <= days <= MAX_SNOOZE_DAYS:
            raise Invalid("error.bad_days", value=days, max=MAX_SNOOZE_DAYS)
        with transaction(self.context.sessions) as session:
            activity = self._acting(session, activity_id, actor, Permission.ACT, "activity.snooze")
            if activity.status is ActivityStatus.DONE:
                raise Invalid("error.already_done", id=activity_id)
            if activity.status is ActivityStatus.CANCELLED:
                raise Invalid("error.cancelled", id=activity_id)
            person = session.get(Person, actor.person_id) if actor.person_id else None
            zone = (person.time_zone if person else None) or activity.plan.time_zone
            until = allowed_moment(
                utcnow() + dt.timedelta(days=days),
                zone,
                effective_policy(activity.plan.reminder_policy, activity.reminder_policy),
                activity.plan.country,
            )
            activity.snoozed_until = until
            audit.record(
                session,
                action="activity.snooze",
                entity="activity",
                entity_id=activity.id,
                plan_id=activity.plan_id,
                **actor.audit_fields(),
                details={"until": until.isoformat()},
            )
            return until

    def list(
        self, plan: str, actor: Actor, *, team: str | None = None, status: str | None = None
    ) -> list[ActivityView]:
        with self.context.sessions() as session:
            plan_row = require_plan(session, plan, team)
            self.gate.require(session, actor, Permission.READ, action="plan.read", plan=plan_row)
            rows = activities.of_plan(session, plan_row.id)
            views = [ActivityView.of(activity) for activity in rows]
            return [view for view in views if status is None or view.status == status]

    def show(self, activity_id: int, actor: Actor) -> ActivityView:
        """One activity, for a person who may read its plan (the Open button)."""
        with self.context.sessions() as session:
            self._acting(session, activity_id, actor, Permission.READ, "activity.read")
        return self.get(activity_id)

    def acts_on(self, actor: Actor, activity_ids: Sequence[int]) -> frozenset[int]:
        """Which of ``activity_ids`` ``actor`` may act on (their buttons are shown)."""
        with self.context.sessions() as session:
            return self.gate.actionable(session, actor, activity_ids)

    def get(self, activity_id: int) -> ActivityView:
        """One activity as a view: one query with its plan and people (every reminder sent
        renders one). No permission check: for commplan's own use (the notices it renders);
        a surface showing an activity to a person calls ``show``."""
        with self.context.sessions() as session:
            activity = activities.by_id_with_people(session, activity_id)
            if activity is None:
                raise NotFound("error.unknown_activity", name=f"#{activity_id}")
            return ActivityView.of(activity)

    def many(self, ids: Collection[int]) -> dict[int, ActivityView]:
        """``get`` for many activities at once (a batch of notices to render): id -> view; an
        id that names no activity is left out. No permission check, as ``get``."""
        with self.context.sessions() as session:
            found = activities.many_with_people(session, ids)
            return {activity.id: ActivityView.of(activity) for activity in found}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
