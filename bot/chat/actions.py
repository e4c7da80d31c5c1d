"""Button presses from any surface: Done (and its Undo), Reopen, Snooze, Revise and Withdraw
(on an approval request: the value is the request), and the buttons that take a text.

Some buttons need words first: the draft for Send for approval, the note of a follow-up, the new
date of a re-plan. Slack asks in a modal, Teams in the card itself; either passes what was typed
as ``typed``. Without it (the console, where commands are typed) such a button says how.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.chat.caller import Caller
from bot.chat.commands.activity_replies import done_reply, reopen_reply, replan_reply
from bot.chat.commands.approval_replies import request_reply, revise_reply, withdraw_reply
from bot.chat.decisions import Decided, decide
from bot.chat.followups import OUTCOME_OF, outcome_reply
from bot.chat.replies import DECISION_OF, Action, Item, Reply, Section
from bot.chat.steering_form import open_reply
from bot.chat.uploads import cancel_reply, confirm_reply
from bot.services import Services
from bot.services.errors import ServiceError
from bot.texts import t
from bot.texts.local import moment_text, zone_for

SNOOZE_DAYS = {Action.SNOOZE_DAY: 1, Action.SNOOZE_WEEK: 7}


class ActionHandler:
    def __init__(self, services: Services) -> None:
        self.services = services

    def press(self, action: Action, value: str, caller: Caller, typed: str | None = None) -> Reply:
        """``typed``: what the person wrote with the button (None: nothing was asked)."""
        if action in DECISION_OF:
            return self.decide(action, value, caller, typed).reply
        if action is Action.STEERING_FORM:
            try:
                return open_reply(self.services, caller)
            except ServiceError as err:
                return Reply(err.message(caller.language), refused=True)
        if not value.isdigit():
            return Reply(t("chat.bad_id", caller.language))
        if action in (Action.REVISE, Action.WITHDRAW):
            return self._request(action, int(value), caller, typed)
        if action in (Action.IMPORT_UPLOAD, Action.CANCEL_UPLOAD):
            return self._upload(action, int(value), caller)
        return self._activity(action, int(value), caller, typed)

    def _activity(
        self, action: Action, activity_id: int, caller: Caller, typed: str | None
    ) -> Reply:
        """A button on one activity (the value is its id)."""
        language = caller.language
        try:
            if action is Action.DONE:
                return done_reply(self.services, activity_id, caller)
            if action in (Action.REOPEN, Action.UNDO):
                return reopen_reply(self.services, activity_id, caller, undo=action is Action.UNDO)
            if action in OUTCOME_OF:
                note = typed.strip() if typed else None
                return outcome_reply(self.services, activity_id, OUTCOME_OF[action], note, caller)
            if action is Action.REPLAN:
                if typed is None:
                    return Reply(t("followup.replan_hint", language, id=activity_id))
                return replan_reply(self.services, activity_id, typed.strip() or None, caller)
            if action is Action.REQUEST_APPROVAL:
                if not typed or not typed.strip():
                    return Reply(t("chat.approve_hint", language, id=activity_id))
                return request_reply(self.services, activity_id, typed, caller)
            if action in SNOOZE_DAYS:
                until = self.services.activities.snooze(
                    activity_id, SNOOZE_DAYS[action], caller.actor
                )
                view = self.services.activities.get(activity_id)
                return Reply(
                    t(
                        "chat.snoozed",
                        language,
                        title=view.title,
                        id=view.id,
                        until=moment_text(until, language, reader_zone(self.services, caller)),
                    )
                )
            view = self.services.activities.show(activity_id, caller.actor)
            return Reply(view.title, (Section(view.plan_name, (Item(view),)),))
        except ServiceError as err:
            return Reply(err.message(language), refused=True)

    def _upload(self, action: Action, upload_id: int, caller: Caller) -> Reply:
        """Import or Cancel under a preview: the value is the kept upload."""
        try:
            if action is Action.IMPORT_UPLOAD:
                return confirm_reply(self.services, upload_id, caller)
            return cancel_reply(self.services, upload_id, caller)
        except ServiceError as err:
            return Reply(err.message(caller.language), refused=True)

    def _request(self, action: Action, request_id: int, caller: Caller, typed: str | None) -> Reply:
        """Revise (with the new draft that was typed) and Withdraw: the value is the request."""
        try:
            if action is Action.WITHDRAW:
                return withdraw_reply(self.services, request_id, caller)
            if not typed or not typed.strip():
                return Reply(t("chat.revise_hint", caller.language, id=request_id))
            return revise_reply(self.services, request_id, typed, caller)
        except ServiceError as err:
            return Reply(err.message(caller.language), refused=True)

    def decide(
        self,
        action: Action,
        value: str,
        caller: Caller,
        typed: str | None = None,
        *,
        key: str | None = None,
    ) -> Decided:
        """Approve, Reject or Request changes on "REQUEST:VERSION" (every surface's buttons;
        Slack and Teams then rewrite their channel message from the request). Without ``typed``
        the decision goes without a comment (`decide NO reject COMMENT` gives one)."""
        request, _, version = value.partition(":")
        if not request.isdigit() or not version.isdigit():
            return Decided(Reply(t("chat.bad_id", caller.language), refused=True), None)
        comment = typed.strip() if typed and typed.strip() else None
        return decide(
            self.services,
            int(request),
            DECISION_OF[action],
            caller,
            version=int(version),
            comment=comment,
            key=key,
        )


def reader_zone(services: Services, caller: Caller) -> ZoneInfo:
    """The zone a person reads times in: their own, else the organisation's."""
    settings = services.context.settings
    if caller.person_id is None:
        return ZoneInfo(settings.timezone)
    return zone_for(services.people.get(f"#{caller.person_id}").time_zone, settings.timezone)
