"""Reading approval requests: one, a plan's, those waiting for a person, the audit trail;
each for whoever may read it. ``ApprovalQueries`` is the read half of ``ApprovalService``
(``lifecycle.py``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.services import approval_log
from bot.services.actor import Actor
from bot.services.approvals.views import ApprovalView, view_of
from bot.services.context import Context
from bot.services.errors import Invalid, NotFound
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan
from storage.models import Activity, ApprovalRequest, ApprovalStatus
from storage.repositories import activities
from storage.repositories import approvals as requests
from storage.repositories import steering as groups
from storage.rules.approvals import deciders_waited_for
from storage.types import utcnow


def require_request(session: Session, request_id: int) -> ApprovalRequest:
    request = requests.by_id(session, request_id)
    if request is None:
        raise NotFound("approval.unknown", id=request_id)
    return request


def activity_of(session: Session, request: ApprovalRequest) -> Activity:
    activity = activities.by_id(session, request.activity_id)
    assert activity is not None  # the request is deleted with its activity
    return activity


class ApprovalQueries:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def may_revise(
        self, session: Session, request: ApprovalRequest, actor: Actor, action: str
    ) -> None:
        """Revise and withdraw: the requester, the plan's owner (or an admin)."""
        self.gate.require(
            session,
            actor,
            Permission.REVISE,
            action=action,
            activity=activity_of(session, request),
            requester_id=request.requested_by_id,
            entity=("approval", request.id),
        )

    def waiting_for(self, person_id: int) -> list[ApprovalView]:
        """Pending requests that wait for this person's decision (as member, deputy or chair)."""
        now = utcnow()
        found: list[ApprovalView] = []
        with self.context.sessions() as session:
            # Only the groups the person sits in (or stands in for) can wait for them: the
            # organisation's other pending requests are not read at all.
            seated = groups.seated_group_ids(session, person_id, now)
            if not seated:
                return found
            pending = requests.listing(session, status=ApprovalStatus.PENDING, group_ids=seated)
            for request in pending:
                group = groups.by_id(session, request.steering_group_id or 0)
                if group is None:
                    continue
                rules = groups.as_rules_group(session, group, now)
                votes = requests.votes(session, requests.current_version(session, request.id).id)
                waited = deciders_waited_for(rules, votes, requester=request.requested_by_id)
                own = person_id == request.requested_by_id and not group.allow_self_approval
                if person_id in waited or (person_id == group.chair_id and not own):
                    found.append(view_of(session, request))
        return found

    def for_revision(self, request_id: int, actor: Actor) -> ApprovalView:
        """The request with its current draft, for whoever may revise it (to show the draft in
        a form before the new one is written); anyone else is refused, and it is logged."""
        with self.context.sessions() as session:
            request = require_request(session, request_id)
            self.may_revise(session, request, actor, "approval.version")
            return view_of(session, request)

    def get(self, request_id: int) -> ApprovalView:
        with self.context.sessions() as session:
            return view_of(session, require_request(session, request_id))

    def show(self, request_id: int, actor: Actor) -> ApprovalView:
        """The request, for whoever may read its plan."""
        with self.context.sessions() as session:
            request = require_request(session, request_id)
            activity = activity_of(session, request)
            self.gate.require(
                session, actor, Permission.READ, action="approval.show", activity=activity
            )
            return view_of(session, request)

    def log(self, actor: Actor, *, plan: str | None = None) -> list[dict[str, Any]]:
        """The approval audit trail: every request, version, decision, withdrawal, expiry and
        refused attempt, oldest first, with who, in what capacity, when and from where.
        The whole trail is the admin's; a plan's is for those who may read the plan."""
        with self.context.sessions() as session:
            plan_id = None
            if plan:
                plan_row = require_plan(session, plan)
                self.gate.require(
                    session, actor, Permission.READ, action="approval.log", plan=plan_row
                )
                plan_id = plan_row.id
            else:
                self.gate.require(session, actor, Permission.ADMINISTER, action="approval.log")
            return approval_log.entries(session, plan_id=plan_id)

    def list(
        self, actor: Actor, *, plan: str | None = None, status: str | None = None
    ) -> list[ApprovalView]:
        """Requests in the plans ``actor`` may read."""
        with self.context.sessions() as session:
            plan_id = None
            if plan:
                plan_row = require_plan(session, plan)
                self.gate.require(
                    session, actor, Permission.READ, action="approval.list", plan=plan_row
                )
                plan_id = plan_row.id
            wanted = _status(status) if status else None
            readable = self.gate.readable_plan_ids(session, actor)
            found = requests.listing(session, plan_id=plan_id, status=wanted)
            return [
                view_of(session, request)
                for request in found
                if readable is None or activity_of(session, request).plan_id in readable
            ]


def _status(value: str) -> ApprovalStatus:
    try:
        return ApprovalStatus(value)
    except ValueError:
        raise Invalid(
            "approval.bad_status",
            value=value,
            known=", ".join(status.value for status in ApprovalStatus),
        ) from None
