"""A value the command line cannot read is refused in the reader's language, in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.in_process import run


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("da", "skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM"),
        ("sv", "skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM"),
        ("en", "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
    ],
)
def test_an_unreadable_since_is_refused_in_the_readers_language(
    tmp_path: Path, language: str, said: str
) -> None:
    result = run(
        tmp_path / "c.db", "reminders", "failed", "--since", "nope",
        env={"COMMPLAN_LANGUAGE": language},
    )  # fmt: skip
    assert result.returncode == 2
    assert said in result.stderr
    assert "Traceback" not in result.stderr
