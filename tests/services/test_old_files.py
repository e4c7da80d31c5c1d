"""An old file cannot undo new work: an export says how far the plan was (its change counter and
each row's version); importing it once the plan has moved on keeps what changed since (reported
row by row, theirs and ours, in the dry run and the real run), keeps what was added since, never
brings back what was cancelled or undoes a done or approved state; ``force`` writes the file as
it is and says what it reverts. A file never exported cancels nothing without
``remove_missing``. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import time_machine

from bot.exporting import WRITERS
from bot.services import Services
from bot.services.actor import Actor
from bot.services.import_report import ImportReport
from storage.models import Origin
from storage.models.enums import Decision
from tests.importing.documents import write_csv

CLI = Actor.cli()
NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
HEADER = ["Målgruppe", "Budskab", "Kanal", "Hvornår", "Ansvarlig", "Bemærkninger"]
ROWS = [
    HEADER,
    ["Medarbejdere", "Ny struktur", "Personalemøde", "Uge 14 2027", "FC", ""],
    ["Forældre", "Ny struktur", "Forældreintra", "April 2027", "FC", ""],
    ["Pressen", "Ny skole", "Pressemeddelelse", "Maj 2027", "FC", ""],
    ["Elever", "Ny skole", "Klassemøde", "Maj 2027", "FC", ""],
    ["Naboer", "Byggeri", "Brev", "Uge 20 2027", "FC", ""],
]


def load(services: Services, path: Path, **options: object) -> ImportReport:
    return services.imports.apply(services.imports.read(path), CLI, **options)  # type: ignore[arg-type]


def ids(services: Services) -> dict[str, int]:
    return {a.title: a.id for a in services.activities.list("skole", CLI)}


def states(services: Services) -> dict[str, str]:
    return {a.title: a.status for a in services.activities.list("skole", CLI)}


def setup(services: Services, tmp_path: Path) -> Path:
    """The plan from its CSV, then exported: the file the user keeps and edits later."""
    services.teams.add("Skole", CLI, slug="skole")
    services.people.add("Frida Carlsson", CLI, aliases=("FC",), team="skole")
    services.people.add("Mette Holm", CLI, team="skole")
    load(services, write_csv(tmp_path / "skole.csv", ROWS), team="skole")
    services.steering.create("Styregruppen", "skole", CLI, chair="Mette Holm", rule="chair")
    services.steering.assign("Styregruppen", "skole", CLI)
    old = tmp_path / "old.csv"
    WRITERS["csv"](services.exports.table("skole", CLI), old)
    return old


def new_work(services: Services) -> None:
    """What the plan's people did after the export: added, approved, done, edited, cancelled."""
    known = ids(services)
    services.activities.add("skole", "Nyt opslag", CLI, fields={"when": "Juni 2027"})
    request = services.approvals.request(known["Forældreintra – Forældre"], CLI, text="Kære")
    mette = services.people.get("Mette Holm")
    services.approvals.decide(request.id, Decision.APPROVE, Actor(Origin.CLI, mette.id, mette.name))
    services.activities.done(known["Klassemøde – Elever"], CLI)
    services.activities.edit(known["Personalemøde – Medarbejdere"], {"remarks": "Husk kaffe"}, CLI)
    services.activities.cancel(known["Pressemeddelelse – Pressen"], CLI)


def edited(old: Path) -> Path:
    """The user's own change in the old file: a remark on a row nobody touched since."""
    text = old.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    brev = next(n for n, line in enumerate(lines) if "Brev" in line)
    cells = lines[brev].split(";")
    cells[HEADER.index("Bemærkninger")] = "Ring først"
    lines[brev] = ";".join(cells)
    old.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return old


@time_machine.travel(NOW, tick=False)
def test_an_older_export_keeps_newer_work_and_says_so(services: Services, tmp_path: Path) -> None:
    old = edited(setup(services, tmp_path))
    new_work(services)
    before = states(services)
    assert before == {
        "Personalemøde – Medarbejdere": "planned",
        "Forældreintra – Forældre": "approved",
        "Pressemeddelelse – Pressen": "cancelled",
        "Klassemøde – Elever": "done",
        "Brev – Naboer": "planned",
        "Nyt opslag": "planned",
    }
    for dry_run in (True, False):
        report = load(services, old, dry_run=dry_run)
        assert report.removed == [] and report.added == []
        assert [(c.title, c.fields) for c in report.changed] == [("Brev – Naboer", ("remarks",))]
        conflicts = {c.title: c for c in report.conflicts}
        assert set(conflicts) == {"Personalemøde – Medarbejdere", "Pressemeddelelse – Pressen"}
        assert conflicts["Personalemøde – Medarbejdere"].fields == (("remarks", "", "Husk kaffe"),)
        assert conflicts["Pressemeddelelse – Pressen"].state == "cancelled"
        assert [c.title for c in report.kept] == ["Nyt opslag"]
        assert report.reverted == []
        json = report.as_json("en")["changes"]
        assert json["conflicts"][0]["fields"] == [
            {"field": "remarks", "theirs": "", "ours": "Husk kaffe"}
        ]
    # Nothing newer undone: the same states, the plan's remark, the user's own edit applied.
    assert states(services) == before
    views = {a.title: a for a in services.activities.list("skole", CLI)}
    assert views["Personalemøde – Medarbejdere"].remarks == "Husk kaffe"
    assert views["Brev – Naboer"].remarks == "Ring først"


@time_machine.travel(NOW, tick=False)
def test_force_writes_the_old_file_and_says_what_it_reverts(
    services: Services, tmp_path: Path
) -> None:
    old = setup(services, tmp_path)
    new_work(services)
    report = load(services, old, force=True)
    reverted = {c.title: c for c in report.reverted}
    assert set(reverted) == {
        "Personalemøde – Medarbejdere",
        "Pressemeddelelse – Pressen",
        "Nyt opslag",
    }
    assert reverted["Nyt opslag"].removed_in_file
    assert report.conflicts == []
    after = states(services)
    assert after["Pressemeddelelse – Pressen"] == "planned"  # brought back, as the file has it
    assert after["Nyt opslag"] == "cancelled"
    # The file says nothing of approval, and an import never marks an activity undone.
    assert (after["Forældreintra – Forældre"], after["Klassemøde – Elever"]) == (
        "approved",
        "done",
    )
    views = {a.title: a for a in services.activities.list("skole", CLI)}
    assert views["Personalemøde – Medarbejdere"].remarks in ("", None)


@time_machine.travel(NOW, tick=False)
def test_a_file_never_exported_proposes_its_removals(services: Services, tmp_path: Path) -> None:
    services.teams.add("Skole", CLI, slug="skole")
    services.people.add("Frida Carlsson", CLI, aliases=("FC",), team="skole")
    load(services, write_csv(tmp_path / "skole.csv", ROWS), team="skole")
    shorter = write_csv(tmp_path / "skole.csv", ROWS[:3])  # the plan's own earlier document
    report = load(services, shorter, team="skole")
    assert report.removed == []
    assert [c.title for c in report.proposed_removals] == [
        "Pressemeddelelse – Pressen",
        "Klassemøde – Elever",
        "Brev – Naboer",
    ]
    assert set(states(services).values()) == {"planned"}
    applied = load(services, shorter, team="skole", remove_missing=True)
    assert len(applied.removed) == 3 and applied.proposed_removals == []
    assert list(states(services).values()).count("cancelled") == 3
