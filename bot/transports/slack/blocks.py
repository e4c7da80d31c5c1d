"""A ``Reply`` as Slack Block Kit, every user text escaped.

Slack reads ``&``, ``<`` and ``>`` as markup (``<!channel>`` pings everyone, ``<http://x|y>`` is a
link) in every mrkdwn text *and* in a message's top-level ``text``, the fallback that notifications
and screen readers show: an activity's text is escaped so it shows as written and pings no one. This
module is the one place where text becomes Slack markup: every message, update, ephemeral, command
answer, modal and App Home takes its text from ``render_blocks``, ``line_text`` or ``escape`` here
(tests/transports/slack/test_hostile_text.py sends hostile text through each). Text given as
``plain_text`` (labels, buttons, inputs) is never read as markup by Slack and is not escaped. ``*``
and ``_`` cannot be escaped in mrkdwn: they can only change how a text looks, never ping or link."""

from __future__ import annotations

from typing import Any

from bot.chat.replies import Action, Button, Item, Reply, item_text
from bot.texts import t
from config.languages import Language

ACTION_PREFIX = "commplan_"
# The block of a user picker names the plan's text it maps ("map:Kommunikationsmedarbejder").
PICK_PREFIX = "map:"
MAX_TEXT = 2900  # a section's text may hold 3,000 characters


MAX_FALLBACK = 3000  # a message's text may hold 40,000; a notification shows far less


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def line_text(text: str) -> str:
    """A message's top-level ``text`` (the fallback a notification shows), escaped."""
    return escape(text)[:MAX_FALLBACK]


def _item_blocks(item: Item, language: Language) -> list[dict[str, Any]]:
    view = item.activity
    line = item_text(view, language)
    flag = ":warning: " if item.overdue else ""
    lines = [f"{flag}*{escape(line.title)}*  ({escape(line.due)})"]
    shown = " · ".join(escape(detail) for detail in line.details)
    if shown:
        lines.append(shown)
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[:MAX_TEXT]}}
    ]
    if item.buttons:
        blocks.append(
            {
                "type": "actions",
                "block_id": f"activity_{view.id}",
                "elements": [_button(button, language) for button in item.buttons],
            }
        )
    return blocks


def _button(button: Button, language: Language) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "action_id": f"{ACTION_PREFIX}{button.action.value}",
        "text": {"type": "plain_text", "text": button.label[:75]},
        "value": button.value,
    }
    if button.action is Action.WITHDRAW:
        # Withdrawing cannot be undone from chat: Slack asks first.
        element["style"] = "danger"
        element["confirm"] = {
            "title": {"type": "plain_text", "text": t("approval.withdraw_confirm.title", language)},
            "text": {"type": "plain_text", "text": t("approval.withdraw_confirm.text", language)},
            "confirm": {"type": "plain_text", "text": button.label[:30]},
            "deny": {"type": "plain_text", "text": t("approval.withdraw_confirm.cancel", language)},
            "style": "danger",
        }
    return element


def _context_text(text: str) -> dict[str, Any]:
    """A context block's text, escaped and cut to what Slack takes (3,000 characters): a long
    line from a plan must not make Slack refuse the whole message."""
    return {"type": "mrkdwn", "text": escape(text)[:MAX_TEXT]}


def render_blocks(reply: Reply, language: Language) -> tuple[str, list[dict[str, Any]]]:
    """The fallback text (notifications, screen readers), escaped, and the blocks."""
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(reply.text)[:MAX_TEXT]}}
    ]
    for section in reply.sections:
        blocks.append({"type": "context", "elements": [_context_text(section.heading)]})
        for item in section.items:
            blocks.extend(_item_blocks(item, language))
    for note in reply.notes:
        blocks.append({"type": "context", "elements": [_context_text(note)]})
    for name in reply.pickers:
        blocks.append(
            {
                "type": "section",
                "block_id": f"{PICK_PREFIX}{name}"[:255],
                "text": {"type": "mrkdwn", "text": f"*{escape(name)}*"[:MAX_TEXT]},
                "accessory": {
                    "type": "users_select",
                    "action_id": f"{ACTION_PREFIX}map",
                    "placeholder": {"type": "plain_text", "text": t("slack.pick_user", language)},
                },
            }
        )
    reply_buttons: list[dict[str, Any]] = []
    if reply.buttons:
        elements = [_button(button, language) for button in reply.buttons]
        # The first of a reply's own buttons is its primary one (Import under a preview).
        elements[0]["style"] = "primary"
        reply_buttons.append({"type": "actions", "block_id": "reply", "elements": elements})
    # A message holds at most 50 blocks; the reply's own buttons are never the ones cut.
    return line_text(reply.text), [*blocks[: 50 - len(reply_buttons)], *reply_buttons]
