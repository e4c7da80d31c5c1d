"""Replies that change an activity: done, close, reopen, re-plan, edit, move, and why it moved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from bot.chat.caller import Caller
from bot.chat.commands.buttons import activity_buttons
from bot.chat.commands.listing_replies import due_sections
from bot.chat.commands.parsed import CloseCommand, DoneCommand, WhyCommand
from bot.chat.replies import Action, Button, Item, Reply, Section
from bot.services import Services
from bot.services.reopening import UNDO_MINUTES
from bot.texts import Phrase, t
from bot.texts.local import count_text
from storage.types import utcnow


def done_reply(services: Services, activity_id: int, caller: Caller) -> Reply:
    """Mark done (typed `done ID` or the Done button) and say what happened, with an Undo
    button that is good for ``UNDO_MINUTES`` (a Done pressed by mistake is one click away)."""
    language = caller.language
    view = services.activities.done(activity_id, caller.actor)
    if view.status == "done":
        text = t("chat.done", language, title=view.title, id=view.id)
    elif view.timing.kind.value == "ongoing":
        # This time is done and the activity goes on: nothing to undo; `close` ends it.
        text = t("chat.done_ongoing", language, title=view.title, id=view.id)
        return Reply(text, (Section(view.plan_name, (Item(view, False, ()),)),))
    else:
        text = t(
            "chat.done_recurring", language, title=view.title, id=view.id, next_due=view.next_due
        )
    undo = Button(Action.UNDO, str(view.id), t("button.undo", language))
    return Reply(
        text,
        (Section(view.plan_name, (Item(view, False, (undo,)),)),),
        notes=(t("chat.undo_note", language, minutes=UNDO_MINUTES, id=view.id),),
    )


def finished_reply(
    services: Services, command: DoneCommand | CloseCommand, caller: Caller
) -> Reply:
    """`done ID` (this time of an ongoing or recurring activity), or `close ID` (for good)."""
    if isinstance(command, DoneCommand):
        return done_reply(services, command.activity_id, caller)
    view = services.activities.close(command.activity_id, caller.actor)
    text = t("chat.closed", caller.language, title=view.title, id=view.id)
    return Reply(text, (Section(view.plan_name, (Item(view, False, ()),)),))


def reopen_reply(services: Services, activity_id: int, caller: Caller, *, undo: bool) -> Reply:
    """Open an activity again (`reopen ID`, the Reopen button, or Undo after Done)."""
    within = dt.timedelta(minutes=UNDO_MINUTES) if undo else None
    view = services.activities.reopen(activity_id, caller.actor, undo_within=within)
    key = "chat.reopened_recurring" if view.timing.kind.value == "recurring" else "chat.reopened"
    text = t(key, caller.language, title=view.title, id=view.id, next_due=view.next_due or "")
    item = Item(view, False, activity_buttons(view, caller))
    return Reply(text, (Section(view.plan_name, (item,)),))


def replan_reply(services: Services, activity_id: int, when: str | None, caller: Caller) -> Reply:
    """A new copy of the activity (after a follow-up said no): the typed `replan ID [WHEN]` and
    the Re-plan button's form both come here."""
    saved = services.activities.replan(activity_id, caller.actor, when=when)
    view = saved.activity
    return Reply(t("replan.done", caller.language, id=view.id, title=view.title))


# What the Edit form (Slack's modal, Teams' card) changes.
FORM_FIELDS = ("when", "responsible", "channel")


def edit_reply(
    services: Services, activity_id: int, form: Mapping[str, str | None], caller: Caller
) -> Reply:
    """The Edit form sent, from any surface: the fields saved (one left empty is cleared), and
    the activity shown again with its buttons."""
    changes = {name: (form.get(name) or "").strip() or None for name in FORM_FIELDS}
    view = services.activities.edit(activity_id, changes, caller.actor).activity
    return Reply(
        t("chat.saved", caller.language, title=view.title, id=view.id),
        due_sections((), (view,), caller, frozenset({view.id})),  # who may edit it may act on it
    )


def move_reply(services: Services, activity_id: int, when: str, caller: Caller) -> Reply:
    """`move ID WHEN`: the same activity, a new date; far from the plan's date, asked why."""
    since = utcnow()
    view = services.activities.move(activity_id, when, caller.actor)
    text = t(
        "chat.moved",
        caller.language,
        title=view.title,
        id=view.id,
        when=view.when or "",
        next_due=view.next_due or Phrase("time.no_date"),
    )
    notes: list[str] = []
    late = services.lead_times.check(activity_id, caller.actor)
    if late is not None:
        values = {"title": late.title, "id": late.activity_id, "due": late.due}
        notes.append(t("lead.late", caller.language, latest=late.latest, **values))
    asked = services.deviations.unexplained(activity_id, since)
    if asked is not None:
        days = count_text("count.working_days", abs(asked.working_days or 0), caller.language)
        baseline = asked.baseline or Phrase("time.no_date")
        notes.append(t("deviation.ask", caller.language, days=days, baseline=baseline, id=asked.id))
    return Reply(text, notes=tuple(notes))


def why_reply(services: Services, command: WhyCommand, caller: Caller) -> Reply:
    """`why NO REASON`: the reason for a deviation, on record."""
    view = services.deviations.give_reason(command.deviation_id, command.reason, caller.actor)
    return Reply(t("deviation.reason_saved", caller.language, id=view.id, title=view.activity))
