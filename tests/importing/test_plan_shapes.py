"""Plan shapes of issue 29: timing from any column, week and month grids, several sheets with
cover sheets, title blocks and phase rows; built as real Excel and Word files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.importing import ImportedPlan, read_document, read_plan
from bot.timing import read_timing
from storage.rules.timing import TimingKind
from tests.importing.documents import (
    Sheet,
    Text,
    WordTable,
    write_csv,
    write_excel,
    write_word,
)

TODAY = dt.date(2026, 11, 22)
D = dt.date


def read(path: Path) -> ImportedPlan:
    return read_plan(read_document(path, 10_000_000), today=TODAY, language=None, default="en")


def windows(plan: ImportedPlan) -> list[tuple[str, dt.date | None, dt.date | None]]:
    return [(a.title, a.timing.start, a.timing.due) for a in plan.activities]


def region_workbook(path: Path) -> Path:
    """A Swedish region's plan: a cover sheet, a title block, phase rows spanning the table,
    a week column beside a column of real Excel dates, and a notes sheet."""
    header = ["Aktivitet", "Målgrupp", "Kanal", "Vecka", "Datum", "Ansvarig"]
    return write_excel(
        path,
        [
            Sheet(
                "Försättsblad",
                [["Kommunikationsplan"], ["Region Mittland"], ["Version 1.2", "2026-11-15"]],
            ),
            Sheet(
                "Plan",
                [
                    ["Kommunikationsplan Vårdval 2027"],
                    ["Datum:", dt.datetime(2026, 11, 15)],
                    ["Ansvarig:", "Kommunikationsenheten"],
                    [],
                    header,
                    ["Fas 1: Förberedelse"] * 6,
                    ["Informationsmöte", "Chefer", "Möte", "12", dt.datetime(2027, 3, 24), "AB"],
                    ["Nyhetsbrev", "Personal", "E-post", "v. 14–16", None, "AB"],
                    ["Intranät", "Personal", "Intranät", "Varannan vecka", None, "CD"],
                    ["Fas 2: Genomförande", None, None, None, None, None],
                    ["Pressmeddelande", "Medier", "Press", None, dt.datetime(2027, 4, 6), "CD"],
                    ["Webbinarium", "Vårdgivare", "Teams", "15", "onsdag", "AB"],
                    ["Enkät", "Vårdgivare", "E-post", "Varannan vecka", "2027-05-03", "AB"],
                ],
                merged=["A6:F6"],
            ),
            Sheet("Anteckningar", [["Anteckningar"], ["Glöm inte lokalbokningen"]]),
        ],
    )


def test_a_swedish_regions_workbook_with_a_week_and_a_date_column(tmp_path: Path) -> None:
    plan = read(region_workbook(tmp_path / "region.xlsx"))
    assert plan.language == "sv"
    assert plan.name == "Kommunikationsplan Vårdval 2027"
    assert plan.dated == D(2026, 11, 15)
    got = {a.title: a for a in plan.activities}
    assert list(got) == [
        "Informationsmöte",
        "Nyhetsbrev",
        "Intranät",
        "Pressmeddelande",
        "Webbinarium",
        "Enkät",
    ]
    # A date wins over a week; the week text is kept with it.
    assert got["Informationsmöte"].timing.kind is TimingKind.DATE
    assert got["Informationsmöte"].timing.due == D(2027, 3, 24)
    assert got["Informationsmöte"].fields["when"] == "Vecka 12 \u00b7 2027-03-24"
    assert got["Informationsmöte"].timing_from == "E (Datum)"
    # A week range in the week column alone.
    assert (got["Nyhetsbrev"].timing.start, got["Nyhetsbrev"].timing.due) == (
        D(2027, 4, 5),
        D(2027, 4, 25),
    )
    assert got["Nyhetsbrev"].timing_from == "D (Vecka)"
    assert got["Intranät"].timing.rrule == "FREQ=WEEKLY;INTERVAL=2"
    assert got["Pressmeddelande"].timing.due == D(2027, 4, 6)
    # A week and a weekday: that day of the week.
    assert got["Webbinarium"].timing.kind is TimingKind.DATE
    assert got["Webbinarium"].timing.due == D(2027, 4, 14)
    assert got["Webbinarium"].timing_from == "D (Vecka) + E (Datum)"
    # "Every other week" beside a date: the recurrence, from that date.
    assert got["Enkät"].timing.kind is TimingKind.RECURRING
    assert got["Enkät"].timing.start == D(2027, 5, 3)
    # Phase rows are the activities' phase, not activities.
    assert [a.fields.get("phase") for a in plan.activities] == [
        "Fas 1: Förberedelse",
        "Fas 1: Förberedelse",
        "Fas 1: Förberedelse",
        "Fas 2: Genomförande",
        "Fas 2: Genomförande",
        "Fas 2: Genomförande",
    ]
    # The cover and notes sheets are each left out with one line; no column is "ignored".
    assert [(w.key, w.where.table) for w in plan.warnings] == [
        ("import.warning.sheet_skipped", "Försättsblad"),
        ("import.warning.sheet_skipped", "Anteckningar"),
    ]
    messages = [n.message("sv") for n in plan.notices]
    assert "region.xlsx, tabell Plan: tiderna är lästa från E (Datum): rad 7, 11" in messages
    assert "region.xlsx, tabell Plan: tiderna är lästa från D (Vecka): rad 8, 9" in messages


def test_a_week_column_in_a_danish_word_table(tmp_path: Path) -> None:
    path = write_word(
        tmp_path / "plan.docx",
        [
            WordTable(
                [
                    ["Aktivitet", "Målgruppe", "Uge", "Dato", "Ansvarlig"],
                    ["Fase 1: Forberedelse", "", "", "", ""],
                    ["Kick-off", "Ledere", "3", "", "PL"],
                    ["Nyhedsbrev", "Medarbejdere", "5-7", "", "PL"],
                    ["Borgermøde", "Borgere", "10", "11/3 2027", "PL"],
                    ["Fase 2: Gennemførelse", "", "", "", ""],
                    ["Evaluering", "Ledere", "uge 20", "fredag", "PL"],
                ],
                spans=[(1, 0, 4), (5, 0, 4)],
            )
        ],
    )
    plan = read(path)
    assert windows(plan) == [
        ("Kick-off", D(2027, 1, 18), D(2027, 1, 24)),
        ("Nyhedsbrev", D(2027, 2, 1), D(2027, 2, 21)),
        ("Borgermøde", D(2027, 3, 11), D(2027, 3, 11)),
        ("Evaluering", D(2027, 5, 21), D(2027, 5, 21)),
    ]
    assert [a.fields["when"] for a in plan.activities][:2] == ["Uge 3", "Uge 5-7"]
    assert [a.fields.get("phase") for a in plan.activities] == [
        "Fase 1: Forberedelse",
        "Fase 1: Forberedelse",
        "Fase 1: Forberedelse",
        "Fase 2: Gennemførelse",
    ]
    assert plan.warnings == []


def test_a_timing_column_is_found_by_its_cells_whatever_its_heading(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "plan.csv",
        [
            ["Nr.", "Aktivitet", "Målgruppe", "Sker", "Budget"],
            ["1", "Kick-off", "Ledere", "Uge 12 2027", "100"],
            ["2", "Nyhedsbrev", "Alle", "1. marts 2027", "200"],
            ["3", "Høring", "Borgere", "Foråret 2027", "300"],
        ],
    )
    plan = read(path)
    assert [a.timing.kind for a in plan.activities] == [
        TimingKind.WINDOW,
        TimingKind.DATE,
        TimingKind.WINDOW,
    ]
    assert plan.activities[0].timing_from == "4 (Sker)"
    # The numbers and the budget are no timings: left out and said so.
    assert [w.values.get("heading") for w in plan.warnings] == ["Nr.", "Budget"]
    assert plan.columns[-1] == ("when", "Sker")


def test_a_start_and_an_end_column_are_a_window(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "plan.csv",
        [
            ["Aktivitet", "Målgrupp", "Startdatum", "Slutdatum"],
            ["Kampanj", "Invånare", "2027-03-01", "2027-03-31"],
            ["Enkät", "Personal", "2027-04-12", ""],
        ],
    )
    plan = read(path)
    assert windows(plan) == [
        ("Kampanj", D(2027, 3, 1), D(2027, 3, 31)),
        ("Enkät", D(2027, 4, 12), D(2027, 4, 12)),
    ]
    assert plan.activities[0].timing_from == "3 (Startdatum) + 4 (Slutdatum)"
    # Kept as a range, which reads back as the same window from one column (an export's).
    assert plan.activities[0].fields["when"] == "2027-03-01 \u2013 2027-03-31"


def danish_week_grid(path: Path) -> Path:
    """A half-year activity plan as a week grid: month names merged above "Uge 1" ... "Uge 12",
    marks as "x", as any text and as fill colours, a phase row."""
    weeks = [f"Uge {n}" for n in range(1, 13)]
    months = ["Januar"] * 4 + ["Februar"] * 4 + ["Marts"] * 4
    return write_excel(
        path,
        [
            Sheet(
                "Aktivitetsplan",
                [
                    ["Aktivitetsplan 1. halvår 2027"],
                    [],
                    [None, None, None, *months],
                    ["Aktivitet", "Målgruppe", "Ansvarlig", *weeks],
                    ["Fase 1: Forberedelse"] * 15,
                    ["Nyhedsbrev", "Medarbejdere", "PL", *["", "", "x", "x", "x"], *[""] * 7],
                    ["Borgermøder", "Borgere", "PL", "x", "", "", "", "", "", "●", "●"],
                    ["Kampagne", "Borgere", "KM", *[""] * 12],
                    ["Evaluering", "Ledere", "PL", *[""] * 12],
                ],
                merged=["D3:G3", "H3:K3", "L3:O3", "A5:O5"],
                fills=["M8", "N8", "O8"],
            )
        ],
    )


def test_a_danish_week_grid(tmp_path: Path) -> None:
    plan = read(danish_week_grid(tmp_path / "grid.xlsx"))
    assert plan.language == "da"
    assert [(a.title, a.fields["when"], a.timing.start, a.timing.due) for a in plan.activities] == [
        ("Nyhedsbrev", "Uge 3\u20135 2027", D(2027, 1, 18), D(2027, 2, 7)),
        # separate runs of one row: separate activities, each its own window
        ("Borgermøder", "Uge 1 2027", D(2027, 1, 4), D(2027, 1, 10)),
        ("Borgermøder", "Uge 7\u20138 2027", D(2027, 2, 15), D(2027, 2, 28)),
        # a fill colour is a mark
        ("Kampagne", "Uge 10\u201312 2027", D(2027, 3, 8), D(2027, 3, 28)),
        # a row without a mark keeps its place, without a timing
        ("Evaluering", None, None, None),
    ]
    assert {a.fields.get("phase") for a in plan.activities} == {"Fase 1: Forberedelse"}
    assert [a.timing_from for a in plan.activities] == [
        "F\u2013H",
        "D",
        "J\u2013K",
        "M\u2013O",
        None,
    ]
    assert [w.key for w in plan.warnings] == ["import.warning.no_timing"]
    assert [n.message("da") for n in plan.notices] == [
        "grid.xlsx, tabel Aktivitetsplan: kolonnerne D\u2013O er uger, markeret hvor en "
        "aktivitet foregår: hver række af markerede uger er en aktivitet med sin egen periode "
        "og påmindelser; rækker med flere perioder: 7"
    ]


def test_a_week_grid_in_a_word_table(tmp_path: Path) -> None:
    path = write_word(
        tmp_path / "uger.docx",
        [
            WordTable(
                [
                    ["Aktivitet", "Målgruppe", "Uge 10", "Uge 11", "Uge 12", "Uge 13"],
                    ["Fase 2: Høring", "", "", "", "", ""],
                    ["Borgermøde", "Borgere", "x", "", "x", "x"],
                ],
                spans=[(1, 0, 5)],
            ),
            Text("Godkendt af direktionen 2027"),
        ],
    )
    plan = read(path)
    # No year in the table or above it: the coming weeks 10-13 (2027 from 22 November 2026).
    assert windows(plan) == [
        ("Borgermøde", D(2027, 3, 8), D(2027, 3, 14)),
        ("Borgermøde", D(2027, 3, 22), D(2027, 4, 4)),
    ]
    assert {a.fields.get("phase") for a in plan.activities} == {"Fase 2: Høring"}


def test_bare_week_numbers_under_a_merged_vecka_heading_across_new_year(tmp_path: Path) -> None:
    path = write_excel(
        tmp_path / "veckor.xlsx",
        [
            Sheet(
                "Plan",
                [
                    ["Aktivitet", "Målgrupp", "Vecka", None, None, None, None, None],
                    [None, None, 49, 50, 51, 52, 1, 2],
                    ["Julhälsning", "Personal", "", "", "x", "x", "x", ""],
                    ["Budget", "Nämnd", "x", "", "", "", "", "x"],
                ],
                merged=["C1:H1", "A1:A2", "B1:B2"],
            )
        ],
    )
    plan = read(path)
    # No year anywhere: the coming one (the grid has not ended by 22 November 2026).
    assert windows(plan) == [
        ("Julhälsning", D(2026, 12, 14), D(2027, 1, 10)),
        ("Budget", D(2026, 11, 30), D(2026, 12, 6)),
        ("Budget", D(2027, 1, 11), D(2027, 1, 17)),
    ]
    assert plan.activities[0].fields["when"] == "Vecka 51 2026 \u2013 vecka 1 2027"
    assert plan.warnings == []


def test_bare_week_numbers_under_merged_month_names(tmp_path: Path) -> None:
    path = write_excel(
        tmp_path / "våren.xlsx",
        [
            Sheet(
                "Plan",
                [
                    ["Aktivitetsplan våren 2027"],
                    ["Aktivitet", "Målgrupp", *["Januari"] * 4, *["Februari"] * 4],
                    [None, None, 1, 2, 3, 4, 5, 6, 7, 8],
                    ["Webbenkät", "Invånare", "", "x", "x", "", "", "", "x", ""],
                    [None, None, "", "1", "1", "", "", "", "1", ""],
                ],
                merged=["A2:A3", "B2:B3", "C2:F2", "G2:J2"],
            )
        ],
    )
    plan = read(path)
    # Numbers running on across the months are weeks (days would start again at 1); the year
    # is the title's. A row of marks alone names no activity.
    assert windows(plan) == [
        ("Webbenkät", D(2027, 1, 11), D(2027, 1, 24)),
        ("Webbenkät", D(2027, 2, 15), D(2027, 2, 21)),
    ]


def test_day_numbers_under_month_names_are_no_week_grid(tmp_path: Path) -> None:
    days = [*range(28, 32), *range(1, 5)]
    path = write_excel(
        tmp_path / "dagar.xlsx",
        [
            Sheet(
                "Plan",
                [
                    ["Aktivitet", "Målgrupp", *["Januari"] * 4, *["Februari"] * 4],
                    [None, None, *days],
                    ["Webbenkät", "Invånare", "", "x", "x", "", "", "", "x", ""],
                ],
                merged=["A1:A2", "B1:B2", "C1:F1", "G1:J1"],
            )
        ],
    )
    plan = read(path)
    survey = next(a for a in plan.activities if a.title == "Webbenkät")
    assert survey.timing.kind is TimingKind.UNKNOWN
    assert plan.grids == {}


def test_a_month_grid_with_the_year_above(tmp_path: Path) -> None:
    months = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    path = write_excel(
        tmp_path / "months.xlsx",
        [
            Sheet(
                "Årshjul",
                [
                    [None, None, "2028"],
                    ["Aktivitet", "Ansvarlig", *months],
                    ["Medarbejderundersøgelse", "HR", "x", "x", "x", *[""] * 5, "x"],
                ],
            )
        ],
    )
    plan = read(path)
    assert windows(plan) == [
        ("Medarbejderundersøgelse", D(2028, 1, 1), D(2028, 3, 31)),
        ("Medarbejderundersøgelse", D(2028, 9, 1), D(2028, 9, 30)),
    ]
    assert plan.activities[0].fields["when"] == "jan\u2013mar 2028"


def test_grid_texts_read_back_as_their_windows(tmp_path: Path) -> None:
    """What a grid's run is called (its "when") is read back by the timing reader as the same
    window, so an edit or a move starts from the right dates."""
    plan = read(danish_week_grid(tmp_path / "grid.xlsx"))
    for activity in plan.activities:
        if activity.fields["when"]:
            again = read_timing(activity.fields["when"] or "", today=TODAY)
            assert (again.start, again.due) == (activity.timing.start, activity.timing.due)
