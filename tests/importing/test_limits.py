"""Files that would cost gigabytes or minutes to read are refused early, with one clear line.

The bombs are read in a child process that reports its own peak memory (VmHWM), so one
test's allocations cannot hide in or inflate another's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine

from bot.importing import ImportFailed, read_document
from bot.importing.files import read_content
from bot.importing.limits import Limits
from bot.services import Services
from config import load_settings
from tests.importing import bombs
from tests.importing.documents import Sheet, WordTable, write_csv, write_excel, write_word

REPO = Path(__file__).resolve().parents[2]
MAX_BYTES = 20_000_000

# Reads each file named on the command line as an import does; prints one JSON line per file
# (its error, the seconds it took) and last the process's peak resident memory in MB.
READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import bot.services  # bot.importing's errors come from the services layer
    from bot.importing import ImportFailed, read_document
    for name in sys.argv[1:]:
        started = time.monotonic()
        try:
            read_document(Path(name), 20_000_000)
            error = None
        except ImportFailed as failed:
            error = failed.message("en")
        print(json.dumps({"error": error, "seconds": time.monotonic() - started}))
    # VmHWM is this program's own peak: ru_maxrss would carry the forking pytest's over exec.
    status = Path("/proc/self/status").read_text()
    peak_kb = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1])
    print(json.dumps({"peak_mb": peak_kb / 1024}))
    """
)


def test_bombs_are_refused_in_seconds_within_300_mb(tmp_path: Path) -> None:
    files = [
        bombs.far_cell_workbook(tmp_path / "far.xlsx"),
        bombs.far_merge_workbook(tmp_path / "merged.xlsx"),
        bombs.deflate_bomb(tmp_path / "deflated.docx"),
        bombs.entity_bomb(tmp_path / "entities.docx"),
        bombs.entity_bomb(tmp_path / "entities.xlsx"),
    ]
    assert max(path.stat().st_size for path in files[:2]) < 6_000  # what the harness found
    assert files[2].stat().st_size < MAX_BYTES  # under the file size limit: no help there
    with zipfile.ZipFile(files[2]) as package:
        unpacked = sum(member.file_size for member in package.infolist())
    assert unpacked > 2_000_000_000
    result = subprocess.run(
        [sys.executable, "-c", READER, *map(str, files)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    *outcomes, peak = (json.loads(line) for line in result.stdout.splitlines())
    errors = [outcome["error"] for outcome in outcomes]
    assert errors == [
        "far.xlsx, table Sheet, row 1048576: the file has more than 10000 rows "
        "(COMMPLAN_MAX_IMPORT_ROWS); split the plan or raise the limit",
        None,  # the merged range reaches past every value: it covers nothing read
        f"deflated.docx: the file unpacks to {unpacked} bytes; the limit is 100000000 "
        "(COMMPLAN_MAX_IMPORT_UNPACKED_BYTES)",
        "entities.docx: not a Word file: it declares XML entities (a DTD), which Word never does",
        "entities.xlsx: not an Excel file: it declares XML entities (a DTD), which Excel never "
        "does",
    ]
    # Generous bounds on what took minutes and gigabytes before (the whole run is a second).
    assert all(outcome["seconds"] < 10 for outcome in outcomes), outcomes
    assert peak["peak_mb"] < 300, peak


def test_a_merged_range_to_the_last_cell_spreads_only_over_the_plan(tmp_path: Path) -> None:
    document = read_document(bombs.far_merge_workbook(tmp_path / "merged.xlsx"), MAX_BYTES)
    (table,) = document.tables
    assert table.columns == ("A", "B", "C")
    assert [row.number for row in table.rows] == [1, 2, 5]
    assert table.rows[-1].cells == ("Alle", "Alle", "Alle")  # across the plan's columns only


def test_a_million_row_csv_is_refused_at_the_first_row_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    lines = ["Aktivitet;Kanal;Hvornår", *(f"A{n};Mail;maj" for n in range(1_000_000))]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert 10_000_000 < path.stat().st_size < MAX_BYTES
    with pytest.raises(ImportFailed) as raised:
        read_document(path, MAX_BYTES)
    assert raised.value.message("da") == (
        "plan.csv, tabel 1, række 10001: filen har mere end 10000 rækker "
        "(COMMPLAN_MAX_IMPORT_ROWS); del planen op, eller hæv grænsen"
    )


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[Services]:
    """Services whose settings allow 30 rows per import (reading touches no database)."""
    url = f"sqlite:///{tmp_path / 'unused.db'}"
    settings = load_settings(
        COMMPLAN_DATABASE_URL=url, COMMPLAN_LANGUAGE="en", COMMPLAN_MAX_IMPORT_ROWS="30"
    )
    engine = create_engine(url)
    yield Services.create(settings, engine)
    engine.dispose()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".docx"])
def test_the_row_limit_is_a_setting_and_counts_every_table(
    limited: Services, tmp_path: Path, suffix: str
) -> None:
    header = ["Målgruppe", "Kanal", "Hvornår"]
    rows = [header, *([f"Gruppe {n}", "Mail", "Maj 2027"] for n in range(29))]
    fits = _write(tmp_path / f"fits{suffix}", [rows])
    assert len(limited.imports.read(fits).activities) == 29
    over = _write(tmp_path / f"over{suffix}", [rows, [header, ["Alle", "Intranet", "Juni"]]])
    with pytest.raises(ImportFailed) as raised:
        limited.imports.read(over)
    assert "the file has more than 30 rows (COMMPLAN_MAX_IMPORT_ROWS)" in raised.value.message("en")


def _write(path: Path, tables: list[list[list[str]]]) -> Path:
    if path.suffix == ".csv":
        return write_csv(path, [row for table in tables for row in table])
    if path.suffix == ".xlsx":
        return write_excel(path, [Sheet(f"Ark{n}", t) for n, t in enumerate(tables, 1)])
    return write_word(path, [WordTable(table) for table in tables])


def test_a_stray_cell_far_to_the_right_is_refused_by_rows_times_columns(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Målgruppe", "Kanal", "Hvornår"]]
    rows += [[f"Gruppe {n}", "Mail", "Maj 2027"] for n in range(99)]
    path = write_excel(tmp_path / "plan.xlsx", [Sheet("Ark1", rows)])
    workbook = openpyxl.load_workbook(path)
    workbook["Ark1"]["XFD1"] = "note"
    workbook.save(path)
    with pytest.raises(ImportFailed) as raised:
        read_document(path, MAX_BYTES, Limits(max_cells=1_000_000))
    assert raised.value.message("en") == (
        "plan.xlsx, table Ark1, row 62, column XFD: the table spans 62 rows × 16384 columns "
        "(1015808 cells); the limit is 1000000: delete what lies outside the plan"
    )


def test_a_word_cell_spanning_a_million_columns_is_refused(tmp_path: Path) -> None:
    path = write_word(tmp_path / "plan.docx", [WordTable(bombs.PLAN)])
    bombs._rewrite(
        path.read_bytes(),
        path,
        "word/document.xml",
        lambda xml: xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2000000"/>', 1),
    )
    with pytest.raises(ImportFailed) as raised:
        read_document(path, MAX_BYTES)
    assert raised.value.message("en").startswith(
        "plan.docx, table 1, row 1, column 2000000: the table spans 1 rows × 2000000 columns"
    )


def test_too_many_parts_and_too_much_xml(tmp_path: Path) -> None:
    content = write_word(tmp_path / "plan.docx", [WordTable(bombs.PLAN)]).read_bytes()
    with pytest.raises(ImportFailed) as raised:
        read_content("plan.docx", ".docx", content, Limits(max_members=5))
    assert raised.value.message("en").startswith("plan.docx: the file has ")
    assert raised.value.message("en").endswith(
        " parts; an Office document has far fewer (at most 5)"
    )
    with pytest.raises(ImportFailed) as raised:
        read_content("plan.docx", ".docx", content, Limits(max_xml=1_000))
    assert "the file's text parts (XML) unpack to" in raised.value.message("en")


def test_a_formula_is_read_from_its_saved_result(tmp_path: Path) -> None:
    rows = [
        ["Målgruppe", "Kanal", "Hvornår", "Antal", "Bemærkninger"],
        ["Ledere", "Møde", "=B2&C1", "=1+1", '=IF(D2>5,"mange","")'],
    ]
    path = write_excel(tmp_path / "plan.xlsx", [Sheet("Ark1", rows)])
    # As Excel saves them: the formula and, in <v>, its result when last calculated; an empty
    # text result is t="str" with an empty <v>.
    saved = {
        b'<c r="C2"><f>B2&amp;C1</f><v></v></c>': (
            b'<c r="C2" t="str"><f>B2&amp;C1</f><v>Marts 2027</v></c>'
        ),
        b'<c r="D2"><f>1+1</f><v></v></c>': b'<c r="D2"><f>1+1</f><v>2</v></c>',
        b'<c r="E2"><f>IF(D2&gt;5,"mange","")</f><v></v></c>': (
            b'<c r="E2" t="str"><f>IF(D2&gt;5,"mange","")</f><v></v></c>'
        ),
    }

    def calculate(xml: bytes) -> bytes:
        for unsaved, result in saved.items():
            assert unsaved in xml
            xml = xml.replace(unsaved, result)
        return xml

    bombs._rewrite(path.read_bytes(), path, "xl/worksheets/sheet1.xml", calculate)
    (table,) = read_document(path, MAX_BYTES).tables
    assert table.rows[1].cells == ("Ledere", "Møde", "Marts 2027", "2", "")


def test_a_formula_without_a_saved_result_is_refused_naming_its_cell(tmp_path: Path) -> None:
    # openpyxl, like many programs that write workbooks, saves formulas without results.
    path = write_excel(
        tmp_path / "plan.xlsx",
        [Sheet("Plan", [["Målgruppe", "Kanal", "Hvornår"], ["Ledere", "=A2", "Maj 2027"]])],
    )
    with pytest.raises(ImportFailed) as raised:
        read_document(path, MAX_BYTES)
    assert raised.value.message("sv") == (
        "plan.xlsx, tabell Plan, rad 2, kolumn B: cellen har en formel utan sparat resultat; "
        "öppna filen i Excel och spara den igen, eller klistra in värdena i stället för formlerna"
    )


def test_a_formula_like_text_cell_is_text(tmp_path: Path) -> None:
    """A string cell starting with "=" (as an export writes a title like that) is no formula."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Aktivitet", "Hvornår"])
    sheet.append(["", "Maj 2027"])
    sheet["A2"].value = '=HYPERLINK("http://evil.example","x")'
    sheet["A2"].data_type = "s"
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    (table,) = read_document(path, MAX_BYTES).tables
    assert table.rows[1].cells[0] == '=HYPERLINK("http://evil.example","x")'


def test_a_csv_line_of_a_million_cells_is_refused_before_it_is_split(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Aktivitet;Hvornår\n" + "ab;" * 1_500_000, encoding="utf-8")
    with pytest.raises(ImportFailed) as raised:
        read_document(path, MAX_BYTES)
    assert raised.value.message("en") == (
        "plan.csv, table 1, row 2: the table spans 2 rows × 1500001 columns (3000002 "
        "cells); the limit is 1000000: delete what lies outside the plan"
    )
