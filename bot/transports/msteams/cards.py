"""A ``Reply`` as an Adaptive Card 1.5 for Microsoft Teams, every user text escaped.

Buttons are ``Action.Execute`` (Universal Actions): Teams sends an ``adaptiveCard/action``
invoke with the button's ``verb`` (an ``Action`` value) and ``data``, and shows the card we
answer with in place of the clicked one. A button that needs words first (the draft to approve, a
comment on a rejection, a note on a follow-up, a new date) is an ``Action.ShowCard`` holding the
input and its own ``Action.Execute``. Input ids carry the button's position, since one card may
hold several activities; ``data.input`` names the field the handler reads.

This module is the one place where text for Teams is prepared. TextBlocks read a subset of
Markdown: a plan's own text is escaped (``escape``) so ``*`` or ``[x](y)`` in an activity title
shows as written and links nowhere. Text shown outside a card, as Teams gives it (a message's
``summary``, which notifications show, and an invoke's message answer), goes through ``plain``:
Teams reads no markup there, but a control character or a line break from a plan could still
shape what a notification shows. ``<at>`` in any of them pings no one: a mention needs an
entity, and commplan sends none (tests/transports/msteams/test_hostile_text.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.chat.decisions import decision_lines, status_text
from bot.chat.replies import Action, Button, Item, Reply, Section, item_text
from bot.services.approvals.views import ApprovalView
from bot.services.views import ActivityView, PlanView
from bot.texts import t
from config.languages import Language

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
VERSION = "1.5"
MAX_ITEMS = 40
# Teams refuses a message over about 28 KB: activities are added while the card stays under
# this, the rest counted in a last line.
MAX_CARD_BYTES = 24_000
MAX_TEXT = 2000

# What starts Markdown inside a line (emphasis, code, links), and at a line's start (headings,
# quotes, lists). Dates and ordinary punctuation stay as they are.
_INLINE = re.compile(r"([\\`*_\[\]~])")
_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+\.)", re.MULTILINE)

# Buttons whose action needs a text first, the input they show, and whether it is required.
_INPUTS: dict[Action, tuple[str, bool]] = {
    Action.REQUEST_APPROVAL: ("draft", True),
    Action.REVISE: ("draft", True),
    Action.REJECT: ("comment", False),
    Action.REQUEST_CHANGES: ("comment", False),
    Action.FOLLOWUP_YES: ("note", False),
    Action.FOLLOWUP_PARTLY: ("note", False),
    Action.FOLLOWUP_NO: ("note", False),
    Action.REPLAN: ("when", False),
}


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
MAX_SUMMARY = 200


def plain(text: str, limit: int = MAX_TEXT) -> str:
    """Text Teams shows as it is (a summary, a message answer): one line, no control or
    direction-override characters, at most ``limit`` characters."""
    return " ".join(_CONTROL.sub(" ", text).split())[:limit]


def escape(text: str) -> str:
    """Backslash Markdown's punctuation so a plan's text shows as written."""
    return _LINE_START.sub(r"\1\\\2", _INLINE.sub(r"\\\1", text))


def _text(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text[:MAX_TEXT], "wrap": True, **style}


def card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": VERSION,
        "body": body,
    }
    if actions:
        content["actions"] = actions
    return content


def _button(button: Button, position: int, language: Language) -> dict[str, Any]:
    data: dict[str, Any] = {"value": button.value}
    verb = button.action.value
    needs = _INPUTS.get(button.action)
    if button.action is Action.WITHDRAW:
        # Withdrawing cannot be undone from chat: the card asks first, then the button acts.
        sure = {"type": "Action.Execute", "verb": verb, "title": button.label, "data": data}
        question = _text(t("approval.withdraw_confirm.text", language))
        return {"type": "Action.ShowCard", "title": button.label, "card": card([question], [sure])}
    if needs is None:
        return {"type": "Action.Execute", "verb": verb, "title": button.label, "data": data}
    field, required = needs
    input_id = f"{field}_{position}"
    data["input"] = input_id
    text_input: dict[str, Any] = {
        "type": "Input.Text",
        "id": input_id,
        "label": t(f"msteams.input.{field}", language),
        "isMultiline": field != "when",
        "isRequired": required,
        "maxLength": 4000,
    }
    if required:
        text_input["errorMessage"] = t("msteams.input.required", language)
    send = {
        "type": "Action.Execute",
        "verb": verb,
        "title": t("msteams.send", language),
        "data": data,
    }
    return {"type": "Action.ShowCard", "title": button.label, "card": card([text_input], [send])}


def _details(view: ActivityView, language: Language) -> str:
    line = item_text(view, language)
    return " · ".join(escape(part) for part in (line.due, *line.details) if part)


def _item(item: Item, start: int, language: Language) -> list[dict[str, Any]]:
    view = item.activity
    flag = "⚠ " if item.overdue else ""
    title = _text(
        f"{flag}**{escape(view.title)}** (#{view.id})",
        color="Attention" if item.overdue else "Default",
    )
    elements: list[dict[str, Any]] = [title]
    details = _details(view, language)
    if details:
        elements.append(_text(details, isSubtle=True, spacing="None"))
    if item.buttons:
        elements.append(
            {
                "type": "ActionSet",
                "actions": [
                    _button(button, start + index, language)
                    for index, button in enumerate(item.buttons)
                ],
            }
        )
    return [{"type": "Container", "separator": True, "items": elements}]


def _size(elements: object) -> int:
    return len(json.dumps(elements, ensure_ascii=False).encode())


def reply_card(reply: Reply, language: Language) -> dict[str, Any]:
    """The whole reply as one card (its text first, for the notification preview)."""
    body: list[dict[str, Any]] = [_text(escape(reply.text))] if reply.text else []
    budget = MAX_CARD_BYTES - _size(body) - sum(_size(_text(escape(n))) for n in reply.notes)
    shown = _sections_within(reply, language, budget)
    body.extend(shown.elements)
    body.extend(_closing(reply, language, hidden=shown.hidden))
    if not body:
        body.append(_text(" "))
    position = shown.position
    actions = [_button(button, position + n, language) for n, button in enumerate(reply.buttons)]
    if actions:
        # The first of a reply's own buttons is its primary one (Import under a preview).
        actions[0]["style"] = "positive"
    return card(body, actions)


@dataclass(frozen=True, slots=True)
class Shown:
    """The part of a reply's sections one card holds."""

    elements: list[dict[str, Any]]
    position: int  # the buttons numbered so far: the reply's own come after
    hidden: int  # the items left out


def _sections_within(reply: Reply, language: Language, budget: int) -> Shown:
    """The reply's sections, item by item, while they fit in ``budget`` bytes and
    ``MAX_ITEMS``; the rest is counted."""
    elements: list[dict[str, Any]] = []
    position = 0
    shown = 0
    for section in reply.sections:
        heading = _text(escape(section.heading), weight="Bolder", spacing="Medium")
        budget -= _size(heading)
        if shown >= MAX_ITEMS or budget <= 0:
            break
        elements.append(heading)
        for item in section.items:
            item_elements = _item(item, position, language)
            budget -= _size(item_elements)
            if shown >= MAX_ITEMS or budget <= 0:
                break
            elements.extend(item_elements)
            position += len(item.buttons)
            shown += 1
    hidden = sum(len(section.items) for section in reply.sections) - shown
    return Shown(elements, position, hidden)


def _closing(reply: Reply, language: Language, *, hidden: int) -> list[dict[str, Any]]:
    """Below the items: how many are not shown, the notes, the names to link."""
    closing: list[dict[str, Any]] = []
    if hidden > 0:
        closing.append(_text(t("msteams.more", language, count=hidden), isSubtle=True))
    closing.extend(_text(escape(note), isSubtle=True) for note in reply.notes)
    if reply.pickers:
        # Teams has no user picker in cards of this version: the owner links with the CLI.
        names = ", ".join(escape(name) for name in reply.pickers)
        closing.append(_text(t("msteams.unmapped", language, names=names), isSubtle=True))
    return closing


# Teams' people picker: the organisation's users, each by their Entra object id (the id a
# Teams user is linked by).
PEOPLE = {"type": "Data.Query", "dataset": "graph.microsoft.com/users"}
STEERING_CREATE = "steering_create"


def steering_card(
    plans: Sequence[PlanView], rules: Sequence[tuple[str, str]], language: Language
) -> dict[str, Any]:
    """`steering`: the plan, the group's name, chair, members, rule and the chair's deputies,
    people by Teams' people picker; Create sends them as ``steering_create``."""

    def people(field: str, multi: bool, required: bool) -> dict[str, Any]:
        element: dict[str, Any] = {
            "type": "Input.ChoiceSet",
            "id": f"steer_{field}",
            "label": t(f"steering.form.{field}", language),
            "choices": [],
            "choices.data": PEOPLE,
            "isMultiSelect": multi,
            "isRequired": required,
        }
        if required:
            element["errorMessage"] = t("msteams.input.required", language)
        return element

    body: list[dict[str, Any]] = [
        _text(f"**{escape(t('steering.form.title', language))}**"),
        {
            "type": "Input.ChoiceSet",
            "id": "steer_plan",
            "label": t("steering.form.plan", language),
            "choices": [
                {"title": f"{plan.name} ({plan.team_slug})"[:200], "value": str(plan.id)}
                for plan in plans[:100]
            ],
            "isRequired": True,
            "errorMessage": t("msteams.input.required", language),
        },
        {
            "type": "Input.Text",
            "id": "steer_name",
            "label": t("steering.form.name", language),
            "maxLength": 200,
            "isRequired": True,
            "errorMessage": t("msteams.input.required", language),
        },
        people("chair", multi=False, required=True),
        people("members", multi=True, required=False),
        {
            "type": "Input.ChoiceSet",
            "id": "steer_rule",
            "label": t("steering.form.rule", language),
            "choices": [{"title": label, "value": value} for value, label in rules],
            "value": rules[0][0],
        },
        people("deputies", multi=True, required=False),
    ]
    create = {
        "type": "Action.Execute",
        "verb": STEERING_CREATE,
        "title": t("steering.form.submit", language),
        "data": {"value": "0"},
    }
    return card(body, [create])


def with_image(content: dict[str, Any], url: str, alt: str) -> dict[str, Any]:
    """The card with a picture under it (the digest's timeline, fetched by Teams from ``url``)."""
    image = {"type": "Image", "url": url, "altText": alt[:200], "size": "Stretch"}
    return {**content, "body": [*content["body"], image]}


def decided_card(
    base: Reply, request: ApprovalView, language: Language, *, open_buttons: bool
) -> dict[str, Any]:
    """The approval card after a decision, for everyone in the channel: who decided, in what
    capacity and when; the buttons stay only while more decisions are needed."""
    shown = base if open_buttons else _without_buttons(base)
    content = reply_card(shown, language)
    lines = decision_lines(request, language, escape)
    content["body"].append(
        _text(
            "\n\n".join([f"**{escape(status_text(request, language))}**", *lines]),
            spacing="Medium",
            separator=True,
        )
    )
    return content


def _without_buttons(reply: Reply) -> Reply:
    sections = tuple(
        Section(
            section.heading,
            tuple(Item(item.activity, item.overdue, ()) for item in section.items),
        )
        for section in reply.sections
    )
    return Reply(reply.text, sections, reply.private, reply.notes, reply.pickers)


def edit_card(view: ActivityView, language: Language) -> dict[str, Any]:
    """Open: the activity with its when, responsible and channel to change."""
    fields = (("when", view.when), ("responsible", view.responsible), ("channel", view.channel))
    body: list[dict[str, Any]] = [
        _text(f"**{escape(view.title)}** (#{view.id})"),
        _text(_details(view, language), isSubtle=True, spacing="None"),
    ]
    for name, value in fields:
        body.append(
            {
                "type": "Input.Text",
                "id": f"edit_{name}",
                "label": t(f"msteams.input.{name}", language),
                "value": (value or "")[:500],
                "maxLength": 500,
            }
        )
    return card(
        body,
        [
            {
                "type": "Action.Execute",
                "verb": "edit",
                "title": t("msteams.save", language),
                "data": {"value": str(view.id)},
            }
        ],
    )
