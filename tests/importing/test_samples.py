"""Every real plan in tests/samples imports, with its counts and fields as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine

from bot.importing import ImportedPlan, ImportFailed, read_document, read_plan
from bot.services import Services
from bot.services.actor import Actor
from storage.rules.timing import TimingKind

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TODAY = dt.date(2026, 11, 22)


def read(name: str, today: dt.date = TODAY) -> ImportedPlan:
    document = read_document(SAMPLES / name, 10_000_000)
    return read_plan(document, today=today, language=None, default="en")


@pytest.mark.parametrize("name", ["udbud-kommunikationsplan.docx", "udbud-kommunikationsplan.csv"])
def test_the_danish_plan(name: str) -> None:
    plan = read(name)
    assert plan.language == "da"
    assert len(plan.activities) == 8
    first, *_, last = plan.activities
    assert first.fields["target_group"] == "Styregruppen"
    assert (
        first.fields["message"]
        == "Status for udbuddet og udkast til orientering til organisationen"
    )
    assert first.fields["channel"] == "Styregruppemøde"
    assert first.fields["when"] == "Hver måned"
    assert first.fields["responsible"] == "Projektleder"
    assert first.fields["expected_reaction"] == "Godkendelse af skriftlige orienteringer"
    assert first.title == "Styregruppemøde – Styregruppen"  # no Activity column: derived
    assert first.timing.kind is TimingKind.RECURRING and first.timing.rrule == "FREQ=MONTHLY"
    assert last.fields["target_group"] == "Pressen"
    assert last.timing.kind is TimingKind.ON_TRIGGER
    assert last.requires_approval  # "Kun efter styregruppens godkendelse"
    kinds = [activity.timing.kind.value for activity in plan.activities]
    assert kinds == [
        "recurring",
        "recurring",
        "on_trigger",
        "date",
        "window",
        "ongoing",
        "window",
        "on_trigger",
    ]
    week = plan.activities[4]
    assert (week.timing.start, week.timing.due) == (dt.date(2027, 3, 22), dt.date(2027, 3, 28))
    assert [a.row for a in plan.activities] == list(range(2, 10))
    assert plan.warnings == []


def test_the_danish_word_plan_has_its_title_and_purpose() -> None:
    plan = read("udbud-kommunikationsplan.docx")
    assert plan.name == "Kommunikationsplan for udbudsproces"
    assert plan.purpose is not None and plan.purpose.startswith("Formålet med kommunikationsplanen")
    assert plan.columns[0] == ("target_group", "HVEM\nMålgruppe/\nInteressenter")
    assert [name for name, _ in plan.columns] == [
        "target_group",
        "message",
        "channel",
        "when",
        "responsible",
        "expected_reaction",
        "remarks",
    ]


def test_the_swedish_word_plan_runs_over_two_tables() -> None:
    plan = read("mittkoping-aktivitetsplan.docx")
    assert plan.language == "sv"
    assert plan.name == "Aktivitetsplan - Mittköping"
    assert plan.dated == dt.date(2018, 8, 15)
    assert plan.purpose == "Införande av tjänsten Bokning och bidrag (BoB) i Mittköping."
    assert len(plan.activities) == 15
    assert [(a.table, a.row) for a in plan.activities[7:10]] == [
        ("Table 1", 9),
        ("Table 2", 1),  # the continuation has no header row
        ("Table 2", 2),
    ]
    # "Syfte och målgrupp" is the goal column (GLOSSARY).
    assert plan.activities[0].fields["goal"] == (
        "Ge politiker i aktuella nämnder relevant information samt tillfälle att ställa frågor "
        "om projektet."
    )
    assert plan.activities[0].fields.get("target_group") is None
    # No year: the autumn after the plan's date, not after today.
    autumn = plan.activities[3]
    assert autumn.fields["when"] == "Höst - pågående"
    assert (autumn.timing.kind, autumn.timing.start) == (TimingKind.ONGOING, dt.date(2018, 9, 1))
    tentative = plan.activities[9]
    assert tentative.timing.tentative
    assert (tentative.timing.start, tentative.timing.due) == (
        dt.date(2019, 3, 1),
        dt.date(2019, 3, 31),
    )
    assert tentative.fields["remarks"] == "(när avtal är på plats)"  # the bracketed note


def test_the_swedish_sheet_has_title_rows_above_its_header() -> None:
    plan = read("mittkoping-aktivitetsplan.xlsx")
    assert plan.name == "Aktivitetsplan - Mittköping"
    assert plan.dated is None
    assert len(plan.activities) == 15
    assert plan.activities[0].row == 4  # title row, empty row, header row
    assert plan.activities[0].table == "Aktivitetsplan"
    # Without a date line, a text with no year is read from the plan's first dated activity.
    assert plan.activities[3].timing.start == dt.date(2018, 9, 1)
    assert plan.activities[2].fields["responsible"] == "Pilotkommunsrepresentant"


def test_the_word_and_excel_versions_of_one_plan_read_the_same() -> None:
    word, excel = read("mittkoping-aktivitetsplan.docx"), read("mittkoping-aktivitetsplan.xlsx")
    assert [a.fields["when"] for a in word.activities] == [
        a.fields["when"] for a in excel.activities
    ]
    assert [a.timing for a in word.activities] == [a.timing for a in excel.activities]


def test_the_empty_template_has_no_activities_and_writes_nothing(services: Services) -> None:
    plan = read("siso-skabelon-tom.docx")
    assert plan.activities == []
    assert plan.name == "Skabelon til kommunikationsplan"
    with pytest.raises(ImportFailed) as raised:
        services.imports.apply(plan, Actor.cli())
    assert raised.value.message("en") == (
        "siso-skabelon-tom.docx: no activities found (only empty rows); nothing was written"
    )
    assert services.plans.list() == []
    assert services.teams.list() == []


@time_machine.travel(dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC), tick=False)
def test_every_sample_imports_into_the_database(services: Services) -> None:
    """On both backends, on the day summer time ends in Copenhagen (02:30 local)."""
    services.teams.add("Kommunikation", Actor.cli(), slug="komm")
    expected = {
        "udbud-kommunikationsplan.docx": 8,
        "udbud-kommunikationsplan.csv": 8,
        "mittkoping-aktivitetsplan.docx": 15,
        "mittkoping-aktivitetsplan.xlsx": 15,
    }
    for name, count in expected.items():
        imported = services.imports.read(SAMPLES / name)
        report = services.imports.apply(imported, Actor.cli(), plan_name=name, team="komm")
        assert len(report.added) == count, name
        assert report.plan is not None
        listed = services.activities.list(f"#{report.plan.id}", Actor.cli())
        assert len(listed) == count
    udbud = services.activities.list("udbud-kommunikationsplan.docx", Actor.cli())
    uge12 = next(a for a in udbud if a.when == "Uge 12 2027")
    assert uge12.next_due == dt.date(2027, 3, 24)  # its last working day, before Easter
    monthly = udbud[0]
    assert monthly.timing.rrule == "FREQ=MONTHLY"
    # "Hver måned" read today: next month's first working day (1 November is a Sunday).
    assert monthly.next_due == dt.date(2026, 11, 2)
