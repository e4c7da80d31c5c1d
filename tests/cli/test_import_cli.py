"""`commplan import`, `export` and `when` as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.in_process import run

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "commplan.db"


def test_import_prints_the_documented_json(db: Path) -> None:
    result = run(
        db,
        "import",
        str(SAMPLES / "mittkoping-aktivitetsplan.docx"),
        "--team",
        "skolor",
        "--format",
        "json",
    )
    assert result.returncode == 2
    assert result.stderr == "commplan: Unknown team: skolor\n"
    assert run(db, "teams", "add", "Skolor").returncode == 0
    result = run(db, "import", str(SAMPLES / "mittkoping-aktivitetsplan.docx"), "--format", "json")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert set(output) >= {"plan", "activities", "warnings"}
    assert output["plan"]["name"] == "Aktivitetsplan - Mittköping"
    assert output["plan"]["team"] == "skolor"
    assert output["plan"]["language"] == "sv"
    assert output["warnings"] == []
    assert len(output["activities"]) == 15
    tentative = output["activities"][9]
    assert tentative == {
        "phase": None,
        "activity": "Möte med chef för servicecenter. Informera om tjänsten samt gör en plan för "
        "att de ska få den information de behöver.",
        "target_group": None,
        "message": None,
        "goal": "Invånarnas primära kontaktväg till Mittköping är via servicecenter.",
        "channel": "Möte och servicecenters system för information.",
        "when": "Prel. Mars 2019 (när avtal är på plats).",
        "timing": {
            "kind": "window",
            "start": "2019-03-01",
            "due": "2019-03-31",
            "rrule": None,
            "tentative": True,
        },
        "timing_from": "3 (Tid)",
        "responsible": None,
        "expected_reaction": None,
        "remarks": "(när avtal är på plats)",
        "source": {"table": "Table 2", "row": 2},
    }
    assert output["changes"]["dry_run"] is False
    assert len(output["changes"]["added"]) == 15


def test_dry_run_then_import_then_export(db: Path, tmp_path: Path) -> None:
    sample = str(SAMPLES / "udbud-kommunikationsplan.docx")
    dry = run(db, "import", sample, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Would import udbud-kommunikationsplan.docx" in dry.stdout
    assert "8 added" in dry.stdout
    assert "Dry run: nothing was written." in dry.stdout
    assert "Projektgruppen (1)" in dry.stdout
    assert run(db, "plans", "list", "--format", "json").stdout.strip() in ("[]", "")
    assert run(db, "import", sample).returncode == 0
    exported = tmp_path / "plan.xlsx"
    result = run(db, "export", "Kommunikationsplan for udbudsproces", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    assert exported.stat().st_size > 0
    again = run(db, "import", str(exported))
    assert "0 added, 0 changed, 0 removed, 8 unchanged" in again.stdout


def test_a_bad_file_is_one_line_and_exit_status_2(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_text("not a document")
    result = run(db, "import", str(path))
    assert result.returncode == 2
    assert result.stderr == (
        "commplan: plan.docx: the file is named .docx but is not an Office document\n"
    )
    danish = run(db, "import", str(path), env={"COMMPLAN_LANGUAGE": "da"})
    assert (
        danish.stderr == "commplan: plan.docx: filen hedder .docx, men er ikke et Office-dokument\n"
    )


def test_an_empty_template_says_so(db: Path) -> None:
    result = run(db, "import", str(SAMPLES / "siso-skabelon-tom.docx"))
    assert result.returncode == 2
    assert "no activities found" in result.stderr
    assert run(db, "teams", "list", "--format", "json").stdout.strip() == "[]"


def test_when_prints_the_timing_object(db: Path) -> None:
    result = run(db, "when", "Höst 2018 – pågående", "--today", "2018-01-10", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "kind": "ongoing",
        "start": "2018-09-01",
        "due": None,
        "rrule": None,
        "tentative": False,
    }
    table = run(db, "when", "Primo marts 2027", "--language", "da")
    assert "10 Mar 2027" in table.stdout
    bad = run(db, "when", "marts", "--language", "de")
    assert bad.returncode == 2
    assert "expected da, sv or en" in bad.stderr
