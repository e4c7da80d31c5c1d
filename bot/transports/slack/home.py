"""The Slack app's App Home: the person's coming deadlines and the requests waiting for them."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.chat.caller import Caller
from bot.chat.commands.buttons import approval_buttons
from bot.chat.commands.listing_replies import due_sections
from bot.chat.replies import Item, Reply, Section
from bot.chat.uploads import first_reply
from bot.texts import t
from bot.transports.slack.base import SlackParts
from bot.transports.slack.views import home_view


class SlackAppHome(SlackParts):
    """The App Home tab."""

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
