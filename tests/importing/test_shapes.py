"""The shapes plans come in (GLOSSARY.md), built as real Word, Excel and CSV files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.importing import ImportedPlan, read_document, read_plan
from bot.importing.headings import field_of
from storage.rules.timing import TimingKind
from tests.importing.documents import (
    UDBUD_HEADER,
    Heading,
    Sheet,
    Text,
    WordTable,
    write_csv,
    write_excel,
    write_word,
)

TODAY = dt.date(2026, 11, 22)


def read(path: Path, language: str | None = None) -> ImportedPlan:
    return read_plan(
        read_document(path, 10_000_000),
        today=TODAY,
        language=language,  # type: ignore[arg-type]
        default="en",
    )


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("HVEM\nMålgruppe/\nInteressenter", "target_group"),
        ("hvad\nkernebudskab", "message"),
        ("HVORDAN\nKommunikations-\nform", "channel"),
        ("Kommunikations-form", "channel"),
        ("HVORNÅR\nTermin for handling", "when"),
        ("Termin for handling", "when"),
        ("  ansvarlig:  ", "responsible"),
        ("FORVENTET REAKTION", "expected_reaction"),
        ("Bemærkninger", "remarks"),
        ("Syfte och målgrupp", "goal"),
        ("Målgrupp och syfte", "target_group"),
        ("Kommunikationsmål", "goal"),
        ("Tidplan", "when"),
        ("När?", "when"),
        ("Förväntad effekt", "expected_reaction"),
        ("Anmärkning", "remarks"),
        ("Key message", "message"),
        ("Stakeholders / Audience", "target_group"),
        ("OWNER", "responsible"),
        ("Expected reaction", "expected_reaction"),
        ("Notes", "remarks"),
        ("Budget", None),
        ("Nr.", None),
        ("", None),
    ],
)
def test_headings_whatever_their_case_lines_and_punctuation(
    heading: str, field: str | None
) -> None:
    assert field_of(heading) == field


def test_a_header_below_title_rows_in_a_sheet(tmp_path: Path) -> None:
    path = write_excel(
        tmp_path / "plan.xlsx",
        [
            Sheet(
                "Plan 2027",
                [
                    ["Kommunikationsplan – Ny skole"],
                    ["Formål:", "At alle ved, hvad der sker"],
                    [],
                    ["Aktivitet", "Målgruppe", "Kanal", "Hvornår", "Ansvarlig"],
                    ["Nyhedsbrev", "Forældre", "E-mail", dt.datetime(2027, 3, 1), "FC"],
                    ["Infomøde", "Personale", "Møde", "Uge 14 2027", "FC og styregruppen"],
                ],
            )
        ],
    )
    plan = read(path)
    assert plan.name == "Kommunikationsplan – Ny skole"
    assert plan.purpose == "At alle ved, hvad der sker"
    assert plan.language == "da"
    assert [a.title for a in plan.activities] == ["Nyhedsbrev", "Infomøde"]
    assert plan.activities[0].fields["when"] == "2027-03-01"  # a date cell, as a date
    assert plan.activities[0].timing.kind is TimingKind.DATE
    assert plan.activities[1].row == 6
    assert plan.activities[1].timing.start == dt.date(2027, 4, 5)


def test_several_sheets_and_a_hidden_one(tmp_path: Path) -> None:
    header = ["Activity", "Audience", "Channel", "When", "Owner"]
    path = write_excel(
        tmp_path / "plan.xlsx",
        [
            Sheet("Spring", [header, ["Kick-off", "Staff", "Meeting", "March 2027", "AB"]]),
            Sheet("Autumn", [header, ["Survey", "Staff", "E-mail", "Q4 2027", "AB"]]),
            Sheet("Lists", [header, ["Not a plan row", "", "", "", ""]], hidden=True),
            Sheet("Guidance", [["How to fill in this plan"], ["Write one row per activity"]]),
        ],
    )
    plan = read(path)
    assert [(a.table, a.title) for a in plan.activities] == [
        ("Spring", "Kick-off"),
        ("Autumn", "Survey"),
    ]
    assert plan.language == "en"
    # A sheet is never a table continued: one line says the sheet was left out.
    assert [w.key for w in plan.warnings] == ["import.warning.sheet_skipped"]
    assert plan.warnings[0].where.table == "Guidance"


def test_merged_cells_in_a_sheet_are_spread(tmp_path: Path) -> None:
    path = write_excel(
        tmp_path / "plan.xlsx",
        [
            Sheet(
                "Plan",
                [
                    ["Målgrupp", "Aktivitet", "Tid"],
                    ["Personal", "Nyhet på intranätet", "Mars 2027"],
                    [None, "Arbetsplatsträff", "April 2027"],
                    ["Medborgare", "Pressmeddelande", "Maj 2027"],
                ],
                merged=["A2:A3"],
            )
        ],
    )
    plan = read(path)
    assert [a.fields["target_group"] for a in plan.activities] == [
        "Personal",
        "Personal",
        "Medborgare",
    ]


def test_a_word_table_continued_after_a_page_break(tmp_path: Path) -> None:
    rows = [["Kort møde", "Ledere", "Møde", "Marts 2027", "AB"]]
    path = write_word(
        tmp_path / "plan.docx",
        [
            Heading("Kommunikationsplan", 0),
            WordTable([["Aktivitet", "Målgruppe", "Kanal", "Hvornår", "Ansvarlig"], *rows]),
            WordTable([["Nyhed", "Alle", "Intranet", "April 2027", "AB"], ["", "", "", "", ""]]),
        ],
    )
    plan = read(path)
    assert [(a.table, a.row, a.title) for a in plan.activities] == [
        ("Table 1", 2, "Kort møde"),
        ("Table 2", 1, "Nyhed"),
    ]


def test_one_table_per_target_group_under_its_heading(tmp_path: Path) -> None:
    header = ["HVAD", "HVORDAN", "HVORNÅR", "ANSVARLIG"]
    path = write_word(
        tmp_path / "plan.docx",
        [
            Heading("Kommunikationsplan for ny skole", 0),
            Heading("Medarbejdere"),
            WordTable([header, ["Ny skolestruktur", "Personalemøde", "Uge 10 2027", "FC"]]),
            Heading("Forældre"),
            WordTable(
                [
                    header,
                    ["Ny skolestruktur", "Forældreintra", "Uge 11 2027", "FC"],
                    ["Invitation", "Brev", "Uge 12 2027", "FC"],
                ]
            ),
            Heading("Pressen"),
            WordTable([header, ["Pressemeddelelse", "E-mail", "Ved behov", "Formand"]]),
            WordTable([["Fortsat", "Telefon", "Løbende", "Formand"]]),  # continued, same group
        ],
    )
    plan = read(path)
    assert [(a.fields["target_group"], a.title) for a in plan.activities] == [
        ("Medarbejdere", "Personalemøde – Medarbejdere"),
        ("Forældre", "Forældreintra – Forældre"),
        ("Forældre", "Brev – Forældre"),
        ("Pressen", "E-mail – Pressen"),
        ("Pressen", "Telefon – Pressen"),
    ]
    assert plan.columns[0] == ("target_group", "Målgruppe")
    assert plan.name == "Kommunikationsplan for ny skole"


def test_a_single_table_under_a_section_heading_takes_no_target_group(tmp_path: Path) -> None:
    path = write_word(
        tmp_path / "plan.docx",
        [
            Heading("Aktivitetsplan"),
            WordTable([["Aktivitet", "Tid", "Kanal"], ["Möte", "Mars 2027", "Möte"]]),
        ],
    )
    plan = read(path)
    assert plan.activities[0].fields.get("target_group") is None


def test_merged_rows_and_cells_in_a_word_table(tmp_path: Path) -> None:
    path = write_word(
        tmp_path / "plan.docx",
        [
            WordTable(
                [
                    list(UDBUD_HEADER),
                    ["Interne", "", "", "", "", "", ""],  # a group row merged across
                    ["", "Status", "Nyhedsbrev", "Hver måned", "PL", "", ""],
                    ["Ledere", "Status", "Møde", "Uge 3 2027", "PL", "", "Godkendes først"],
                    ["", "Opfølgning", "Møde", "Uge 5 2027", "PL", "", ""],
                ],
                spans=[(1, 0, 6)],
                down=[(0, 3, 4)],  # "Ledere" merged down over two rows
            )
        ],
    )
    plan = read(path)
    assert [a.fields["target_group"] for a in plan.activities] == ["Interne", "Ledere", "Ledere"]
    assert [a.requires_approval for a in plan.activities] == [False, True, False]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [
        (";", "utf-8"),
        (",", "utf-8-sig"),
        ("\t", "utf-8"),
        ("|", "utf-8"),
        (";", "cp1252"),
    ],
)
def test_csv_with_any_common_delimiter_and_encoding(
    tmp_path: Path, delimiter: str, encoding: str
) -> None:
    path = write_csv(
        tmp_path / "plan.csv",
        [
            ["Målgruppe", "Budskab", "Kanal", "Hvornår", "Ansvarlig"],
            ["Medarbejdere", "Vi flytter; læs mere", "Intranet", "Primo marts 2027", "Søren Ø"],
            ["Borgere", 'Åbent hus, "alle" er velkomne', "Avis", "Ultimo april 2027", "Søren Ø"],
        ],
        delimiter=delimiter,
        encoding=encoding,
    )
    plan = read(path)
    assert [a.fields["message"] for a in plan.activities] == [
        "Vi flytter; læs mere",
        'Åbent hus, "alle" er velkomne',
    ]
    assert plan.activities[0].fields["responsible"] == "Søren Ø"
    assert plan.activities[1].timing.start == dt.date(2027, 4, 21)
    assert plan.language == "da"


def test_a_csv_cell_over_several_lines_is_named_by_its_first_line(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "plan.csv",
        [
            ["Activity", "When"],
            ["Kick-off\nwith coffee", "March 2027"],
            ["Survey", "Q2 2027"],
        ],
        delimiter=",",
    )
    plan = read(path)
    assert [(a.row, a.title) for a in plan.activities] == [
        (2, "Kick-off\nwith coffee"),
        (4, "Survey"),
    ]


def test_unread_timing_and_unknown_columns_are_warned_about(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "plan.csv",
        [
            ["Activity", "When", "Budget"],
            ["Kick-off", "zebra 42", "100"],
            ["Survey", "", "200"],
        ],
        delimiter=",",
    )
    plan = read(path)
    assert plan.activities[0].timing.kind is TimingKind.UNKNOWN
    messages = [w.message("en") for w in plan.warnings]
    assert messages == [
        "plan.csv, table 1, row 1, column 3: the column “Budget” is not recognised "
        "and was not imported",
        "plan.csv, table 1, row 2, column 2: the timing “zebra 42” cannot "
        "be read; the plan owner will be asked",
        "plan.csv, table 1, row 3: no timing; the activity gets no reminders",
    ]
    assert [w.message("da") for w in plan.warnings][2] == (
        "plan.csv, tabel 1, række 3: intet tidspunkt; aktiviteten får ingen påmindelser"
    )


def test_the_language_follows_the_headings_unless_given(tmp_path: Path) -> None:
    rows = [["Aktivitet", "Målgrupp", "Tid"], ["Möte", "Chefer", "Våren 2027"]]
    path = write_csv(tmp_path / "plan.csv", rows)
    assert read(path).language == "sv"
    assert read(path, "da").language == "da"


def test_paragraph_text_is_taken_as_the_purpose(tmp_path: Path) -> None:
    path = write_word(
        tmp_path / "plan.docx",
        [
            Heading("Communication plan", 0),
            Text("3 June 2027"),
            Heading("Purpose"),
            Text("Everyone hears of the merger from us first."),
            Text("And in time."),
            WordTable([["Activity", "When"], ["Town hall", "September"]]),
        ],
    )
    plan = read(path)
    assert plan.purpose == "Everyone hears of the merger from us first.\nAnd in time."
    assert plan.dated == dt.date(2027, 6, 3)
    # "September" with no year: the next one on or after the document's date.
    assert plan.activities[0].timing.start == dt.date(2027, 9, 1)
