"""A long import shows its progress on a terminal: reading, then rows written of the total."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path

from tests.cli.test_cli import EXE
from tests.importing.documents import write_csv


def test_the_cli_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    rows = [["Målgruppe", "Kanal", "Hvornår"], *([f"G{n}", "Mail", "Maj 2027"] for n in range(120))]
    path = write_csv(tmp_path / "plan.csv", rows)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("COMMPLAN_")}
    environment.update(
        COMMPLAN_DATABASE_URL=f"sqlite:///{tmp_path / 'commplan.db'}",
        COMMPLAN_LANGUAGE="en",
        COLUMNS="100",
        TERM="xterm",
    )
    terminal, side = pty.openpty()
    process = subprocess.Popen(
        [str(EXE), "import", str(path)],
        stdout=subprocess.PIPE,
        stderr=side,
        env=environment,
        cwd=tmp_path,
    )
    os.close(side)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 0, shown
    assert b"120 added" in stdout  # the report itself goes to stdout, without the bar
    screen = shown.decode("utf-8", "replace")
    assert "import" in screen
    assert "120/120" in screen  # rows written of the total, as the bar last showed them
    assert "\u2501" in screen  # the bar
