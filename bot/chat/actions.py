"""Button presses from any surface: Done, Snooze; each change goes through the services."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.chat.caller import Caller
from bot.chat.commands import done_reply
from bot.chat.followups import OUTCOME_OF, outcome_reply
from bot.chat.replies import Action, Item, Reply, Section
from bot.services import Services
from bot.services.errors import ServiceError
from bot.texts import t

SNOOZE_DAYS = {Action.SNOOZE_DAY: 1, Action.SNOOZE_WEEK: 7}


class ActionHandler:
    def __init__(self, services: Services) -> None:
        self.services = services

    def press(self, action: Action, value: str, caller: Caller) -> Reply:
        if not value.isdigit():
            return Reply(t("chat.bad_id", caller.language))
        activity_id = int(value)
        language = caller.language
        try:
            if action is Action.DONE:
                return done_reply(self.services, activity_id, caller)
            if action in OUTCOME_OF:
                return outcome_reply(self.services, activity_id, OUTCOME_OF[action], None, caller)
            if action is Action.REPLAN:
                return Reply(t("followup.replan_hint", language, id=activity_id))
            if action is Action.REQUEST_APPROVAL:
                # Slack and Teams open a form for the draft; elsewhere it is typed.
                return Reply(t("chat.approve_hint", language, id=activity_id))
            if action in SNOOZE_DAYS:
                until = self.services.activities.snooze(
                    activity_id, SNOOZE_DAYS[action], caller.actor
                )
                view = self.services.activities.get(activity_id)
                local = until.astimezone(ZoneInfo(self.services.context.settings.timezone))
                return Reply(
                    t(
                        "chat.snoozed",
                        language,
                        title=view.title,
                        id=view.id,
                        until=f"{local:%Y-%m-%d %H:%M}",
                    )
                )
            view = self.services.activities.get(activity_id)
            return Reply(view.title, (Section(view.plan_name, (Item(view),)),))
        except ServiceError as err:
            return Reply(err.message(language))
