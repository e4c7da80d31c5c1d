"""The life of an approval request: asked for an exact draft, revised, decided by the steering
group's rules (``storage/rules/approvals.py``), withdrawn; each step audited, as a public body
must keep it. Every change first moves the request's ``revision`` with a conditional UPDATE,
which is what makes racing decisions safe on both databases."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.services.activity_dates import stripped
from bot.services.actor import Actor
from bot.services.approvals.notices import show_in_channel, tell_decision, tell_outcome
from bot.services.approvals.queries import ApprovalQueries, activity_of, require_request
from bot.services.approvals.views import (
    ApprovalView,
    DecisionResult,
    person_name,
    status_word,
    view_of,
)
from bot.services.dependencies import unblock_dependents
from bot.services.deviations import set_baseline
from bot.services.errors import Invalid, NotFound, ServiceError
from bot.services.permissions import Permission
from storage.database import transaction
from storage.models import (
    Activity,
    ActivityStatus,
    ApprovalDecision,
    ApprovalRequest,
    ApprovalStatus,
    ApprovalVersion,
    Decision,
    Person,
    SteeringGroup,
)
from storage.repositories import activities, audit, people
from storage.repositories import approvals as requests
from storage.repositories import steering as groups
from storage.rules.approvals import Refusal, Seat, outcome, seat_for
from storage.types import utcnow

# A decision racing another is tried again this many times before giving up (each try sees the
# other's outcome, so the second try normally ends in "already decided" or "closed").
_RACE_RETRIES = 5
_DECIDED = {
    ApprovalStatus.APPROVED: ActivityStatus.APPROVED,
    ApprovalStatus.REJECTED: ActivityStatus.IN_PROGRESS,
    ApprovalStatus.CHANGES_REQUESTED: ActivityStatus.IN_PROGRESS,
}
# Why a decision may not count, with the values its text names.
_Refusing = tuple[Refusal, dict[str, Any]]


class Refused(ServiceError):
    """A decision that may not count; it is logged and changes nothing else."""

    def __init__(self, reason: Refusal, **values: object) -> None:
        super().__init__(f"approval.refused.{reason.value}", **values)
        self.reason = reason


def content_hash(text: str | None, link: str | None, file_ref: str | None) -> str:
    """SHA-256 over the draft's parts, each length-prefixed so that no two drafts collide."""
    digest = hashlib.sha256()
    for part in (text, link, file_ref):
        data = (part or "").encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class ApprovalService(ApprovalQueries):
    """The approval workflow: the changes here, the reads inherited (``queries.py``)."""

    def _person(self, session: Session, actor: Actor) -> Person:
        if actor.person_id is None and actor.admin:
            raise Invalid("approval.who")  # the CLI names who decides with --as
        if actor.person_id is None:
            self.gate.refuse(
                actor, "decide", action="approval.decide", plan=None, entity=("approval", None)
            )
        person = people.by_id(session, actor.person_id)
        if person is None:
            raise NotFound("error.unknown_person", name=f"#{actor.person_id}")
        return person

    def _record(
        self,
        session: Session,
        request: ApprovalRequest,
        activity: Activity,
        action: str,
        *,
        actor: Actor,
        person: Person | None,
        capacity: str | None = None,
        **details: Any,
    ) -> None:
        audit.record(
            session,
            action=action,
            entity="approval",
            entity_id=request.id,
            plan_id=activity.plan_id,
            **{**actor.audit_fields(), "actor_text": person.name if person else actor.name},
            actor=person,
            capacity=capacity,
            details=details or None,
        )

    def request(
        self,
        activity_id: int,
        actor: Actor,
        *,
        text: str | None = None,
        link: str | None = None,
        file_ref: str | None = None,
    ) -> ApprovalView:
        """Ask the plan's steering group to approve this exact draft of the activity."""
        text, link, file_ref = stripped(text), stripped(link), stripped(file_ref)
        if not (text or link or file_ref):
            raise Invalid("approval.empty_draft")
        with transaction(self.context.sessions) as session:
            activity = activities.by_id(session, activity_id)
            if activity is None:
                raise NotFound("error.unknown_activity", name=f"#{activity_id}")
            self.gate.require(
                session, actor, Permission.ACT, action="approval.request", activity=activity
            )
            if not activity.status.is_open:
                raise Invalid("error.cancelled", id=activity_id)
            group_id = activity.plan.steering_group_id
            if group_id is None:
                raise Invalid("approval.no_group", plan=activity.plan.name)
            already = requests.open_for_activity(session, activity.id)
            if already is not None:
                # The answer names the open request, so `revise REQUEST ...` can be typed next.
                raise Invalid("approval.already_open", id=activity.id, request=already.id)
            person = people.by_id(session, actor.person_id) if actor.person_id else None
            request = ApprovalRequest(
                activity_id=activity.id,
                steering_group_id=group_id,
                requested_by_id=person.id if person else None,
            )
            session.add(request)
            session.flush()
            self._add_version(session, request, 1, draft=(text, link, file_ref), person=person)
            activity.status = ActivityStatus.AWAITING_APPROVAL
            activity.requires_approval = True
            activity.sequence += 1
            self._record(
                session,
                request,
                activity,
                "approval.request",
                actor=actor,
                person=person,
                version=1,
            )
            session.flush()
            return view_of(session, request)

    def _add_version(
        self,
        session: Session,
        request: ApprovalRequest,
        number: int,
        *,
        draft: tuple[str | None, str | None, str | None],
        person: Person | None,
    ) -> ApprovalVersion:
        text, link, file_ref = draft
        version = ApprovalVersion(
            request_id=request.id,
            number=number,
            text=text,
            link=link,
            file_ref=file_ref,
            content_hash=content_hash(text, link, file_ref),
            created_by_id=person.id if person else None,
        )
        session.add(version)
        session.flush()
        return version

    def revise(
        self,
        request_id: int,
        actor: Actor,
        *,
        text: str | None = None,
        link: str | None = None,
        file_ref: str | None = None,
    ) -> ApprovalView:
        """A new version of the draft: any decision on the old one is void, and the group is
        asked again."""
        text, link, file_ref = stripped(text), stripped(link), stripped(file_ref)
        if not (text or link or file_ref):
            raise Invalid("approval.empty_draft")
        with transaction(self.context.sessions) as session:
            request = require_request(session, request_id)
            self.may_revise(session, request, actor, "approval.version")
            if request.status in (ApprovalStatus.WITHDRAWN, ApprovalStatus.EXPIRED):
                raise Invalid("approval.closed", id=request.id, status=status_word(request.status))
            current = requests.current_version(session, request.id)
            if current.content_hash == content_hash(text, link, file_ref):
                raise Invalid("approval.same_draft", id=request.id)
            if not requests.claim_revision(session, request.id, request.revision):
                raise Invalid("approval.busy", id=request.id)
            person = people.by_id(session, actor.person_id) if actor.person_id else None
            version = self._add_version(
                session, request, current.number + 1, draft=(text, link, file_ref), person=person
            )
            activity = activity_of(session, request)
            voided = request.status.value if request.status is not ApprovalStatus.PENDING else None
            request.status = ApprovalStatus.PENDING
            request.decided_at = None
            if activity.status.is_open:
                activity.status = ActivityStatus.AWAITING_APPROVAL
                activity.sequence += 1
            self._record(
                session,
                request,
                activity,
                "approval.version",
                actor=actor,
                person=person,
                version=version.number,
                voided=voided,
            )
            session.flush()
            session.refresh(request)
            return view_of(session, request)

    def decide(
        self,
        request_id: int,
        decision: Decision,
        actor: Actor,
        *,
        version: int | None = None,
        comment: str | None = None,
        idempotency_key: str | None = None,
    ) -> DecisionResult:
        """Record ``actor``'s decision on the request's current version (or ``version``, which
        must be the current one).

        Refused, logged and changing nothing: a person who is neither member, deputy nor chair;
        a member under a chair-only rule; a second decision by the same seat; a stale version; a
        request no longer pending. The same ``idempotency_key`` twice records one decision.
        """
        for _ in range(_RACE_RETRIES):
            try:
                return self._decide_once(
                    request_id,
                    decision,
                    actor,
                    version=version,
                    comment=stripped(comment),
                    idempotency_key=idempotency_key,
                )
            except _Raced:
                continue
            except OperationalError as err:
                # SQLite: another connection committed after this one began reading, so its
                # write is refused ("database is locked"): read again, as after a lost race.
                if "locked" not in str(err):
                    raise
        raise Invalid("approval.busy", id=request_id)

    def _decide_once(
        self,
        request_id: int,
        decision: Decision,
        actor: Actor,
        *,
        version: int | None,
        comment: str | None,
        idempotency_key: str | None,
    ) -> DecisionResult:
        with transaction(self.context.sessions) as session:
            person = self._person(session, actor)
            if idempotency_key is not None:
                earlier = requests.by_idempotency_key(session, idempotency_key)
                if earlier is not None:
                    return self._repeated(session, earlier)
            request = require_request(session, request_id)
            decided = self._try_to_decide(
                session,
                request,
                person,
                decision,
                actor,
                version=version,
                comment=comment,
                idempotency_key=idempotency_key,
            )
            if isinstance(decided, DecisionResult):
                return decided
        return self._refuse_decision(
            request_id, decision, actor, decided, version=version, idempotency_key=idempotency_key
        )

    def _try_to_decide(
        self,
        session: Session,
        request: ApprovalRequest,
        person: Person,
        decision: Decision,
        actor: Actor,
        *,
        version: int | None,
        comment: str | None,
        idempotency_key: str | None,
    ) -> DecisionResult | _Refusing:
        """Record the decision if the person's seat lets it count, else why not."""
        activity = activity_of(session, request)
        current = requests.current_version(session, request.id)
        group = groups.by_id(session, request.steering_group_id or 0)
        refusal = _not_open(request, version, current.number, group)
        if refusal is not None:
            return refusal
        assert group is not None
        now = utcnow()
        rules = groups.as_rules_group(session, group, now)
        votes = requests.votes(session, current.id)
        seat = seat_for(rules, person.id, votes, requester=request.requested_by_id)
        if isinstance(seat, Refusal):
            return (seat, {})
        if not requests.claim_revision(session, request.id, request.revision):
            raise _Raced
        recorded = ApprovalDecision(
            request_id=request.id,
            version_id=current.id,
            person_id=person.id,
            capacity=seat.capacity,
            on_behalf_of_id=seat.on_behalf_of,
            for_group=seat.seat is None,
            decision=decision,
            comment=comment,
            surface=actor.origin.value,
            idempotency_key=idempotency_key,
        )
        session.add(recorded)
        session.flush()
        state = outcome(rules, requests.votes(session, current.id))
        self._record(
            session,
            request,
            activity,
            "approval.decide",
            actor=actor,
            person=person,
            capacity=seat.capacity.value,
            version=current.number,
            decision=decision.value,
            on_behalf_of=person_name(session, seat.on_behalf_of),
            for_group=recorded.for_group,
            comment=comment,
            outcome=state.value,
            self_approval=person.id == request.requested_by_id,
        )
        if state is not ApprovalStatus.PENDING:
            self._close(session, request, activity, state, now)
        tell_decision(session, request, activity, recorded, current.number, closed=state)
        session.flush()
        session.refresh(request)
        return _result(session, request, seat)

    def _refuse_decision(
        self,
        request_id: int,
        decision: Decision,
        actor: Actor,
        refusal: _Refusing,
        *,
        version: int | None,
        idempotency_key: str | None,
    ) -> DecisionResult:
        """The refused attempt goes into the audit trail, in a transaction of its own. Unless
        it is the same click delivered twice at once (Slack's retry racing the original): the
        first has committed meanwhile, and this one is that decision, not a refusal."""
        reason, values = refusal
        with transaction(self.context.sessions) as session:
            earlier = (
                requests.by_idempotency_key(session, idempotency_key) if idempotency_key else None
            )
            if earlier is not None:
                return self._repeated(session, earlier)
            request = require_request(session, request_id)
            self._record(
                session,
                request,
                activity_of(session, request),
                "approval.refused",
                actor=actor,
                person=people.by_id(session, actor.person_id) if actor.person_id else None,
                reason=reason.value,
                decision=decision.value,
                version=version,
            )
        raise Refused(reason, id=request_id, **values)

    def _repeated(self, session: Session, earlier: ApprovalDecision) -> DecisionResult:
        """The same decision delivered again: what was recorded the first time, nothing new."""
        return DecisionResult(
            view_of(session, require_request(session, earlier.request_id)),
            recorded=False,
            capacity=earlier.capacity.value,
            on_behalf_of=person_name(session, earlier.on_behalf_of_id),
            for_group=earlier.for_group,
        )

    def _close(
        self,
        session: Session,
        request: ApprovalRequest,
        activity: Activity,
        state: ApprovalStatus,
        now: dt.datetime,
    ) -> None:
        request.status = state
        request.decided_at = now
        if activity.status.is_open:
            activity.status = _DECIDED[state]
            activity.sequence += 1
        if state is ApprovalStatus.APPROVED:
            unblock_dependents(session, activity, self.context.today(activity.plan.time_zone))
            # Approved as it stands: its date is the plan's promise from now on.
            set_baseline(activity)
        tell_outcome(session, request, activity, state, now)

    def withdraw(self, request_id: int, actor: Actor) -> ApprovalView:
        with transaction(self.context.sessions) as session:
            request = require_request(session, request_id)
            self.may_revise(session, request, actor, "approval.withdraw")
            if request.status not in requests.OPEN:
                raise Invalid("approval.closed", id=request.id, status=status_word(request.status))
            if not requests.claim_revision(session, request.id, request.revision):
                raise Invalid("approval.busy", id=request.id)
            activity = activity_of(session, request)
            request.status = ApprovalStatus.WITHDRAWN
            request.decided_at = utcnow()
            if activity.status.is_open:
                activity.status = ActivityStatus.PLANNED
                activity.sequence += 1
            person = people.by_id(session, actor.person_id) if actor.person_id else None
            self._record(
                session, request, activity, "approval.withdraw", actor=actor, person=person
            )
            # The channel's (newest) message says so and loses its buttons.
            show_in_channel(session, request, activity, None, "withdrawn")
            session.flush()
            session.refresh(request)
            return view_of(session, request)


def _not_open(
    request: ApprovalRequest, version: int | None, current: int, group: SteeringGroup | None
) -> _Refusing | None:
    """Why no decision on the request counts now, whoever makes it: closed, a stale version
    asked about, no group."""
    if request.status is not ApprovalStatus.PENDING:
        return (Refusal.CLOSED, {"status": status_word(request.status)})
    if version is not None and version != current:
        return (Refusal.STALE_VERSION, {"version": version, "current": current})
    if group is None:
        return (Refusal.NOT_MEMBER, {})
    return None


def _result(session: Session, request: ApprovalRequest, seat: Seat) -> DecisionResult:
    return DecisionResult(
        view_of(session, request),
        recorded=True,
        capacity=seat.capacity.value,
        on_behalf_of=person_name(session, seat.on_behalf_of),
        for_group=seat.seat is None,
    )


class _Raced(Exception):
    """Another decision moved the request on between reading and writing: read again."""
