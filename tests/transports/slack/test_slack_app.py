"""The Slack app end to end: signed requests into the real app, a fake Slack Web API out."""

from __future__ import annotations

import json
import time
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
import time_machine
from slack_sdk import WebClient
from sqlalchemy import select

from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.slack.directory import email_lookup
from bot.transports.slack.views import ADD_CALLBACK, EDIT_CALLBACK
from storage.models import ApprovalDecision, AuditEntry, Origin, Surface
from tests.transports.slack.harness import Harness

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NASTY = "<!channel> *x* <@U1> & co"


def setup(services: Services) -> int:
    """Frida (responsible, requester) and a steering group with its Slack channel."""
    services.teams.add("Udbud", CLI)
    people = {
        "Frida Carlsson": "UFRIDA",
        "Mette Holm": "UMETTE",
        "Anna Berg": "UANNA",
        "Eva Udenfor": "UEVA",
        "Dorte Dansk": "UDA",
    }
    for name, user in people.items():
        services.people.add(name, CLI, team="udbud", addresses={Surface.SLACK: user})
    services.plans.create("Plan", "udbud", CLI, language="en", owner="Frida Carlsson")
    services.steering.create(
        "Styregruppen",
        "udbud",
        CLI,
        chair="Mette Holm",
        rule="all",
        members=("Anna Berg",),
        channels={Surface.SLACK: "CSTEER"},
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    return services.activities.add(
        "Plan",
        NASTY,
        CLI,
        fields={"when": "2 April 2027", "responsible": "Frida Carlsson", "channel": "Intranet"},
    ).activity.id


def block_text(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_upcoming_answers_in_the_ack_escaped_and_in_the_users_language(harness: Harness) -> None:
    setup(harness.services)
    response = harness.command("UFRIDA", "upcoming")
    assert response.status_code == 200
    answer = response.json()
    assert answer["response_type"] == "ephemeral"
    shown = block_text(answer["blocks"])
    assert "&lt;!channel&gt; *x* &lt;@U1&gt; &amp; co" in shown
    assert "<!channel>" not in shown
    # Dorte has no language of her own in commplan; Slack says da-DK.
    danish = harness.command("UDA", "upcoming").json()
    assert danish["text"].startswith("Kommende aktiviteter")


def test_a_bad_command_answers_with_usage(harness: Harness) -> None:
    setup(harness.services)
    answer = harness.command("UFRIDA", "launch rockets").json()
    assert "I don't know that command: launch rockets" in answer["text"]
    assert "upcoming [mine | team NAME | plan NAME] [DAYS]" in answer["text"]


@pytest.mark.parametrize(
    "forgery",
    ["wrong secret", "old timestamp", "tampered body", "no signature"],
)
def test_forged_requests_are_refused_and_change_nothing(harness: Harness, forgery: str) -> None:
    activity = setup(harness.services)
    payload = {
        "type": "block_actions",
        "user": {"id": "UFRIDA"},
        "trigger_id": "t",
        "container": {"type": "message", "channel_id": "DUFRIDA", "message_ts": "1.000001"},
        "actions": [{"action_id": "commplan_done", "value": str(activity), "action_ts": "1"}],
    }
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    kwargs: dict[str, Any] = {}
    if forgery == "wrong secret":
        kwargs["secret"] = "guess"
    elif forgery == "old timestamp":
        kwargs["timestamp"] = int(time.time()) - 6 * 60
    elif forgery == "tampered body":
        kwargs["tamper"] = lambda raw: raw.replace(b"UFRIDA", b"UMETTE")
    else:
        kwargs["headers"] = {"X-Slack-Signature": ""}
    response = harness.post(body, "application/x-www-form-urlencoded", **kwargs)
    assert response.status_code == 401
    assert harness.services.activities.get(activity).status == "planned"


def test_an_ssl_check_carrying_a_payload_is_refused(harness: Harness) -> None:
    activity = setup(harness.services)
    payload = {
        "type": "block_actions",
        "user": {"id": "UFRIDA"},
        "actions": [{"action_id": "commplan_done", "value": str(activity)}],
    }
    body = urllib.parse.urlencode({"ssl_check": "1", "payload": json.dumps(payload)}).encode()
    assert harness.post(body, "application/x-www-form-urlencoded").status_code == 401
    assert harness.services.activities.get(activity).status == "planned"


def test_reminder_dm_done_click_updates_the_message_and_the_audit_log(harness: Harness) -> None:
    activity = setup(harness.services)
    # Due Friday 2 April; 9 days before is today, at 11:00 local (10:00 UTC).
    harness.services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        make_tick(harness.services)()
        [dm] = [m for m in harness.fake.posted if m.channel == "DUFRIDA"]
        buttons = next(b for b in dm.blocks if b["type"] == "actions")["elements"]
        assert [b["action_id"] for b in buttons] == [
            "commplan_done",
            "commplan_snooze_1d",
            "commplan_snooze_1w",
            "commplan_open",
        ]
        payload = {
            "type": "block_actions",
            "user": {"id": "UFRIDA"},
            "trigger_id": "t",
            "container": {"type": "message", "channel_id": dm.channel, "message_ts": dm.ts},
            "actions": [buttons[0] | {"action_ts": "11.1"}],
        }
        assert harness.interact(payload).status_code == 200
        harness.wait_for("chat.update")
        assert dm.text.startswith("Done: ")
        # What is left on the message is Undo, for a while.
        [undo] = [e for b in dm.blocks if b["type"] == "actions" for e in b["elements"]]
        assert undo["action_id"] == "commplan_undo"
        assert "Undo works for 15 minutes" in block_text(dm.blocks)
        assert harness.services.activities.get(activity).status == "done"
        with harness.services.context.sessions() as session:
            entry = session.scalars(
                select(AuditEntry).where(AuditEntry.action == "activity.done")
            ).one()
            assert entry.origin == "slack" and entry.actor_text == "Frida Carlsson"
        payload["actions"] = [undo | {"action_ts": "11.2"}]
        assert harness.interact(payload).status_code == 200
        harness.wait_for("chat.update", count=2)
    assert dm.text.startswith("Reopened: ")
    assert harness.services.activities.get(activity).status == "planned"


def test_approval_in_the_channel_refuses_outsiders_and_the_chair_decides_once(
    harness: Harness,
) -> None:
    activity = setup(harness.services)
    frida = harness.services.people.get("Frida Carlsson")
    harness.services.approvals.request(
        activity, Actor(Origin.SLACK, frida.id, frida.name), link="https://intra.example.dk/u1"
    )
    make_tick(harness.services)()
    [post] = [m for m in harness.fake.posted if m.channel == "CSTEER"]
    shown = block_text(post.blocks)
    assert "Frida Carlsson asks the steering group to approve" in shown
    assert "https://intra.example.dk/u1" in shown
    approve = next(
        element
        for block in post.blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == "commplan_approve"
    )

    def click(user: str, action_ts: str, retry: str | None = None) -> int:
        payload = {
            "type": "block_actions",
            "user": {"id": user},
            "trigger_id": "t",
            "container": {"type": "message", "channel_id": "CSTEER", "message_ts": post.ts},
            "actions": [approve | {"action_ts": action_ts}],
        }
        headers = {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "timeout"} if retry else {}
        return harness.interact(payload, headers=headers).status_code

    assert click("UEVA", "20.1") == 200
    [ephemeral] = harness.wait_for("chat.postEphemeral")
    assert ephemeral["user"] == "UEVA" and "not a member" in ephemeral["text"]

    assert click("UMETTE", "21.1") == 200
    assert click("UMETTE", "21.1", retry="1") == 200  # Slack's retry of the same click
    assert click("UMETTE", "21.1") == 200  # a replayed payload
    harness.wait_for("chat.update")
    time.sleep(0.3)
    with harness.services.context.sessions() as session:
        assert len(session.scalars(select(ApprovalDecision)).all()) == 1
    assert "chair, on behalf of the steering group" in block_text(post.blocks)
    assert not [b for b in post.blocks if b["type"] == "actions"]
    refused = [
        e for e in harness.services.approvals.log(Actor.cli()) if e["action"] == "approval.refused"
    ]
    assert [e["who"] for e in refused] == ["Eva Udenfor"]
    # The requester hears of it in a DM.
    make_tick(harness.services)()
    dms = [m for m in harness.fake.posted if m.channel == "DUFRIDA"]
    assert any("approved" in m.text for m in dms)


def test_request_changes_asks_for_a_comment_then_decides(harness: Harness) -> None:
    activity = setup(harness.services)
    request = harness.services.approvals.request(activity, CLI, text="Kære alle")
    make_tick(harness.services)()
    [post] = [m for m in harness.fake.posted if m.channel == "CSTEER"]
    changes = next(
        element
        for block in post.blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == "commplan_request_changes"
    )
    harness.interact(
        {
            "type": "block_actions",
            "user": {"id": "UANNA"},
            "trigger_id": "trig-9",
            "container": {"type": "message", "channel_id": "CSTEER", "message_ts": post.ts},
            "actions": [changes | {"action_ts": "30.1"}],
        }
    )
    [opened] = harness.wait_for("views.open")
    view = opened["view"] if isinstance(opened["view"], dict) else json.loads(opened["view"])
    assert view["callback_id"] == "commplan_comment"
    submission = {
        "type": "view_submission",
        "user": {"id": "UANNA"},
        "view": {
            "id": "V77",
            "type": "modal",
            "callback_id": "commplan_comment",
            "private_metadata": view["private_metadata"],
            "state": {
                "values": {"comment": {"value": {"type": "plain_text_input", "value": "Kortere"}}}
            },
        },
    }
    assert harness.interact(submission).status_code == 200
    harness.wait_for("chat.update")
    decided = harness.services.approvals.get(request.id)
    assert decided.status == "changes_requested"
    assert decided.decisions[0].comment == "Kortere"
    assert "Kortere" in block_text(post.blocks)


def test_app_home_shows_my_activities_and_approvals_waiting(harness: Harness) -> None:
    activity = setup(harness.services)
    harness.services.approvals.request(activity, CLI, text="Udkast")
    harness.event({"type": "app_home_opened", "user": "UANNA", "tab": "home"})
    [published] = harness.wait_for("views.publish")
    view = (
        published["view"] if isinstance(published["view"], dict) else json.loads(published["view"])
    )
    shown = block_text(view["blocks"])
    assert "Waiting for my approval" in shown
    assert "commplan_approve" in shown
    harness.event({"type": "app_home_opened", "user": "UNOBODY", "tab": "home"})
    second = harness.wait_for("views.publish", 2)[1]
    view = second["view"] if isinstance(second["view"], dict) else json.loads(second["view"])
    assert "not linked" in block_text(view["blocks"])


def test_add_opens_a_modal_and_its_submission_adds_the_activity(harness: Harness) -> None:
    setup(harness.services)
    response = harness.command("UFRIDA", "add")
    assert response.status_code == 200
    [opened] = harness.wait_for("views.open")
    view = opened["view"] if isinstance(opened["view"], dict) else json.loads(opened["view"])
    plan_id = view["blocks"][0]["element"]["options"][0]["value"]
    values = {
        "plan": {"value": {"type": "static_select", "selected_option": {"value": plan_id}}},
        "activity": {"value": {"type": "plain_text_input", "value": "Pressemeddelelse"}},
        "when": {"value": {"type": "plain_text_input", "value": "9 April 2027"}},
        "responsible": {"value": {"type": "plain_text_input", "value": None}},
        "channel": {"value": {"type": "plain_text_input", "value": None}},
    }
    submission = {
        "type": "view_submission",
        "user": {"id": "UFRIDA"},
        "view": {
            "id": "V2",
            "type": "modal",
            "callback_id": "commplan_add",
            "private_metadata": "{}",
            "state": {"values": values},
        },
    }
    assert harness.interact(submission).status_code == 200
    added = [
        a
        for a in harness.services.activities.list("Plan", Actor.cli())
        if a.title == "Pressemeddelelse"
    ]
    assert [str(a.next_due) for a in added] == ["2027-04-09"]


def test_feed_shows_the_teams_url_and_only_admins_rotate(harness: Harness) -> None:
    setup(harness.services)
    answer = harness.command("UFRIDA", "feed").json()
    assert "https://commplan.example.dk/ical/" in answer["text"]
    assert "Subscribe from web" in answer["text"]
    # Shown once: its token is not kept, so asked again it says how to get a new one.
    again = harness.command("UFRIDA", "feed").json()
    assert "/ical/" not in again["text"] and "was shown when it was made" in again["text"]
    refused = harness.command("UFRIDA", "feed rotate").json()
    assert "the team's admins or commplan's administrator can rotate" in refused["text"]


def test_unmapped_names_are_asked_of_the_owner_and_a_pick_links_them(
    harness: Harness, tmp_path: Path
) -> None:
    setup(harness.services)
    plan_file = tmp_path / "plan.csv"
    plan_file.write_text(
        "Aktivitet;Målgruppe;Tidspunkt;Ansvarlig\n"
        "Nyhedsbrev;Alle medarbejdere;1. april 2027;Kommunikationsmedarbejder\n"
        "Pressemeddelelse;Borgere;2. april 2027;Frida Carlsson\n",
        encoding="utf-8",
    )
    imported = harness.services.imports.read(plan_file, language="da")
    # A file never exported: its missing rows are cancelled only when asked (docs/importing.md).
    harness.services.imports.apply(
        imported, CLI, plan_name="Plan", team="udbud", remove_missing=True
    )
    make_tick(harness.services)()
    to_frida = [m for m in harness.fake.posted if m.channel == "DUFRIDA"]
    # The owner hears who the unknown names are, what the target groups mean (no audiences
    # yet), and that the plan's activity the file no longer has was cancelled: a deviation
    # (docs/coordination.md).
    kinds = sorted((m.key or "").split(":")[0] for m in to_frida)
    assert kinds == ["audiences", "deviation", "unmapped"]
    [asked] = [m for m in to_frida if (m.key or "").startswith("unmapped:")]
    picker = next(b for b in asked.blocks if b.get("block_id", "").startswith("map:"))
    assert picker["block_id"] == "map:Kommunikationsmedarbejder"
    assert picker["accessory"]["type"] == "users_select"

    harness.fake.names["UKARIN"] = "Karin Kommunikation"
    harness.interact(
        {
            "type": "block_actions",
            "user": {"id": "UFRIDA"},
            "trigger_id": "t",
            "container": {"type": "message", "channel_id": asked.channel, "message_ts": asked.ts},
            "message": {"ts": asked.ts, "blocks": asked.blocks},
            "actions": [
                {
                    "type": "users_select",
                    "action_id": "commplan_map",
                    "block_id": picker["block_id"],
                    "selected_user": "UKARIN",
                    "action_ts": "40.1",
                }
            ],
        }
    )
    harness.wait_for("chat.update")
    assert "Kommunikationsmedarbejder is now Karin Kommunikation (activities updated: 1)" in (
        asked.text
    )
    assert not [b for b in asked.blocks if b.get("block_id", "").startswith("map:")]
    [news] = [
        a for a in harness.services.activities.list("Plan", Actor.cli()) if a.title == "Nyhedsbrev"
    ]
    assert news.responsible_people == ("Karin Kommunikation",)
    # The same file again asks nothing new.
    harness.services.imports.apply(imported, CLI, plan_name="Plan", team="udbud")
    make_tick(harness.services)()
    assert len([m for m in harness.fake.posted if m.channel == "DUFRIDA"]) == len(to_frida)


def test_people_are_linked_to_slack_by_email(harness: Harness) -> None:
    services = harness.services
    services.teams.add("Udbud", CLI)
    services.people.add("Åse Lund", CLI, email="ase@kommune.dk")
    services.people.add("Bo Ingen", CLI, email="bo@kommune.dk")
    harness.fake.emails["ase@kommune.dk"] = "UASE"
    client = WebClient(token="xoxb-test", base_url=harness.fake.url)
    assert services.people.link_by_email(Surface.SLACK, email_lookup(client), CLI) == ["Åse Lund"]
    assert services.people.get("Åse Lund").address_on(Surface.SLACK) == "UASE"
    assert services.people.get("Bo Ingen").address_on(Surface.SLACK) is None


def test_follow_up_no_with_a_note_then_re_plan_from_slack(harness: Harness) -> None:
    activity = setup(harness.services)
    harness.services.reminders.set_policy("Plan", {"followup_days": "1"}, CLI)
    frida = harness.services.people.get("Frida Carlsson")
    harness.services.activities.done(activity, Actor(Origin.SLACK, frida.id, frida.name))
    # A day after Wednesday 24 March is Maundy Thursday; then Good Friday, Easter: Tuesday 30.
    with time_machine.travel("2027-03-30T07:00:30+00:00", tick=True):
        make_tick(harness.services)()
        [asked] = [m for m in harness.fake.posted if m.channel == "DUFRIDA"]
        assert "Did the expected reaction happen?" in asked.text
        no = next(
            element
            for block in asked.blocks
            if block["type"] == "actions"
            for element in block["elements"]
            if element["action_id"] == "commplan_followup_no"
        )
        harness.interact(
            {
                "type": "block_actions",
                "user": {"id": "UFRIDA"},
                "trigger_id": "trig-f",
                "container": {"type": "message", "channel_id": "DUFRIDA", "message_ts": asked.ts},
                "actions": [no | {"action_ts": "50.1"}],
            }
        )
        [opened] = harness.wait_for("views.open")
        view = opened["view"] if isinstance(opened["view"], dict) else json.loads(opened["view"])
        note = {"note": {"value": {"type": "plain_text_input", "value": "Ingen reaktion"}}}
        harness.interact(
            {
                "type": "view_submission",
                "user": {"id": "UFRIDA"},
                "view": {
                    "id": "V9",
                    "type": "modal",
                    "callback_id": view["callback_id"],
                    "private_metadata": view["private_metadata"],
                    "state": {"values": note},
                },
            }
        )
        harness.wait_for("chat.update")
        assert asked.text.startswith("Recorded for ")
        replan = next(
            element
            for block in asked.blocks
            if block["type"] == "actions"
            for element in block["elements"]
            if element["action_id"] == "commplan_replan"
        )
        harness.interact(
            {
                "type": "block_actions",
                "user": {"id": "UFRIDA"},
                "trigger_id": "trig-r",
                "container": {"type": "message", "channel_id": "DUFRIDA", "message_ts": asked.ts},
                "actions": [replan | {"action_ts": "51.1"}],
            }
        )
        second = harness.wait_for("views.open", 2)[1]
        modal = second["view"] if isinstance(second["view"], dict) else json.loads(second["view"])
        when = {"when": {"value": {"type": "plain_text_input", "value": "1 June 2027"}}}
        harness.interact(
            {
                "type": "view_submission",
                "user": {"id": "UFRIDA"},
                "view": {
                    "id": "V10",
                    "type": "modal",
                    "callback_id": modal["callback_id"],
                    "private_metadata": modal["private_metadata"],
                    "state": {"values": when},
                },
            }
        )
    view_after = harness.services.activities.get(activity)
    assert (view_after.reaction_outcome, view_after.reaction_note) == ("no", "Ingen reaktion")
    copies = [a for a in harness.services.activities.list("Plan", Actor.cli()) if a.id != activity]
    assert [(str(a.next_due), a.remarks) for a in copies] == [
        ("2027-06-01", f"Re-planned after #{activity}")
    ]


def test_the_weekly_digest_goes_to_the_channel_with_the_timeline_picture(
    harness: Harness,
) -> None:
    setup(harness.services)
    harness.services.activities.add(
        "Plan", "Borgermøde", CLI, fields={"when": "26 March 2027", "responsible": "Frida"}
    )
    # Wednesdays at 09:00 (08:00 UTC); the harness's clock is 09:00 UTC on Wednesday 24 March.
    harness.services.reminders.set_policy("Plan", {"digest_weekday": "2"}, CLI)
    make_tick(harness.services)()
    make_tick(harness.services)()  # a second tick (or replica): still one digest
    digests = [m for m in harness.fake.posted if m.channel == "CSTEER"]
    assert len(digests) == 1
    assert digests[0].text.startswith("The week: Plan (week 12)")
    assert "Borgermøde" in digests[0].text
    [shared] = harness.fake.shared
    assert shared["channel_id"] == "CSTEER" and shared["thread_ts"] == digests[0].ts
    [picture] = harness.fake.uploads.values()
    assert picture[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_edit_modal_saves_and_the_message_shows_the_activity_again(harness: Harness) -> None:
    activity = setup(harness.services)
    harness.services.approvals.request(activity, CLI, text="Udkast")
    make_tick(harness.services)()
    [post] = [m for m in harness.fake.posted if m.channel == "CSTEER"]
    metadata = {"activity": activity, "message": {"channel": "CSTEER", "ts": post.ts}}
    typed = {"when": "9 April 2027", "responsible": "Frida Carlsson"}  # channel left empty
    submission = {
        "type": "view_submission",
        "user": {"id": "UFRIDA"},
        "view": {
            "id": "V88",
            "type": "modal",
            "callback_id": "commplan_edit",
            "private_metadata": json.dumps(metadata),
            "state": {
                "values": {
                    name: {"value": {"type": "plain_text_input", "value": value}}
                    for name, value in typed.items()
                }
            },
        },
    }
    assert harness.interact(submission).status_code == 200
    harness.wait_for("chat.update")
    assert post.text.startswith("Saved: ")
    view = harness.services.activities.get(activity)
    assert (view.when, view.channel) == ("9 April 2027", None)


def test_the_add_and_edit_modals_refuse_a_when_they_cannot_read(harness: Harness) -> None:
    activity = setup(harness.services)
    before = harness.services.activities.get(activity)

    def submitted(
        callback: str, metadata: dict[str, object], typed: dict[str, str]
    ) -> dict[str, Any]:
        values: dict[str, object] = {
            name: {"value": {"type": "plain_text_input", "value": value}}
            for name, value in typed.items()
        }
        if "plan" in typed:
            values["plan"] = {
                "value": {"type": "static_select", "selected_option": {"value": typed["plan"]}}
            }
        response = harness.interact(
            {
                "type": "view_submission",
                "user": {"id": "UFRIDA"},
                "view": {
                    "id": "V89",
                    "type": "modal",
                    "callback_id": callback,
                    "private_metadata": json.dumps(metadata),
                    "state": {"values": values},
                },
            }
        )
        assert response.status_code == 200
        answer: dict[str, Any] = response.json()
        return answer

    hint = "I cannot read that time: asdf (e.g.: 14/3 2027, week 12 2027, by week 12,"
    edited = submitted(EDIT_CALLBACK, {"activity": activity}, {"when": "asdf"})
    assert edited["response_action"] == "errors" and list(edited["errors"]) == ["when"]
    assert edited["errors"]["when"].startswith(hint)
    plan_id = before.plan_id
    added = submitted(ADD_CALLBACK, {}, {"plan": str(plan_id), "activity": "Nyhed", "when": "asdf"})
    assert added["errors"]["when"].startswith(hint)
    after = harness.services.activities.get(activity)
    assert (after.when, after.next_due) == (before.when, before.next_due)
    titles = [a.title for a in harness.services.activities.list("Plan", Actor.cli())]
    assert "Nyhed" not in titles
