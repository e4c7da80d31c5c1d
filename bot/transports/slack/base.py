"""What the Slack app's handlers share (app.py joins them with their roles)."""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any

from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.actions import ActionHandler
from bot.chat.caller import Caller
from bot.chat.commands.handler import CommandHandler
from bot.chat.replies import Action, Reply
from bot.chat.steering_form import open_reply, plans_for_form, rule_choices
from bot.services import Services
from bot.services.actor import Actor
from bot.services.approvals.views import ApprovalView
from bot.services.errors import ServiceError
from bot.transports.slack.blocks import line_text, render_blocks
from bot.transports.slack.files import SlackFiles
from bot.transports.slack.views import channel_request_blocks, steering_modal
from config import Settings
from config.languages import LANGUAGES, Language, as_language
from storage.models import Origin, Surface

log = logging.getLogger(__name__)

Ack = Callable[..., Awaitable[None]]


class SlackParts(ABC):
    """What the Slack app's handlers share: who is asking, telling them one line, the request
    message a decision rewrites. The handlers live by role beside it: commands.py (`/commplan`
    and direct messages), buttons.py, modals.py, home.py (the App Home); app.py joins them."""

    services: Services
    settings: Settings
    client: AsyncWebClient
    commands: CommandHandler
    actions: ActionHandler
    files: SlackFiles
    _locales: dict[str, Language | None]

    @abstractmethod
    async def publish_home(self, user: str, caller: Caller) -> None:
        """Show ``caller`` their App Home (home.py)."""

    async def caller(self, user_id: str) -> Caller:
        person = await asyncio.to_thread(self.services.people.by_chat_user, Surface.SLACK, user_id)
        language: Language | None = None
        if person is not None and person.locale:
            language = as_language(person.locale, self.settings.language)
        if language is None:
            language = await self._slack_locale(user_id)
        actor = Actor(
            Origin.SLACK,
            person.id if person else None,
            person.name if person else "",
            surface_user=user_id,
        )
        return Caller(actor, language or self.settings.language)

    async def _slack_locale(self, user_id: str) -> Language | None:
        """The Slack user's own language ("da-DK" gives da), looked up once per user."""
        if user_id not in self._locales:
            locale: Language | None = None
            try:
                answer = await self.client.users_info(user=user_id, include_locale=True)
                code = str((answer.get("user") or {}).get("locale") or "")[:2].lower()
                locale = as_language(code) if code in LANGUAGES else None
            except (SlackClientError, OSError, ValueError) as err:
                # No language from Slack: the organisation's, and the next request tries again.
                log.warning("slack: users.info %s: %s", user_id, err)
                return None
            self._locales[user_id] = locale
        return self._locales[user_id]

    async def ack_reply(self, ack: Ack, reply: Reply, language: Language) -> None:
        text, blocks = render_blocks(reply, language)
        await ack(
            response_type="ephemeral" if reply.private else "in_channel", text=text, blocks=blocks
        )

    async def steering_form(self, trigger_id: str, caller: Caller) -> Reply | None:
        """Open the steering group modal (its plan picker lists the plans the person may
        change); the refusal instead, for whoever may change none."""
        try:
            await asyncio.to_thread(open_reply, self.services, caller)  # refuses, or offers it
        except ServiceError as err:
            return Reply(err.message(caller.language), refused=True)
        plans = await asyncio.to_thread(plans_for_form, self.services, caller)
        rules = rule_choices(caller.language)
        await self.client.views_open(
            trigger_id=trigger_id, view=steering_modal(plans, rules, caller.language)
        )
        return None

    async def tell(self, caller: Caller, message: dict[str, str] | None, line: str) -> None:
        """One line to the person who clicked: in the channel for them alone, else a DM."""
        user = caller.actor.surface_user
        if not user:
            return
        try:
            if message is not None:
                await self.client.chat_postEphemeral(
                    channel=message["channel"], user=user, text=line_text(line)
                )
            else:
                await self.client.chat_postMessage(channel=user, text=line_text(line))
        except SlackClientError as err:
            log.warning("slack: could not tell %s: %s", user, err)

    async def real_name(self, user: str) -> str | None:
        try:
            answer = await self.client.users_info(user=user)
        except (SlackClientError, OSError, ValueError):
            return None
        found = answer.get("user") or {}
        name = found.get("real_name") or (found.get("profile") or {}).get("real_name")
        return str(name) if name else None

    @staticmethod
    def message_of(body: dict[str, Any]) -> dict[str, str] | None:
        container = body.get("container") or {}
        channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
        ts = container.get("message_ts")
        if container.get("type") == "message" and channel and ts:
            return {"channel": str(channel), "ts": str(ts)}
        return None

    async def after_click(
        self,
        body: dict[str, Any],
        message: dict[str, str] | None,
        reply: Reply,
        caller: Caller,
    ) -> None:
        if message is not None:
            await self.show_reply(message, reply, caller)
        elif (body.get("view") or {}).get("type") == "home":
            await self.publish_home(str((body.get("user") or {}).get("id")), caller)

    async def show_reply(self, message: dict[str, str], reply: Reply, caller: Caller) -> None:
        """The message a button or a form came from, rewritten as the reply; a message Slack
        will not update (deleted, too old) leaves the reply unshown, and a warning."""
        text, blocks = render_blocks(reply, caller.language)
        try:
            await self.client.chat_update(
                channel=message["channel"], ts=message["ts"], text=text, blocks=blocks
            )
        except SlackClientError as err:
            log.warning("slack: could not update %s: %s", message, err)

    async def decide(
        self,
        caller: Caller,
        chosen: Action,
        value: str,
        *,
        comment: str | None,
        key: str,
        message: dict[str, str] | None,
    ) -> str | None:
        """Record a decision (the chat path every surface takes) and update the channel
        message; the refusal text, if refused."""
        decided = await asyncio.to_thread(
            self.actions.decide, chosen, value, caller, comment, key=key
        )
        if decided.request is None:
            if message is not None:
                await self.tell(caller, message, decided.reply.text)
            return decided.reply.text
        if message is not None:
            await self._update_request_message(message, decided.request, caller.language)
        return None

    async def _update_request_message(
        self, message: dict[str, str], request: ApprovalView, language: Language
    ) -> None:
        try:
            await self._rewrite_request_message(message, request, language)
        except SlackClientError as err:
            # The decision stands (it is recorded); only the message shows it late or not.
            log.warning("slack: could not update the approval message %s: %s", message, err)

    async def _rewrite_request_message(
        self, message: dict[str, str], request: ApprovalView, language: Language
    ) -> None:
        answer = await self.client.conversations_history(
            channel=message["channel"], latest=message["ts"], inclusive=True, limit=1
        )
        found = answer.get("messages") or [{}]
        original = list(found[0].get("blocks") or [])
        # Who decided, with comments; the message's own buttons while more decisions are needed
        # (the same rewrite the notifier makes for decisions taken elsewhere).
        blocks = channel_request_blocks(original, request, language)
        await self.client.chat_update(
            channel=message["channel"],
            ts=message["ts"],
            text=line_text(request.activity_title),
            blocks=blocks,
        )
