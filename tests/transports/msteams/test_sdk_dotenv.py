"""The Teams SDK loads a ``.env`` from the working directory or any folder above it when first
imported (``python -c "import microsoft_teams.apps"`` below such a folder sets its variables);
commplan's import of it must not (bot/transports/msteams/__init__.py). One subprocess: importing
the SDK takes seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SHOW = "import os, {module}; print(os.environ.get('CLIENT_SECRET', '-'))"


def run_in(folder: Path, module: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "CLIENT_SECRET"}
    done = subprocess.run(
        [sys.executable, "-c", SHOW.format(module=module)],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_a_dotenv_in_a_parent_folder_is_not_loaded(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("CLIENT_SECRET=from-a-parent-folder\n")
    below = tmp_path / "work" / "here"
    below.mkdir(parents=True)
    assert run_in(below, "bot.transports.msteams.sdk") == "-"
