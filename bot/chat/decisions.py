"""How an approval request's decisions read, on any surface: "Approved by X (chair, on behalf
of the steering group), 2027-03-29 09:12 UTC: comment". Transports escape and arrange them."""

from __future__ import annotations

from collections.abc import Callable

from bot.services.approvals import ApprovalView
from bot.texts import t
from config.languages import Language


def status_text(request: ApprovalView, language: Language) -> str:
    return t(f"approval.status.{request.status}", language)


def _same(text: str) -> str:
    return text


def decision_lines(
    request: ApprovalView, language: Language, escape: Callable[[str], str] = _same
) -> list[str]:
    """One line per decision on the request's current version; ``escape`` is applied to the
    texts people wrote (names, comments)."""
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
            at=f"{decision.at:%Y-%m-%d %H:%M} UTC",
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
