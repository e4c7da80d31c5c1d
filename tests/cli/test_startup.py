"""The command line starts at once: `commplan --help` loads no web app, no importer or exporter,
no chat SDK, and a simple command loads the modules it uses (issue 33, item 6).

Each check runs a fresh interpreter and reads its ``sys.modules``: what a module imports at its
top is paid by every command, and one top-level import in the wrong place brings the second
back. The times themselves are measured by bench/cli_startup.py (docs/performance.md), never
here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

# What no command but those that use them may load: the web app, the files' readers and
# writers, pictures, and the chat surfaces' SDKs.
HEAVY = (
    "fastapi",
    "starlette",
    "openpyxl",
    "docx",
    "PIL",
    "slack_sdk",
    "slack_bolt",
    "microsoft_teams",
)
# What `--help` needs none of: the settings, the database, the migrations.
NOT_FOR_HELP = ("pydantic_settings", "sqlalchemy", "alembic")
# The modules of commplan a simple command has no use for.
NOT_FOR_UPCOMING = (
    "alembic",  # the database is at the shipped head: nothing to migrate
    "bot.importing",
    "bot.exporting",
    "bot.web.app",
    "bot.web.calendar_page",
    "bot.web.plan_page",
    "bot.transports.slack",
    "bot.transports.msteams",
    "bot.transports.email",
)

# Runs the code it is given, then writes the names of the loaded modules as JSON to the file
# its first argument names (stdout is the command's).
LOADED = """
import json, sys
names, code = sys.argv[1:3]
try:
    exec(code)
finally:
    with open(names, "w", encoding="utf-8") as stream:
        json.dump(sorted(sys.modules), stream)
"""


def loaded_after(code: str, tmp_path: Path, env: dict[str, str] | None = None) -> set[str]:
    names = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", LOADED, str(names), code],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return set(json.loads(names.read_text(encoding="utf-8")))


def under(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    """The packages of ``packages`` that ``modules`` holds (or one of their modules)."""
    return [
        package
        for package in packages
        if any(name == package or name.startswith(f"{package}.") for name in modules)
    ]


def test_importing_the_command_line_loads_no_web_app_file_reader_or_chat_sdk(
    tmp_path: Path,
) -> None:
    modules = loaded_after("import bot.cli.main", tmp_path)
    assert "bot.cli.main" in modules  # the check reads the process that imported it
    assert under(modules, HEAVY) == []


def test_help_loads_no_settings_database_or_migrations(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from bot.cli.main import run\n"
        "sys.argv = ['commplan', '--help']\n"
        "try:\n"
        "    run()\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
    )
    modules = loaded_after(code, tmp_path)
    assert "typer" in modules
    assert under(modules, HEAVY + NOT_FOR_HELP) == []


def test_upcoming_loads_what_it_uses(sqlite_url: str, tmp_path: Path) -> None:
    """On a database at the newest revision (the session's migrated template, copied)."""
    code = (
        "import sys\n"
        "from bot.cli.main import run\n"
        "sys.argv = ['commplan', 'upcoming']\n"
        "try:\n"
        "    run()\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code\n"
    )
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("COMMPLAN_", "SLACK_", "TEAMS_"))
    }
    env |= {"COMMPLAN_DATABASE_URL": sqlite_url, "COMMPLAN_LANGUAGE": "en"}
    modules = loaded_after(code, tmp_path, env)
    # It did the work: the settings, the database and the service it asked.
    assert {"config.settings", "sqlalchemy", "bot.services.upcoming"} <= modules
    assert under(modules, HEAVY + NOT_FOR_UPCOMING) == []
