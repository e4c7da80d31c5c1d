"""Importing into the database: new plans, re-imports that update, dry runs, the round trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
import time_machine

from bot.exporting import WRITERS
from bot.exporting.cells import DONE_COLOUR
from bot.services import Services
from bot.services.actor import Actor
from bot.services.import_report import ImportReport
from bot.services.responsible import read_responsible
from storage.repositories import audit
from tests.importing.documents import write_csv

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
HEADER = ["Målgruppe", "Budskab", "Kanal", "Hvornår", "Ansvarlig", "Bemærkninger"]
# 28 March 2027: summer time starts in Copenhagen at 02:00 (00:30 UTC is 01:30 local, winter
# time; the day's dates must not shift when the clocks do).
SPRING_FORWARD = dt.datetime(2027, 3, 28, 0, 30, tzinfo=dt.UTC)


def load(services: Services, path: Path, **options: object) -> ImportReport:
    return services.imports.apply(services.imports.read(path), Actor.cli(), **options)  # type: ignore[arg-type]


@pytest.fixture
def team(services: Services) -> str:
    services.teams.add("Skole", Actor.cli(), slug="skole")
    services.people.add("Frida Carlsson", Actor.cli(), aliases=("FC",), team="skole")
    return "skole"


VERSION_1 = [
    HEADER,
    ["Medarbejdere", "Ny struktur", "Personalemøde", "Uge 14 2027", "FC", ""],
    ["Forældre", "Ny struktur", "Forældreintra", "April 2027", "FC og styregruppen", ""],
    ["Pressen", "Ny skole", "Pressemeddelelse", "Ved behov", "Projektgruppen", ""],
    ["Elever", "Ny skole", "Klassemøde", "Maj 2027", "FC", ""],
]


@time_machine.travel(SPRING_FORWARD, tick=False)
def test_a_new_plan_maps_responsible_people_and_lists_the_rest(
    services: Services, team: str, tmp_path: Path
) -> None:
    report = load(services, write_csv(tmp_path / "skole.csv", VERSION_1), team=team)
    assert report.created and report.plan is not None
    assert report.plan.name == "skole"  # a CSV has no title: the file's name
    assert report.plan.language == "da"
    assert len(report.added) == 4
    assert report.unmapped == {"Projektgruppen": 1}
    listed = services.activities.list("skole", Actor.cli())
    assert listed[0].responsible_people == ("Frida Carlsson",)
    assert listed[1].responsible_people == ("Frida Carlsson",)
    assert listed[0].next_due == dt.date(2027, 4, 9)  # Uge 14: its Friday
    assert listed[2].responsible_people == ()
    with services.context.sessions() as session:
        actions = [entry.action for entry in audit.entries(session, plan_id=report.plan.id)]
    assert actions == ["plan.create", *["activity.add"] * 4, "plan.import"]


@time_machine.travel(SPRING_FORWARD, tick=False)
def test_reimport_updates_without_duplicating_and_keeps_done(
    services: Services, team: str, tmp_path: Path
) -> None:
    load(services, write_csv(tmp_path / "skole.csv", VERSION_1), team=team)
    first = {a.title: a for a in services.activities.list("skole", Actor.cli())}
    done = first["Klassemøde – Elever"]
    services.activities.done(done.id, Actor.cli())
    version_2 = [
        HEADER,
        ["Elever", "Ny skole", "Klassemøde", "Maj 2027", "FC", "Husk lærerne"],  # moved, remark
        ["Medarbejdere", "Ny struktur", "Personalemøde", "Uge 14 2027", "FC", ""],  # as it was
        ["Forældre", "Ny struktur", "Forældreintra", "Juni 2027", "FC og styregruppen", ""],
        ["Naboer", "Byggeri", "Brev", "Uge 20 2027", "FC", ""],  # new
    ]  # Pressen is gone (a file never exported: removals only with remove_missing)
    report = load(
        services, write_csv(tmp_path / "skole.csv", version_2), team=team, remove_missing=True
    )
    assert not report.created
    assert [c.title for c in report.added] == ["Brev – Naboer"]
    assert [(c.title, c.fields) for c in report.changed] == [
        ("Klassemøde – Elever", ("remarks",)),
        ("Forældreintra – Forældre", ("when",)),
    ]
    assert [c.title for c in report.removed] == ["Pressemeddelelse – Pressen"]
    assert report.unchanged == 1
    after = {a.title: a for a in services.activities.list("skole", Actor.cli())}
    assert len(after) == 5
    assert after["Klassemøde – Elever"].status == "done"
    assert after["Klassemøde – Elever"].id == done.id
    assert after["Klassemøde – Elever"].remarks == "Husk lærerne"
    assert after["Forældreintra – Forældre"].next_due == dt.date(2027, 6, 30)
    assert after["Forældreintra – Forældre"].id == first["Forældreintra – Forældre"].id
    assert after["Pressemeddelelse – Pressen"].status == "cancelled"
    # The same file again changes nothing.
    again = load(services, write_csv(tmp_path / "skole.csv", version_2), team=team)
    assert (again.added, again.changed, again.removed, again.unchanged) == ([], [], [], 4)


@time_machine.travel(SPRING_FORWARD, tick=False)
def test_a_dry_run_reports_and_writes_nothing(
    services: Services, team: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "skole.csv", VERSION_1)
    report = load(services, path, team=team, dry_run=True)
    assert report.dry_run and report.created and report.plan is None
    assert len(report.added) == 4
    assert report.unmapped == {"Projektgruppen": 1}
    assert services.plans.list() == []
    load(services, path, team=team)
    changed = write_csv(tmp_path / "skole.csv", VERSION_1[:2])
    preview = load(services, changed, team=team, dry_run=True, remove_missing=True)
    assert len(preview.removed) == 3
    assert [a.status for a in services.activities.list("skole", Actor.cli())] == ["planned"] * 4


def test_an_import_without_a_team_uses_the_only_one_or_makes_one(
    services: Services, tmp_path: Path
) -> None:
    report = load(services, write_csv(tmp_path / "a.csv", VERSION_1))
    assert report.team_slug == "default"
    assert [t.slug for t in services.teams.list()] == ["default"]
    services.teams.add("Andet", Actor.cli(), slug="andet")
    with pytest.raises(Exception, match="several teams") as raised:
        load(services, write_csv(tmp_path / "b.csv", VERSION_1))
    assert "default, andet" in str(raised.value) or "andet, default" in str(raised.value)


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv"])
@time_machine.travel(SPRING_FORWARD, tick=False)
def test_an_export_imports_back_into_the_same_plan_unchanged(
    services: Services, tmp_path: Path, fmt: str
) -> None:
    services.teams.add("Udbud", Actor.cli(), slug="udbud")
    imported = load(services, SAMPLES / "udbud-kommunikationsplan.docx", team="udbud")
    assert imported.plan is not None
    plan = f"#{imported.plan.id}"
    activities = services.activities.list(plan, Actor.cli())
    services.activities.done(activities[3].id, Actor.cli())
    before = [a.as_json() for a in services.activities.list(plan, Actor.cli())]

    path = tmp_path / f"export.{fmt}"
    WRITERS[fmt](services.exports.table(plan, Actor.cli()), path)
    report = load(services, path, plan_name=plan)
    assert (report.added, report.changed, report.removed) == ([], [], [])
    assert report.unchanged == 8
    assert [a.as_json() for a in services.activities.list(plan, Actor.cli())] == before

    # Into a new plan, the export gives the same activities, done one included.
    services.teams.add("Kopi", Actor.cli(), slug="kopi")
    copy = load(services, path, plan_name="Kopi", team="kopi")
    assert copy.plan is not None
    copied = services.activities.list(f"#{copy.plan.id}", Actor.cli())
    fields = ("activity", "target_group", "message", "channel", "when", "responsible", "status")
    assert [[view.as_json()[k] for k in fields] for view in copied] == [
        [row[k] for k in fields] for row in before
    ]


@time_machine.travel(SPRING_FORWARD, tick=False)
def test_the_export_keeps_the_plans_headings_and_marks_done_rows(
    services: Services, tmp_path: Path
) -> None:
    services.teams.add("Udbud", Actor.cli(), slug="udbud")
    load(services, SAMPLES / "udbud-kommunikationsplan.docx", team="udbud")
    plan = "Kommunikationsplan for udbudsproces"
    done = services.activities.list(plan, Actor.cli())[3]
    services.activities.done(done.id, Actor.cli())
    table = services.exports.table(plan, Actor.cli())
    assert table.headings == (
        "HVEM\nMålgruppe/\nInteressenter",
        "HVAD\nKernebudskab",
        "HVORDAN\nKommunikations-form",
        "HVORNÅR\nTermin for handling",
        "ANSVARLIG",
        "FORVENTET REAKTION",
        "BEMÆRKNINGER",
        "Status",
        "Næste dato",
    )

    WRITERS["xlsx"](table, tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx").active
    assert sheet is not None
    assert sheet["A1"].value == plan
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == table.headings[0])
    done_row = header + 4
    assert sheet.cell(done_row, 8).value == "Udført"
    assert sheet.cell(done_row, 1).font.color.rgb == "00" + DONE_COLOUR  # the page's done green
    assert sheet.cell(done_row + 1, 1).font.color.rgb != "00" + DONE_COLOUR
    assert sheet.cell(done_row + 1, 8).value == "Planlagt"
    # Uge 12 2027: its last working day (Maundy Thursday and Good Friday are closed)
    assert sheet.cell(done_row + 1, 9).value == dt.datetime(2027, 3, 24)

    WRITERS["docx"](table, tmp_path / "plan.docx")
    word = docx.Document(str(tmp_path / "plan.docx"))
    rows = word.tables[0].rows
    done_run = rows[4].cells[0].paragraphs[0].runs[0]
    assert done_run.font.color.rgb == docx.shared.RGBColor.from_string(DONE_COLOUR)
    assert rows[4].cells[7].text == "Udført"
    assert rows[5].cells[0].paragraphs[0].runs[0].font.color.rgb is None


def test_responsible_names_match_without_trailing_punctuation(
    services: Services, team: str, tmp_path: Path
) -> None:
    """ "FC." as the Kalmar plan writes it, "styrelsen." and "projektledare." at a cell's end."""
    services.people.add("Bo Berg", Actor.cli(), aliases=("Projektledare",), team=team)
    services.people.add("Ann Ek", Actor.cli(), aliases=("Kommunikation.",), team=team)
    rows = [
        HEADER,
        ["Medarbejdere", "Ny struktur", "Møde", "Maj 2027", "FC.", ""],
        ["Forældre", "Ny struktur", "Intra", "Maj 2027", "projektledare. ", ""],
        ["Elever", "Ny skole", "Møde", "Maj 2027", "Frida Carlsson;", ""],
        ["Pressen", "Ny skole", "Presse", "Maj 2027", "Kommunikation", ""],
        ["Byrådet", "Ny skole", "Møde", "Maj 2027", "styrelsen.", ""],
        ["Naboer", "Ny skole", "Brev", "Maj 2027", "FC og styrelsen.", ""],
        ["Alle", "Ny skole", "Web", "Maj 2027", "Okendt Person.", ""],
    ]
    report = load(services, write_csv(tmp_path / "skole.csv", rows), team=team)
    assert report.unmapped == {"Okendt Person": 1}  # asked about as it is written, less the "."
    people = [a.responsible_people for a in services.activities.list("skole", Actor.cli())]
    assert people == [
        ("Frida Carlsson",),
        ("Bo Berg",),
        ("Frida Carlsson",),
        ("Ann Ek",),
        (),
        ("Frida Carlsson",),
        (),
    ]
    with services.context.sessions() as session:
        assert read_responsible(session, "styrelsen.").steering_group
        assert read_responsible(session, "FC og styrelsen.").steering_group
        assert read_responsible(session, "!").unmapped == ("!",)  # punctuation alone stays
