"""docs/permissions.md's table of rules is the code's: the two may not drift apart."""

from __future__ import annotations

from bot.services.permissions import RULES, Permission, Role
from tests.conftest import REPO


def documented_rules() -> dict[str, set[str]]:
    """The "## The rules" table: permission -> the roles in its "who" column."""
    text = (REPO / "docs" / "permissions.md").read_text(encoding="utf-8")
    section = text.split("## The rules", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]  # past the head
    table: dict[str, set[str]] = {}
    for row in rows:
        permission, _, who = (cell.strip() for cell in row.strip("|").split("|"))
        table[permission] = {role.strip() for role in who.split(",")}
    return table


def test_the_documented_table_is_the_rules() -> None:
    in_code = {
        permission.value: {role.value for role in roles} for permission, roles in RULES.items()
    }
    assert documented_rules() == in_code


def test_every_permission_and_role_is_named_in_the_docs() -> None:
    table = documented_rules()
    assert set(table) == {permission.value for permission in Permission}
    # every role grants something, and nothing else is named (a dead or misspelt role)
    assert set().union(*table.values()) == {role.value for role in Role}
