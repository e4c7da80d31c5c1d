"""The roles ``commplan roles grant|revoke`` sets: names only, so that the command line's help
lists them without loading the services (docs/performance.md)."""

from __future__ import annotations

from enum import StrEnum


class StoredRole(StrEnum):
    """The roles ``commplan roles grant|revoke`` sets (``--plan`` or ``--team`` where held)."""

    ADMIN = "admin"
    OWNER = "owner"  # --plan
    EDITOR = "editor"  # --plan
    MEMBER = "member"  # --team
    TEAM_ADMIN = "team-admin"  # --team
