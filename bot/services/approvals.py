"""The approval workflow: requests holding exact draft versions, decisions by the steering
group's rules (``storage/rules/approvals.py``), and the audit trail a public body must keep."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.services import approval_log
from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.dependencies import unblock_dependents
from bot.services.deviations import set_baseline
from bot.services.errors import Invalid, NotFound, ServiceError
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan
from bot.texts import Phrase
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import insert_rows, outbox_row
from storage.database import transaction
from storage.models import (
    Activity,
    ActivityStatus,
    ApprovalDecision,
    ApprovalRequest,
    ApprovalStatus,
    ApprovalVersion,
    Capacity,
    Decision,
    Owner,
    Person,
    surface_word,
)
from storage.repositories import activities, addresses, audit, people
from storage.repositories import approvals as requests
from storage.repositories import steering as groups
from storage.rules.approvals import Refusal, deciders_waited_for, outcome, seat_for
from storage.types import utcnow

# The payload field of a notice to the requester holding the request as it was when the event
# happened (``ApprovalView.as_fact``); the notice is rendered from it, never from the rows.
FACTS = "facts"
# A decision racing another is tried again this many times before giving up (each try sees the
# other's outcome, so the second try normally ends in "already decided" or "closed").
_RACE_RETRIES = 5
_DECIDED = {
    ApprovalStatus.APPROVED: ActivityStatus.APPROVED,
    ApprovalStatus.REJECTED: ActivityStatus.IN_PROGRESS,
    ApprovalStatus.CHANGES_REQUESTED: ActivityStatus.IN_PROGRESS,
}


def _status_word(status: ApprovalStatus) -> Phrase:
    """A request's status as the reader's word (the refusal is read in their language)."""
    return Phrase(f"approval.status.{status.value}")


class Refused(ServiceError):
    """A decision that may not count; it is logged and changes nothing else."""

    def __init__(self, reason: Refusal, **values: object) -> None:
        super().__init__(f"approval.refused.{reason.value}", **values)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class DecisionView:
    id: int
    version: int
    person: str
    capacity: str
    on_behalf_of: str | None
    for_group: bool
    decision: str
    comment: str | None
    surface: str
    at: dt.datetime

    def as_json(self) -> dict[str, Any]:
        """As people and scripts read it: the surface in their word ("teams")."""
        return {**self._stored(), "surface": surface_word(self.surface)}

    def _stored(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "person": self.person,
            "capacity": self.capacity,
            "on_behalf_of": self.on_behalf_of,
            "for_group": self.for_group,
            "decision": self.decision,
            "comment": self.comment,
            "surface": self.surface,
            "at": self.at.isoformat(),
        }

    def as_fact(self) -> dict[str, Any]:
        """As a notice keeps it: the stored fields with the decision's id."""
        return {"id": self.id, **self._stored()}

    @classmethod
    def from_fact(cls, data: Mapping[str, Any]) -> DecisionView:
        return cls(
            id=int(data.get("id") or 0),
            version=int(data["version"]),
            person=str(data["person"]),
            capacity=str(data["capacity"]),
            on_behalf_of=data.get("on_behalf_of"),
            for_group=bool(data.get("for_group")),
            decision=str(data["decision"]),
            comment=data.get("comment"),
            surface=str(data.get("surface", "")),
            at=dt.datetime.fromisoformat(str(data["at"])),
        )


@dataclass(frozen=True, slots=True)
class ApprovalView:
    id: int
    activity_id: int
    activity_title: str
    plan_name: str
    status: str
    version: int
    text: str | None
    link: str | None
    file_ref: str | None
    content_hash: str
    requested_by: str | None
    created_at: dt.datetime
    decided_at: dt.datetime | None
    decisions: tuple[DecisionView, ...]
    # The plan's zone: where a decision's moment is shown to a reader with none of their own.
    time_zone: str = "Europe/Copenhagen"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "activity_id": self.activity_id,
            "activity": self.activity_title,
            "plan": self.plan_name,
            "status": self.status,
            "version": self.version,
            "text": self.text,
            "link": self.link,
            "file_ref": self.file_ref,
            "content_hash": self.content_hash,
            "requested_by": self.requested_by,
            "created_at": self.created_at.isoformat(),
            "decided_at": self.decided_at.isoformat() if self.decided_at else None,
            "decisions": [decision.as_json() for decision in self.decisions],
        }

    def as_fact(self) -> dict[str, Any]:
        """The request as it stands, kept in a notice's payload when the event happens, so the
        notice says what was true then, whenever it goes out (``from_fact`` reads it back)."""
        return {
            **self.as_json(),
            "decisions": [decision.as_fact() for decision in self.decisions],
            "time_zone": self.time_zone,
        }

    @classmethod
    def from_fact(cls, data: Mapping[str, Any]) -> ApprovalView:
        decided = data.get("decided_at")
        return cls(
            id=int(data["id"]),
            activity_id=int(data["activity_id"]),
            activity_title=str(data["activity"]),
            plan_name=str(data["plan"]),
            status=str(data["status"]),
            version=int(data["version"]),
            text=data.get("text"),
            link=data.get("link"),
            file_ref=data.get("file_ref"),
            content_hash=str(data.get("content_hash", "")),
            requested_by=data.get("requested_by"),
            created_at=dt.datetime.fromisoformat(str(data["created_at"])),
            decided_at=dt.datetime.fromisoformat(str(decided)) if decided else None,
            decisions=tuple(DecisionView.from_fact(one) for one in data.get("decisions", ())),
            time_zone=str(data.get("time_zone") or "Europe/Copenhagen"),
        )


@dataclass(frozen=True, slots=True)
class DecisionResult:
    request: ApprovalView
    recorded: bool  # False: the same decision (idempotency key) was already recorded
    capacity: str
    on_behalf_of: str | None
    for_group: bool


def content_hash(text: str | None, link: str | None, file_ref: str | None) -> str:
    """SHA-256 over the draft's parts, each length-prefixed so that no two drafts collide."""
    digest = hashlib.sha256()
    for part in (text, link, file_ref):
        data = (part or "").encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _name(session: Session, person_id: int | None) -> str | None:
    if person_id is None:
        return None
    person = people.by_id(session, person_id)
    return person.name if person else f"#{person_id}"


def _view(session: Session, request: ApprovalRequest) -> ApprovalView:
    activity = activities.by_id(session, request.activity_id)
    assert activity is not None
    versions = {version.id: version for version in requests.versions(session, request.id)}
    current = max(versions.values(), key=lambda version: version.number)
    return ApprovalView(
        id=request.id,
        activity_id=activity.id,
        activity_title=activity.title,
        plan_name=activity.plan.name,
        status=request.status.value,
        version=current.number,
        text=current.text,
        link=current.link,
        file_ref=current.file_ref,
        content_hash=current.content_hash,
        requested_by=_name(session, request.requested_by_id),
        created_at=request.created_at,
        decided_at=request.decided_at,
        time_zone=activity.plan.time_zone,
        decisions=tuple(
            DecisionView(
                id=decision.id,
                version=versions[decision.version_id].number,
                person=_name(session, decision.person_id) or "?",
                capacity=decision.capacity.value,
                on_behalf_of=_name(session, decision.on_behalf_of_id),
                for_group=decision.for_group,
                decision=decision.decision.value,
                comment=decision.comment,
                surface=decision.surface,
                at=decision.created_at,
            )
            for decision in requests.decisions(session, request.id)
        ),
    )


class ApprovalService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def _may_revise(
        self, session: Session, request: ApprovalRequest, actor: Actor, action: str
    ) -> None:
        """Revise and withdraw: the requester, the plan's owner (or an admin)."""
        self.gate.require(
            session,
            actor,
            Permission.REVISE,
            action=action,
            activity=self._activity(session, request),
            requester_id=request.requested_by_id,
            entity=("approval", request.id),
        )

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
        text, link, file_ref = _clean(text), _clean(link), _clean(file_ref)
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
            return _view(session, request)

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
        text, link, file_ref = _clean(text), _clean(link), _clean(file_ref)
        if not (text or link or file_ref):
            raise Invalid("approval.empty_draft")
        with transaction(self.context.sessions) as session:
            request = self._require(session, request_id)
            self._may_revise(session, request, actor, "approval.version")
            if request.status in (ApprovalStatus.WITHDRAWN, ApprovalStatus.EXPIRED):
                raise Invalid("approval.closed", id=request.id, status=_status_word(request.status))
            current = requests.current_version(session, request.id)
            if current.content_hash == content_hash(text, link, file_ref):
                raise Invalid("approval.same_draft", id=request.id)
            if not requests.claim_revision(session, request.id, request.revision):
                raise Invalid("approval.busy", id=request.id)
            person = people.by_id(session, actor.person_id) if actor.person_id else None
            version = self._add_version(
                session, request, current.number + 1, draft=(text, link, file_ref), person=person
            )
            activity = self._activity(session, request)
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
            return _view(session, request)

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
                    comment=_clean(comment),
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
        refusal: tuple[Refusal, dict[str, Any]] | None = None
        with transaction(self.context.sessions) as session:
            person = self._person(session, actor)
            if idempotency_key is not None:
                earlier = requests.by_idempotency_key(session, idempotency_key)
                if earlier is not None:
                    return self._repeated(session, earlier)
            request = self._require(session, request_id)
            activity = self._activity(session, request)
            current = requests.current_version(session, request.id)
            group = groups.by_id(session, request.steering_group_id or 0)
            if request.status is not ApprovalStatus.PENDING:
                refusal = (Refusal.CLOSED, {"status": _status_word(request.status)})
            elif version is not None and version != current.number:
                refusal = (Refusal.STALE_VERSION, {"version": version, "current": current.number})
            elif group is None:
                refusal = (Refusal.NOT_MEMBER, {})
            if refusal is None:
                assert group is not None
                now = utcnow()
                rules = groups.as_rules_group(session, group, now)
                votes = requests.votes(session, current.id)
                seat = seat_for(rules, person.id, votes, requester=request.requested_by_id)
                if isinstance(seat, Refusal):
                    refusal = (seat, {})
                else:
                    if not requests.claim_revision(session, request.id, request.revision):
                        raise _Raced
                    for_group = seat.seat is None
                    recorded = ApprovalDecision(
                        request_id=request.id,
                        version_id=current.id,
                        person_id=person.id,
                        capacity=seat.capacity,
                        on_behalf_of_id=seat.on_behalf_of,
                        for_group=for_group,
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
                        on_behalf_of=_name(session, seat.on_behalf_of),
                        for_group=for_group,
                        comment=comment,
                        outcome=state.value,
                        self_approval=person.id == request.requested_by_id,
                    )
                    if state is not ApprovalStatus.PENDING:
                        self._close(session, request, activity, state, now)
                    _heard(session, request, activity, recorded, current.number, closed=state)
                    session.flush()
                    session.refresh(request)
                    return DecisionResult(
                        _view(session, request),
                        recorded=True,
                        capacity=seat.capacity.value,
                        on_behalf_of=_name(session, seat.on_behalf_of),
                        for_group=for_group,
                    )
        # Refused: the attempt goes into the audit trail, in a transaction of its own. Unless it
        # is the same click delivered twice at once (Slack's retry racing the original): the
        # first has committed meanwhile, and this one is that decision, not a refusal.
        reason, values = refusal
        with transaction(self.context.sessions) as session:
            earlier = (
                requests.by_idempotency_key(session, idempotency_key) if idempotency_key else None
            )
            if earlier is not None:
                return self._repeated(session, earlier)
            request = self._require(session, request_id)
            self._record(
                session,
                request,
                self._activity(session, request),
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
            _view(session, self._require(session, earlier.request_id)),
            recorded=False,
            capacity=earlier.capacity.value,
            on_behalf_of=_name(session, earlier.on_behalf_of_id),
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
        if request.requested_by_id is not None:
            # The requester hears of the outcome through the outbox, on whatever surface they
            # use, once (the key), whichever surface the decision came from.
            version = requests.current_version(session, request.id)
            insert_rows(
                session,
                [
                    outbox_row(
                        f"approval_decided:{request.id}:{version.number}",
                        NoticeKind.APPROVAL_DECIDED,
                        now,
                        plan_id=activity.plan_id,
                        activity_id=activity.id,
                        person_id=request.requested_by_id,
                        payload={
                            "request": request.id,
                            "version": version.number,
                            "status": state.value,
                            # What the notice tells, as it is now (every decision, the closing
                            # one with its comment): it may go out after a revision.
                            FACTS: _view(session, request).as_fact(),
                        },
                    )
                ],
            )

    def withdraw(self, request_id: int, actor: Actor) -> ApprovalView:
        with transaction(self.context.sessions) as session:
            request = self._require(session, request_id)
            self._may_revise(session, request, actor, "approval.withdraw")
            if request.status not in requests.OPEN:
                raise Invalid("approval.closed", id=request.id, status=_status_word(request.status))
            if not requests.claim_revision(session, request.id, request.revision):
                raise Invalid("approval.busy", id=request.id)
            activity = self._activity(session, request)
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
            _show_in_channel(session, request, activity, None, "withdrawn")
            session.flush()
            session.refresh(request)
            return _view(session, request)

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
                    found.append(_view(session, request))
        return found

    def for_revision(self, request_id: int, actor: Actor) -> ApprovalView:
        """The request with its current draft, for whoever may revise it (to show the draft in
        a form before the new one is written); anyone else is refused, and it is logged."""
        with self.context.sessions() as session:
            request = self._require(session, request_id)
            self._may_revise(session, request, actor, "approval.version")
            return _view(session, request)

    def get(self, request_id: int) -> ApprovalView:
        with self.context.sessions() as session:
            return _view(session, self._require(session, request_id))

    def show(self, request_id: int, actor: Actor) -> ApprovalView:
        """The request, for whoever may read its plan."""
        with self.context.sessions() as session:
            request = self._require(session, request_id)
            activity = self._activity(session, request)
            self.gate.require(
                session, actor, Permission.READ, action="approval.show", activity=activity
            )
            return _view(session, request)

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
                _view(session, request)
                for request in found
                if readable is None or self._activity(session, request).plan_id in readable
            ]

    def _require(self, session: Session, request_id: int) -> ApprovalRequest:
        request = requests.by_id(session, request_id)
        if request is None:
            raise NotFound("approval.unknown", id=request_id)
        return request

    def _activity(self, session: Session, request: ApprovalRequest) -> Activity:
        activity = activities.by_id(session, request.activity_id)
        assert activity is not None  # the request is deleted with its activity
        return activity


def _heard(
    session: Session,
    request: ApprovalRequest,
    activity: Activity,
    decision: ApprovalDecision,
    version: int,
    *,
    closed: ApprovalStatus,
) -> None:
    """Every decision is heard: by the requester (the outcome's notice tells of the one that
    closes the request) and in the group's channel, if it has one."""
    if closed is ApprovalStatus.PENDING:
        _tell_requester(session, request, activity, decision, version)
    _show_in_channel(session, request, activity, version, f"decision:{decision.id}")


def _tell_requester(
    session: Session,
    request: ApprovalRequest,
    activity: Activity,
    decision: ApprovalDecision,
    version: int,
) -> None:
    """One member's decision on a request still waiting for others: the requester hears it at
    once, with its comment, on whatever surface they use, once (the key names the decision).
    A decision that closes the request is told by the outcome's notice instead, which lists
    every decision."""
    if request.requested_by_id is None or request.requested_by_id == decision.person_id:
        return
    insert_rows(
        session,
        [
            outbox_row(
                f"approval_decision:{decision.id}",
                NoticeKind.APPROVAL_DECISION,
                utcnow(),
                plan_id=activity.plan_id,
                activity_id=activity.id,
                person_id=request.requested_by_id,
                payload={
                    "request": request.id,
                    "version": version,
                    "decision": decision.id,
                    FACTS: _view(session, request).as_fact(),
                },
            )
        ],
    )


def _show_in_channel(
    session: Session, request: ApprovalRequest, activity: Activity, version: int | None, what: str
) -> None:
    """The group's channel message shows every decision with its comment, wherever it was made
    (a DM, the App Home, a typed `decide`, the CLI), and a withdrawal: the transport rewrites
    it from the outbox, once (``what`` names the change in the key)."""
    group = groups.by_id(session, request.steering_group_id or 0)
    if group is None or not addresses.has_any(session, Owner.steering_group(group.id)):
        return
    insert_rows(
        session,
        [
            outbox_row(
                f"{NoticeKind.APPROVAL_CHANNEL_UPDATE}:{request.id}:{what}",
                NoticeKind.APPROVAL_CHANNEL_UPDATE,
                utcnow(),
                plan_id=activity.plan_id,
                activity_id=activity.id,
                person_id=None,
                payload={
                    "request": request.id,
                    "version": version,
                    "steering_group_id": request.steering_group_id,
                },
            )
        ],
    )


class _Raced(Exception):
    """Another decision moved the request on between reading and writing: read again."""


def _status(value: str) -> ApprovalStatus:
    try:
        return ApprovalStatus(value)
    except ValueError:
        raise Invalid(
            "approval.bad_status",
            value=value,
            known=", ".join(status.value for status in ApprovalStatus),
        ) from None


__all__ = ["ApprovalService", "ApprovalView", "Capacity", "DecisionResult", "Refused"]
