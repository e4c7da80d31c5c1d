"""A reminder notice from the scheduler, as a ``Reply`` any transport can render."""

from __future__ import annotations

from bot.chat.caller import Caller
from bot.chat.commands import activity_buttons
from bot.chat.replies import Item, Reply, Section
from bot.services import Services
from bot.texts import t
from scheduler.notifier import Notice


def reminder_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """What the responsible person reads: the activity, its deadline, and the buttons."""
    language = caller.language
    if notice.activity_id is None:
        return Reply(str(notice.payload.get("text", notice.kind)), private=False)
    view = services.activities.get(notice.activity_id)
    overdue = notice.kind == "overdue"
    key = "reminder.overdue" if overdue else "reminder.due"
    text = t(key, language, title=view.title, date=view.next_due or view.when or "")
    if notice.late:
        text += " " + t("reminder.late", language)
    item = Item(view, overdue, activity_buttons(view, caller))
    return Reply(text, (Section(view.plan_name, (item,)),), private=False)
