"""`commplan meetings add` as a person runs it: the count of meetings in the reader's plural."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.in_process import run


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("da", "1 møde:", "2 møder:"),
        ("sv", "1 möte:", "2 möten:"),
        ("en", "1 meeting:", "2 meetings:"),
    ],
)
def test_meetings_add_counts_one_meeting_and_several(
    tmp_path: Path, language: str, one: str, two: str
) -> None:
    db = tmp_path / "commplan.db"
    env = {"COMMPLAN_LANGUAGE": language}
    result = run(db, "meetings", "add", "Board", "--dates", "2027-01-08", env=env)
    assert result.returncode == 0, result.stderr
    assert f" {one} " in result.stdout
    result = run(db, "meetings", "add", "Board", "--dates", "2027-02-12", env=env)
    assert f" {two} " in result.stdout
