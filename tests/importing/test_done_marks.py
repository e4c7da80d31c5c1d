"""Rows people mark as done, in the ways they do it: red, struck through, a Status column.

The files are written here with python-docx and openpyxl, formatted as Word and Excel write a
person's formatting: on the runs and cells themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color

from bot.importing import ImportedPlan, read_document, read_plan
from bot.importing.marks import is_red
from bot.services import Services
from bot.services.actor import Actor
from tests.importing.documents import write_csv

TODAY = dt.date(2027, 1, 4)
HEADER = ("Målgruppe", "Kanal", "Hvornår", "Ansvarlig")


def row(group: str) -> tuple[str, ...]:
    return (group, "Intranet", "Marts 2027", "FC")


def read(path: Path) -> ImportedPlan:
    return read_plan(read_document(path, 20_000_000), today=TODAY, language=None, default="da")


def done_groups(plan: ImportedPlan) -> dict[str, str | None]:
    return {a.fields["target_group"] or "": a.done_because for a in plan.activities}


# Word ----------------------------------------------------------------------------------------

WordCell = Callable[[docx.table._Cell], None]


def red_text(cell: docx.table._Cell) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)


def struck(cell: docx.table._Cell) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.strike = True


def highlighted(cell: docx.table._Cell) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.highlight_color = WD_COLOR_INDEX.RED


def coloured(value: str) -> WordCell:
    def paint(cell: docx.table._Cell) -> None:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.font.color.rgb = RGBColor.from_string(value)

    return paint


def shaded(fill: str) -> WordCell:
    def paint(cell: docx.table._Cell) -> None:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)

    return paint


def write_marked_word(
    path: Path,
    rows: Sequence[tuple[Sequence[str], WordCell | None, bool]],
    header_format: WordCell | None = None,
    header: Sequence[str] = HEADER,
) -> Path:
    """Rows with a format for their first cell only (False) or every cell (True)."""
    document = docx.Document()
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text)
        if header_format is not None:
            header_format(cell)
    for line, (cells, paint, whole_row) in zip(table.rows[1:], rows, strict=True):
        for index, (cell, text) in enumerate(zip(line.cells, cells, strict=True)):
            cell.paragraphs[0].add_run(text)
            if paint is not None and (whole_row or index == 0):
                paint(cell)
    document.save(str(path))
    return path


def test_word_rows_marked_red_or_struck_through_are_done(tmp_path: Path) -> None:
    path = write_marked_word(
        tmp_path / "plan.docx",
        [
            (row("Plain"), None, False),
            (row("Red row"), red_text, True),
            (row("Struck first cell"), struck, False),
            (row("Shaded dark red"), shaded("C00000"), False),
            (row("Highlighted"), highlighted, False),
            (row("Pink shading"), shaded("FFC7CE"), True),
            (row("Orange text"), coloured("FF6600"), True),
            (("Red last cell", "Intranet", "Marts 2027", "FC"), None, False),
        ],
    )
    document = docx.Document(str(path))
    red_text(document.tables[0].rows[8].cells[3])  # only the responsible cell is red
    document.save(str(path))
    plan = read(path)
    assert done_groups(plan) == {
        "Plain": None,
        "Red row": "red",
        "Struck first cell": "struck",
        "Shaded dark red": "red",
        "Highlighted": "red",
        "Pink shading": None,
        "Orange text": None,
        "Red last cell": None,
    }
    assert [a.done for a in plan.activities] == [False, True, True, True, True, False, False, False]
    assert [notice.message("da") for notice in plan.notices] == [
        "plan.docx, tabel 1: rækker læst som udført, fordi de er markeret med rødt: 3, 5, 6",
        "plan.docx, tabel 1: rækker læst som udført, fordi de er overstreget: 4",
    ]


def test_a_red_header_makes_red_the_tables_style_not_a_mark(tmp_path: Path) -> None:
    path = write_marked_word(
        tmp_path / "plan.docx",
        [(row("Red"), red_text, True), (row("Struck"), struck, True)],
        header_format=red_text,
    )
    plan = read(path)
    assert done_groups(plan) == {"Red": None, "Struck": "struck"}


# Excel ---------------------------------------------------------------------------------------

ExcelCell = Callable[[openpyxl.cell.Cell], None]


def font(**options: object) -> ExcelCell:
    def paint(cell: openpyxl.cell.Cell) -> None:
        cell.font = Font(**options)

    return paint


def fill(colour: Color | str) -> ExcelCell:
    def paint(cell: openpyxl.cell.Cell) -> None:
        cell.fill = PatternFill(fill_type="solid", fgColor=colour)

    return paint


def write_marked_excel(
    path: Path,
    rows: Sequence[tuple[Sequence[str], ExcelCell | None, bool]],
    header: Sequence[str] = HEADER,
) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Plan"
    sheet.append(list(header))
    for cells, paint, whole_row in rows:
        sheet.append(list(cells))
        if paint is not None:
            for cell in sheet[sheet.max_row] if whole_row else sheet[sheet.max_row][:1]:
                paint(cell)
    workbook.save(path)
    return path


def test_excel_rows_marked_red_or_struck_through_are_done(tmp_path: Path) -> None:
    path = write_marked_excel(
        tmp_path / "plan.xlsx",
        [
            (row("Plain"), None, False),
            (row("Red font"), font(color="FFFF0000"), True),
            (row("Struck"), font(strike=True), False),
            (row("Dark red fill"), fill("C00000"), False),
            # openpyxl's theme is Office 2007's: accent 2 is C0504D, a red.
            (row("Theme red"), font(color=Color(theme=5)), True),
            (row("Indexed red"), fill(Color(indexed=10)), True),
            (row("Light theme tint"), fill(Color(theme=5, tint=0.8)), True),
            (row("Pink fill"), fill("FFC7CE"), True),
            (row("Blue font"), font(color="FF0000FF"), True),
        ],
    )
    workbook = openpyxl.load_workbook(path)
    workbook["Plan"]["D2"].font = Font(color="FFFF0000")  # a red name in a plain row
    workbook.save(path)
    plan = read(path)
    assert done_groups(plan) == {
        "Plain": None,
        "Red font": "red",
        "Struck": "struck",
        "Dark red fill": "red",
        "Theme red": "red",
        "Indexed red": "red",
        "Light theme tint": None,
        "Pink fill": None,
        "Blue font": None,
    }
    assert [notice.message("sv") for notice in plan.notices] == [
        "plan.xlsx, tabell Plan: rader lästa som genomförda eftersom de är markerade med rött: "
        "3, 5, 6, 7",
        "plan.xlsx, tabell Plan: rader lästa som genomförda eftersom de är överstrukna: 4",
    ]


def test_excel_text_coloured_in_the_cell_editor_is_a_mark_when_it_is_all_the_text(
    tmp_path: Path,
) -> None:
    """Text selected and coloured while editing a cell is kept as rich text runs."""
    path = write_marked_excel(
        tmp_path / "plan.xlsx",
        [
            (row("All red"), None, False),
            (row("Half red"), None, False),
            (row("Struck"), None, False),
        ],
    )
    workbook = openpyxl.load_workbook(path, rich_text=True)
    sheet = workbook["Plan"]
    red = InlineFont(color="FFFF0000")
    sheet["A2"] = CellRichText([TextBlock(red, "All "), TextBlock(red, "red")])
    sheet["A3"] = CellRichText([TextBlock(red, "Half"), " red"])
    sheet["A4"] = CellRichText([TextBlock(InlineFont(strike=True), "Struck")])
    workbook.save(path)
    assert done_groups(read(path)) == {"All red": "red", "Half red": None, "Struck": "struck"}


STATUS_ROWS = [
    ("Udført", True),
    ("Klar", True),
    ("Genomförd", True),
    ("✓", True),
    ("Done", True),
    ("udført 12/3", True),
    ("Ikke udført", False),
    ("I gang", False),
    ("", False),
]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".docx"])
def test_a_status_column_saying_done(tmp_path: Path, suffix: str) -> None:
    header = (*HEADER, "Status")
    rows = [(*row(f"Group {n}"), status) for n, (status, _) in enumerate(STATUS_ROWS)]
    path = tmp_path / f"plan{suffix}"
    if suffix == ".xlsx":
        write_marked_excel(path, [(cells, None, False) for cells in rows], header)
    elif suffix == ".csv":
        write_csv(path, [header, *rows])
    else:
        write_marked_word(path, [(cells, None, False) for cells in rows], header=header)
    plan = read(path)
    assert [a.done for a in plan.activities] == [done for _, done in STATUS_ROWS]
    table = "Plan" if suffix == ".xlsx" else "1"
    assert [notice.message("en") for notice in plan.notices] == [
        f"plan{suffix}, table {table}: rows read as done because the column \u201cStatus\u201d "
        "says \u201cUdført\u201d, \u201cKlar\u201d, \u201cGenomförd\u201d, \u201c✓\u201d, "
        "\u201cDone\u201d, \u201cudført 12/3\u201d: 2, 3, 4, 5, 6, 7"
    ]


def test_a_column_headed_done_takes_a_cross_or_yes(tmp_path: Path) -> None:
    rows = [
        [*row("Cross"), "x"],
        [*row("Ja"), "Ja"],
        [*row("Check"), "✔"],
        [*row("Empty"), ""],
        [*row("Nej"), "nej"],
    ]
    path = write_csv(tmp_path / "plan.csv", [[*HEADER, "Udført"], *rows])
    plan = read(path)
    assert done_groups(plan) == {
        "Cross": "status",
        "Ja": "status",
        "Check": "status",
        "Empty": None,
        "Nej": None,
    }
    assert plan.notices[0].message("da") == (
        "plan.csv, tabel 1: rækker læst som udført, fordi kolonnen \u201cUdført\u201d siger "
        "\u201cx\u201d, \u201cJa\u201d, \u201c✔\u201d: 2, 3, 4"
    )


def test_a_status_column_wins_over_a_mark(tmp_path: Path) -> None:
    path = write_marked_excel(
        tmp_path / "plan.xlsx",
        [((*row("Both"), "Udført"), font(color="FFFF0000"), True)],
        (*HEADER, "Status"),
    )
    assert done_groups(read(path)) == {"Both": "status"}


@pytest.mark.parametrize(
    ("colour", "red"),
    [
        ("FF0000", True),
        ("FFFF0000", True),
        ("C00000", True),
        ("C0504D", True),  # Office 2007-2010 accent 2
        ("E06666", True),
        ("800000", True),
        ("FF3300", True),
        ("FFC7CE", False),  # Excel's "light red fill": pink
        ("FF6600", False),
        ("FFC000", False),
        ("000000", False),
        ("auto", False),
        ("", False),
    ],
)
def test_which_colours_are_red(colour: str, red: bool) -> None:
    assert is_red(colour) is red


def test_an_import_marks_red_rows_done_and_reports_why(services: Services, tmp_path: Path) -> None:
    services.teams.add("Skole", Actor.cli(), slug="skole")
    path = write_marked_excel(
        tmp_path / "plan.xlsx",
        [(row("Ledere"), None, False), (row("Forældre"), fill("FF0000"), True)],
    )
    report = services.imports.apply(services.imports.read(path), Actor.cli(), team="skole")
    statuses = {
        a.target_group: a.status for a in services.activities.list(report.plan_name, Actor.cli())
    }
    assert statuses == {"Ledere": "planned", "Forældre": "done"}
    assert report.as_json("da")["notices"] == [
        {
            "code": "done_red",
            "table": "Plan",
            "row": None,
            "column": None,
            "message": "rækker læst som udført, fordi de er markeret med rødt: 3",
        }
    ]
