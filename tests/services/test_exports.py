"""Exports that come back: each format edited as a person would (a row changed, one added, one
removed, one marked done) imports into the same plan; formula-like text is written so no
spreadsheet runs it and reads back as it was; the Excel header is the real one; one done colour.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
import time_machine
from PIL import Image

from bot.exporting import WRITERS
from bot.exporting.cells import DONE_COLOUR
from bot.interchange.identity import PlanIdentity, package_identity
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Ambiguous
from bot.services.import_report import ImportReport
from bot.web.plan_page import render_page
from tests.importing.documents import write_csv
from tests.shown import shown

NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
HEADER = ["Aktivitet", "Målgruppe", "Kanal", "Hvornår", "Bemærkninger"]
PLAN = [
    HEADER,
    ["Personalemøde", "Medarbejdere", "Møde", "Uge 14 2027", ""],
    ["Forældrebrev", "Forældre", "Forældreintra", "April 2027", ""],
    ["Pressemeddelelse", "Pressen", "Web", "Maj 2027", "Efter byrådet"],
    ["Klassemøde", "Elever", "Møde", "Juni 2027", ""],
]
PURPOSE = "Alle får besked i god tid"
HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "-2+3",
    "'=already quoted",
]
# How a CSV file holds each: a cell opening with ' before a formula character loses that one '.
IN_CSV = [*HOSTILE[:4], "''=already quoted"]


def load(services: Services, path: Path, **options: object) -> ImportReport:
    return services.imports.apply(services.imports.read(path), Actor.cli(), **options)  # type: ignore[arg-type]


@pytest.fixture
def plan(services: Services, tmp_path: Path) -> int:
    """A Danish plan in team "skole", with a second team (so a team is not implied)."""
    services.teams.add("Skole", Actor.cli(), slug="skole")
    services.teams.add("Andet", Actor.cli(), slug="andet")
    above = [["Skoleplan"], ["Formål", PURPOSE], []]  # title and purpose rows above the table
    report = load(services, write_csv(tmp_path / "plan.csv", [*above, *PLAN]), team="skole")
    assert report.plan is not None
    return report.plan.id


def export(services: Services, plan: int, path: Path) -> Path:
    WRITERS[path.suffix.lstrip(".")](services.exports.table(f"#{plan}", Actor.cli()), path)
    return path


# A person's edits, on the table's data rows (as lists of text under the export's headings).
Rows = list[list[str]]


def edit(headings: list[str], rows: Rows) -> Rows:
    when, status = headings.index("Hvornår"), headings.index("Status")
    by_title = {row[0]: row for row in rows}
    by_title["Forældrebrev"][when] = "Maj 2027"  # changed
    by_title["Klassemøde"][status] = "Udført"  # marked done
    kept = [row for row in rows if row[0] != "Pressemeddelelse"]  # removed
    added = [""] * len(headings)
    added[: len(HEADER)] = ["Nabobrev", "Naboer", "Brev", "Uge 20 2027", ""]
    return [*kept, added]  # added


def edit_csv(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    lines = list(csv.reader(text.splitlines(), delimiter=";"))
    header = lines.index(next(line for line in lines if line[:1] == ["Aktivitet"]))
    width = len(lines[header])
    body = edit(lines[header], [list(line) for line in lines[header + 1 :]])
    # Excel pads every row to the table's width when it saves a CSV: the identity line too.
    padded = [line + [""] * (width - len(line)) for line in [*lines[: header + 1], *body]]
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, delimiter=";", lineterminator="\r\n").writerows(padded)


def edit_xlsx(path: Path) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Aktivitet")
    headings = [str(cell.value) for cell in sheet[header]]
    count = sheet.max_row - header
    rows = [
        ["" if c.value is None else str(c.value) for c in sheet[header + i]]
        for i in range(1, count + 1)
    ]
    sheet.delete_rows(header + 1, count)
    for offset, values in enumerate(edit(headings, rows), start=1):
        for column, value in enumerate(values, start=1):
            sheet.cell(header + offset, column).value = value or None
    workbook.save(path)


def edit_docx(path: Path) -> None:
    document = docx.Document(str(path))
    table = document.tables[0]
    headings = [cell.text for cell in table.rows[0].cells]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    edited = edit(headings, rows)
    for row in list(table.rows[1:]):
        table._tbl.remove(row._tr)
    for values in edited:
        added = table.add_row()  # type: ignore[no-untyped-call]
        for cell, value in zip(added.cells, values, strict=True):
            cell.text = value
    document.save(str(path))


EDITORS: dict[str, Callable[[Path], None]] = {
    "csv": edit_csv,
    "xlsx": edit_xlsx,
    "docx": edit_docx,
}


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv"])
@time_machine.travel(NOW, tick=False)
def test_an_edited_export_updates_the_same_plan_without_naming_it(
    services: Services, plan: int, tmp_path: Path, fmt: str
) -> None:
    path = export(services, plan, tmp_path / f"Skoleplan.{fmt}")
    EDITORS[fmt](path)
    # Two teams and no --team, no --plan: the file's identity names the plan.
    report = load(services, path)
    assert report.plan is not None and report.plan.id == plan
    assert report.plan.purpose == PURPOSE and report.imported.purpose == PURPOSE
    assert [c.title for c in report.added] == ["Nabobrev"]
    assert [(c.title, c.fields) for c in report.changed] == [
        ("Forældrebrev", ("when",)),
        ("Klassemøde", ("status",)),
    ]
    assert [c.title for c in report.removed] == ["Pressemeddelelse"]
    assert report.unchanged == 1
    after = {a.title: a for a in services.activities.list(f"#{plan}", Actor.cli())}
    assert after["Forældrebrev"].next_due == dt.date(2027, 5, 31)
    assert after["Klassemøde"].status == "done"
    assert after["Pressemeddelelse"].status == "cancelled"
    assert after["Nabobrev"].target_group == "Naboer"
    assert [p.name for p in services.plans.list()] == ["Skoleplan"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv"])
@time_machine.travel(NOW, tick=False)
def test_formula_like_text_is_never_a_formula_and_reads_back_as_it_was(
    services: Services, tmp_path: Path, fmt: str
) -> None:
    rows = [HEADER, *([cell, "Alle", "Web", "Maj 2027", cell] for cell in IN_CSV)]
    report = load(services, write_csv(tmp_path / "Farlig.csv", rows))
    assert report.plan is not None
    path = export(services, report.plan.id, tmp_path / f"plan.{fmt}")
    if fmt == "csv":
        written = path.read_text(encoding="utf-8-sig").splitlines()
        cells = [line.split(";") for line in written if line.count(";") >= 5]
        for cell in (cell.strip('"') for line in cells[1:] for cell in (line[0], line[4])):
            assert cell.startswith("'"), cell
    if fmt == "xlsx":
        with zipfile.ZipFile(path) as package:
            sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in sheet_xml and "<f " not in sheet_xml
        values = [c.value for c in openpyxl.load_workbook(path).active["A"]]
        assert set(HOSTILE) <= set(values)
    again = load(services, path)
    assert again.plan is not None and again.plan.id == report.plan.id
    assert (again.added, again.changed, again.removed, again.unchanged) == ([], [], [], 5)
    views = services.activities.list(f"#{report.plan.id}", Actor.cli())
    assert [(v.title, v.remarks) for v in views] == [(title, title) for title in HOSTILE]


@time_machine.travel(NOW, tick=False)
def test_the_excel_header_is_the_real_one_bold_frozen_filtered_and_fitted(
    services: Services, plan: int, tmp_path: Path
) -> None:
    path = export(services, plan, tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Aktivitet")
    assert [sheet.cell(header - 1, c).value for c in range(1, 8)] == [None] * 7
    assert all(sheet.cell(header, c).font.bold for c in range(1, 8))
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.auto_filter.ref == f"A{header}:G{header + 4}"
    assert sheet.cell(header + 1, 1).value == "Personalemøde"
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEFG"}
    assert widths["A"] >= len("Pressemeddelelse") + 2  # the activity fits
    assert widths["C"] == len("Forældreintra") + 2  # a narrow column fits its longest text
    assert max(widths.values()) <= 60


@pytest.mark.parametrize(
    ("language", "delimiter", "header"),
    [
        ("da", ";", ["Aktivitet", "Målgruppe", "Hvornår"]),
        ("sv", ";", ["Aktivitet", "Målgrupp", "Tid"]),
        ("en", ",", ["Activity", "Target group", "When"]),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_csv_has_a_bom_and_the_separator_of_the_plans_language(
    services: Services, tmp_path: Path, language: str, delimiter: str, header: list[str]
) -> None:
    # A cell holding both separators and a quote: quoted, and read back whole.
    rows = [header, ['Nyhed, kort; "godt"', "Alle", "2027-05-03"], ["Info", "Ledere", "2027-06-07"]]
    report = load(services, write_csv(tmp_path / "Plan.csv", rows, delimiter=delimiter))
    assert report.plan is not None and report.plan.language == language
    path = export(services, report.plan.id, tmp_path / "out.csv")
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content[3:].decode("utf-8").split("\r\n")
    assert re.fullmatch(
        r"commplan plan #\d+ team default key [0-9a-f]{8} changes \d+ rows( \d+\.\d+)+", lines[0]
    )
    assert lines[1] == "Plan"  # the title, read back as the plan's name
    assert lines[3].split(delimiter)[:3] == header
    again = load(services, path)
    assert again.plan is not None and again.plan.id == report.plan.id
    assert (again.added, again.changed, again.removed, again.unchanged) == ([], [], [], 2)


@time_machine.travel(NOW, tick=False)
def test_every_format_carries_the_plans_identity(
    services: Services, plan: int, tmp_path: Path
) -> None:
    table = services.exports.table(f"#{plan}", Actor.cli())
    assert table.identity is not None and table.identity.plan_id == plan
    assert table.identity.team == "skole"
    for fmt in ("xlsx", "docx"):
        path = export(services, plan, tmp_path / f"plan.{fmt}")
        assert package_identity(path.read_bytes()) == table.identity
        assert services.imports.read(path).identity == table.identity
    csv_path = export(services, plan, tmp_path / "plan.csv")
    assert services.imports.read(csv_path).identity == table.identity


@time_machine.travel(NOW, tick=False)
def test_the_identity_wins_over_an_edited_title_but_not_over_another_installations(
    services: Services, plan: int, tmp_path: Path
) -> None:
    path = export(services, plan, tmp_path / "plan.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook.active["A1"] = "Skoleplan, ny udgave"
    workbook.save(path)
    report = load(services, path)
    assert report.plan is not None and report.plan.id == plan and report.unchanged == 4

    # The same line with another key: a file of another installation, where #id is another plan.
    csv_path = export(services, plan, tmp_path / "plan.csv")
    text = csv_path.read_text(encoding="utf-8-sig")
    line = text.splitlines()[0]
    foreign = PlanIdentity(plan, "skole", "00000000").line
    assert line != foreign
    csv_path.write_text(text.replace(line, foreign).replace("Skoleplan", "Fremmed"), "utf-8-sig")
    other = load(services, csv_path, team="andet")
    assert other.created and other.plan is not None and other.plan.id != plan

    # --team naming another team than the plan's: a copy there, not an update.
    copy = load(services, path, team="andet")
    assert copy.created and copy.plan is not None and copy.plan.name == "Skoleplan, ny udgave"


@time_machine.travel(NOW, tick=False)
def test_a_plan_is_found_by_name_without_team_when_the_name_is_unique(
    services: Services, plan: int, tmp_path: Path
) -> None:
    edited = write_csv(tmp_path / "Skoleplan.csv", [*PLAN[:3], PLAN[4]])  # no identity line
    report = load(services, edited, remove_missing=True)
    assert report.plan is not None and report.plan.id == plan
    assert [c.title for c in report.removed] == ["Pressemeddelelse"]
    load(services, write_csv(tmp_path / "Skoleplan.csv", PLAN), team="andet")
    with pytest.raises(Ambiguous, match="skole, andet"):
        load(services, edited)


@time_machine.travel(NOW, tick=False)
def test_done_has_one_colour_on_the_page_the_picture_and_the_exports(
    services: Services, plan: int, tmp_path: Path
) -> None:
    done = services.activities.list(f"#{plan}", Actor.cli())[0]
    services.activities.done(done.id, Actor.cli())
    url = shown(services.pages.link(f"#{plan}", Actor.cli()))
    page = services.pages.page(url.rsplit("/", 1)[1], {})
    assert page is not None
    html = render_page(page)
    colour = re.search(r"\.kind-done \{ color: (#[0-9a-f]{6}); \}", html)
    assert colour is not None
    assert re.search(rf"tr\.done td \{{ color: {colour[1]}; \}}", html)
    assert colour[1].lstrip("#").upper() == DONE_COLOUR
    red = re.search(r"\.kind-overdue \{ color: (#[0-9a-f]{6}); \}", html)
    assert red is not None and red[1] != colour[1]

    path = export(services, plan, tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Aktivitet")
    assert sheet.cell(header + 1, 1).font.color.rgb == "00" + DONE_COLOUR
    assert sheet.cell(header + 1, 6).value == "Udført"
    assert sheet.cell(header + 2, 1).font.color.rgb != "00" + DONE_COLOUR
    path = export(services, plan, tmp_path / "plan.docx")
    row = docx.Document(str(path)).tables[0].rows[1]
    assert str(row.cells[0].paragraphs[0].runs[0].font.color.rgb) == DONE_COLOUR

    # The picture's legend writes "✓ Udført" in the same colour.
    picture = services.pages.picture_of_page(url.rsplit("/", 1)[1])
    assert picture is not None
    image = Image.open(io.BytesIO(picture)).convert("RGB")
    used = {colour for _, colour in image.getcolors(maxcolors=1 << 16) or []}
    assert tuple(int(colour[1][i : i + 2], 16) for i in (1, 3, 5)) in used
