"""The Slack app: `/commplan`, buttons, modals, the App Home, on slack-bolt's AsyncApp.

Mounted on the FastAPI app at ``POST /slack/events`` (commands, interactivity and events share
it), or run over Socket Mode when ``SLACK_APP_TOKEN`` is set. Bolt checks every request's
signature and timestamp (older than 5 minutes: refused) before any handler runs. Each handler
acknowledges first: a command's answer *is* its acknowledgement (it is computed well inside
Slack's 3 seconds), a button's acknowledgement is empty and the message is updated after.

Handlers call the same services as every surface. The services are synchronous (SQLAlchemy):
they run in worker threads (``asyncio.to_thread``) so the event loop keeps answering.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request, Response
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.internals import parse_body
from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.actions import ActionHandler
from bot.chat.caller import Caller, Place
from bot.chat.commands.activity_replies import FORM_FIELDS, edit_reply
from bot.chat.commands.approval_replies import draft_fields, revise_reply
from bot.chat.commands.buttons import approval_buttons
from bot.chat.commands.handler import CommandHandler
from bot.chat.commands.listing_replies import due_sections
from bot.chat.commands.parsed import SteeringCommand
from bot.chat.commands.parsing import parse
from bot.chat.followups import OUTCOME_OF, outcome_reply
from bot.chat.replies import DECISION_OF, Action, Item, Reply, Section
from bot.chat.steering_form import (
    SteeringForm,
    open_reply,
    plans_for_form,
    rule_choices,
    submit,
)
from bot.chat.uploads import first_or_command, first_reply, preview_reply
from bot.services import Services
from bot.services.activity_dates import WHEN_UNREADABLE
from bot.services.actor import Actor
from bot.services.approvals.views import ApprovalView
from bot.services.errors import ServiceError
from bot.services.steering import Pick
from bot.texts import t
from bot.transports.slack.blocks import (
    ACTION_PREFIX,
    PICK_PREFIX,
    escape,
    line_text,
    render_blocks,
)
from bot.transports.slack.files import SlackFiles
from bot.transports.slack.views import (
    ADD_CALLBACK,
    COMMENT_CALLBACK,
    EDIT_CALLBACK,
    FOLLOWUP_CALLBACK,
    REPLAN_CALLBACK,
    REQUEST_CALLBACK,
    REVISE_CALLBACK,
    STEERING_CALLBACK,
    activity_modal,
    add_modal,
    channel_request_blocks,
    comment_modal,
    followup_modal,
    home_view,
    replan_modal,
    request_modal,
    revise_modal,
    steering_modal,
)
from bot.web.edge import SLACK_MAX_BODY
from bot.web.logs import bolt_logger
from config import Settings
from config.languages import LANGUAGES, Language, as_language
from storage.models import Origin, Surface

log = logging.getLogger(__name__)

Ack = Callable[..., Awaitable[None]]
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


def slack_async_client(settings: Settings) -> AsyncWebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return AsyncWebClient(token=token, base_url=settings.slack_api_url, timeout=15)


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


class SlackSurface:
    """The bolt app with commplan's handlers; ``router()`` mounts it on FastAPI."""

    def __init__(
        self, services: Services, settings: Settings, client: AsyncWebClient | None = None
    ) -> None:
        if settings.slack_signing_secret is None:
            # config.settings refuses to start without it; this guards other constructions.
            raise ValueError("SLACK_SIGNING_SECRET is required for the Slack app")
        self.services = services
        self.settings = settings
        self.commands = CommandHandler(services)
        self.actions = ActionHandler(services)
        self.client = client or slack_async_client(settings)
        self._locales: dict[str, Language | None] = {}
        self.app = AsyncApp(
            client=self.client,
            signing_secret=settings.slack_signing_secret.get_secret_value(),
            # bolt writes whole request bodies at INFO (a bad signature, an unhandled
            # request): its loggers let only warnings through (bot/web/logs.py).
            logger=bolt_logger(),
        )
        self.app.command("/commplan")(self.on_command)
        self.app.action(re.compile(f"^{ACTION_PREFIX}"))(self.on_action)
        self.app.view(ADD_CALLBACK)(self.on_add)
        self.app.view(EDIT_CALLBACK)(self.on_edit)
        self.app.view(REQUEST_CALLBACK)(self.on_request)
        self.app.view(COMMENT_CALLBACK)(self.on_comment)
        self.app.view(FOLLOWUP_CALLBACK)(self.on_followup)
        self.app.view(REPLAN_CALLBACK)(self.on_replan)
        self.app.view(REVISE_CALLBACK)(self.on_revise)
        self.app.view(STEERING_CALLBACK)(self.on_steering)
        self.app.event("app_home_opened")(self.on_home)
        self.app.event("message")(self.on_message)
        self.files = SlackFiles(settings)
        self.handler = AsyncSlackRequestHandler(self.app)

    def router(self) -> APIRouter:
        router = APIRouter()

        # A larger body is refused (413) before it is read, let alone checked or logged.
        @router.post("/slack/events", max_body_size=SLACK_MAX_BODY)
        async def slack_events(request: Request) -> Response:
            body = await request.body()
            # Slack's SSL check carries no payload; one that does is not Slack's.
            if b"ssl_check=1" in body and b"payload=" in body:
                return Response(status_code=401, content="refused\n", media_type="text/plain")
            try:
                # What bolt will parse, parsed first: a body that is no form or JSON would
                # make it raise (500 and a traceback) before the signature is checked.
                parse_body(body.decode("utf-8"), request.headers.get("content-type"))
            except ValueError:
                return Response(status_code=400, content="not a Slack request\n")
            answer: Response = await self.handler.handle(request)
            return answer

        return router

    # Who is asking

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

    # /commplan

    async def on_command(self, ack: Ack, body: dict[str, Any]) -> None:
        text = str(body.get("text") or "").strip()
        caller = await self.caller(str(body.get("user_id")))
        words = text.split()
        verb = words[0].lower() if words else ""
        if verb == "add" and len(words) == 1:
            await ack()
            # The picker lists only the plans this person may add to.
            plans = await asyncio.to_thread(self.services.plans.changeable, caller.actor)
            await self.client.views_open(
                trigger_id=body["trigger_id"], view=add_modal(plans, caller.language)
            )
            return
        if isinstance(parse(text), SteeringCommand):
            opened = await self._steering_form(str(body.get("trigger_id") or ""), caller)
            if opened is None:
                await ack()
            else:
                await self._ack_reply(ack, opened, caller.language)
            return
        channel = str(body.get("channel_id") or "")
        if channel:
            # Direct messages (D...) are not a channel a steering group can be connected to.
            place = Place(Surface.SLACK, channel, None, is_channel=not channel.startswith("D"))
            caller = Caller(caller.actor, caller.language, place)
        reply = await asyncio.to_thread(self.commands.handle, text, caller)
        await self._ack_reply(ack, reply, caller.language)

    async def _steering_form(self, trigger_id: str, caller: Caller) -> Reply | None:
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

    async def _ack_reply(self, ack: Ack, reply: Reply, language: Language) -> None:
        text, blocks = render_blocks(reply, language)
        await ack(
            response_type="ephemeral" if reply.private else "in_channel", text=text, blocks=blocks
        )

    # Buttons

    async def on_action(self, ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        name = str(action.get("action_id", "")).removeprefix(ACTION_PREFIX)
        value = str(action.get("value") or "")
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
        message = self._message_of(body)
        if chosen is Action.STEERING_FORM:
            refused = await self._steering_form(str(body.get("trigger_id") or ""), caller)
            if refused is not None:
                await self._tell(caller, message, refused.text)
            return
        if chosen in _ACTIVITY_ACTIONS:
            reply = await asyncio.to_thread(self.actions.press, chosen, value, caller)
            await self._after_activity_click(body, message, reply, caller)
        elif chosen in _MODAL_ACTIONS and value.isdigit():
            await self._open_modal(body, chosen, int(value), caller, message)
        elif chosen is Action.REVISE and value.isdigit():
            await self._open_revise(body, int(value), caller, message)
        elif chosen is Action.APPROVE:
            key = f"slack:{action.get('action_ts')}:{user}"
            await self._decide(caller, chosen, value, comment=None, key=key, message=message)
        elif chosen in DECISION_OF and message is not None:
            request_id, version = _request_value(value)
            modal = comment_modal(request_id, version, chosen.value, message, caller.language)
            await self.client.views_open(trigger_id=body["trigger_id"], view=modal)

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
            await self._tell(caller, message, err.message(caller.language))
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
            await self._tell(caller, message, err.message(caller.language))
            return
        modal = revise_modal(request, caller.language, message)
        await self.client.views_open(trigger_id=body["trigger_id"], view=modal)

    async def _tell(self, caller: Caller, message: dict[str, str] | None, line: str) -> None:
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

    async def _map_person(
        self, body: dict[str, Any], action: dict[str, Any], caller: Caller
    ) -> None:
        """The plan owner picked the Slack user a plan's name means: link, and say so in place."""
        name = str(action.get("block_id", "")).removeprefix(PICK_PREFIX)
        user = str(action.get("selected_user") or "")
        message = self._message_of(body)
        if not name or not user:
            return
        display = await self._real_name(user)
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

    async def _real_name(self, user: str) -> str | None:
        try:
            answer = await self.client.users_info(user=user)
        except (SlackClientError, OSError, ValueError):
            return None
        found = answer.get("user") or {}
        name = found.get("real_name") or (found.get("profile") or {}).get("real_name")
        return str(name) if name else None

    @staticmethod
    def _message_of(body: dict[str, Any]) -> dict[str, str] | None:
        container = body.get("container") or {}
        channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
        ts = container.get("message_ts")
        if container.get("type") == "message" and channel and ts:
            return {"channel": str(channel), "ts": str(ts)}
        return None

    async def _after_activity_click(
        self,
        body: dict[str, Any],
        message: dict[str, str] | None,
        reply: Reply,
        caller: Caller,
    ) -> None:
        if message is not None:
            text, blocks = render_blocks(reply, caller.language)
            try:
                await self.client.chat_update(
                    channel=message["channel"], ts=message["ts"], text=text, blocks=blocks
                )
            except SlackClientError as err:
                log.warning("slack: could not update %s: %s", message, err)
        elif (body.get("view") or {}).get("type") == "home":
            await self.publish_home(str((body.get("user") or {}).get("id")), caller)

    async def _decide(
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
                await self._tell(caller, message, decided.reply.text)
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

    # Modals

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
        await self._tell(caller, None, reply.text)

    async def _names(self, users: list[str]) -> dict[str, str]:
        """The names Slack shows for ``users`` (a refusal names whom it is about)."""
        found: dict[str, str] = {}
        for user in dict.fromkeys(users):
            name = await self._real_name(user)
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
            text, blocks = render_blocks(reply, caller.language)
            await self.client.chat_update(
                channel=message["channel"], ts=message["ts"], text=text, blocks=blocks
            )

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
            await self._after_activity_click(body, message, reply, caller)

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
        await self._decide(
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
            text, blocks = render_blocks(reply, caller.language)
            try:
                await self.client.chat_update(
                    channel=message["channel"], ts=message["ts"], text=text, blocks=blocks
                )
            except SlackClientError as err:
                log.warning("slack: could not update %s: %s", message, err)

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

    # Direct messages: a plan's file, and the first words

    async def on_message(self, event: dict[str, Any]) -> None:
        """A message in the app's DM (``message.im``): a file shared is a plan to preview; the
        first message of someone with no plan is answered with where to start. Anything
        else in a DM is left to the slash command (a bot's own messages are never read)."""
        if event.get("channel_type") != "im" or event.get("bot_id") or not event.get("user"):
            return
        subtype = event.get("subtype")
        if subtype not in (None, "file_share"):
            return
        user, channel = str(event["user"]), str(event.get("channel") or "")
        caller = await self.caller(user)
        linked: str | None = None
        if caller.person_id is None:
            linked = await self._link_by_email(user)
            if linked is not None:
                caller = await self.caller(user)
        files = [item for item in event.get("files") or [] if isinstance(item, dict)]
        if subtype == "file_share" and files:
            reply = await self._preview(files, caller)
        else:
            text = str(event.get("text") or "")
            reply = await asyncio.to_thread(first_or_command, self.services, text, caller)
        if linked is not None:
            said = t("first.linked", caller.language, name=linked)
            reply = replace(reply, notes=(*reply.notes, said))
        text, blocks = render_blocks(reply, caller.language)
        try:
            await self.client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        except SlackClientError as err:
            log.warning("slack: could not answer in %s: %s", channel, err)

    async def _link_by_email(self, user: str) -> str | None:
        """An unlinked Slack user who writes to the app: linked to the person with their
        e-mail address (Slack's users.info) when that person has no Slack user yet; the
        person's name, or None."""
        try:
            answer = await self.client.users_info(user=user)
        except (SlackClientError, OSError, ValueError) as err:
            log.warning("slack: users.info %s: %s", user, err)
            return None
        profile = (answer.get("user") or {}).get("profile") or {}
        email = profile.get("email")
        if not isinstance(email, str) or not email:
            return None
        actor = Actor(Origin.SLACK, None, "", surface_user=user)
        person = await asyncio.to_thread(
            self.services.people.chat_contact, Surface.SLACK, user, email, actor
        )
        return person.name if person is not None else None

    async def _preview(self, files: list[dict[str, Any]], caller: Caller) -> Reply:
        """Check the file Slack announces, fetch it, and preview it; every refusal one line,
        before the download where it can be."""
        language = caller.language
        if len(files) > 1:
            return Reply(t("upload.one_file", language), refused=True)
        shared = files[0]
        name = str(shared.get("name") or shared.get("title") or "plan")
        size = shared.get("size")
        try:
            await asyncio.to_thread(
                self.services.uploads.check_before_download,
                name,
                int(size) if isinstance(size, int | str) and str(size).isdigit() else None,
                caller.actor,
            )
            url = str(shared.get("url_private_download") or "")
            content = await self.files.download(url, name)
            if content is None:
                return Reply(t("upload.download_failed", language, file=name), refused=True)
            return await asyncio.to_thread(preview_reply, self.services, name, content, caller)
        except ServiceError as err:
            return Reply(err.message(language), refused=True)

    # App Home

    async def on_home(self, event: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        user = str(event.get("user"))
        await self.publish_home(user, await self.caller(user))

    async def publish_home(self, user: str, caller: Caller) -> None:
        view = await asyncio.to_thread(self._home, caller)
        await self.client.views_publish(user_id=user, view=view)

    def _home(self, caller: Caller) -> dict[str, Any]:
        language = caller.language
        if caller.person_id is None:
            return home_view(None, (), language)
        first = first_reply(self.services, caller)
        if first is not None:
            return home_view(first, (), language)
        upcoming = self.services.upcoming.query(
            actor=caller.actor, days=30, person_id=caller.person_id, limit=20
        )
        sections = due_sections(upcoming.overdue, upcoming.coming, caller, upcoming.actionable)
        mine = Reply(t("slack.home.mine", language), sections)
        if not sections:
            mine = Reply(t("slack.home.mine", language), notes=(t("slack.home.nothing", language),))
        waiting = []
        for request in self.services.approvals.waiting_for(caller.person_id)[:10]:
            view = self.services.activities.get(request.activity_id)
            buttons = approval_buttons(request.id, request.version, caller)
            draft = request.link or request.text or request.file_ref or ""
            reply = Reply(
                f"#{request.id} v{request.version}",
                (Section(view.plan_name, (Item(view, False, buttons),)),),
                notes=(f"{t('approval.draft', language)}: {draft}",) if draft else (),
            )
            waiting.append((reply, request.id))
        return home_view(mine, waiting, language)


def _request_value(value: str) -> tuple[int, int]:
    request, _, version = value.partition(":")
    return int(request), int(version or 0)
