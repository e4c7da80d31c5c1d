"""Slack surfaces other than messages: modals and the App Home, as Block Kit JSON.

Pure functions from views to dicts, like ``blocks.py``; every user text escaped there or given
as plain_text (which Slack never reads as markup). Lengths are cut to Slack's limits: a modal
title, submit and close hold 24 characters, a plain_text_input's initial value 3,000.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.chat.decisions import decision_lines, status_text
from bot.chat.replies import Item, Reply, Section
from bot.services.approvals.views import ApprovalView
from bot.services.views import ActivityView, PlanView
from bot.texts import t
from bot.transports.slack.blocks import ACTION_PREFIX, escape, render_blocks
from config.languages import Language

ADD_CALLBACK = f"{ACTION_PREFIX}add"
EDIT_CALLBACK = f"{ACTION_PREFIX}edit"
REQUEST_CALLBACK = f"{ACTION_PREFIX}request"
COMMENT_CALLBACK = f"{ACTION_PREFIX}comment"
FOLLOWUP_CALLBACK = f"{ACTION_PREFIX}followup"
REPLAN_CALLBACK = f"{ACTION_PREFIX}replan"
REVISE_CALLBACK = f"{ACTION_PREFIX}revise"
STEERING_CALLBACK = f"{ACTION_PREFIX}steering"
MAX_OPTIONS = 100  # a static_select holds at most 100 options


def _plain(text: str, limit: int = 150) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:limit] or " "}


def _section(mrkdwn: str) -> dict[str, Any]:
    """A section of mrkdwn (escape user text before), cut to Slack's 3,000 characters."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn[:3000]}}


def _input(
    block_id: str,
    label: str,
    *,
    initial: str | None = None,
    multiline: bool = False,
    optional: bool = False,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": multiline,
    }
    if initial:
        element["initial_value"] = initial[:3000]
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label, 2000),
        "element": element,
        "optional": optional,
    }


def _modal(
    callback_id: str,
    title: str,
    language: Language,
    *,
    submit: str,
    blocks: list[dict[str, Any]],
    metadata: dict[str, Any],
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(title, 24),
        "submit": _plain(submit, 24),
        "close": _plain(t("slack.cancel", language), 24),
        "private_metadata": json.dumps(metadata)[:3000],
        "blocks": blocks[:100],
    }


def add_modal(plans: Sequence[PlanView], language: Language) -> dict[str, Any]:
    """`/commplan add`: a plan to choose, the activity, when, responsible, channel."""
    options = [
        {"text": _plain(f"{plan.name} ({plan.team_slug})", 75), "value": str(plan.id)}
        for plan in plans[:MAX_OPTIONS]
    ]
    plan_block: dict[str, Any] = {
        "type": "input",
        "block_id": "plan",
        "label": _plain(t("slack.field.plan", language)),
        "element": {"type": "static_select", "action_id": "value", "options": options},
    }
    blocks = [
        plan_block,
        _input("activity", t("slack.field.title", language)),
        _input("when", t("slack.field.when", language), optional=True),
        _input("responsible", t("slack.field.responsible", language), optional=True),
        _input("channel", t("slack.field.channel", language), optional=True),
    ]
    title = t("slack.modal.add", language)
    return _modal(
        ADD_CALLBACK, title, language, submit=t("slack.save", language), blocks=blocks, metadata={}
    )


def steering_modal(
    plans: Sequence[PlanView], rules: Sequence[tuple[str, str]], language: Language
) -> dict[str, Any]:
    """`/commplan steering`: the plan, the group's name, the chair, members and the chair's
    deputies as Slack users (user pickers), and the decision rule."""
    plan_options = [
        {"text": _plain(f"{plan.name} ({plan.team_slug})", 75), "value": str(plan.id)}
        for plan in plans[:MAX_OPTIONS]
    ]
    rule_options = [{"text": _plain(label, 75), "value": value} for value, label in rules]

    def select(block_id: str, label: str, element: dict[str, Any], optional: bool = False) -> Any:
        return {
            "type": "input",
            "block_id": block_id,
            "label": _plain(t(label, language)),
            "element": {"action_id": "value", **element},
            "optional": optional,
        }

    blocks = [
        select("plan", "steering.form.plan", {"type": "static_select", "options": plan_options}),
        _input("name", t("steering.form.name", language)),
        select("chair", "steering.form.chair", {"type": "users_select"}),
        select("members", "steering.form.members", {"type": "multi_users_select"}, True),
        select(
            "rule",
            "steering.form.rule",
            {
                "type": "static_select",
                "options": rule_options,
                "initial_option": rule_options[0],
            },
        ),
        select("deputies", "steering.form.deputies", {"type": "multi_users_select"}, True),
    ]
    return _modal(
        STEERING_CALLBACK,
        t("steering.form.title", language),
        language,
        submit=t("steering.form.submit", language),
        blocks=blocks,
        metadata={},
    )


def activity_modal(
    view: ActivityView, language: Language, message: dict[str, str] | None
) -> dict[str, Any]:
    """Open: the activity as the plan says it, with what can be changed from chat."""
    _, shown = render_blocks(Reply(view.title, (Section(view.plan_name, (Item(view),)),)), language)
    blocks = [
        *shown[1:],
        _input("when", t("slack.field.when", language), initial=view.when, optional=True),
        _input(
            "responsible",
            t("slack.field.responsible", language),
            initial=view.responsible,
            optional=True,
        ),
        _input("channel", t("slack.field.channel", language), initial=view.channel, optional=True),
    ]
    metadata = {"activity": view.id, "message": message}
    title = t("slack.modal.open", language)
    return _modal(
        EDIT_CALLBACK,
        title,
        language,
        submit=t("slack.save", language),
        blocks=blocks,
        metadata=metadata,
    )


def request_modal(view: ActivityView, language: Language) -> dict[str, Any]:
    """Send for approval: the draft (text or a link) for the steering group."""
    heading = _section(f"*{escape(view.title)}*")
    blocks = [heading, _input("draft", t("slack.field.draft", language), multiline=True)]
    title = t("slack.modal.request", language)
    return _modal(
        REQUEST_CALLBACK,
        title,
        language,
        submit=t("slack.send", language),
        blocks=blocks,
        metadata={"activity": view.id},
    )


def revise_modal(
    request: ApprovalView, language: Language, message: dict[str, str] | None
) -> dict[str, Any]:
    """Revise: the current draft to edit into the new one (the group is asked again)."""
    heading = _section(f"*{escape(request.activity_title)}* (#{request.id} v{request.version})")
    draft = request.link or request.text or request.file_ref or ""
    blocks = [
        heading,
        _input("draft", t("slack.field.draft", language), initial=draft, multiline=True),
    ]
    return _modal(
        REVISE_CALLBACK,
        t("slack.modal.revise", language),
        language,
        submit=t("slack.send", language),
        blocks=blocks,
        metadata={"request": request.id, "message": message},
    )


def comment_modal(
    request_id: int, version: int, decision: str, message: dict[str, str], language: Language
) -> dict[str, Any]:
    """Reject or Request changes: a comment for the requester, then the decision."""
    blocks = [_input("comment", t("slack.field.comment", language), multiline=True)]
    metadata = {"request": request_id, "version": version, "decision": decision, "message": message}
    title = t("slack.modal.comment", language)
    return _modal(
        COMMENT_CALLBACK,
        title,
        language,
        submit=t("slack.send", language),
        blocks=blocks,
        metadata=metadata,
    )


def decided_blocks(
    original: list[dict[str, Any]], request: ApprovalView, language: Language
) -> list[dict[str, Any]]:
    """The channel message after a decision: as it was, without its buttons, plus who decided,
    in what capacity and when (for everyone in the channel)."""
    kept = [block for block in original if block.get("type") != "actions"]
    lines = decision_lines(request, language, escape)
    text = "\n".join([f"*{escape(status_text(request, language))}*", *lines])
    return [*kept, _section(text)][:50]


def channel_request_blocks(
    posted: list[dict[str, Any]], request: ApprovalView, language: Language
) -> list[dict[str, Any]]:
    """The channel's request as it stands: who decided, with their comments; its buttons
    (those of ``posted``) kept while more decisions are needed."""
    buttons = (
        [b for b in posted if b.get("type") == "actions"] if request.status == "pending" else []
    )
    return [*decided_blocks(posted, request, language), *buttons][:50]


def home_view(
    mine: Reply | None, approvals: Sequence[tuple[Reply, int]], language: Language
) -> dict[str, Any]:
    """The App Home: my next and overdue activities, and requests waiting for my decision."""
    blocks: list[dict[str, Any]] = []
    if mine is None:
        blocks.append(_section(t("slack.home.not_linked", language)))
        return {"type": "home", "blocks": blocks}
    _, mine_blocks = render_blocks(mine, language)
    blocks += mine_blocks[:30]
    blocks.append({"type": "header", "text": _plain(t("slack.home.approvals", language))})
    if not approvals:
        blocks.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": t("slack.home.nothing", language)}],
            }
        )
    for reply, _ in approvals:
        _, approval_blocks = render_blocks(reply, language)
        blocks += approval_blocks
    return {"type": "home", "blocks": blocks[:100]}


def followup_modal(
    view: ActivityView, outcome: str, message: dict[str, str] | None, language: Language
) -> dict[str, Any]:
    """The follow-up's answer, with an optional note for the plan owner and the steering group."""
    answer = t(f"followup.outcome.{outcome}", language)
    heading = _section(f"*{escape(view.title)}*: {escape(answer)}")
    blocks = [
        heading,
        _input("note", t("slack.field.note", language), multiline=True, optional=True),
    ]
    return _modal(
        FOLLOWUP_CALLBACK,
        t("slack.modal.followup", language),
        language,
        submit=t("slack.save", language),
        blocks=blocks,
        metadata={"activity": view.id, "outcome": outcome, "message": message},
    )


def replan_modal(view: ActivityView, language: Language) -> dict[str, Any]:
    """Re-plan: a copy of the activity, dated by whoever re-plans it."""
    heading = _section(f"*{escape(view.title)}*")
    blocks = [heading, _input("when", t("slack.field.when", language))]
    return _modal(
        REPLAN_CALLBACK,
        t("slack.modal.replan", language),
        language,
        submit=t("slack.save", language),
        blocks=blocks,
        metadata={"activity": view.id},
    )
