"""The steering group's approval card as it stands: the request, who decided in what capacity
with their comments, and the buttons while more decisions are needed. The app answers a click
in the channel with it; the notifier rewrites the channel's card with it after a decision made
anywhere else."""

from __future__ import annotations

from typing import Any

from bot.chat.approval_notices import approval_reply
from bot.chat.caller import Caller
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.msteams.cards import decided_card
from config.languages import Language
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import Origin


def channel_card(services: Services, request_id: int, language: Language) -> dict[str, Any]:
    request = services.approvals.get(request_id)
    view = services.activities.get(request.activity_id)
    caller = Caller(Actor(Origin.MSTEAMS), language)
    notice = Notice(
        key=f"{NoticeKind.APPROVAL_CHANNEL}:{request.id}:{request.version}",
        kind=NoticeKind.APPROVAL_CHANNEL,
        due_at=request.created_at,
        activity_id=request.activity_id,
        plan_id=view.plan_id,
        payload={"request": request.id, "version": request.version},
    )
    base = approval_reply(services, notice, caller, view)
    return decided_card(base, request, language, open_buttons=request.status == "pending")
