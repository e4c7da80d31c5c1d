"""The Slack app's modals, as they are sent: each refuses in the form, or does it and says so."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from bot.chat.commands.activity_replies import FORM_FIELDS, edit_reply
from bot.chat.commands.approval_replies import draft_fields, revise_reply
from bot.chat.followups import outcome_reply
from bot.chat.replies import Action
from bot.chat.steering_form import SteeringForm, submit
from bot.services.activity_dates import WHEN_UNREADABLE
from bot.services.errors import ServiceError
from bot.services.steering import Pick
from bot.texts import t
from bot.transports.slack.base import Ack, SlackParts
from storage.models import Surface


def _users(state: dict[str, Any], block: str) -> list[str]:
    """The Slack users a users_select or multi_users_select holds."""
    element = (state.get("values", {}).get(block) or {}).get("value") or {}
    if element.get("type") == "users_select":
        user = element.get("selected_user")
        return [str(user)] if user else []
    return [str(user) for user in element.get("selected_users") or [] if user]


def _value(state: dict[str, Any], block: str) -> str | None:
    element = (state.get("values", {}).get(block) or {}).get("value") or {}
    if element.get("type") == "static_select":
        selected = element.get("selected_option") or {}
        return selected.get("value")
    value = element.get("value")
    return value.strip() if isinstance(value, str) and value.strip() else None


class SlackModals(SlackParts):
    """The modals' submissions."""

    async def on_add(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        caller = await self.caller(str((body.get("user") or {}).get("id")))
        state = view.get("state") or {}
        plan, title = _value(state, "plan"), _value(state, "activity")
        if not plan or not title:
            await ack(
                response_action="errors",
                errors={"activity": t("error.empty_name", caller.language)},
            )
            return
        fields = {
            name: _value(state, name)
            for name in ("when", "responsible", "channel")
            if _value(state, name)
        }
        try:
            await asyncio.to_thread(
                self.services.activities.add, f"#{plan}", title, caller.actor, fields=fields
            )
        except ServiceError as err:
            # an unreadable "when" is said under the field that holds it
            field = "when" if err.key == WHEN_UNREADABLE else "activity"
            await ack(response_action="errors", errors={field: err.message(caller.language)})
            return
        await ack()

    async def on_steering(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        """The steering group modal sent: made as the person, or the refusal in the form; the
        answer in their DM."""
        user = str((body.get("user") or {}).get("id"))
        caller = await self.caller(user)
        state = view.get("state") or {}
        names = await self._names(
            [*_users(state, "chair"), *_users(state, "members"), *_users(state, "deputies")]
        )

        def picks(block: str) -> tuple[Pick, ...]:
            return tuple(
                Pick(surface=Surface.SLACK, user=found, display=names.get(found))
                for found in _users(state, block)
            )

        chair = picks("chair")
        form = SteeringForm(
            plan=f"#{_value(state, 'plan') or 0}",
            name=_value(state, "name") or "",
            chair=chair[0] if chair else Pick(text=""),
            members=picks("members"),
            rule=_value(state, "rule") or "any",
            deputies=picks("deputies"),
        )
        try:
            reply = await asyncio.to_thread(submit, self.services, form, caller)
        except ServiceError as err:
            await ack(response_action="errors", errors={"name": err.message(caller.language)})
            return
        await ack()
        await self.tell(caller, None, reply.text)

    async def _names(self, users: list[str]) -> dict[str, str]:
        """The names Slack shows for ``users`` (a refusal names whom it is about)."""
        found: dict[str, str] = {}
        for user in dict.fromkeys(users):
            name = await self.real_name(user)
            if name:
                found[user] = name
        return found

    async def on_edit(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        caller = await self.caller(str((body.get("user") or {}).get("id")))
        metadata = json.loads(view.get("private_metadata") or "{}")
        state = view.get("state") or {}
        form = {name: _value(state, name) for name in FORM_FIELDS}
        try:
            reply = await asyncio.to_thread(
                edit_reply, self.services, int(metadata["activity"]), form, caller
            )
        except ServiceError as err:
            await ack(response_action="errors", errors={"when": err.message(caller.language)})
            return
        await ack()
        message = metadata.get("message")
        if message:
            await self.show_reply(message, reply, caller)

    async def on_request(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        caller = await self.caller(str((body.get("user") or {}).get("id")))
        metadata = json.loads(view.get("private_metadata") or "{}")
        draft = _value(view.get("state") or {}, "draft") or ""
        fields = draft_fields(draft)
        try:
            await asyncio.to_thread(
                self.services.approvals.request,
                int(metadata["activity"]),
                caller.actor,
                text=fields["text"],
                link=fields["link"],
            )
        except ServiceError as err:
            await ack(response_action="errors", errors={"draft": err.message(caller.language)})
            return
        await ack()

    async def on_revise(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        """The Revise modal sent: a new version; a refusal or an unchanged draft stays in the
        form; the message the button was on says what happened."""
        caller = await self.caller(str((body.get("user") or {}).get("id")))
        metadata = json.loads(view.get("private_metadata") or "{}")
        draft = _value(view.get("state") or {}, "draft") or ""
        try:
            reply = await asyncio.to_thread(
                revise_reply, self.services, int(metadata["request"]), draft, caller
            )
        except ServiceError as err:
            await ack(response_action="errors", errors={"draft": err.message(caller.language)})
            return
        await ack()
        message = metadata.get("message")
        if message:
            await self.after_click(body, message, reply, caller)

    async def on_comment(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        user = str((body.get("user") or {}).get("id"))
        caller = await self.caller(user)
        metadata = json.loads(view.get("private_metadata") or "{}")
        comment = _value(view.get("state") or {}, "comment")
        chosen = Action(str(metadata["decision"]))
        # The modal's submission id makes a resubmitted form count once.
        key = f"slack:view:{view.get('id')}:{user}"
        await ack()
        value = f"{int(metadata['request'])}:{int(metadata['version'])}"
        await self.decide(
            caller, chosen, value, comment=comment, key=key, message=metadata.get("message")
        )

    async def on_followup(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        caller = await self.caller(str((body.get("user") or {}).get("id")))
        metadata = json.loads(view.get("private_metadata") or "{}")
        note = _value(view.get("state") or {}, "note")
        try:
            reply = await asyncio.to_thread(
                outcome_reply,
                self.services,
                int(metadata["activity"]),
                str(metadata["outcome"]),
                note,
                caller,
            )
        except ServiceError as err:
            await ack(response_action="errors", errors={"note": err.message(caller.language)})
            return
        await ack()
        message = metadata.get("message")
        if message:
            await self.show_reply(message, reply, caller)

    async def on_replan(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        caller = await self.caller(str((body.get("user") or {}).get("id")))
        metadata = json.loads(view.get("private_metadata") or "{}")
        when = _value(view.get("state") or {}, "when")
        try:
            await asyncio.to_thread(
                self.services.activities.replan,
                int(metadata["activity"]),
                caller.actor,
                when=when,
            )
        except ServiceError as err:
            await ack(response_action="errors", errors={"when": err.message(caller.language)})
            return
        await ack()
