"""The Teams app end to end: activities posted into the real app, a fake Bot Connector out."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from sqlalchemy import select

from bot.chat.caller import Caller
from bot.chat.reminders import reminder_reply
from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.msteams.cards import reply_card
from bot.transports.msteams.notifier import MsTeamsNotifier
from bot.transports.msteams.sdk import msteams_app
from bot.transports.msteams.sender import MsTeamsSender
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import (
    ApprovalDecision,
    AuditEntry,
    Origin,
    OutboxMessage,
    Owner,
    Person,
    SteeringGroup,
    Surface,
)
from storage.repositories import addresses
from tests.transports.msteams.harness import APP_ID, MsTeamsHarness, actions_of, token_source

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NASTY = "**bold** [link](https://evil.example) <at>x</at> & co"
CHANNEL = "19:steer@thread.tacv2"


def setup(services: Services) -> int:
    """Frida (responsible, owner) and a steering group: Mette chairs, Anna is a member."""
    services.teams.add("Udbud", CLI)
    for name, email in {
        "Frida Carlsson": "frida@kommune.dk",
        "Mette Holm": "mette@kommune.dk",
        "Anna Berg": "anna@kommune.dk",
        "Eva Udenfor": "eva@kommune.dk",
    }.items():
        services.people.add(name, CLI, team="udbud", email=email)
    services.plans.create("Plan", "udbud", CLI, language="en", owner="Frida Carlsson")
    services.steering.create(
        "Styregruppen", "udbud", CLI, chair="Mette Holm", rule="all", members=("Anna Berg",)
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    return services.activities.add(
        "Plan",
        NASTY,
        CLI,
        fields={"when": "2 April 2027", "responsible": "Frida Carlsson", "channel": "Intranet"},
    ).activity.id


def introduce(msteams: MsTeamsHarness, *users: str) -> None:
    """Each user writes to the app once (as after installing it): linked, chat kept."""
    for user in users:
        msteams.fake.emails[f"29:{user}"] = f"{user}@kommune.dk"
        assert msteams.message(f"29:{user}", "help").status_code == 200


@pytest.fixture
def notifier(msteams: MsTeamsHarness) -> Iterator[MsTeamsNotifier]:
    settings = msteams.services.context.settings
    sender = MsTeamsSender(msteams_app(settings, token=token_source))
    yield MsTeamsNotifier(msteams.services, sender)
    sender.close()


def card_text(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False)


def test_first_message_links_the_person_by_email_and_keeps_the_chat(
    msteams: MsTeamsHarness,
) -> None:
    setup(msteams.services)
    msteams.fake.emails["29:frida"] = "Frida@Kommune.dk"
    response = msteams.message("29:frida", "upcoming", locale="sv-SE")
    assert response.status_code == 200
    [answer] = msteams.fake.posted("a:29:frida")
    shown = card_text(answer.cards[0])
    # Swedish from the activity's locale (Frida has no language of her own in commplan).
    assert answer.cards[0]["body"][0]["text"].startswith("Kommande aktiviteter")
    # The plan's own text shows as written: Markdown escaped, nothing bold or linked.
    assert "\\\\*\\\\*bold\\\\*\\\\* \\\\[link\\\\](https://evil" in shown
    with msteams.services.context.sessions() as session:
        frida = session.scalars(select(Person).where(Person.name == "Frida Carlsson")).one()
        row = addresses.on(session, Owner.person(frida.id), Surface.MSTEAMS)
        assert row is not None
        assert (row.address, row.conversation, row.route) == (
            "aad-29:frida",
            "a:29:frida",
            msteams.fake.url,
        )
    # Known from now on: no second member lookup for her.
    assert msteams.message("29:frida", "mine").status_code == 200
    assert len(msteams.fake.posted("a:29:frida")) == 2


def test_a_bad_command_answers_with_usage_and_strangers_are_not_linked(
    msteams: MsTeamsHarness,
) -> None:
    setup(msteams.services)
    msteams.fake.emails["29:stranger"] = "stranger@elsewhere.se"
    assert msteams.message("29:stranger", "launch rockets").status_code == 200
    [answer] = msteams.fake.posted("a:29:stranger")
    text = answer.cards[0]["body"][0]["text"]
    assert "I don't know that command: launch rockets" in text
    assert "upcoming \\[mine | team NAME | plan NAME\\] \\[DAYS\\]" in text
    assert msteams.services.people.by_chat_user(Surface.MSTEAMS, "aad-29:stranger") is None
    assert msteams.message("29:stranger", "mine").status_code == 200
    assert "not linked" in msteams.fake.posted("a:29:stranger")[-1].cards[0]["body"][0]["text"]


def test_connect_in_a_channel_links_the_steering_group_for_its_chair(
    msteams: MsTeamsHarness,
) -> None:
    setup(msteams.services)
    introduce(msteams, "mette", "eva")
    thread = f"{CHANNEL};messageid=1700000000000"
    msteams.message(
        "29:eva", "<at>commplan</at> connect Styregruppen", conversation=thread, kind="channel"
    )
    refused = msteams.fake.posted(thread)[-1].cards[0]["body"][0]["text"]
    assert "Only the chair of Styregruppen and the owners of the plans it steers" in refused
    msteams.message(
        "29:mette",
        "<at>commplan</at>&nbsp;connect Styregruppen",
        conversation=thread,
        kind="channel",
    )
    said = msteams.fake.posted(thread)[-1].cards[0]["body"][0]["text"]
    assert "now come to this channel" in said
    with msteams.services.context.sessions() as session:
        group = session.scalars(select(SteeringGroup)).one()
        # The channel, not the thread the command was typed in.
        channel = addresses.on(session, Owner.steering_group(group.id), Surface.MSTEAMS)
        assert channel is not None
        assert (channel.address, channel.route) == (CHANNEL, msteams.fake.url)


def test_reminder_card_done_click_answers_a_new_card_and_is_audited(
    msteams: MsTeamsHarness, notifier: MsTeamsNotifier
) -> None:
    activity = setup(msteams.services)
    introduce(msteams, "frida")
    # Due Friday 2 April (after the DST change); 9 days before is today, at 11:00 local.
    msteams.services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        make_tick(msteams.services, notifier)()
        [reminder] = [
            c for c in msteams.fake.posted("a:29:frida") if "due" in card_text(c.cards[0])
        ]
        actions = actions_of(reminder.cards[0])
        assert [a["verb"] for a in actions] == ["done", "snooze_1d", "snooze_1w", "open"]
        assert reminder.body["summary"].startswith("Reminder:")
        answer = msteams.click("29:frida", actions[0], reply_to=reminder.activity_id or "")
        assert answer["type"] == "application/vnd.microsoft.card.adaptive"
        assert answer["value"]["body"][0]["text"].startswith("Done: ")
        [undo] = actions_of(answer["value"])  # what is left is Undo, for a while
        assert undo["verb"] == "undo"
        assert msteams.services.activities.get(activity).status == "done"
        with msteams.services.context.sessions() as session:
            entry = session.scalars(
                select(AuditEntry).where(AuditEntry.action == "activity.done")
            ).one()
            assert entry.origin == "msteams" and entry.actor_text == "Frida Carlsson"
        undone = msteams.click("29:frida", undo, reply_to=reminder.activity_id or "")
    assert undone["value"]["body"][0]["text"].startswith("Reopened: ")
    assert msteams.services.activities.get(activity).status == "planned"


def test_send_for_approval_from_the_card_then_the_chair_decides_in_the_channel(
    msteams: MsTeamsHarness, notifier: MsTeamsNotifier
) -> None:
    setup(msteams.services)
    msteams.services.activities.add(
        "Plan",
        "Nyhedsbrev april",
        CLI,
        fields={"when": "1 April 2027", "responsible": "Frida Carlsson"},
        requires_approval=True,
    )
    introduce(msteams, "frida", "mette", "anna", "eva")
    msteams.services.steering.configure("Styregruppen", CLI, channels={Surface.MSTEAMS: CHANNEL})
    # Frida's "upcoming" shows Send for approval (written communication); she types the draft.
    msteams.message("29:frida", "upcoming")
    card = msteams.fake.posted("a:29:frida")[-1].cards[0]
    [send] = [a for a in actions_of(card) if a.get("verb") == "request_approval"]
    field = send["data"]["input"]
    answer = msteams.click("29:frida", send, "msg-x", {field: "https://intra.example.dk/udkast"})
    assert "asks" in card_text(answer) or "approval" in card_text(answer).lower()

    make_tick(msteams.services, notifier)()
    [post] = msteams.fake.posted(CHANNEL)
    shown = card_text(post.cards[0])
    assert "Frida Carlsson asks the steering group to approve" in shown
    assert "https://intra.example.dk/udkast" in shown
    approve = next(a for a in actions_of(post.cards[0]) if a.get("verb") == "approve")

    refusal = msteams.click(
        "29:eva", approve, post.activity_id or "", conversation=CHANNEL, kind="channel"
    )
    assert refusal["type"] == "application/vnd.microsoft.activity.message"
    assert "not a member" in refusal["value"]

    first = msteams.click(
        "29:mette", approve, post.activity_id or "", conversation=CHANNEL, kind="channel"
    )
    again = msteams.click(
        "29:mette", approve, post.activity_id or "", conversation=CHANNEL, kind="channel"
    )
    assert first["type"] == again["type"] == "application/vnd.microsoft.card.adaptive"
    with msteams.services.context.sessions() as session:
        assert len(session.scalars(select(ApprovalDecision)).all()) == 1
    # The channel's card is rewritten for everyone: who, in what capacity; no buttons left.
    update = msteams.fake.updated()[-1]
    assert update.conversation == CHANNEL and update.activity_id == post.activity_id
    decided = card_text(update.cards[0])
    assert "chair, on behalf of the steering group" in decided
    assert not [a for a in actions_of(update.cards[0]) if a.get("verb") == "approve"]
    refused = [
        e for e in msteams.services.approvals.log(Actor.cli()) if e["action"] == "approval.refused"
    ]
    assert [e["who"] for e in refused] == ["Eva Udenfor"]


def test_reject_with_a_comment_under_all_keeps_the_card_open_for_the_others(
    msteams: MsTeamsHarness, notifier: MsTeamsNotifier
) -> None:
    activity = setup(msteams.services)
    msteams.services.steering.configure("Styregruppen", CLI, rule="all", chair="Frida Carlsson")
    introduce(msteams, "anna", "mette")
    frida = msteams.services.people.get("Frida Carlsson")
    request = msteams.services.approvals.request(
        activity, Actor(Origin.MSTEAMS, frida.id, frida.name), text="Udkast *v1*"
    )
    changes = {
        "type": "Action.Execute",
        "verb": "request_changes",
        "data": {"value": f"{request.id}:{request.version}", "input": "comment_1"},
    }
    answer = msteams.click(
        "29:anna",
        changes,
        "msg-7",
        {"comment_1": "Kortere, tak"},
        conversation=CHANNEL,
        kind="channel",
    )
    content = card_text(answer["value"])
    assert "Kortere, tak" in content
    view = msteams.services.approvals.get(request.id)
    assert view.status == "changes_requested"
    assert view.decisions[0].comment == "Kortere, tak"


def test_someone_who_never_installed_the_app_is_a_permanent_failure_and_the_owner_is_told(
    msteams: MsTeamsHarness, notifier: MsTeamsNotifier
) -> None:
    setup(msteams.services)
    introduce(msteams, "frida")  # the plan's owner has the app; Anna has not
    anna_activity = msteams.services.activities.add(
        "Plan", "Pressemeddelelse", CLI, fields={"when": "2 April 2027", "responsible": "Anna Berg"}
    ).activity.id
    msteams.services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        make_tick(msteams.services, notifier)()
        make_tick(msteams.services, notifier)()
    with msteams.services.context.sessions() as session:
        failed = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.activity_id == anna_activity, OutboxMessage.status == "failed"
            )
        ).all()
        assert failed and "has not installed the commplan app" in (failed[0].last_error or "")
    told = [c for c in msteams.fake.posted("a:29:frida") if "Anna Berg" in card_text(c.cards[0])]
    assert told, "the owner hears that Anna could not be reached"


@pytest.mark.parametrize(("status", "permanent"), [(403, True), (404, True), (502, False)])
def test_connector_errors_are_classified(
    msteams: MsTeamsHarness, notifier: MsTeamsNotifier, status: int, permanent: bool
) -> None:
    setup(msteams.services)
    introduce(msteams, "frida")
    msteams.fake.status_for["a:29:frida"] = status
    msteams.services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        make_tick(msteams.services, notifier)()
    with msteams.services.context.sessions() as session:
        row = session.scalars(
            select(OutboxMessage).where(OutboxMessage.person_id.is_not(None))
        ).first()
        assert row is not None
        assert (row.status == "failed") is permanent
        assert str(status) in (row.last_error or "")


def test_a_rate_limited_send_waits_as_told_then_goes_out(
    msteams: MsTeamsHarness, notifier: MsTeamsNotifier
) -> None:
    setup(msteams.services)
    introduce(msteams, "frida")
    msteams.fake.status_for["a:29:frida"] = 429
    msteams.services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        make_tick(msteams.services, notifier)()
        with msteams.services.context.sessions() as session:
            row = session.scalars(select(OutboxMessage)).first()
            assert row is not None and row.status == "pending"
            assert "rate limited" in (row.last_error or "")
            # Not before the Retry-After the fake gave (2 s).
            assert row.claimed_until >= row.due_at
        del msteams.fake.status_for["a:29:frida"]
        time.sleep(0.1)
    with time_machine.travel("2027-03-24T10:01:30+00:00", tick=True):
        make_tick(msteams.services, notifier)()
    reminders = [c for c in msteams.fake.posted("a:29:frida") if "due" in card_text(c.cards[0])]
    assert len(reminders) == 1


def test_follow_up_no_with_a_note_then_re_plan_from_the_card(msteams: MsTeamsHarness) -> None:
    activity = setup(msteams.services)
    introduce(msteams, "frida")
    msteams.services.activities.done(activity, CLI)
    frida = msteams.services.people.get("Frida Carlsson")
    notice = Notice(
        key="followup:test",
        kind=NoticeKind.FOLLOWUP,
        due_at=dt.datetime(2027, 4, 7, 7, tzinfo=dt.UTC),
        person_id=frida.id,
        activity_id=activity,
        payload={"done": "2027-03-24"},
    )
    caller = Caller(Actor(Origin.MSTEAMS, frida.id, frida.name), "en")
    card = reply_card(reminder_reply(msteams.services, notice, caller), "en")
    no = next(a for a in actions_of(card) if a.get("verb") == "followup_no")
    answer = msteams.click("29:frida", no, "msg-f", {no["data"]["input"]: "Ingen læste den"})
    assert msteams.services.activities.get(activity).reaction_outcome == "no"
    replan = next(a for a in actions_of(answer["value"]) if a.get("verb") == "replan")
    typed = {replan["data"]["input"]: "20 April 2027"}
    again = msteams.click("29:frida", replan, "msg-f", typed)
    assert again["value"]["body"][0]["text"].startswith("New activity #")
    copies = msteams.services.upcoming.query(actor=Actor.cli(), days=60, plan="Plan").coming
    [copy] = [view for view in copies if view.when == "20 April 2027"]
    assert copy.id != activity and f"#{activity}" in (copy.remarks or "")


def test_the_weekly_digest_comes_to_the_channel_with_the_timeline_picture(
    msteams: MsTeamsHarness, notifier: MsTeamsNotifier
) -> None:
    setup(msteams.services)
    msteams.services.steering.configure("Styregruppen", CLI, channels={Surface.MSTEAMS: CHANNEL})
    msteams.services.activities.add(
        "Plan", "Borgermøde", CLI, fields={"when": "26 March 2027", "responsible": "Frida"}
    )
    # Wednesdays at 09:00 (08:00 UTC); the clock is 09:00 UTC on Wednesday 24 March.
    msteams.services.reminders.set_policy("Plan", {"digest_weekday": "2"}, CLI)
    make_tick(msteams.services, notifier)()
    make_tick(msteams.services, notifier)()  # a second tick (or replica): still one digest
    [digest] = msteams.fake.posted(CHANNEL)
    shown = card_text(digest.cards[0])
    assert digest.body["summary"].startswith("The week: Plan (week 12)")
    assert "Borgermøde" in shown
    [image] = [e for e in digest.cards[0]["body"] if e["type"] == "Image"]
    assert image["altText"] == "Plan: the next 8 weeks"
    # A signed link to the picture, not the page's token (which is never kept, so never sent).
    assert image["url"].startswith("https://commplan.example.dk/plans/picture/")
    path = image["url"].removeprefix("https://commplan.example.dk")
    picture = msteams.client.get(path)
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"
    assert picture.content[:8] == b"\x89PNG\r\n\x1a\n"
    # The signature guards it: an altered link opens nothing, nor does it open the page.
    altered = path.replace("/plans/picture/", "/plans/picture/x")
    assert msteams.client.get(altered).status_code == 404
    assert msteams.client.get(path.removesuffix(".png").replace("picture/", "")).status_code == 404
    with time_machine.travel(dt.timedelta(days=15)):
        assert msteams.client.get(path).status_code == 404  # expired with the digest


def test_installing_the_app_links_the_person_and_says_hello_once(msteams: MsTeamsHarness) -> None:
    setup(msteams.services)
    msteams.fake.emails["29:frida"] = "frida@kommune.dk"
    # Teams sends both on a personal install (by the person, or an admin's policy).
    installed = msteams.activity(
        "29:frida", type="installationUpdate", action="add", locale="da-DK"
    )
    added = msteams.activity(
        "29:frida",
        type="conversationUpdate",
        membersAdded=[{"id": f"28:{APP_ID}"}],
        locale="da-DK",
    )
    assert msteams.post(installed).status_code == 200
    assert msteams.post(added).status_code == 200
    [hello] = msteams.fake.posted("a:29:frida")
    assert hello.cards[0]["body"][0]["text"].startswith("Hej!")
    with msteams.services.context.sessions() as session:
        frida = session.scalars(select(Person).where(Person.name == "Frida Carlsson")).one()
        row = addresses.on(session, Owner.person(frida.id), Surface.MSTEAMS)
        assert row is not None
        assert row.conversation == "a:29:frida"
    # Someone else joining a chat the bot is in is not the bot being added.
    other = msteams.activity("29:frida", type="conversationUpdate", membersAdded=[{"id": "29:x"}])
    assert msteams.post(other).status_code == 200
    assert len(msteams.fake.posted("a:29:frida")) == 1


def test_an_unknown_or_malformed_button_answers_a_message_and_changes_nothing(
    msteams: MsTeamsHarness,
) -> None:
    activity = setup(msteams.services)
    introduce(msteams, "frida")
    before = len(msteams.services.approvals.log(Actor.cli()))
    unknown = msteams.click("29:frida", {"verb": "launch", "data": {"value": str(activity)}}, "m")
    assert unknown["type"] == "application/vnd.microsoft.activity.message"
    assert "launch" in unknown["value"]
    bad = msteams.click("29:frida", {"verb": "done", "data": {"value": "#x"}}, "m")
    assert bad["value"]["body"][0]["text"] == "Give the activity's number, e.g.: done 12"
    decide = msteams.click("29:frida", {"verb": "approve", "data": {"value": "1"}}, "m")
    assert decide["type"] == "application/vnd.microsoft.activity.message"
    assert msteams.services.activities.get(activity).status == "planned"
    assert len(msteams.services.approvals.log(Actor.cli())) == before


def test_the_edit_card_saves_through_the_same_path_as_slack(msteams: MsTeamsHarness) -> None:
    activity = setup(msteams.services)
    introduce(msteams, "frida")
    edit = {"verb": "edit", "data": {"value": str(activity)}}
    fields = {"edit_when": "9 April 2027", "edit_responsible": "Frida Carlsson", "edit_channel": ""}
    answer = msteams.click("29:frida", edit, "msg-edit", fields)
    assert answer["value"]["body"][0]["text"].startswith("Saved: ")
    view = msteams.services.activities.get(activity)
    assert (view.when, view.channel) == ("9 April 2027", None)  # left empty: cleared


def test_the_edit_card_refuses_a_when_it_cannot_read(msteams: MsTeamsHarness) -> None:
    activity = setup(msteams.services)
    before = msteams.services.activities.get(activity)
    introduce(msteams, "frida")
    edit = {"verb": "edit", "data": {"value": str(activity)}}
    fields = {"edit_when": "asdf", "edit_responsible": "Frida Carlsson", "edit_channel": ""}
    answer = msteams.click("29:frida", edit, "msg-edit", fields)
    assert answer["type"] == "application/vnd.microsoft.activity.message"
    assert answer["value"].startswith("I cannot read that time: asdf (e.g.: 14/3 2027,")
    after = msteams.services.activities.get(activity)
    assert (after.when, after.channel, after.next_due) == (
        before.when,
        before.channel,
        before.next_due,
    )
