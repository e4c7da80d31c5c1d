"""A notice from the scheduler, as a ``Reply`` any transport can render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.chat.approval_notices import APPROVAL_KINDS, APPROVAL_TEXT_KEYS, approval_reply
from bot.chat.caller import Caller
from bot.chat.commands.buttons import activity_buttons
from bot.chat.digests import digest_text
from bot.chat.overlaps import overlap_lines
from bot.chat.owner_notices import TO_OWNER, deviation_reply, told_reply
from bot.chat.replies import Action, Button, Item, Reply, Section
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import NotFound
from bot.services.failures import reason_of
from bot.services.views import ActivityView
from bot.texts import t
from bot.texts.dates import day_text
from config.languages import Language
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind

# The text of each kind of notice (scheduler/outbox/kinds.py names the kinds).
_TEXT_KEYS: dict[str, str] = {
    NoticeKind.REMINDER: "reminder.due",
    NoticeKind.STARTS_SOON: "reminder.starts_soon",
    NoticeKind.ONGOING: "reminder.ongoing",
    NoticeKind.OVERDUE: "reminder.overdue",
    NoticeKind.ESCALATION: "reminder.escalation",
    NoticeKind.ASAP: "reminder.asap",
    NoticeKind.SNOOZED: "reminder.snoozed",
    NoticeKind.DELIVERY_FAILED: "reminder.delivery_failed",
    **APPROVAL_TEXT_KEYS,
    NoticeKind.SEND_FOR_APPROVAL: "lead.reminder",
}
# Every kind of notice this module renders: those with a text above, and those with a reply of
# their own (tests/test_reader_language.py renders each for a Danish and a Swedish reader, and
# checks that the code writes no kind that is missing here).
NOTICE_KINDS: tuple[str, ...] = (
    *_TEXT_KEYS,
    NoticeKind.UNMAPPED_PEOPLE,
    NoticeKind.UNMAPPED_AUDIENCES,
    NoticeKind.UNREAD_TIMINGS,
    NoticeKind.MEETINGS_MISSING,
    NoticeKind.SAME_NAME,
    NoticeKind.DEVIATION,
    NoticeKind.OVERLAP,
    NoticeKind.DIGEST,
    NoticeKind.DIGEST_PERSON,
    NoticeKind.UNLINKED_ATTEMPT,
    NoticeKind.STEERING_CHAIR,
    NoticeKind.FOLLOWUP,
)


def reminder_reply(
    services: Services, notice: Notice, caller: Caller, view: ActivityView | None = None
) -> Reply:
    """What the recipient reads: the activity, its deadline, and the buttons. ``view``: the
    notice's activity, when the caller read it already (a batch of notices reads theirs at
    once); else it is read here."""
    answer = _OF_NO_ACTIVITY.get(notice.kind)
    if answer is not None:
        return answer(services, notice, caller)
    if notice.activity_id is None:
        return Reply(str(notice.payload.get("text", notice.kind)), private=False)
    view = view if view is not None and view.id == notice.activity_id else None
    view = view or services.activities.get(notice.activity_id)
    if notice.kind in APPROVAL_KINDS:
        return approval_reply(services, notice, caller, view)
    if notice.kind == NoticeKind.FOLLOWUP:
        return followup_reply(view, notice, caller)
    return _activity_reply(services, notice, caller, view)


def _activity_reply(
    services: Services, notice: Notice, caller: Caller, view: ActivityView
) -> Reply:
    """A reminder of an activity (due, starts soon, overdue, escalated ...) with its buttons;
    a message that could not be delivered, to the plan owner, without them."""
    language = caller.language
    day = _day(notice, view)
    date = day_text(day, language) if day else (view.when or "")
    values: dict[str, object] = {"title": view.title, "date": date}
    if notice.kind == NoticeKind.ESCALATION:
        values["responsible"] = (
            ", ".join(view.responsible_people) or view.responsible or t("reminder.nobody", language)
        )
    explained: tuple[str, ...] = ()
    if notice.kind == NoticeKind.DELIVERY_FAILED:
        explained = _failure(services, notice, language, values)
    text = t(_TEXT_KEYS.get(notice.kind, "reminder.due"), language, **values)
    if notice.late:
        text += " " + t("reminder.late", language)
    overdue = notice.kind in (NoticeKind.OVERDUE, NoticeKind.ESCALATION)
    buttons = () if notice.kind == NoticeKind.DELIVERY_FAILED else activity_buttons(view, caller)
    item = Item(view, overdue, buttons)
    return Reply(text, (Section(view.plan_name, (item,)),), private=False, notes=explained)


def _overlap_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To a plan's owner: plans addressing one audience at once (docs/coordination.md)."""
    days = services.context.settings.overlap_working_days
    head, *rest = overlap_lines(notice.payload, caller.language, days)
    return Reply(head, private=False, notes=tuple(rest))


FOLLOWUP_ACTIONS = (Action.FOLLOWUP_YES, Action.FOLLOWUP_PARTLY, Action.FOLLOWUP_NO)


def followup_reply(view: ActivityView, notice: Notice, caller: Caller) -> Reply:
    """Some days after done: did the expected reaction happen? Yes / Partly / No."""
    language = caller.language
    done = notice.payload.get("done")
    date = day_text(dt.date.fromisoformat(str(done)), language) if done else ""
    text = t("followup.question", language, title=view.title, date=date)
    buttons = tuple(
        Button(action, str(view.id), t(f"button.{action.value}", language))
        for action in FOLLOWUP_ACTIONS
    )
    notes = (
        (t("followup.expected", language, text=view.expected_reaction),)
        if view.expected_reaction
        else ()
    )
    return Reply(text, (Section(view.plan_name, (Item(view, False, buttons),)),), False, notes)


def digest_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    week = str(notice.payload.get("week") or "") or None
    if notice.kind == NoticeKind.DIGEST_PERSON:
        digest = services.digests.personal(f"#{notice.person_id}", Actor.system(), week=week)
        return Reply(digest_text(digest, caller.language, personal=True), private=False)
    digest = services.digests.weekly(f"#{notice.plan_id}", Actor.system(), week=week)
    return Reply(digest_text(digest, caller.language), private=False)


# The notices that tell of no one activity: each kind's reply.
_OF_NO_ACTIVITY: dict[str, Callable[[Services, Notice, Caller], Reply]] = {
    **TO_OWNER,
    NoticeKind.DEVIATION: lambda _services, notice, caller: deviation_reply(notice, caller),
    NoticeKind.OVERLAP: _overlap_reply,
    NoticeKind.DIGEST: digest_reply,
    NoticeKind.DIGEST_PERSON: digest_reply,
    NoticeKind.STEERING_CHAIR: lambda _services, notice, caller: told_reply(
        notice, caller.language
    ),
    NoticeKind.UNLINKED_ATTEMPT: lambda _services, notice, caller: told_reply(
        notice, caller.language
    ),
}


def _failure(
    services: Services, notice: Notice, language: Language, values: dict[str, object]
) -> tuple[str, ...]:
    """To the plan owner, a message that could not be delivered: what failed in words (into
    ``values``), how to send it again, and the service's own answer apart, last."""
    error = str(notice.payload.get("error", ""))
    values["person"] = _person_name(services, notice.payload.get("failed_person_id"))
    values["reason"] = t(f"failure.reason.{reason_of(error)}", language)
    notes: tuple[str, ...] = ()
    failed_id = notice.payload.get("failed_id")
    if failed_id is not None:
        notes += (t("reminder.delivery_failed.resend", language, id=failed_id),)
    if error:
        notes += (t("reminder.delivery_failed.detail", language, error=error),)
    return notes


def _day(notice: Notice, view: ActivityView) -> dt.date | None:
    key = "start" if notice.kind == NoticeKind.STARTS_SOON else "due"
    text = notice.payload.get(key)
    if isinstance(text, str):
        return dt.date.fromisoformat(text)
    return view.next_due


def _person_name(services: Services, person_id: object) -> str:
    if not isinstance(person_id, int):
        return "?"
    try:
        return services.people.get(f"#{person_id}").name
    except NotFound:
        return f"#{person_id}"
