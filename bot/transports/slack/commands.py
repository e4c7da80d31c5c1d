"""The Slack app's `/commplan` and its direct messages: a command, a plan's file, first words."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from typing import Any

from slack_sdk.errors import SlackClientError

from bot.chat.caller import Caller, Place
from bot.chat.commands.parsed import SteeringCommand
from bot.chat.commands.parsing import parse
from bot.chat.replies import Reply
from bot.chat.uploads import first_or_command
from bot.services.actor import Actor
from bot.texts import t
from bot.transports.downloads import fetch_and_preview
from bot.transports.slack.base import Ack, SlackParts
from bot.transports.slack.blocks import render_blocks
from bot.transports.slack.views import add_modal
from storage.models import Origin, Surface

log = logging.getLogger(__name__)


class SlackCommands(SlackParts):
    """`/commplan` and the app's direct messages."""

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
            opened = await self.steering_form(str(body.get("trigger_id") or ""), caller)
            if opened is None:
                await ack()
            else:
                await self.ack_reply(ack, opened, caller.language)
            return
        channel = str(body.get("channel_id") or "")
        if channel:
            # Direct messages (D...) are not a channel a steering group can be connected to.
            place = Place(Surface.SLACK, channel, None, is_channel=not channel.startswith("D"))
            caller = Caller(caller.actor, caller.language, place)
        reply = await asyncio.to_thread(self.commands.handle, text, caller)
        await self.ack_reply(ack, reply, caller.language)

    async def on_message(self, event: dict[str, Any]) -> None:
        """A message in the app's DM (``message.im``): a file shared is a plan to preview; the
        first message of someone with no plan is answered with where to start. Anything
        else in a DM is left to the slash command (a bot's own messages are never read)."""
        if not _read_in_dm(event):
            return
        user, channel = str(event["user"]), str(event.get("channel") or "")
        caller = await self.caller(user)
        linked: str | None = None
        if caller.person_id is None:
            linked = await self._link_by_email(user)
            if linked is not None:
                caller = await self.caller(user)
        reply = await self._dm_reply(event, caller)
        if linked is not None:
            said = t("first.linked", caller.language, name=linked)
            reply = replace(reply, notes=(*reply.notes, said))
        text, blocks = render_blocks(reply, caller.language)
        try:
            await self.client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        except SlackClientError as err:
            log.warning("slack: could not answer in %s: %s", channel, err)

    async def _dm_reply(self, event: dict[str, Any], caller: Caller) -> Reply:
        """A plan's file shared: its preview; words: the first answer, or the command's."""
        files = [item for item in event.get("files") or [] if isinstance(item, dict)]
        if event.get("subtype") == "file_share" and files:
            return await self._preview(files, caller)
        text = str(event.get("text") or "")
        return await asyncio.to_thread(first_or_command, self.services, text, caller)

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
        if len(files) > 1:
            return Reply(t("upload.one_file", caller.language), refused=True)
        shared = files[0]
        name = str(shared.get("name") or shared.get("title") or "plan")
        size = shared.get("size")
        announced = int(size) if isinstance(size, int | str) and str(size).isdigit() else None
        url = str(shared.get("url_private_download") or "")
        return await fetch_and_preview(
            self.services, self.files.download, (name, announced, url), caller
        )


def _read_in_dm(event: dict[str, Any]) -> bool:
    """Whether a message event is one the app answers: a person's words or file in its DM."""
    if event.get("channel_type") != "im" or event.get("bot_id") or not event.get("user"):
        return False
    return event.get("subtype") in (None, "file_share")
