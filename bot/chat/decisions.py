"""How an approval request's decisions read, on any surface: "Approved by X (chair, on behalf
of the steering group), 29 Mar 2027, 11:12: comment", in the reader's zone. Transports escape
and arrange them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.chat.caller import Caller
from bot.chat.replies import Reply
from bot.services import Services
from bot.services.approvals.views import ApprovalView, DecisionResult
from bot.services.errors import ServiceError
from bot.texts import t
from bot.texts.local import moment_text, zone_for
from config.languages import Language
from storage.models import Decision


@dataclass(frozen=True, slots=True)
class Decided:
    """A decision as every surface takes it: the answer for the person, and the request as it
    stands after it (None when refused: then nothing changed and ``reply`` says why)."""

    reply: Reply
    request: ApprovalView | None


def decide(
    services: Services,
    request_id: int,
    decision: Decision,
    caller: Caller,
    *,
    version: int | None = None,
    comment: str | None = None,
    key: str | None = None,
) -> Decided:
    """The one path of a decision: typed (`decide`), a button (console, e-mail, Slack, Teams) or
    a comment form. ``key``: the surface's id of the click, so a retried click is one decision;
    a surface then rewrites its own copy of the request from ``request``."""
    try:
        result = services.approvals.decide(
            request_id,
            decision,
            caller.actor,
            version=version,
            comment=comment,
            idempotency_key=key,
        )
    except ServiceError as err:
        return Decided(Reply(err.message(caller.language), refused=True), None)
    return Decided(decided_reply(result, decision, caller), result.request)


def status_text(request: ApprovalView, language: Language) -> str:
    return t(f"approval.status.{request.status}", language)


def _same(text: str) -> str:
    return text


def decision_lines(
    request: ApprovalView,
    language: Language,
    escape: Callable[[str], str] = _same,
    *,
    zone: ZoneInfo | None = None,
) -> list[str]:
    """One line per decision on the request's current version; ``escape`` is applied to the
    texts people wrote (names, comments). Moments in ``zone``, the reader's (a person's own),
    else the plan's: a channel's message is read by the whole group."""
    shown_in = zone or zone_for(request.time_zone)
    clean = escape
    lines = []
    for decision in request.decisions:
        if decision.version != request.version:
            continue
        capacity = capacity_text(
            decision.capacity, decision.on_behalf_of, decision.for_group, language
        )
        line = t(
            "approval.decided_line",
            language,
            status=decision_text(decision.decision, language),
            person=clean(decision.person),
            capacity=capacity,
            at=moment_text(decision.at, language, shown_in),
        )
        lines.append(line + (f": {clean(decision.comment)}" if decision.comment else ""))
    return lines


def capacity_text(
    capacity: str, on_behalf_of: str | None, for_group: bool, language: Language
) -> str:
    """In what capacity someone decided, one wording everywhere (chat replies, the channel's
    message, the command line): "chair" for a decision on the group's behalf, "deputy for X"
    for a deputy, with ", chair" when the deputy stood in for the chair; else "member"."""
    if capacity == "deputy":
        text = t("approval.capacity.deputy", language, name=on_behalf_of or "?")
        return text + (", " + t("approval.capacity.chair", language) if for_group else "")
    if capacity == "chair" or for_group:
        return t("approval.capacity.chair", language)
    return t("approval.capacity.member", language)


def decision_text(decision: str, language: Language) -> str:
    """A decision ("approve", "reject", "request_changes") as the status it asks for."""
    status = {"approve": "approved", "reject": "rejected"}.get(decision, "changes_requested")
    return t(f"approval.status.{status}", language)


def decided_reply(result: DecisionResult, decision: Decision, caller: Caller) -> Reply:
    """ "Registreret: afvisning af anmodning #1 (medlem). Status: afventer." """
    language = caller.language
    capacity = capacity_text(result.capacity, result.on_behalf_of, result.for_group, language)
    return Reply(
        t(
            "chat.decided",
            language,
            decision=t(f"decision.{decision.value}", language),
            id=result.request.id,
            capacity=capacity,
            status=t(f"approval.status.{result.request.status}", language),
        )
    )
