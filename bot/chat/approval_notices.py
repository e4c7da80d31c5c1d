"""Notices about an approval request as a ``Reply``: to approvers, to the plan owner and to the
requester, saying what was true when the event happened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from zoneinfo import ZoneInfo

from bot.chat.caller import Caller
from bot.chat.commands.buttons import approval_buttons, requester_buttons
from bot.chat.decisions import decision_lines, decision_text
from bot.chat.replies import Button, Item, Reply, Section
from bot.services import Services
from bot.services.approvals.views import FACTS, ApprovalView
from bot.services.errors import NotFound
from bot.services.views import ActivityView
from bot.texts import t
from bot.texts.dates import day_text
from bot.texts.local import zone_for
from config.languages import Language
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind

# The text of each kind of notice about an approval request (scheduler/outbox/kinds.py names
# the kinds).
APPROVAL_TEXT_KEYS: dict[str, str] = {
    NoticeKind.APPROVAL_REQUESTED: "approval.notice.requested",
    NoticeKind.APPROVAL_NUDGE: "approval.notice.nudge",
    NoticeKind.APPROVAL_EXPIRED: "approval.notice.expired",
    NoticeKind.APPROVAL_CHANNEL: "approval.notice.channel",
    NoticeKind.APPROVAL_CHANNEL_UPDATE: "approval.notice.channel",
    NoticeKind.APPROVAL_DECIDED: "approval.notice.decided",
    NoticeKind.APPROVAL_DECISION: "approval.notice.decision",
    NoticeKind.APPROVAL_EXPIRING: "approval.notice.expiring",
}
APPROVAL_KINDS = tuple(APPROVAL_TEXT_KEYS)
# The notices to the requester about their request: Revise and Withdraw come with them while
# it is open.
_REQUESTER_KINDS = (
    NoticeKind.APPROVAL_DECISION,
    NoticeKind.APPROVAL_EXPIRING,
    NoticeKind.APPROVAL_DECIDED,
)


def approval_reply(services: Services, notice: Notice, caller: Caller, view: ActivityView) -> Reply:
    """A notice about an approval request: to approvers (with the buttons where they decide),
    to the plan owner (expired), or to the requester (each decision with its comment, the
    outcome with every decision, a warning before it expires: with Revise and Withdraw).

    It says what was true when the event happened: the request as captured then (the payload's
    facts, written in the event's transaction) or, for the tick's notices, the version they
    name; where the request moved on since, one line says how."""
    language = caller.language
    now = services.approvals.get(int(notice.payload.get("request", 0)))
    then = _then(notice, now)
    values: dict[str, object] = {
        "title": then.activity_title,
        "id": then.id,
        "version": then.version,
        "requester": then.requested_by or "?",
        "status": t(f"approval.status.{then.status}", language),
        "date": str(notice.payload.get("expires", "")),
    }
    heard = _heard(services, notice, caller, (then, now), values)
    text = t(APPROVAL_TEXT_KEYS[notice.kind], language, **values)
    draft = then.link or then.text or then.file_ref or ""
    notes = (f"{t('approval.draft', language)} (v{then.version}): {draft}",) if draft else ()
    since = () if notice.kind in _LIVE_KINDS else since_line(then, now, language)
    item = Item(view, False, _buttons(notice, (then, now), caller))
    return Reply(
        text, (Section(view.plan_name, (item,)),), private=False, notes=heard + notes + since
    )


def _heard(
    services: Services,
    notice: Notice,
    caller: Caller,
    request: tuple[ApprovalView, ApprovalView],
    values: dict[str, object],
) -> tuple[str, ...]:
    """The decisions the notice tells of, as lines: one decision's comment, or every decision
    of the outcome. Into ``values``: who decided what, and the day a request expires."""
    language = caller.language
    then, now = request
    if notice.kind == NoticeKind.APPROVAL_DECISION:
        wanted = notice.payload.get("decision")
        found = [d for d in then.decisions if d.id == wanted]
        values["person"] = found[0].person if found else "?"
        values["decision"] = decision_text(found[0].decision, language) if found else "?"
        if found and found[0].comment:
            return (f"{t('approval.comment', language)}: {found[0].comment}",)
    elif notice.kind in (NoticeKind.APPROVAL_DECIDED, NoticeKind.APPROVAL_CHANNEL_UPDATE):
        return tuple(decision_lines(then, language, zone=_zone(services, caller, now)))
    elif notice.kind == NoticeKind.APPROVAL_EXPIRING and values["date"]:
        values["date"] = day_text(dt.date.fromisoformat(str(values["date"])), language)
    return ()


def _buttons(
    notice: Notice, request: tuple[ApprovalView, ApprovalView], caller: Caller
) -> tuple[Button, ...]:
    """Approve / Reject / Request changes while the version asked about is still the one
    pending; Revise and Withdraw on what the requester reads."""
    then, now = request
    asks = notice.kind in (
        NoticeKind.APPROVAL_CHANNEL,
        NoticeKind.APPROVAL_REQUESTED,
        NoticeKind.APPROVAL_NUDGE,
    )
    current = now.status == "pending" and now.version == then.version
    if current and (asks or notice.kind == NoticeKind.APPROVAL_CHANNEL_UPDATE):
        return approval_buttons(now.id, now.version, caller)
    if notice.kind in _REQUESTER_KINDS:
        return requester_buttons(now.id, caller, now.status)
    return ()


# The channel's message is rewritten to show the request as it stands: it is the request, not
# a notice of one event.
_LIVE_KINDS = (NoticeKind.APPROVAL_CHANNEL, NoticeKind.APPROVAL_CHANNEL_UPDATE)


def _then(notice: Notice, now: ApprovalView) -> ApprovalView:
    """The request as the notice tells of it: its captured facts, else (the tick's notices to
    approvers, written for one version) the version it names with that version's draft, else
    (a notice written before facts were kept) the request as it stands."""
    facts = notice.payload.get(FACTS)
    if isinstance(facts, Mapping):
        return ApprovalView.from_fact(facts)
    if notice.kind in _LIVE_KINDS:
        return now
    version = int(notice.payload.get("version") or now.version)
    draft = notice.payload.get("draft")
    status = "expired" if notice.kind == NoticeKind.APPROVAL_EXPIRED else "pending"
    if isinstance(draft, Mapping):
        return replace(
            now,
            version=version,
            status=status,
            text=draft.get("text"),
            link=draft.get("link"),
            file_ref=draft.get("file_ref"),
        )
    return replace(now, version=version, status=status)


def since_line(then: ApprovalView, now: ApprovalView, language: Language) -> tuple[str, ...]:
    """ "Since then: revised to version 2, withdrawn." when the request moved on after the
    notice's event; nothing when it still stands as the notice says."""
    changes = []
    if now.version > then.version:
        changes.append(t("approval.since.revised", language, version=now.version))
    # A revision makes the request pending again: that is the revision, not a second change.
    if now.status != then.status and not (now.version > then.version and now.status == "pending"):
        changes.append(t(f"approval.status.{now.status}", language))
    if not changes:
        return ()
    return (t("approval.since", language, what=", ".join(changes)),)


def _zone(services: Services, caller: Caller, request: ApprovalView) -> ZoneInfo:
    """The reader's zone: their own, else the plan's."""
    own = None
    if caller.person_id is not None:
        try:
            own = services.people.get(f"#{caller.person_id}").time_zone
        except NotFound:
            own = None
    return zone_for(own, request.time_zone)
