"""The Slack app's buttons: done at once, or asking for more in a modal, or a decision."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackClientError

from bot.chat.caller import Caller
from bot.chat.followups import OUTCOME_OF
from bot.chat.replies import DECISION_OF, Action
from bot.services.errors import ServiceError
from bot.texts import t
from bot.transports.slack.base import Ack, SlackParts
from bot.transports.slack.blocks import ACTION_PREFIX, PICK_PREFIX, escape, line_text
from bot.transports.slack.views import (
    activity_modal,
    comment_modal,
    followup_modal,
    replan_modal,
    request_modal,
    revise_modal,
)
from storage.models import Surface

log = logging.getLogger(__name__)

_ACTIVITY_ACTIONS = {
    Action.DONE,
    Action.SNOOZE_DAY,
    Action.SNOOZE_WEEK,
    Action.REOPEN,
    Action.UNDO,
    Action.WITHDRAW,  # its confirm was asked by Slack (blocks.py) before the click came
    Action.IMPORT_UPLOAD,  # under a preview: the value is the upload, the answer replaces it
    Action.CANCEL_UPLOAD,
}
# The buttons that ask for more in a modal before anything is done.
_MODAL_ACTIONS = {Action.OPEN, Action.REQUEST_APPROVAL, Action.REPLAN, *OUTCOME_OF}


@dataclass(frozen=True, slots=True)
class Click:
    """One press of one of commplan's buttons, as Slack sent it."""

    body: dict[str, Any]
    action: dict[str, Any]
    chosen: Action
    value: str
    caller: Caller
    message: dict[str, str] | None  # the message the button is on, if on one

    @property
    def trigger_id(self) -> str:
        return str(self.body.get("trigger_id") or "")


class SlackButtons(SlackParts):
    """The buttons of commplan's messages and App Home."""

    async def on_action(self, ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        name = str(action.get("action_id", "")).removeprefix(ACTION_PREFIX)
        user = str((body.get("user") or {}).get("id"))
        caller = await self.caller(user)
        if name == "map":
            await self._map_person(body, action, caller)
            return
        try:
            chosen = Action(name)
        except ValueError:
            log.warning("slack: unknown action %s", name)
            return
        value = str(action.get("value") or "")
        await self._answer(Click(body, action, chosen, value, caller, self.message_of(body)))

    async def _answer(self, click: Click) -> None:
        """What the button does: at once, in a modal asking for more, or a decision."""
        chosen, value = click.chosen, click.value
        if chosen is Action.STEERING_FORM:
            refused = await self.steering_form(click.trigger_id, click.caller)
            if refused is not None:
                await self.tell(click.caller, click.message, refused.text)
        elif chosen in _ACTIVITY_ACTIONS:
            reply = await asyncio.to_thread(self.actions.press, chosen, value, click.caller)
            await self.after_click(click.body, click.message, reply, click.caller)
        elif chosen in _MODAL_ACTIONS and value.isdigit():
            await self._open_modal(click.body, chosen, int(value), click.caller, click.message)
        elif chosen is Action.REVISE and value.isdigit():
            await self._open_revise(click.body, int(value), click.caller, click.message)
        elif chosen is Action.APPROVE:
            await self._approve(click)
        elif chosen in DECISION_OF and click.message is not None:
            request_id, version = _request_value(value)
            modal = comment_modal(
                request_id, version, chosen.value, click.message, click.caller.language
            )
            await self.client.views_open(trigger_id=click.trigger_id, view=modal)

    async def _approve(self, click: Click) -> None:
        """Approve needs no comment: decided at once, counted once per click."""
        user = click.caller.actor.surface_user
        key = f"slack:{click.action.get('action_ts')}:{user}"
        await self.decide(
            click.caller, click.chosen, click.value, comment=None, key=key, message=click.message
        )

    async def _open_modal(
        self,
        body: dict[str, Any],
        chosen: Action,
        activity_id: int,
        caller: Caller,
        message: dict[str, str] | None,
    ) -> None:
        """A button that asks for more in a modal: shown only to whoever may read the activity;
        anyone else gets the refusal where they clicked."""
        try:
            view = await asyncio.to_thread(self.services.activities.show, activity_id, caller.actor)
        except ServiceError as err:
            await self.tell(caller, message, err.message(caller.language))
            return
        language = caller.language
        if chosen is Action.OPEN:
            modal = activity_modal(view, language, message)
        elif chosen is Action.REQUEST_APPROVAL:
            modal = request_modal(view, language)
        elif chosen is Action.REPLAN:
            modal = replan_modal(view, language)
        else:
            modal = followup_modal(view, OUTCOME_OF[chosen], message, language)
        await self.client.views_open(trigger_id=body["trigger_id"], view=modal)

    async def _open_revise(
        self, body: dict[str, Any], request_id: int, caller: Caller, message: dict[str, str] | None
    ) -> None:
        """Revise: the modal holds the current draft, shown only to whoever may revise it."""
        try:
            request = await asyncio.to_thread(
                self.services.approvals.for_revision, request_id, caller.actor
            )
        except ServiceError as err:
            await self.tell(caller, message, err.message(caller.language))
            return
        modal = revise_modal(request, caller.language, message)
        await self.client.views_open(trigger_id=body["trigger_id"], view=modal)

    async def _map_person(
        self, body: dict[str, Any], action: dict[str, Any], caller: Caller
    ) -> None:
        """The plan owner picked the Slack user a plan's name means: link, and say so in place."""
        name = str(action.get("block_id", "")).removeprefix(PICK_PREFIX)
        user = str(action.get("selected_user") or "")
        message = self.message_of(body)
        if not name or not user:
            return
        display = await self.real_name(user)
        try:
            person, changed = await asyncio.to_thread(
                self.services.people.map_to_chat_user,
                name,
                Surface.SLACK,
                user,
                display,
                caller.actor,
            )
            line = t("people.mapped", caller.language, name=name, person=person.name, count=changed)
        except ServiceError as err:
            line = err.message(caller.language)
        if message is None:
            return
        original = (body.get("message") or {}).get("blocks") or []
        blocks = [block for block in original if block.get("block_id") != action.get("block_id")]
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape(line)}]})
        try:
            await self.client.chat_update(
                channel=message["channel"],
                ts=message["ts"],
                text=line_text(line),
                blocks=blocks[:50],
            )
        except SlackClientError as err:
            log.warning("slack: could not update %s: %s", message, err)


def _request_value(value: str) -> tuple[int, int]:
    request, _, version = value.partition(":")
    return int(request), int(version or 0)
