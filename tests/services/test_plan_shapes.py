"""Plan shapes of issue 29 through the services: a week grid imported, reminded run by run,
exported as a grid and imported again unchanged; phases on the page, its filter and the export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import time_machine

from bot.exporting import WRITERS
from bot.services import Services
from bot.services.actor import Actor
from bot.services.import_report import ImportReport
from scheduler.outbox.kinds import NoticeKind
from scheduler.reminders import ReminderPlanner
from storage.models import Activity, OutboxMessage
from storage.repositories import activities
from tests.importing.test_plan_shapes import danish_week_grid, region_workbook
from tests.shown import shown

NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
D = dt.date


def load(services: Services, path: Path) -> ImportReport:
    return services.imports.apply(services.imports.read(path), Actor.cli())


def stored(services: Services, plan: int) -> list[Activity]:
    with services.context.sessions() as session:
        found = list(activities.of_plan(session, plan, people=False))
        session.expunge_all()
    return found


def windows(found: list[Activity]) -> list[tuple[str, str | None, D | None, D | None]]:
    return [(a.title, a.when_text, a.timing_start, a.timing_due) for a in found]


@time_machine.travel(NOW, tick=False)
def test_a_week_grid_round_trip_keeps_its_grid_and_windows(
    services: Services, tmp_path: Path
) -> None:
    report = load(services, danish_week_grid(tmp_path / "grid.xlsx"))
    assert report.plan is not None
    plan = report.plan.id
    before = stored(services, plan)
    # Each run is reminded: its own deadline, the last working day of its last week.
    assert [(a.title, a.next_due) for a in before] == [
        ("Nyhedsbrev", D(2027, 2, 5)),
        ("Borgermøder", D(2027, 1, 8)),
        ("Borgermøder", D(2027, 2, 26)),
        ("Kampagne", D(2027, 3, 24)),  # Maundy Thursday and Good Friday are holidays
        ("Evaluering", None),
    ]
    assert {a.phase for a in before} == {"Fase 1: Forberedelse"}

    exported = tmp_path / "export.xlsx"
    WRITERS["xlsx"](services.exports.table(f"#{plan}", Actor.cli()), exported)
    sheet = openpyxl.load_workbook(exported).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(rows) if "Uge 1" in row)
    first = rows[header].index("Uge 1")
    assert rows[header][first : first + 12] == [f"Uge {n}" for n in range(1, 13)]
    assert rows[header - 1][first] == "2027"  # the year above the weeks
    marks = {
        row[rows[header].index("Aktivitet")]: [n + 1 for n in range(12) if row[first + n] == "x"]
        for row in rows[header + 1 :]
    }
    # The two runs of one row are one row of the grid again.
    assert marks == {
        "Nyhedsbrev": [3, 4, 5],
        "Borgermøder": [1, 7, 8],
        "Kampagne": [10, 11, 12],
        "Evaluering": [],
    }
    assert "Fase" in rows[header]

    again = load(services, exported)
    assert again.plan is not None and again.plan.id == plan
    assert (again.added, again.changed, again.removed, again.unchanged) == ([], [], [], 5)
    assert windows(stored(services, plan)) == windows(before)


def test_each_run_of_a_grid_row_is_reminded(services: Services, tmp_path: Path) -> None:
    with time_machine.travel(NOW, tick=False):
        services.people.add("Per Larsen", Actor.cli(), aliases=("PL",))
        report = load(services, danish_week_grid(tmp_path / "grid.xlsx"))
    assert report.plan is not None
    runs = [a.id for a in stored(services, report.plan.id) if a.title == "Borgermøder"]
    planner = ReminderPlanner(services.context.sessions)
    # The day before each run's reminder the day before its deadline (8 January, 26 February).
    for moment in (
        dt.datetime(2027, 1, 6, 12, tzinfo=dt.UTC),
        dt.datetime(2027, 2, 24, 12, tzinfo=dt.UTC),
    ):
        with time_machine.travel(moment, tick=False):
            planner(moment)
    with services.context.sessions() as session:
        found = {
            (
                row.activity_id,
                (row.payload or {}).get("due"),
                (row.payload or {}).get("offset_days"),
            )
            for row in session.query(OutboxMessage).filter(
                OutboxMessage.kind == NoticeKind.REMINDER, OutboxMessage.activity_id.in_(runs)
            )
        }
    assert (runs[0], "2027-01-08", 1) in found
    assert (runs[1], "2027-02-26", 1) in found


@time_machine.travel(NOW, tick=False)
def test_a_grid_plan_in_word_is_one_row_per_window(services: Services, tmp_path: Path) -> None:
    report = load(services, danish_week_grid(tmp_path / "grid.xlsx"))
    assert report.plan is not None
    path = tmp_path / "export.docx"
    WRITERS["docx"](services.exports.table(f"#{report.plan.id}", Actor.cli()), path)
    table = docx.Document(str(path)).tables[0]
    texts = [[cell.text for cell in row.cells] for row in table.rows]
    when = texts[0].index("Hvornår")
    assert [row[when] for row in texts[1:]] == [
        "Uge 3\u20135 2027",
        "Uge 1 2027",
        "Uge 7\u20138 2027",
        "Uge 10\u201312 2027",
        "",
    ]


@time_machine.travel(NOW, tick=False)
def test_phases_are_shown_and_filtered_on_the_plan_page(services: Services, tmp_path: Path) -> None:
    report = load(services, region_workbook(tmp_path / "region.xlsx"))
    assert report.plan is not None
    url = shown(services.pages.link(f"#{report.plan.id}", Actor.cli()))
    token = url.rsplit("/", 1)[1]
    page = services.pages.page(token, {})
    assert page is not None
    assert page.headings[0] == "Fas"
    assert page.options["phase"] == ("Fas 1: Förberedelse", "Fas 2: Genomförande")
    chosen = services.pages.page(token, {"phase": "Fas 2: Genomförande"})
    assert chosen is not None
    assert [row.activity.title for row in chosen.rows] == [
        "Pressmeddelande",
        "Webbinarium",
        "Enkät",
    ]
    # The week and date columns as one "when", read back the same by a second import, and
    # from an export (one "when" column, a phase column) edited by nobody.
    again = load(services, region_workbook(tmp_path / "region.xlsx"))
    assert again.unchanged == 6
    for fmt in ("xlsx", "docx", "csv"):
        exported = tmp_path / f"export.{fmt}"
        WRITERS[fmt](services.exports.table(f"#{report.plan.id}", Actor.cli()), exported)
        back = load(services, exported)
        assert (back.added, back.changed, back.removed, back.unchanged) == ([], [], [], 6), fmt


@time_machine.travel(NOW, tick=False)
def test_a_grid_plan_read_back_from_its_csv_or_word_export_stays_a_grid(
    services: Services, tmp_path: Path
) -> None:
    report = load(services, danish_week_grid(tmp_path / "grid.xlsx"))
    assert report.plan is not None
    plan = f"#{report.plan.id}"
    for fmt in ("csv", "docx"):
        exported = tmp_path / f"export.{fmt}"
        WRITERS[fmt](services.exports.table(plan, Actor.cli()), exported)
        back = load(services, exported)
        assert (back.added, back.changed, back.removed, back.unchanged) == ([], [], [], 5), fmt
        table = services.exports.table(plan, Actor.cli())
        assert table.grid is not None, fmt  # its .xlsx export is the grid again
        assert list(table.grid.labels[:2]) == ["Uge 1", "Uge 2"], fmt
    # a plan of its own written in the same rows is no grid: the grid is the plan's, not the rows'
    plain = tmp_path / "plain.csv"
    plain.write_text("Aktivitet;Hvornår\r\nNyhedsbrev;Uge 3–5 2027\r\n", encoding="utf-8")
    other = load(services, plain)
    assert other.plan is not None and other.plan.id != report.plan.id
    assert services.exports.table(f"#{other.plan.id}", Actor.cli()).grid is None
