"""A plan's file sent in the Teams personal chat: the SDK's route receives the message with a
``file.download.info`` attachment; a local file server stands in for the file's downloadUrl."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.services import Services
from bot.services.actor import Actor
from bot.transports.msteams.files import FILE_DOWNLOAD_INFO
from storage.models import Origin, PendingUpload, Plan
from tests.fakes.file_server import FileServer
from tests.transports.msteams.adaptive_cards import card_errors, require_validator
from tests.transports.msteams.harness import APP_ID, MsTeamsHarness, actions_of

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "udbud-kommunikationsplan.csv"


@pytest.fixture
def files() -> Iterator[FileServer]:
    server = FileServer().start()
    yield server
    server.stop()


def count(services: Services, model: type) -> int:
    with services.context.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def frida(msteams: MsTeamsHarness) -> int:
    services = msteams.services
    services.teams.add("Udbud", CLI)
    person = services.people.add("Frida Carlsson", CLI, team="udbud", email="frida@kommune.dk")
    msteams.fake.emails["29:frida"] = "frida@kommune.dk"
    return person.id


def send_file(msteams: MsTeamsHarness, name: str, url: str) -> dict[str, Any]:
    attachment = {
        "contentType": FILE_DOWNLOAD_INFO,
        "name": name,
        "content": {"downloadUrl": url, "uniqueId": "u1", "fileType": Path(name).suffix[1:]},
    }
    response = msteams.message("29:frida", "", attachments=[attachment])
    assert response.status_code == 200
    answer = msteams.fake.posted("a:29:frida")[-1]
    content: dict[str, Any] = answer.cards[0]
    return content


def test_preview_then_import_as_the_sender(msteams: MsTeamsHarness, files: FileServer) -> None:
    require_validator()
    person = frida(msteams)
    files.files["Udbud.csv"] = SAMPLE.read_bytes()
    card = send_file(msteams, "Udbud.csv", files.url("Udbud.csv"))
    assert card_errors(card) == []
    assert "Udbud.csv becomes a new plan" in card["body"][0]["text"]
    actions = [a for a in actions_of(card) if a.get("verb") in ("import_upload", "cancel_upload")]
    assert [(a["verb"], a.get("style")) for a in actions] == [
        ("import_upload", "positive"),
        ("cancel_upload", None),
    ]
    assert count(msteams.services, Plan) == 0
    answer = msteams.click("29:frida", actions[0], reply_to="m1")
    assert "Imported: «Udbud»" in answer["value"]["body"][0]["text"]
    plan = msteams.services.plans.get("Udbud")
    with msteams.services.context.sessions() as session:
        stored = session.get(Plan, plan.id)
        assert stored is not None and stored.owner_id == person
    assert count(msteams.services, PendingUpload) == 0
    assert files.fetched == ["Udbud.csv"]  # the kept bytes were imported, not a second fetch


def test_cancel_stores_nothing(msteams: MsTeamsHarness, files: FileServer) -> None:
    frida(msteams)
    files.files["Udbud.csv"] = SAMPLE.read_bytes()
    card = send_file(msteams, "Udbud.csv", files.url("Udbud.csv"))
    [cancel] = [a for a in actions_of(card) if a.get("verb") == "cancel_upload"]
    answer = msteams.click("29:frida", cancel, reply_to="m1")
    assert "Cancelled: nothing of Udbud.csv was kept." in answer["value"]["body"][0]["text"]
    assert count(msteams.services, PendingUpload) == 0
    assert count(msteams.services, Plan) == 0


def test_30_mb_is_refused_before_its_body_is_read(
    msteams: MsTeamsHarness, files: FileServer
) -> None:
    frida(msteams)
    files.announce["big.xlsx"] = 30_000_000  # the body never comes: reading it would hang
    card = send_file(msteams, "big.xlsx", files.url("big.xlsx"))
    assert card["body"][0]["text"].startswith("big.xlsx: ")
    assert "30000000" in card["body"][0]["text"].replace(",", "").replace(" ", "")
    assert count(msteams.services, PendingUpload) == 0


def test_a_program_renamed_xlsx_is_refused(msteams: MsTeamsHarness, files: FileServer) -> None:
    frida(msteams)
    files.files["plan.xlsx"] = b"MZ\x90\x00" + b"\x00" * 500
    card = send_file(msteams, "plan.xlsx", files.url("plan.xlsx"))
    assert card["body"][0]["text"].startswith("plan.xlsx: ")
    assert not [a for a in actions_of(card) if a.get("verb") == "import_upload"]
    assert count(msteams.services, PendingUpload) == 0


def test_linked_by_email_on_the_first_message_and_told_so(msteams: MsTeamsHarness) -> None:
    frida(msteams)
    assert msteams.message("29:frida", "hej").status_code == 200
    card = msteams.fake.posted("a:29:frida")[-1].cards[0]
    texts = [item.get("text", "") for item in card["body"]]
    assert "Send your communication plan" in texts[0]
    assert "I have linked you to Frida Carlsson by your e-mail address." in texts
    # Told once: the next message finds them linked already.
    assert msteams.message("29:frida", "hej").status_code == 200
    again = [
        item.get("text", "") for item in msteams.fake.posted("a:29:frida")[-1].cards[0]["body"]
    ]
    assert not any("I have linked you" in text for text in again)


def test_the_welcome_of_someone_without_a_plan_says_where_to_start(msteams: MsTeamsHarness) -> None:
    frida(msteams)
    added = msteams.activity(
        "29:frida", type="conversationUpdate", membersAdded=[{"id": f"28:{APP_ID}"}], locale="da-DK"
    )
    assert msteams.post(added).status_code == 200
    [hello] = msteams.fake.posted("a:29:frida")
    text = hello.cards[0]["body"][0]["text"]
    assert text.startswith("Hej!")
    assert "Send din kommunikationsplan (Word, Excel eller CSV) her" in text
    assert "guide-da.md" in text
