"""The approval audit export people open: local times, activity, version hash, detail columns,
a CSV their spreadsheet splits and a workbook whose every cell is text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import time_machine

from bot.exporting.audit_log import write_audit_csv, write_audit_xlsx
from bot.services import Services, approval_log
from bot.services.actor import Actor
from storage.models import ApprovalVersion, Decision
from tests.services.test_approvals import person, request, setup

ZONE = ZoneInfo("Europe/Copenhagen")
# Before and after the spring DST change (Sunday 28 March 2027), with microseconds.
BEFORE = dt.datetime(2027, 3, 26, 9, 0, 5, 123456, tzinfo=dt.UTC)
AFTER = dt.datetime(2027, 3, 29, 9, 30, 7, 654321, tzinfo=dt.UTC)
FORMULA = '=HYPERLINK("http://x","klik")'


def trail(services: Services) -> tuple[list[dict[str, object]], list[str]]:
    """Request before DST, a revision and a reject with a formula-like comment after it."""
    with time_machine.travel(BEFORE, tick=False):
        activity = setup(services)
        request_id = request(services, activity)
    with time_machine.travel(AFTER, tick=False):
        services.approvals.revise(request_id, person(services, "Frida Carlsson"), text="Udkast 2")
        services.approvals.decide(
            request_id, Decision.REJECT, person(services, "Bo Dahl"), comment=FORMULA
        )
    with services.context.sessions() as session:
        hashes = [
            v.content_hash
            for v in session.query(ApprovalVersion).order_by(ApprovalVersion.number).all()
        ]
    return services.approvals.log(Actor.cli()), hashes


def test_rows_have_local_times_activity_version_hash_and_detail_columns(
    services: Services,
) -> None:
    entries, hashes = trail(services)
    table = approval_log.table(entries, zone=ZONE, language="da")
    rows = [dict(zip(table.headings, row, strict=True)) for row in table.rows]
    # What happened in words (the JSON keeps the codes: approval.request, ...).
    assert [r["Handling"] for r in rows] == ["anmodning om godkendelse", "ny version", "beslutning"]
    # 10:00 CET before the change, 11:30 CEST after it; no microseconds, no offset; the
    # heading names the zone.
    assert [r["Tidspunkt (Europe/Copenhagen)"] for r in rows] == [
        "2027-03-26 10:00:05",
        "2027-03-29 11:30:07",
        "2027-03-29 11:30:07",
    ]
    assert {r["Aktivitet"] for r in rows} == {"Nyhedsbrev"}
    assert [r["Versionsnr."] for r in rows] == ["1", "2", "2"]
    assert [r["Versionens indholds-hash (SHA-256)"] for r in rows] == [hashes[0], *hashes[1:] * 2]
    assert len(set(hashes)) == 2
    # One column per detail field, headed in Danish; no JSON anywhere.
    assert rows[2]["Beslutning"] == "afvisning" and rows[2]["Kommentar"] == FORMULA
    assert rows[2]["På styregruppens vegne"] == "nej"
    assert not any("{" in cell for row in table.rows for cell in row)


def test_csv_is_semicolons_with_a_bom_in_danish_and_commas_in_english(services: Services) -> None:
    entries, _ = trail(services)
    danish = io.StringIO(newline="")
    write_audit_csv(approval_log.table(entries, zone=ZONE, language="da"), danish)
    text = danish.getvalue()
    assert text.startswith("\ufeffTidspunkt (Europe/Copenhagen);Handling;")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    comment = rows[0].index("Kommentar")
    assert rows[3][comment] == "'" + FORMULA  # a spreadsheet shows it, never runs it
    english = io.StringIO(newline="")
    write_audit_csv(approval_log.table(entries, zone=ZONE, language="en"), english)
    assert english.getvalue().startswith("\ufeffTime (Europe/Copenhagen),Action,Request,")


def test_workbook_cells_are_text_and_the_time_a_moment(services: Services, tmp_path: Path) -> None:
    entries, _ = trail(services)
    path = tmp_path / "log.xlsx"
    write_audit_xlsx(approval_log.table(entries, zone=ZONE, language="sv"), path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Tidpunkt (Europe/Copenhagen)", "Händelse"]
    # The time is a date-and-time cell (sorts and filters as one); every other cell is text.
    assert values[1][0] == dt.datetime(2027, 3, 26, 10, 0, 5)
    cells = [c for row in sheet.iter_rows(min_col=2) for c in row if c.value is not None]
    assert all(c.data_type == "s" for c in cells)
    assert FORMULA in [c.value for c in cells]  # kept as written, as a text cell
    assert sheet.freeze_panes == "A2"


def test_a_withdrawal_names_the_version_withdrawn(services: Services) -> None:
    with time_machine.travel(BEFORE, tick=False):
        activity = setup(services)
        request_id = request(services, activity)
        services.approvals.withdraw(request_id, person(services, "Frida Carlsson"))
    entry = services.approvals.log(Actor.cli())[-1]
    assert entry["action"] == "approval.withdraw" and entry["version"] == 1
    assert isinstance(entry["content_hash"], str) and len(entry["content_hash"]) == 64
