"""What the bot says, before any transport shapes it: text, activities, and buttons.

Console, Slack (Block Kit) and Teams (Adaptive Cards) each render a ``Reply`` their own way;
the handlers that build replies know nothing of them (STYLE.md 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.services.views import ActivityView
from bot.texts import t
from bot.texts.dates import day_text
from config.languages import Language
from storage.models import Decision


class Action(StrEnum):
    """What a button does; its value names the activity."""

    DONE = "done"
    SNOOZE_DAY = "snooze_1d"
    SNOOZE_WEEK = "snooze_1w"
    REQUEST_APPROVAL = "request_approval"
    OPEN = "open"
    # On an approval request; the value is "REQUEST:VERSION".
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"
    # The follow-up after done (the value is the activity id), and re-planning what did not work.
    FOLLOWUP_YES = "followup_yes"
    FOLLOWUP_PARTLY = "followup_partly"
    FOLLOWUP_NO = "followup_no"
    REPLAN = "replan"
    # Open a done (or cancelled) activity again; UNDO is the same, offered for a while after Done.
    REOPEN = "reopen"
    UNDO = "undo"
    # For the requester (or the plan's owner), on an approval request; the value is its id.
    REVISE = "revise"
    WITHDRAW = "withdraw"
    # Under the preview of a plan's file sent in a chat; the value is the upload's id.
    IMPORT_UPLOAD = "import_upload"
    CANCEL_UPLOAD = "cancel_upload"
    # Opens the steering group form where typing `steering` could not (a Slack DM message).
    STEERING_FORM = "steering_form"


# The approval buttons and the decision each records (Slack and Teams alike).
DECISION_OF = {
    Action.APPROVE: Decision.APPROVE,
    Action.REJECT: Decision.REJECT,
    Action.REQUEST_CHANGES: Decision.REQUEST_CHANGES,
}


@dataclass(frozen=True, slots=True)
class Button:
    action: Action
    value: str  # the activity id (or "REQUEST:VERSION"), as text: Slack's values are strings
    label: str  # already in the reader's language


@dataclass(frozen=True, slots=True)
class Item:
    """One activity in a reply, with the buttons that act on it."""

    activity: ActivityView
    overdue: bool = False
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemText:
    """An activity's line as every surface shows it, before escaping and arranging: its title,
    when it is due (the date, else the plan's own words), and the details that are known."""

    title: str
    due: str
    details: tuple[str, ...]  # target group, channel, who is responsible


def item_text(view: ActivityView, language: Language) -> ItemText:
    due = (
        t("chat.due", language, date=day_text(view.next_due, language))
        if view.next_due
        else (view.when or "")
    )
    details = (
        view.target_group,
        view.channel,
        ", ".join(view.responsible_people) or view.responsible,
    )
    return ItemText(view.title, due, tuple(detail for detail in details if detail))


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Reply:
    """A whole answer. ``private``: only the asker sees it (Slack's ephemeral)."""

    text: str
    sections: tuple[Section, ...] = ()
    private: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Names as a plan writes them, each to be matched to a person of the chat service
    # (Slack shows a user picker per name; the console lists them).
    pickers: tuple[str, ...] = field(default_factory=tuple)
    # The reply's own buttons, under all of it (the first is the primary one: Import).
    buttons: tuple[Button, ...] = field(default_factory=tuple)
    # The request was refused (not allowed, no such thing, a closed request): nothing changed.
    # A surface that records a use of its own (an e-mail link) must not record this one.
    refused: bool = False
