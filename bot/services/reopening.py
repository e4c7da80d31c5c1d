"""Opening a done or cancelled activity again, in place (`reopen`, and Done's Undo button)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.errors import Invalid
from storage.models import Activity, ActivityStatus, AuditEntry
from storage.rules.timing import TimingKind
from storage.types import utcnow

# How long the Undo offered after Done stays good (bot/chat: the reply to Done carries it).
UNDO_MINUTES = 15


def reopen_in_place(
    session: Session, activity: Activity, undo_within: dt.timedelta | None
) -> dict[str, Any]:
    """Open ``activity`` again in place; returns what the audit entry says was undone.
    ``undo_within``: refused once what is undone is older than that."""
    now = utcnow()
    if activity.status is ActivityStatus.CANCELLED:
        activity.status = ActivityStatus.PLANNED
        activity.cancelled_at = None
        return {"before": "cancelled"}
    if activity.status is ActivityStatus.DONE:
        return _undo_done(activity, now, undo_within)
    return _step_back(session, activity, now, undo_within)


def _undo_done(
    activity: Activity, now: dt.datetime, undo_within: dt.timedelta | None
) -> dict[str, Any]:
    """A done activity open again, its follow-up's answer forgotten with the Done."""
    done_at = activity.done_at
    if undo_within is not None and (done_at is None or now - done_at > undo_within):
        raise Invalid("error.undo_expired", id=activity.id, minutes=UNDO_MINUTES)
    details: dict[str, Any] = {
        "before": "done",
        "done_at": activity.done_at.isoformat() if activity.done_at else None,
        "outcome": activity.reaction_outcome,
    }
    activity.status = ActivityStatus.PLANNED
    activity.done_at = None
    activity.done_by_id = None
    # The follow-up was about the Done now undone.
    activity.reaction_outcome = None
    activity.reaction_note = None
    activity.reaction_by_id = None
    activity.reaction_at = None
    return details


def _step_back(
    session: Session, activity: Activity, now: dt.datetime, undo_within: dt.timedelta | None
) -> dict[str, Any]:
    """An open activity: only a recurring one whose last Done moved it on can step back, and
    only while nothing else moved its date since."""
    last = _last_done(session, activity)
    moved_to = (last.details or {}).get("next_due") if last is not None else None
    occurrence = (last.details or {}).get("occurrence") if last is not None else None
    current = activity.next_due.isoformat() if activity.next_due else None
    if (
        last is None
        or activity.timing_kind is not TimingKind.RECURRING
        or occurrence is None
        or moved_to != current
    ):
        raise Invalid("error.not_done", id=activity.id)
    if undo_within is not None and now - last.at > undo_within:
        raise Invalid("error.undo_expired", id=activity.id, minutes=UNDO_MINUTES)
    activity.next_due = dt.date.fromisoformat(occurrence)
    return {"before": "open", "next_due": moved_to, "occurrence": occurrence}


def _last_done(session: Session, activity: Activity) -> AuditEntry | None:
    """The audit entry of the activity's latest Done (a recurring one keeps no done_at)."""
    return session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.entity == "activity",
            AuditEntry.entity_id == activity.id,
            AuditEntry.action == "activity.done",
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    ).first()
