"""Notices to a plan's owner (and its steering chair) as a ``Reply``: after an import, what it
could not place or read; an activity that deviated from the plan; someone linked to nobody who
tried to change the plan; the chair of a new steering group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.chat.caller import Caller
from bot.chat.replies import Reply
from bot.services import Services
from bot.texts import actor_text, all_messages, t
from bot.texts.dates import day_text
from bot.texts.local import count_text
from config.languages import Language
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import surface_word

# What the notice to a plan's owner says of someone linked to nobody who tried to change it.
_UNLINKED_FIELDS = ("surface", "user", "name", "plan", "attempted")


def told_reply(notice: Notice, language: Language) -> Reply:
    """A notice of a text alone: the chair of a new steering group; a plan's owner of someone
    linked to nobody who tried to change it."""
    if notice.kind == NoticeKind.STEERING_CHAIR:
        told = {key: notice.payload.get(key, "") for key in ("by", "group", "plan", "members")}
        return Reply(t("steering.notice.chair", language, **told))
    told = {key: str(notice.payload.get(key, "")) for key in _UNLINKED_FIELDS}
    told["surface"] = surface_word(told["surface"])  # stored "msteams", read "teams"
    # What they tried, in words (the payload keeps the audit's action code).
    tried = f"audit.action.{told['attempted']}"
    told["attempted"] = t(tried if tried in all_messages() else "audit.action.other", language)
    return Reply(t("permission.notice.unlinked", language, **told))


def unmapped_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To the plan owner after an import: who are the responsible names commplan does not know?"""
    language = caller.language
    plan = services.plans.get(f"#{notice.plan_id}") if notice.plan_id else None
    names = tuple(str(name) for name in notice.payload.get("names", ()))
    more = int(notice.payload.get("more", 0))
    notes = (t("people.unmapped_more", language, count=more),) if more else ()
    text = t("people.unmapped", language, plan=plan.name if plan else "?")
    return Reply(text, private=False, notes=notes, pickers=names)


def unplaced_audiences_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To the plan owner after an import: target groups no audience answers to (map or add)."""
    language = caller.language
    plan = services.plans.get(f"#{notice.plan_id}") if notice.plan_id else None
    names = ", ".join(str(name) for name in notice.payload.get("names", ()))
    more = int(notice.payload.get("more", 0))
    notes = (t("audience.unplaced_more", language, count=more),) if more else ()
    text = t("audience.unplaced", language, plan=plan.name if plan else "?", names=names)
    return Reply(text, private=False, notes=(*notes, t("audience.unplaced_how", language)))


def unread_timings_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To the plan owner after an import: the rows whose "when" could not be read, each with
    where it is and what it says (bot/services/imports.py: unread_timings)."""
    language = caller.language
    plan = services.plans.get(f"#{notice.plan_id}") if notice.plan_id else None
    rows = [str(row).split("\t") for row in notice.payload.get("names", ())]
    more = int(notice.payload.get("more", 0))
    lines = tuple(
        t("timing.unread.row", language, table=table, row=row, title=title, text=text)
        for table, row, title, text in (parts for parts in rows if len(parts) == 4)
    )
    extra = (t("timing.unread.more", language, count=more),) if more else ()
    text = t(
        "timing.unread.notice", language, plan=plan.name if plan else "?", count=len(rows) + more
    )
    return Reply(text, private=False, notes=(*lines, *extra, t("timing.unread.how", language)))


def meetings_missing_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To the plan owner after an import: texts tied to meetings no calendar has."""
    language = caller.language
    plan = services.plans.get(f"#{notice.plan_id}") if notice.plan_id else None
    names = ", ".join(str(name) for name in notice.payload.get("names", ()))
    text = t("timing.meetings.notice", language, plan=plan.name if plan else "?", names=names)
    return Reply(text, private=False, notes=(t("timing.meetings.how", language),))


def same_name_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To a plan's owner, once per name: a target group name no audience holds is in other
    plans too; make it an audience, or map it."""
    told = notice.payload
    plan = services.plans.get(f"#{notice.plan_id}") if notice.plan_id else None
    text = t(
        "overlap.same_name.offer",
        caller.language,
        name=str(told.get("name", "")),
        plan=plan.name if plan else str(told.get("plan", "?")),
        others=int(told.get("others", 1)),
        language=plan.language if plan else caller.language,
    )
    return Reply(text, private=False)


# The notices to a plan's owner after an import: what it could not place or read.
TO_OWNER: dict[str, Callable[[Services, Notice, Caller], Reply]] = {
    NoticeKind.UNMAPPED_PEOPLE: unmapped_reply,
    NoticeKind.UNMAPPED_AUDIENCES: unplaced_audiences_reply,
    NoticeKind.UNREAD_TIMINGS: unread_timings_reply,
    NoticeKind.MEETINGS_MISSING: meetings_missing_reply,
    NoticeKind.SAME_NAME: same_name_reply,
}


def deviation_reply(notice: Notice, caller: Caller) -> Reply:
    """To the plan's owner and steering chair: an activity moved far, cancelled or overdue."""
    language = caller.language
    told = dict(notice.payload)
    kind = str(told.get("kind", "moved"))
    values = {
        "by": actor_text(told.get("by"), language),  # a person, never an account
        "title": str(told.get("activity", "")),
        "plan": str(told.get("plan", "")),
    }
    for key in ("baseline", "moved_to"):
        day = dt.date.fromisoformat(str(told[key])) if told.get(key) else None
        values[key] = day_text(day, language) if day else t("time.no_date", language)
    days = count_text("count.working_days", abs(int(told.get("working_days") or 0)), language)
    # Moved or cancelled without a date before: no working days counted from nothing.
    undated = kind in ("moved", "cancelled") and not told.get("baseline")
    key = f"deviation.notice.{kind}_undated" if undated else f"deviation.notice.{kind}"
    text = t(key, language, days=days, **values)
    text = text[:1].upper() + text[1:]  # "Administratoren aflyste …": the actor opens it
    reason = told.get("reason")
    note = (
        t("deviation.notice.reason", language, reason=reason)
        if reason
        else t("deviation.notice.no_reason", language)
    )
    return Reply(text, private=False, notes=() if kind == "overdue" else (note,))
