"""Messages that could not be delivered: which, to whom, why in words, and sending them again.

A failed outbox row stays as it was (key, payload, recipient); sending it again makes it
pending with its attempts back to zero, so the outbox delivers it as a new attempt under the
same key: the same de-duplication as the first send (a transport that finds the key already
posted does not post it twice)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid, NotFound
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan
from scheduler.outbox.rows import resend_rows
from storage.database import transaction
from storage.models import Activity, OutboxMessage, OutboxStatus, Person, Plan
from storage.repositories import audit
from storage.types import utcnow

# What a transport's error says, as one reason a person can act on; the first that matches.
_REASONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("unknown_mailbox", re.compile(r"smtp RCPT: 55[013]|\b5\.1\.\d")),
    ("inactive", re.compile(r"account_inactive|user_disabled")),
    (
        "not_linked",
        re.compile(
            r"not linked|has no \w+ channel|user_not_found|users_not_found|channel_not_found"
            r"|cannot_dm_bot|not_in_channel|is_archived|no e-mail"
        ),
    ),
    ("credentials", re.compile(r"invalid_auth|not_authed|token_revoked|smtp AUTH|password")),
    (
        "unreachable",
        re.compile(
            r"timed? ?out|took longer|refused|unreachable|URLError|Disconnected|OSError"
            r"|Connection|Name or service",
            re.IGNORECASE,
        ),
    ),
    ("server_error", re.compile(r"\b[45]\d\d\b")),
)


def reason_of(error: str | None) -> str:
    """The reason key (``failure.reason.<key>`` in the texts) of a transport's error text."""
    for key, pattern in _REASONS:
        if error and pattern.search(error):
            return key
    return "other"


@dataclass(frozen=True, slots=True)
class FailedMessage:
    id: int
    kind: str
    due_at: dt.datetime
    person: str | None
    plan: str | None
    activity_id: int | None
    activity: str | None
    reason: str  # the key of the reason in words (``failure.reason.<reason>``)
    error: str  # the transport's own words, apart

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "due_at": self.due_at.isoformat(),
            "person": self.person,
            "plan": self.plan,
            "activity_id": self.activity_id,
            "activity": self.activity,
            "reason": self.reason,
            "error": self.error,
        }


class FailureService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def failed(
        self, actor: Actor, *, plan: str | None = None, since: dt.datetime | None = None
    ) -> list[FailedMessage]:
        """Failed messages, oldest first: a plan's for who may change it, all for an admin."""
        with self.context.sessions() as session:
            plan_id = self._allowed(session, actor, plan, "reminders.failed")
            rows = session.execute(self._query(plan_id, since)).all()
            return [
                FailedMessage(
                    id=row.OutboxMessage.id,
                    kind=row.OutboxMessage.kind,
                    due_at=row.OutboxMessage.due_at,
                    person=row.person,
                    plan=row.plan,
                    activity_id=row.OutboxMessage.activity_id,
                    activity=row.activity,
                    reason=reason_of(row.OutboxMessage.last_error),
                    error=row.OutboxMessage.last_error or "",
                )
                for row in rows
            ]

    def resend(
        self,
        actor: Actor,
        ids: Sequence[int] = (),
        *,
        all_failed: bool = False,
        plan: str | None = None,
        since: dt.datetime | None = None,
    ) -> list[int]:
        """Make failed messages pending again (attempts from zero, due now): the next tick
        sends them. ``ids`` or ``all_failed`` (of ``plan``, since ``since``); a message that is
        not failed is refused, and nothing changes."""
        if not ids and not all_failed:
            raise Invalid("failure.nothing_named")
        now = utcnow()
        with transaction(self.context.sessions) as session:
            plan_id = self._allowed(session, actor, plan, "reminders.resend")
            if all_failed:
                chosen = [row.OutboxMessage for row in session.execute(self._query(plan_id, since))]
            else:
                chosen = [_failed(session, message_id, plan_id) for message_id in ids]
            if plan_id is None:
                for row in chosen:
                    self._may_resend(session, actor, row)
            chosen_ids = [row.id for row in chosen]
            if chosen_ids:
                resend_rows(session, chosen_ids, now)
            for row in chosen:
                audit.record(
                    session,
                    action="reminders.resend",
                    entity="outbox",
                    entity_id=row.id,
                    plan_id=row.plan_id,
                    **actor.audit_fields(),
                    details={"key": row.key, "error": row.last_error},
                )
            return chosen_ids

    def _may_resend(self, session: Session, actor: Actor, row: OutboxMessage) -> None:
        """A message named without its plan: its plan's owner and editors may send it again,
        one of no plan is the admin's."""
        if row.plan_id is not None:
            self.gate.require(
                session,
                actor,
                Permission.CHANGE,
                action="reminders.resend",
                plan=session.get(Plan, row.plan_id),
            )
        else:
            self.gate.require(session, actor, Permission.ADMINISTER, action="reminders.resend")

    def _allowed(self, session: Session, actor: Actor, plan: str | None, action: str) -> int | None:
        if plan:
            plan_row = require_plan(session, plan)
            self.gate.require(session, actor, Permission.CHANGE, action=action, plan=plan_row)
            return plan_row.id
        if action == "reminders.failed":
            self.gate.require(session, actor, Permission.ADMINISTER, action=action)
        return None

    @staticmethod
    def _query(plan_id: int | None, since: dt.datetime | None) -> Any:
        query = (
            select(
                OutboxMessage,
                Person.name.label("person"),
                Plan.name.label("plan"),
                Activity.title.label("activity"),
            )
            .outerjoin(Person, Person.id == OutboxMessage.person_id)
            .outerjoin(Plan, Plan.id == OutboxMessage.plan_id)
            .outerjoin(Activity, Activity.id == OutboxMessage.activity_id)
            .where(OutboxMessage.status == OutboxStatus.FAILED)
            .order_by(OutboxMessage.due_at, OutboxMessage.id)
        )
        if plan_id is not None:
            query = query.where(OutboxMessage.plan_id == plan_id)
        if since is not None:
            query = query.where(OutboxMessage.due_at >= since)
        return query


def _failed(session: Session, message_id: int, plan_id: int | None) -> OutboxMessage:
    """The failed message ``message_id`` (of plan ``plan_id``, when one is named); any other
    is unknown here."""
    row = session.get(OutboxMessage, message_id)
    if row is None or row.status is not OutboxStatus.FAILED:
        raise NotFound("failure.unknown", id=message_id)
    if plan_id is not None and row.plan_id != plan_id:
        raise NotFound("failure.unknown", id=message_id)
    return row
