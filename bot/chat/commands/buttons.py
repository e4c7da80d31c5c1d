"""The buttons under an activity and under an approval request, in the reader's language."""

from __future__ import annotations

from bot.chat.caller import Caller
from bot.chat.replies import Action, Button
from bot.services.views import ActivityView
from bot.texts import t


def activity_buttons(
    view: ActivityView, caller: Caller, *, may_act: bool = True
) -> tuple[Button, ...]:
    """The buttons under an activity; only Open for someone who may not act on it."""
    value = str(view.id)
    if not may_act:
        return (Button(Action.OPEN, value, t(f"button.{Action.OPEN.value}", caller.language)),)
    if view.status in ("done", "cancelled"):
        # Nothing to do or snooze: what is left is to open it again, or look at it.
        closed = (Action.REOPEN, Action.OPEN)
        return tuple(Button(a, value, t(f"button.{a.value}", caller.language)) for a in closed)
    actions = [Action.DONE, Action.SNOOZE_DAY, Action.SNOOZE_WEEK]
    # Written communication the steering group must approve, not yet sent for approval.
    if view.requires_approval and view.status in ("planned", "in_progress"):
        actions.append(Action.REQUEST_APPROVAL)
    actions.append(Action.OPEN)
    return tuple(
        Button(action, value, t(f"button.{action.value}", caller.language)) for action in actions
    )


def requester_buttons(
    request_id: int, caller: Caller, status: str = "pending"
) -> tuple[Button, ...]:
    """Revise and Withdraw, under what the requester reads about their request: Revise while
    a new draft may still be asked for (also after a rejection), Withdraw while it is open."""
    actions = []
    if status in ("pending", "changes_requested", "rejected"):
        actions.append(Action.REVISE)
    if status in ("pending", "changes_requested"):
        actions.append(Action.WITHDRAW)
    value = str(request_id)
    return tuple(
        Button(action, value, t(f"button.{action.value}", caller.language)) for action in actions
    )


def approval_buttons(request_id: int, version: int, caller: Caller) -> tuple[Button, ...]:
    """Approve, Reject, Request changes on one version of a request ("REQUEST:VERSION")."""
    value = f"{request_id}:{version}"
    return tuple(
        Button(action, value, t(f"button.{action.value}", caller.language))
        for action in (Action.APPROVE, Action.REJECT, Action.REQUEST_CHANGES)
    )
