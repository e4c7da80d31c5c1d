"""Every command of the command line keeps a rule (bot/cli/gate.py), and docs/permissions.md's
table of them ("The command line") says the same: a new command without one fails here."""

from __future__ import annotations

from typing import get_args

import typer

from bot.cli.gate import COMMANDS, HERE, CliRule, Needs
from bot.cli.main import app
from bot.services.permissions import Permission
from tests.conftest import REPO


def _key(function: object) -> str:
    return f"{function.__module__}.{function.__qualname__}"  # type: ignore[attr-defined]


def commands(typer_app: typer.Typer, prefix: str = "") -> dict[str, object]:
    """Every command's words -> its function (a group that runs on its own, `overlaps`, too)."""
    found: dict[str, object] = {}
    callback = typer_app.registered_callback
    if prefix and callback is not None and callback.callback is not None:
        found[prefix.strip()] = callback.callback
    for command in typer_app.registered_commands:
        assert command.callback is not None
        found[prefix + (command.name or command.callback.__name__)] = command.callback
    for group in typer_app.registered_groups:
        assert group.typer_instance is not None and group.name is not None
        found.update(commands(group.typer_instance, f"{prefix}{group.name} "))
    return found


def documented() -> dict[str, tuple[str, str]]:
    """The "## The command line" table: command -> (permission, where it is checked)."""
    text = (REPO / "docs" / "permissions.md").read_text(encoding="utf-8")
    section = text.split("## The command line", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    table: dict[str, tuple[str, str]] = {}
    for row in rows:
        command, permission, checked = (cell.strip() for cell in row.strip("|").split("|"))
        table[command.strip("`")] = (permission, checked)
    return table


def test_every_command_keeps_a_rule() -> None:
    found = commands(app)
    assert len(found) > 70
    missing = sorted(words for words, function in found.items() if _key(function) not in COMMANDS)
    assert missing == []


def test_the_documented_table_is_the_commands_rules() -> None:
    in_code = {
        words: (COMMANDS[_key(function)].permission, COMMANDS[_key(function)].checked)
        for words, function in commands(app).items()
    }
    assert documented() == in_code


def test_what_is_the_admins_is_checked_before_the_command_runs() -> None:
    """`db backup` and `people list` were anyone's with --as (issue 28, item 7)."""
    rules = {words: COMMANDS[_key(f)] for words, f in commands(app).items()}
    for words in ("db backup", "db restore", "people list", "serve", "reminders run"):
        assert rules[words] == CliRule("administer", HERE)


def test_a_commands_rule_names_a_permission_by_its_value() -> None:
    """The rules name permissions by value (a command module loads no services): every
    Permission is among them, and besides them only the rules the services keep themselves."""
    assert set(get_args(Needs)) - {"self", "owner", "decide"} == {p.value for p in Permission}
