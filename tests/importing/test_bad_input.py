"""A file that cannot be imported gets one message naming where, and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.importing import ImportFailed, read_document
from bot.services import Services
from bot.services.actor import Actor
from tests.importing.documents import Sheet, WordTable, write_csv, write_excel, write_word

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def fails(services: Services, path: Path) -> str:
    """Import ``path``; return the error it gives, after checking nothing was written."""
    before = (services.teams.list(), services.plans.list())
    with pytest.raises(ImportFailed) as raised:
        services.imports.apply(services.imports.read(path), Actor.cli())
    assert (services.teams.list(), services.plans.list()) == before
    return raised.value.message("en")


def test_a_corrupt_word_file(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes((SAMPLES / "udbud-kommunikationsplan.docx").read_bytes()[:5000])
    assert fails(services, path) == "plan.docx: the file is damaged and cannot be read"


def test_an_encrypted_or_old_office_file(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert fails(services, path) == (
        "plan.xlsx: the file is encrypted or in the old .doc/.xls format; save it without a "
        "password as .docx or .xlsx"
    )


def test_a_word_file_named_xlsx(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    shutil.copy(SAMPLES / "udbud-kommunikationsplan.docx", path)
    assert fails(services, path) == "plan.xlsx: the file is really a .docx file; rename it"


def test_a_text_file_named_docx(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    shutil.copy(SAMPLES / "udbud-kommunikationsplan.csv", path)
    assert (
        fails(services, path) == "plan.docx: the file is named .docx but is not an Office document"
    )


def test_a_spreadsheet_named_csv(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    shutil.copy(SAMPLES / "mittkoping-aktivitetsplan.xlsx", path)
    assert fails(services, path) == "plan.csv: the file is not a text (CSV) file"


def test_an_unknown_file_type(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert fails(services, path) == (
        "plan.pdf: files of type .pdf cannot be imported; use .docx, .xlsx or .csv"
    )


def test_a_missing_file(services: Services, tmp_path: Path) -> None:
    assert fails(services, tmp_path / "nowhere.csv") == "nowhere.csv: no such file"


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "plan.csv", [["Activity", "When"], ["A", "May 2027"]])
    with pytest.raises(ImportFailed) as raised:
        read_document(path, max_bytes=10)
    assert raised.value.message("en") == (
        f"plan.csv: the file is {path.stat().st_size} bytes; the limit is 10 "
        "(COMMPLAN_MAX_IMPORT_BYTES)"
    )


def test_a_table_with_no_recognisable_header(services: Services, tmp_path: Path) -> None:
    path = write_word(
        tmp_path / "plan.docx",
        [WordTable([["", ""], ["Navn", "Telefon"], ["Kim", "1234"]])],
    )
    assert fails(services, path) == (
        "plan.docx, table 1, row 2: no recognisable header row (found: Navn | Telefon); "
        "a plan has columns such as Activity, Audience, Channel, When, Owner"
    )


def test_a_sheet_with_no_recognisable_header_in_danish(services: Services, tmp_path: Path) -> None:
    path = write_excel(tmp_path / "plan.xlsx", [Sheet("Ark1", [["Navn", "Telefon"]])])
    with pytest.raises(ImportFailed) as raised:
        services.imports.read(path)
    assert raised.value.message("da") == (
        "plan.xlsx, tabel Ark1, række 1: ingen genkendelig overskriftsrække (fandt: Navn | "
        "Telefon); en plan har kolonner som Målgruppe, Budskab, Kanal, Hvornår, Ansvarlig"
    )


def test_a_row_longer_than_its_header(services: Services, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "plan.csv",
        [
            ["Målgruppe", "Kanal", "Hvornår"],
            ["Ledere", "Møde", "Marts 2027"],
            ["Alle", "Intranet", "April 2027", "ekstra"],
        ],
    )
    assert fails(services, path) == (
        "plan.csv, table 1, row 3, column 4: the row has 4 cells but the header only 3"
    )


def test_bytes_that_are_no_known_text_encoding(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(b"Activity;When\r\nA\x81;May 2027\r\n")
    assert fails(services, path) == (
        "plan.csv: the text is neither UTF-8 nor Windows-1252 (byte 17)"
    )


def test_a_bad_row_late_in_a_file_writes_none_of_the_good_ones(
    services: Services, tmp_path: Path
) -> None:
    rows = [["Activity", "When"], *[[f"Row {n}", "May 2027"] for n in range(50)]]
    rows.append(["Bad", "June 2027", "", "surplus"])
    path = write_csv(tmp_path / "plan.csv", rows, delimiter=",")
    assert fails(services, path).startswith("plan.csv, table 1, row 52, column 4:")
