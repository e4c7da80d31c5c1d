"""Replies about approval requests: ask, revise, withdraw, and the list of open requests."""

from __future__ import annotations

from typing import TypedDict

from bot.chat.caller import Caller
from bot.chat.commands.buttons import approval_buttons, requester_buttons
from bot.chat.replies import Item, Reply, Section
from bot.services import Services
from bot.services.approvals.views import ApprovalView
from bot.texts import t
from config.languages import Language

# The most of a draft's text a list of requests shows (a link is shown whole below this).
DRAFT_SHOWN = 300


class Draft(TypedDict):
    text: str | None
    link: str | None


def draft_fields(draft: str) -> Draft:
    """A draft as typed, for ``approvals.request``: a link if it is one, else the text."""
    draft = draft.strip()
    is_link = draft.startswith(("http://", "https://")) and " " not in draft
    return {"text": None if is_link else draft, "link": draft if is_link else None}


def _sent(services: Services, key: str, request: ApprovalView, caller: Caller) -> Reply:
    """A draft went to the steering group: which request and version, Revise and Withdraw."""
    values = {"title": request.activity_title, "id": request.id, "version": request.version}
    text = t(key, caller.language, **values)
    view = services.activities.get(request.activity_id)
    buttons = requester_buttons(request.id, caller)
    return Reply(text, (Section(view.plan_name, (Item(view, False, buttons),)),))


def request_reply(services: Services, activity_id: int, draft: str, caller: Caller) -> Reply:
    """Ask the steering group to approve ``draft``."""
    request = services.approvals.request(activity_id, caller.actor, **draft_fields(draft))
    return _sent(services, "chat.approval_requested", request, caller)


def revise_reply(services: Services, request_id: int, draft: str, caller: Caller) -> Reply:
    """A new version of the draft (typed `revise`, the Revise modal or card input)."""
    request = services.approvals.revise(request_id, caller.actor, **draft_fields(draft))
    return _sent(services, "chat.revised", request, caller)


def withdraw_reply(services: Services, request_id: int, caller: Caller) -> Reply:
    """Take the request back (typed `withdraw`, or the Withdraw button after its confirm)."""
    request = services.approvals.withdraw(request_id, caller.actor)
    return Reply(t("chat.withdrawn", caller.language, title=request.activity_title, id=request.id))


def draft_of(request: ApprovalView, language: Language) -> str:
    """ "Udkast (v2): …": the draft a decision is about, cut short for a list."""
    draft = request.link or request.text or request.file_ref or ""
    if len(draft) > DRAFT_SHOWN:
        draft = draft[: DRAFT_SHOWN - 1] + "…"
    return f"{t('approval.draft', language)} (v{request.version}): {draft}"


def approvals_reply(services: Services, caller: Caller) -> Reply:
    """The open requests the reader may see; those waiting for the reader's decision with
    their draft and the Approve / Reject / Request changes buttons."""
    language = caller.language
    views = services.approvals.list(caller.actor, status="pending")
    if not views:
        return Reply(t("chat.no_approvals", language))
    shown = views[:50]
    lines = [f"#{v.id} v{v.version} {v.activity_title} ({v.plan_name})" for v in shown]
    waiting = (
        {view.id for view in services.approvals.waiting_for(caller.person_id)}
        if caller.person_id is not None
        else set()
    )
    sections = tuple(
        Section(
            t("chat.decide_on", language, id=view.id, version=view.version),
            (
                Item(
                    services.activities.get(view.activity_id),
                    False,
                    approval_buttons(view.id, view.version, caller),
                ),
            ),
        )
        for view in shown
        if view.id in waiting
    )
    drafts = tuple(f"#{v.id} {draft_of(v, language)}" for v in shown if v.id in waiting)
    title = t("chat.approvals_title", language)
    return Reply(title + "\n" + "\n".join(lines), sections, notes=drafts)
