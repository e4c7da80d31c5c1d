"""The follow-up's answer from any surface: recorded, and after "no" an offer to re-plan."""

from __future__ import annotations

from bot.chat.caller import Caller
from bot.chat.replies import Action, Button, Item, Reply, Section
from bot.services import Services
from bot.texts import t

OUTCOME_OF = {
    Action.FOLLOWUP_YES: "yes",
    Action.FOLLOWUP_PARTLY: "partly",
    Action.FOLLOWUP_NO: "no",
}


def outcome_reply(
    services: Services, activity_id: int, outcome: str, note: str | None, caller: Caller
) -> Reply:
    """Record the follow-up's answer; after "no", offer to plan the activity again."""
    view = services.activities.record_outcome(activity_id, outcome, caller.actor, note=note)
    language = caller.language
    text = t(
        "followup.recorded",
        language,
        title=view.title,
        id=view.id,
        outcome=t(f"followup.outcome.{outcome}", language),
    )
    if outcome != "no":
        return Reply(text, private=False)
    replan = Button(Action.REPLAN, str(view.id), t("button.replan", language))
    return Reply(
        text,
        (Section(view.plan_name, (Item(view, False, (replan,)),)),),
        private=False,
        notes=(t("followup.replan_hint", language, id=view.id),),
    )
