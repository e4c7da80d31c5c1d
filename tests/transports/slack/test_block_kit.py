"""Every Block Kit payload commplan builds, checked against Slack's limits and Slack's types."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from bot.chat.caller import Caller
from bot.chat.commands.handler import CommandHandler
from bot.chat.commands.listing_replies import due_sections
from bot.chat.reminders import reminder_reply
from bot.chat.replies import Reply
from bot.chat.steering_form import rule_choices
from bot.chat.uploads import confirm_reply, preview_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.texts import t
from bot.transports.slack.blocks import render_blocks
from bot.transports.slack.views import (
    activity_modal,
    add_modal,
    comment_modal,
    decided_blocks,
    followup_modal,
    home_view,
    replan_modal,
    request_modal,
    steering_modal,
)
from config import load_settings
from config.languages import LANGUAGES
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from storage.database import make_engine
from storage.models import Decision, Origin, Surface
from tests.transports.slack.block_kit import typecheck, violations

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2027, 3, 24, 9, 0, tzinfo=dt.UTC)
LONG = "Ø" * 4000


def catalogue(services: Services) -> list[tuple[str, dict[str, Any]]]:
    """Every kind of payload, built from real data, some of it as long as it gets."""
    services.teams.add("Udbud", CLI)
    mette = services.people.add("Mette Holm", CLI, team="udbud")
    services.people.add("Frida Carlsson", CLI, team="udbud", aliases=["FC"])
    for n in range(1, 120):  # more plans than a select holds
        services.plans.create(f"Plan {n} " + "x" * 80, "udbud", CLI)
    services.plans.create("Plan", "udbud", CLI, language="da")
    services.steering.create("SG", "udbud", CLI, chair="Mette Holm", channels={Surface.SLACK: "C1"})
    services.steering.assign("SG", "Plan", CLI)
    ids = [
        services.activities.add(
            "Plan",
            (LONG if n == 0 else f"<!here> Aktivitet {n}")[:500],
            CLI,
            fields={"when": "31. marts 2027", "responsible": "FC", "target_group": LONG},
        ).activity.id
        for n in range(60)
    ]
    request = services.approvals.request(ids[0], CLI, text=LONG)
    person = services.people.add("Frida Fil", CLI, team="udbud")
    frida = Actor(Origin.SLACK, person.id, person.name)
    plan_file = (
        "HVEM;HVAD;HVORDAN;HVORNÅR;ANSVARLIG\n"
        + "".join(
            f"{LONG[:300]};Budskab {n} {LONG[:400]};Intranet;en{n}gang;Ukendt {n} {'x' * 200}\n"
            for n in range(80)
        )
    ).encode()
    chair = Actor(Origin.SLACK, mette.id, mette.name)
    decided = services.approvals.decide(request.id, Decision.REQUEST_CHANGES, chair, comment=LONG)
    payloads: list[tuple[str, dict[str, Any]]] = []
    handler = CommandHandler(services)
    for language in LANGUAGES:
        caller = Caller(chair, language)
        for text in ("upcoming plan Plan 30", "help", "plan Plan", "nonsense", "approvals"):
            _, blocks = render_blocks(handler.handle(text, caller), caller.language)
            payloads.append(("message", {"blocks": blocks}))
        kinds = (
            NoticeKind.REMINDER,
            NoticeKind.OVERDUE,
            NoticeKind.APPROVAL_CHANNEL,
            NoticeKind.APPROVAL_DECIDED,
            NoticeKind.ESCALATION,
            NoticeKind.FOLLOWUP,
            NoticeKind.DIGEST,
            NoticeKind.UNMAPPED_PEOPLE,
            NoticeKind.UNMAPPED_AUDIENCES,
            NoticeKind.UNREAD_TIMINGS,
        )
        for kind in kinds:
            notice = Notice(
                key=f"k-{kind}",
                kind=kind,
                due_at=NOW,
                activity_id=ids[0],
                plan_id=1,
                payload={
                    "request": request.id,
                    "version": 1,
                    "status": "changes_requested",
                    "done": "2027-03-20",
                    "names": [f"Navn {n} " + "x" * 300 for n in range(25)],
                },
            )
            _, blocks = render_blocks(reminder_reply(services, notice, caller), caller.language)
            payloads.append(("message", {"blocks": blocks}))
            payloads.append(
                ("message", {"blocks": decided_blocks(blocks, decided.request, caller.language)})
            )
        view = services.activities.get(ids[0])
        message = {"channel": "C", "ts": "1"}
        payloads.append(("modal", add_modal(services.plans.list(), caller.language)))
        payloads.append(("modal", activity_modal(view, caller.language, message)))
        payloads.append(("modal", request_modal(view, caller.language)))
        payloads.append(("modal", comment_modal(request.id, 1, "reject", message, caller.language)))
        payloads.append(("modal", followup_modal(view, "partly", message, caller.language)))
        payloads.append(("modal", replan_modal(view, caller.language)))
        upcoming = services.upcoming.query(actor=Actor.cli(), days=30, plan="Plan")
        sections = due_sections(upcoming.overdue, upcoming.coming, caller, upcoming.actionable)
        mine = Reply("Mine", sections)
        payloads.append(("home", home_view(mine, [(mine, 1)] * 10, caller.language)))
        payloads.append(("home", home_view(None, (), caller.language)))
        # A plan owner on their own: the steering modal, a file's preview and its Import answer
        # (names that match nobody, each with a picker), the first words, the chair's notice.
        rules = rule_choices(caller.language)
        payloads.append(("modal", steering_modal(services.plans.list(), rules, caller.language)))
        sender = Caller(frida, language)
        preview = preview_reply(services, f"{LONG[:200]}.csv", plan_file, sender)
        _, blocks = render_blocks(preview, caller.language)
        payloads.append(("message", {"blocks": blocks}))
        _, blocks = render_blocks(
            confirm_reply(services, int(preview.buttons[0].value), sender), language
        )
        payloads.append(("message", {"blocks": blocks}))
        _, blocks = render_blocks(handler.handle("steering", sender), caller.language)
        payloads.append(("message", {"blocks": blocks}))
        first = Reply(t("first.no_plan", caller.language, guide="https://x.dk/" + "g" * 300))
        payloads.append(("home", home_view(first, (), caller.language)))
        chair_notice = Notice(
            key="k-chair",
            kind=NoticeKind.STEERING_CHAIR,
            due_at=NOW,
            payload={"by": LONG, "group": LONG, "plan": LONG, "members": 3},
        )
        _, blocks = render_blocks(reminder_reply(services, chair_notice, caller), language)
        payloads.append(("message", {"blocks": blocks}))
    return payloads


@time_machine.travel(NOW, tick=False)
def test_every_payload_keeps_slacks_limits(sqlite_url: str) -> None:
    settings = load_settings(COMMPLAN_DATABASE_URL=sqlite_url)
    services = Services.create(settings, make_engine(sqlite_url))
    payloads = catalogue(services)
    assert len(payloads) > 40
    problems = [
        f"payload {index} ({surface}): {problem}"
        for index, (surface, payload) in enumerate(payloads)
        for problem in violations(payload, surface)
    ]
    assert problems == []
    typecheck(payloads)


def test_the_checker_catches_what_it_should() -> None:
    too_many = {"blocks": [{"type": "divider"}] * 51}
    assert violations(too_many, "message") == ["51 blocks > 50"]
    button = {"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "x" * 76}}
    assert violations({"blocks": [{"type": "actions", "elements": [button]}]}, "message") == [
        "block 0 (actions): button text longer than 75"
    ]
    wrong = {"type": "section", "text": {"type": "markdown", "text": "x"}}
    with pytest.raises(AssertionError, match="mrkdwn"):
        typecheck([("message", {"blocks": [wrong]})])
