"""What an approval request looks like to a reader: its views, built from the rows
(``view_of``) or kept in a notice's payload as it was when the event happened (``as_fact``,
``from_fact``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from bot.texts import Phrase
from storage.models import ApprovalRequest, ApprovalStatus, surface_word
from storage.repositories import activities, people
from storage.repositories import approvals as requests

# The payload field of a notice to the requester holding the request as it was when the event
# happened (``ApprovalView.as_fact``); the notice is rendered from it, never from the rows.
FACTS = "facts"


def status_word(status: ApprovalStatus) -> Phrase:
    """A request's status as the reader's word (the refusal is read in their language)."""
    return Phrase(f"approval.status.{status.value}")


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


def person_name(session: Session, person_id: int | None) -> str | None:
    """A person's name as a request shows it ("#12" for one since forgotten)."""
    if person_id is None:
        return None
    person = people.by_id(session, person_id)
    return person.name if person else f"#{person_id}"


def view_of(session: Session, request: ApprovalRequest) -> ApprovalView:
    """The request as it stands: its current version and every decision, with names."""
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
        requested_by=person_name(session, request.requested_by_id),
        created_at=request.created_at,
        decided_at=request.decided_at,
        time_zone=activity.plan.time_zone,
        decisions=tuple(
            DecisionView(
                id=decision.id,
                version=versions[decision.version_id].number,
                person=person_name(session, decision.person_id) or "?",
                capacity=decision.capacity.value,
                on_behalf_of=person_name(session, decision.on_behalf_of_id),
                for_group=decision.for_group,
                decision=decision.decision.value,
                comment=decision.comment,
                surface=decision.surface,
                at=decision.created_at,
            )
            for decision in requests.decisions(session, request.id)
        ),
    )
