"""Issue 29, item 6: a "when" nobody can read is refused by `activities add`, `edit` and `move`
(exit status 2, one line in the person's language with forms that work), the stored reading is
left as it was, and the refusal is audited; `--when-text` keeps a free text on purpose."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from storage.models import AuditEntry
from tests.cli.in_process import run

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)  # a Monday

HINTS = {
    "da": "Den tid kan jeg ikke læse: asdf (fx: 14/3 2027, uge 12 2027,",
    "sv": "Den tiden kan jag inte läsa: asdf (t.ex.: 14/3 2027, vecka 12 2027,",
    "en": "I cannot read that time: asdf (e.g.: 14/3 2027, week 12 2027,",
}


def _plan(db: Path) -> int:
    assert run(db, "teams", "add", "Udbud").returncode == 0
    assert run(db, "plans", "add", "Plan", "--team", "udbud", "--language", "da").returncode == 0
    added = run(db, "activities", "add", "Plan", "Artikel", "--when", "Uge 12 2027")
    assert added.returncode == 0, added.stderr
    return int(added.stdout.split()[0].lstrip("#").rstrip(":"))


def _activity(db: Path, activity_id: int) -> dict[str, object]:
    listed = json.loads(run(db, "activities", "list", "Plan", "--format", "json").stdout)
    return next(row for row in listed if row["id"] == activity_id)


@pytest.mark.parametrize("language", ["da", "sv", "en"])
@time_machine.travel(NOW, tick=False)
def test_edit_add_and_move_refuse_an_unreadable_when(tmp_path: Path, language: str) -> None:
    db = tmp_path / "commplan.db"
    activity_id = _plan(db)
    before = _activity(db, activity_id)
    env = {"COMMPLAN_LANGUAGE": language}
    for args in (
        ("activities", "edit", str(activity_id), "--set", "when=asdf"),
        ("activities", "add", "Plan", "Nyhed", "--when", "asdf"),
        ("activities", "move", str(activity_id), "asdf"),
    ):
        refused = run(db, *args, env=env)
        assert refused.returncode == 2, (args, refused.stdout)
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and HINTS[language] in lines[0], (args, refused.stderr)
        assert refused.stdout == ""
    # nothing changed: the readable "Uge 12 2027" keeps its date, no activity was added
    after = _activity(db, activity_id)
    assert after == before and after["when"] == "Uge 12 2027"
    assert after["next_due"] == "2027-03-24"  # Maundy Thursday and Good Friday are holidays
    listed = json.loads(run(db, "activities", "list", "Plan", "--format", "json").stdout)
    assert [row["activity"] for row in listed] == ["Artikel"]
    engine = create_engine(f"sqlite:///{db}")
    with Session(engine) as session:
        actions = list(session.scalars(select(AuditEntry.action)))
    engine.dispose()
    for action in ("activity.edit.refused", "activity.add.refused", "activity.move.refused"):
        assert action in actions


@time_machine.travel(NOW, tick=False)
def test_relative_days_are_read_not_refused_and_when_text_keeps_free_text(tmp_path: Path) -> None:
    db = tmp_path / "commplan.db"
    _plan(db)
    tomorrow = run(db, "activities", "add", "Plan", "Nyhed", "--when", "i morgen")
    assert tomorrow.returncode == 0, tomorrow.stderr
    read = _activity(db, int(tomorrow.stdout.split()[0].lstrip("#").rstrip(":")))
    assert (read["timing"], read["next_due"]) == (
        {
            "kind": "date",
            "start": "2026-11-24",
            "due": "2026-11-24",
            "rrule": None,
            "tentative": False,
        },
        "2026-11-24",
    )
    free = run(
        db, "activities", "add", "Plan", "Tale", "--when-text", "Når budgettet er vedtaget i KB"
    )
    assert free.returncode == 0, free.stderr
    free_id = int(free.stdout.split()[0].lstrip("#").rstrip(":"))
    assert _activity(db, free_id)["when"] == "Når budgettet er vedtaget i KB"
    kept = run(db, "activities", "edit", str(free_id), "--set", "when_text=efter valget")
    assert kept.returncode == 0, kept.stderr
    assert _activity(db, free_id)["when"] == "efter valget"
    assert _activity(db, free_id)["timing"]["kind"] == "unknown"  # type: ignore[index]
