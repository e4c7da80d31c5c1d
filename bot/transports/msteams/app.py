"""The Teams app: commands, card buttons and installs, on the Teams SDK's ``App``.

Mounted on the FastAPI app at ``POST /api/messages`` (``RouterAdapter``). The SDK validates each
request's Bot Framework token, then calls these handlers; they call the same services and the
same command parser as Slack and the console, and answer in the same three languages.

- A message (1:1, or with an @mention in a channel) is a command; the answer is a card.
- A card button is an ``adaptiveCard/action`` invoke; the answer is the card that replaces the
  clicked one. An approval decision also rewrites the channel's message for everyone (the
  invoke answer alone updates only the clicker's view).
- Whoever speaks to the app, or installs it, is linked to their person by e-mail (the Bot
  Connector's member lookup) and their personal chat kept for reminders.

The services are synchronous (SQLAlchemy): they run in worker threads (``asyncio.to_thread``).
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import replace
from typing import Any

import httpx
from fastapi import APIRouter
from microsoft_teams.api.activities.conversation.conversation_update import (
    ConversationUpdateActivity,
)
from microsoft_teams.api.activities.install_update import InstallUpdateActivity
from microsoft_teams.api.activities.invoke.adaptive_card import AdaptiveCardInvokeActivity
from microsoft_teams.api.activities.message.message import MessageActivity
from microsoft_teams.api.auth.cloud_environment import CloudEnvironment
from microsoft_teams.api.auth.credentials import TokenProvider
from microsoft_teams.apps import ActivityContext

from bot.chat.actions import ActionHandler
from bot.chat.caller import Caller, Place
from bot.chat.commands.activity_replies import FORM_FIELDS, edit_reply
from bot.chat.commands.handler import CommandHandler
from bot.chat.commands.parsed import SteeringCommand
from bot.chat.commands.parsing import parse
from bot.chat.replies import DECISION_OF, Action, Reply
from bot.chat.steering_form import (
    SteeringForm,
    open_reply,
    plans_for_form,
    rule_choices,
    submit,
)
from bot.chat.uploads import first_or_command, first_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import ServiceError
from bot.services.steering import Pick
from bot.services.views import PersonView
from bot.texts import t
from bot.transports.downloads import fetch_and_preview
from bot.transports.msteams.adapter import RouterAdapter, token_validator
from bot.transports.msteams.approval_card import channel_card
from bot.transports.msteams.cards import (
    CARD_CONTENT_TYPE,
    STEERING_CREATE,
    edit_card,
    plain,
    reply_card,
    steering_card,
)
from bot.transports.msteams.files import MsTeamsFiles, SentFile, sent_files
from bot.transports.msteams.sdk import initialize, msteams_app
from bot.transports.msteams.sender import card_activity
from bot.transports.msteams.settings import require_msteams_ready
from config import Settings
from config.languages import LANGUAGES, Language, as_language
from storage.models import Origin, Surface

log = logging.getLogger(__name__)

_MENTION = re.compile(r"<at>.*?</at>", re.DOTALL)


def command_text(text: str | None) -> str:
    """The command in a message: @mentions of the bot removed (Teams writes them as <at>)."""
    return _MENTION.sub(" ", text or "").replace("&nbsp;", " ").strip()


def base_conversation(conversation_id: str) -> str:
    """A channel thread's id names the thread (";messageid=..."); the channel is before it."""
    return conversation_id.split(";", 1)[0]


def card_answer(content: dict[str, Any]) -> dict[str, Any]:
    return {"statusCode": 200, "type": CARD_CONTENT_TYPE, "value": content}


def message_answer(text: str) -> dict[str, Any]:
    """A refusal or error shown to the clicker alone, as plain text (cards.plain)."""
    return {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": plain(text),
    }


def build(services: Services) -> MsTeamsSurface:
    """The registry's app factory (bot/registry.py): the Teams app at /api/messages, once
    the settings hold what serving Teams needs."""
    require_msteams_ready(services.context.settings)
    return MsTeamsSurface(services, services.context.settings)


class MsTeamsSurface:
    """The SDK's app with commplan's handlers; ``router()`` mounts it on FastAPI."""

    def __init__(
        self,
        services: Services,
        settings: Settings,
        *,
        token: TokenProvider | None = None,
        authenticate: bool = True,
        cloud: CloudEnvironment | None = None,
    ) -> None:
        self.services = services
        self.settings = settings
        self.commands = CommandHandler(services)
        self.actions = ActionHandler(services)
        validator = None
        if authenticate and settings.msteams_app_id is not None:
            validator = token_validator(settings.msteams_app_id, cloud)
        self.adapter = RouterAdapter(settings.msteams_tenants, validator)
        self.app = msteams_app(
            settings, self.adapter, token=token, authenticate=authenticate, cloud=cloud
        )
        self.app.on_message(self.on_message)
        self.app.on_card_action(self.on_card_action)
        self.app.on_conversation_update(self.on_conversation_update)
        self.app.on_installation_update(self.on_install)
        # (Teams user, conversation) pairs already recorded: a chat's messages need one write.
        self._known: set[tuple[str, str]] = set()
        self.files = MsTeamsFiles(settings)
        initialize(self.app)

    def start(self) -> None:
        """Nothing runs beside the route (the registry's ``SurfaceApp``)."""

    def router(self) -> APIRouter:
        return self.adapter.router

    # Who is asking

    async def caller(self, ctx: ActivityContext[Any]) -> Caller:
        activity = ctx.activity
        sender = activity.from_
        user = sender.aad_object_id or sender.id
        conversation = activity.conversation
        person = await self._person(ctx, user)
        actor = Actor(
            Origin.MSTEAMS,
            person.id if person else None,
            person.name if person else (sender.name or ""),
            surface_user=user,
        )
        place = Place(
            Surface.MSTEAMS,
            base_conversation(conversation.id),
            activity.service_url,
            is_channel=conversation.conversation_type == "channel",
        )
        return Caller(actor, self._language(person, activity.locale), place)

    async def _person(self, ctx: ActivityContext[Any], user: str) -> PersonView | None:
        """The person linked to the Teams user; someone new to the app (or in a personal chat
        not seen yet) is made contact with: linked by e-mail where allowed, and their personal
        chat kept so reminders can reach them."""
        activity = ctx.activity
        conversation = activity.conversation
        personal = conversation.conversation_type in (None, "personal")
        person = await asyncio.to_thread(self.services.people.by_chat_user, Surface.MSTEAMS, user)
        if person is not None and not (personal and (user, conversation.id) not in self._known):
            return person
        email = None if person is not None else await self._email_of(ctx)
        person = await asyncio.to_thread(
            self.services.people.chat_contact,
            Surface.MSTEAMS,
            user,
            email,
            Actor(Origin.MSTEAMS, None, activity.from_.name or "", surface_user=user),
            conversation=conversation.id if personal else None,
            route=activity.service_url if personal else None,
            tenant=conversation.tenant_id,
        )
        if person is not None and personal:
            self._known.add((user, conversation.id))
        return person

    def _language(self, person: PersonView | None, locale: str | None) -> Language:
        """The person's own language, else the Teams client's, else the organisation's."""
        if person is not None and person.locale:
            return as_language(person.locale)
        code = (locale or "")[:2].lower()
        return as_language(code) if code in LANGUAGES else self.settings.language

    async def _email_of(self, ctx: ActivityContext[Any]) -> str | None:
        """The speaker's e-mail from the Bot Connector's member lookup (no Graph permission
        needed); None when Teams will not say."""
        activity = ctx.activity
        try:
            member = await ctx.api.conversations.get_member_by_id(
                activity.conversation.id, activity.from_.id
            )
        except (httpx.HTTPError, ValueError) as err:
            log.warning("teams: member lookup failed: %s", err)
            return None
        return member.email or member.user_principal_name or None

    # Messages

    async def on_message(self, ctx: ActivityContext[MessageActivity]) -> None:
        personal = ctx.activity.conversation.conversation_type in (None, "personal")
        sender = ctx.activity.from_
        known = None
        if personal:
            # Whether this message links them (by e-mail, in caller): they are told so.
            user = sender.aad_object_id or sender.id
            known = await asyncio.to_thread(
                self.services.people.by_chat_user, Surface.MSTEAMS, user
            )
        caller = await self.caller(ctx)
        linked_now = personal and known is None and caller.person_id is not None
        files = sent_files(ctx.activity.attachments) if personal else []
        text = command_text(ctx.activity.text)
        if files:
            reply = await self._preview(files, caller)
        elif isinstance(parse(text), SteeringCommand):
            form = await self._steering_form(caller)
            if isinstance(form, dict):
                await ctx.send(card_activity(form, t("steering.form.title", caller.language)))
                return
            reply = form
        elif personal:
            reply = await asyncio.to_thread(first_or_command, self.services, text, caller)
        else:
            reply = await asyncio.to_thread(self.commands.handle, text, caller)
        if linked_now:
            said = t("first.linked", caller.language, name=caller.actor.name)
            reply = replace(reply, notes=(*reply.notes, said))
        await ctx.send(card_activity(reply_card(reply, caller.language), reply.text))

    async def _steering_form(self, caller: Caller) -> dict[str, Any] | Reply:
        """The steering group card (its plans: those the person may change), or the refusal."""
        try:
            await asyncio.to_thread(open_reply, self.services, caller)  # refuses, or offers it
        except ServiceError as err:
            return Reply(err.message(caller.language), refused=True)
        plans = await asyncio.to_thread(plans_for_form, self.services, caller)
        return steering_card(plans, rule_choices(caller.language), caller.language)

    async def _steering_create(self, data: dict[str, Any], caller: Caller) -> Any:
        """The card's Create: the group made as the person; a refusal to them alone (the card
        stays, to be corrected)."""

        def picks(field: str) -> tuple[Pick, ...]:
            chosen = str(data.get(f"steer_{field}") or "")
            return tuple(
                Pick(surface=Surface.MSTEAMS, user=user.strip())
                for user in chosen.split(",")
                if user.strip()
            )

        chair = picks("chair")
        form = SteeringForm(
            plan=f"#{str(data.get('steer_plan') or '0').strip()}",
            name=str(data.get("steer_name") or ""),
            chair=chair[0] if chair else Pick(text=""),
            members=picks("members"),
            rule=str(data.get("steer_rule") or "any"),
            deputies=picks("deputies"),
        )
        try:
            reply = await asyncio.to_thread(submit, self.services, form, caller)
        except ServiceError as err:
            return message_answer(err.message(caller.language))
        return card_answer(reply_card(reply, caller.language))

    async def _preview(self, files: list[SentFile], caller: Caller) -> Reply:
        """A plan's file sent in the personal chat: checked by name first, fetched, previewed;
        every refusal one line."""
        if len(files) > 1:
            return Reply(t("upload.one_file", caller.language), refused=True)
        sent = files[0]
        return await fetch_and_preview(
            self.services, self.files.download, (sent.name, None, sent.url), caller
        )

    async def on_install(self, ctx: ActivityContext[InstallUpdateActivity]) -> None:
        """Installed (by the person, or for them by an admin's policy): link them and keep the
        chat. Teams also sends the conversation update below, which says hello, so one
        welcome is written, not two."""
        if ctx.activity.action == "add":
            await self.caller(ctx)

    async def on_conversation_update(
        self, ctx: ActivityContext[ConversationUpdateActivity]
    ) -> None:
        added = ctx.activity.members_added or []
        if not any(member.id == ctx.activity.recipient.id for member in added):
            return
        caller = await self.caller(ctx)
        if ctx.activity.conversation.conversation_type in (None, "personal"):
            text = t("msteams.welcome", caller.language)
            first = await asyncio.to_thread(first_reply, self.services, caller)
            if first is not None:
                text = f"{text}\n\n{first.text}"
            await ctx.send(card_activity(reply_card(Reply(text), caller.language), text))

    # Card buttons

    async def on_card_action(self, ctx: ActivityContext[AdaptiveCardInvokeActivity]) -> Any:
        action = ctx.activity.value.action
        data: dict[str, Any] = dict(action.data or {})
        value = str(data.get("value") or "")
        field = data.get("input")
        typed = str(data.get(field) or "").strip() if isinstance(field, str) else ""
        caller = await self.caller(ctx)
        verb = action.verb or ""
        try:
            shown = await self._form_answer(verb, value, data, caller)
            if shown is not None:
                return shown
            chosen = Action(verb)
        except ServiceError as err:
            return message_answer(err.message(caller.language))
        except ValueError:
            log.warning("teams: unknown card action %r", verb)
            return message_answer(t("chat.unknown_command", caller.language, text=verb))
        if chosen in DECISION_OF:
            return await self._decide(ctx, chosen, value, typed or None, caller)
        # A button with an input in its card always sends the field (empty when left empty).
        text = typed if isinstance(field, str) else None
        reply = await asyncio.to_thread(self.actions.press, chosen, value, caller, text)
        return card_answer(reply_card(reply, caller.language))

    async def _form_answer(
        self, verb: str, value: str, data: dict[str, Any], caller: Caller
    ) -> Any | None:
        """The answer to a card's form verb (open or send an activity's edit card, the steering
        group form); None for every other verb (an ``Action``)."""
        if verb == "open" and value.isdigit():
            view = await asyncio.to_thread(self.services.activities.show, int(value), caller.actor)
            return card_answer(edit_card(view, caller.language))
        if verb == "edit" and value.isdigit():
            return await self._edit(int(value), data, caller)
        if verb == STEERING_CREATE:
            return await self._steering_create(data, caller)
        if verb == Action.STEERING_FORM.value:
            form = await self._steering_form(caller)
            if isinstance(form, dict):
                return card_answer(form)
            return message_answer(form.text)
        return None

    async def _edit(self, activity_id: int, data: dict[str, Any], caller: Caller) -> Any:
        form = {name: str(data.get(f"edit_{name}") or "") for name in FORM_FIELDS}
        reply = await asyncio.to_thread(edit_reply, self.services, activity_id, form, caller)
        return card_answer(reply_card(reply, caller.language))

    async def _decide(
        self,
        ctx: ActivityContext[AdaptiveCardInvokeActivity],
        chosen: Action,
        value: str,
        comment: str | None,
        caller: Caller,
    ) -> Any:
        """Record the decision; rewrite the channel's card for everyone; refusals go to the
        clicker alone (a message answer leaves the card as it is)."""
        activity = ctx.activity
        # One click, retried or double-pressed, is one decision; a second press by the same
        # member on the same card and version is the same decision too.
        key = f"msteams:{activity.reply_to_id or activity.id}:{activity.from_.id}:{chosen.value}"
        version = value.partition(":")[2]
        decided = await asyncio.to_thread(
            self.actions.decide, chosen, value, caller, comment, key=f"{key}:{version}"
        )
        if decided.request is None:
            return message_answer(decided.reply.text)
        content = await asyncio.to_thread(self._decided_content, decided.request.id)
        if activity.reply_to_id:
            try:
                await ctx.api.conversations.update_activity(
                    activity.conversation.id,
                    activity.reply_to_id,
                    card_activity(content, decided.request.activity_title),
                )
            except httpx.HTTPError as err:
                # The decision stands (it is recorded); only the others' view shows it late.
                log.warning("teams: could not update the approval card: %s", err)
        return card_answer(content)

    def _decided_content(self, request_id: int) -> dict[str, Any]:
        """The channel's card after a decision, in the plan's language (everyone reads it)."""
        request = self.services.approvals.get(request_id)
        plan = self.services.plans.get(
            f"#{self.services.activities.get(request.activity_id).plan_id}"
        )
        return channel_card(
            self.services, request_id, as_language(plan.language, self.settings.language)
        )
