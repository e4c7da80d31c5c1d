"""A plan's file sent to the app's DM on Slack: signed ``message`` events with ``file_share``,
the fake Web API serving the file to the bot token alone; the preview, Import, Cancel, and the
refusals made before anything is fetched."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.services import Services
from bot.services.actor import Actor
from storage.models import Origin, PendingUpload, Plan, Surface
from tests.transports.slack.harness import Harness

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "udbud-kommunikationsplan.csv"


def count(services: Services, model: type) -> int:
    with services.context.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def member(services: Services, user: str = "UFRIDA") -> int:
    services.teams.add("Udbud", CLI)
    person = services.people.add(
        "Frida Carlsson", CLI, team="udbud", addresses={Surface.SLACK: user}
    )
    return person.id


def share(harness: Harness, file_id: str, name: str, size: int, url: str | None = None) -> None:
    harness.event(
        {
            "type": "message",
            "subtype": "file_share",
            "channel_type": "im",
            "channel": "DUFRIDA",
            "user": "UFRIDA",
            "text": "",
            "ts": "1.1",
            "files": [
                {
                    "id": file_id,
                    "name": name,
                    "size": size,
                    "filetype": Path(name).suffix.lstrip("."),
                    "url_private_download": url or harness.fake.file_url(file_id, name),
                }
            ],
        }
    )


def press(harness: Harness, action: str, value: str, ts: str) -> None:
    payload = {
        "type": "block_actions",
        "user": {"id": "UFRIDA"},
        "trigger_id": "t",
        "container": {"type": "message", "channel_id": "DUFRIDA", "message_ts": ts},
        "actions": [{"action_id": f"commplan_{action}", "value": value, "action_ts": "1"}],
    }
    assert harness.interact(payload).status_code == 200


def reply_buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    [actions] = [block for block in blocks if block.get("block_id") == "reply"]
    elements: list[dict[str, Any]] = actions["elements"]
    return elements


def test_preview_then_import_as_the_sender(harness: Harness) -> None:
    person = member(harness.services)
    content = SAMPLE.read_bytes()
    harness.fake.files["F1"] = content
    share(harness, "F1", "Udbud.csv", len(content))
    [posted] = harness.wait_for("chat.postMessage")
    # Fetched once, with the bot token, from the host the Web API is configured at.
    assert harness.fake.downloads == [("F1", "xoxb-test")]
    assert posted["channel"] == "DUFRIDA"
    assert "Udbud.csv becomes a new plan" in posted["text"]
    buttons = reply_buttons(posted["blocks"])
    assert [(b["action_id"], b.get("style")) for b in buttons] == [
        ("commplan_import_upload", "primary"),
        ("commplan_cancel_upload", None),
    ]
    assert count(harness.services, Plan) == 0
    message = harness.fake.posted[-1]
    press(harness, "import_upload", buttons[0]["value"], message.ts)
    [update] = harness.wait_for("chat.update")
    assert "Imported: «Udbud»" in update["text"]
    plan = harness.services.plans.get("Udbud")
    with harness.services.context.sessions() as session:
        stored = session.get(Plan, plan.id)
        assert stored is not None and stored.owner_id == person
    assert count(harness.services, PendingUpload) == 0
    # Exactly the kept bytes were imported: no second download.
    assert len(harness.fake.downloads) == 1


def test_cancel_stores_nothing(harness: Harness) -> None:
    member(harness.services)
    harness.fake.files["F1"] = SAMPLE.read_bytes()
    share(harness, "F1", "Udbud.csv", len(harness.fake.files["F1"]))
    [posted] = harness.wait_for("chat.postMessage")
    press(harness, "cancel_upload", reply_buttons(posted["blocks"])[1]["value"], "1.2")
    [update] = harness.wait_for("chat.update")
    assert "Cancelled: nothing of Udbud.csv was kept." in update["text"]
    assert count(harness.services, PendingUpload) == 0
    assert count(harness.services, Plan) == 0


@pytest.mark.parametrize(
    ("name", "size", "said"),
    [
        ("plan.xlsx", 30_000_000, "plan.xlsx: "),  # declared 30 MB: never fetched
        ("setup.exe", 2_000, "setup.exe: "),  # not a plan's type: never fetched
    ],
)
def test_refused_before_the_download(harness: Harness, name: str, size: int, said: str) -> None:
    member(harness.services)
    harness.fake.files["F9"] = b"x"
    share(harness, "F9", name, size)
    [posted] = harness.wait_for("chat.postMessage")
    assert posted["text"].startswith(said)
    assert harness.fake.downloads == []
    assert count(harness.services, PendingUpload) == 0


def test_a_program_renamed_xlsx_is_refused_by_its_first_bytes(harness: Harness) -> None:
    member(harness.services)
    harness.fake.files["F2"] = b"MZ\x90\x00" + b"\x00" * 500
    share(harness, "F2", "plan.xlsx", 504)
    [posted] = harness.wait_for("chat.postMessage")
    assert posted["text"].startswith("plan.xlsx: ")
    assert "Import" not in str(posted["blocks"])
    assert count(harness.services, PendingUpload) == 0


def test_the_token_goes_to_no_host_but_slacks(harness: Harness) -> None:
    member(harness.services)
    harness.fake.files["F3"] = SAMPLE.read_bytes()
    # The same fake, under another host name (localhost, not 127.0.0.1): the token stays home.
    elsewhere = harness.fake.file_url("F3", "Udbud.csv").replace("127.0.0.1", "localhost")
    assert urllib.parse.urlsplit(elsewhere).hostname == "localhost"
    share(harness, "F3", "Udbud.csv", 100, url=elsewhere)
    [posted] = harness.wait_for("chat.postMessage")
    assert "could not be fetched" in posted["text"]
    assert harness.fake.downloads == []
    assert count(harness.services, PendingUpload) == 0


def test_an_unlinked_user_is_linked_by_email_on_the_first_message(harness: Harness) -> None:
    services = harness.services
    services.people.add("Frida Carlsson", CLI, email="frida@example.dk")
    harness.fake.profiles["UFRIDA"] = "Frida@Example.dk"
    harness.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "DUFRIDA",
            "user": "UFRIDA",
            "text": "hello",
            "ts": "1.3",
        }
    )
    [posted] = harness.wait_for("chat.postMessage")
    notes = [
        block["elements"][0]["text"] for block in posted["blocks"] if block["type"] == "context"
    ]
    assert "I have linked you to Frida Carlsson by your e-mail address." in notes
    # No plan yet: where to start, not the list of commands.
    assert "Send your communication plan" in posted["text"]
    assert services.people.by_chat_user(Surface.SLACK, "UFRIDA") is not None


def test_a_body_longer_than_declared_is_dropped_at_the_limit(harness: Harness) -> None:
    member(harness.services)
    # The event says 100 bytes; the file has more than the limit (lowered for the test).
    harness.slack.files.max_bytes = 1_000
    harness.fake.files["F4"] = SAMPLE.read_bytes() * 3
    assert len(harness.fake.files["F4"]) > 1_000
    share(harness, "F4", "Udbud.csv", 100)
    [posted] = harness.wait_for("chat.postMessage")
    assert posted["text"].startswith("Udbud.csv: ")
    assert "1000" in posted["text"].replace(",", "").replace(" ", "")
    assert count(harness.services, PendingUpload) == 0


def test_app_home_of_someone_without_a_plan_says_where_to_start(harness: Harness) -> None:
    member(harness.services)
    harness.event({"type": "app_home_opened", "user": "UFRIDA", "tab": "home"})
    [published] = harness.wait_for("views.publish")
    view = (
        published["view"] if isinstance(published["view"], dict) else json.loads(published["view"])
    )
    shown = json.dumps(view, ensure_ascii=False)
    assert "Send your communication plan (Word, Excel or CSV) here" in shown
    assert "guide-da.md" in shown
