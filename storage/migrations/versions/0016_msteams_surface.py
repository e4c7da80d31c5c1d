"""msteams: Microsoft Teams is stored as "msteams", not "teams" (a team is a group of people)

Revision ID: 0016
Revises: 0015

Every stored "teams" that means Microsoft Teams becomes "msteams": the columns holding a surface
(chat addresses, the audit log's origin, a person's preferred surface, a decision's surface, a
pending upload's surface, the circuit breaker's row, the outbox's transport), the keys made from
one (a Teams click's idempotency key "teams:…", an unlinked user's notice "unlinked_attempt:
teams:…"), and the JSON that names one (the audit's details and the outbox's payloads: a
"surface" or "preferred_surface" value, a key of "addresses" or "channels"). "teams" anywhere
else is a group of people (the ``teams`` table, ``team_id``) and stays. Downgrading reverses
every rewrite.

The keys grow by two characters: they are cut to their column's length, as the code that
writes them cuts them, so a key already at its length comes back down two characters short
(an unlinked user's id of over 200 characters; a notice about them may then be written once
more by the old release).
"""

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "teams"
NEW = "msteams"

# (table, column): a Surface value.
SURFACE_COLUMNS = (
    ("chat_addresses", "surface"),
    ("audit_log", "surface"),
    ("people", "preferred_surface"),
    ("approval_decisions", "surface"),
    ("pending_uploads", "surface"),
    ("surface_health", "surface"),
    ("outbox", "transport"),
)
# (table, column, prefix before the surface, column length): keys that begin with a surface.
KEY_COLUMNS = (
    ("approval_decisions", "idempotency_key", "", 200),
    ("outbox", "key", "unlinked_attempt:", 255),
)
# (table, id column, JSON column)
JSON_COLUMNS = (
    ("audit_log", "id", "details"),
    ("outbox", "id", "payload"),
)
# JSON keys whose value is a surface, and JSON keys whose value maps surfaces to addresses.
SURFACE_KEYS = frozenset({"surface", "preferred_surface"})
SURFACE_MAPS = frozenset({"addresses", "channels"})


def upgrade() -> None:
    _rewrite(OLD, NEW)


def downgrade() -> None:
    _rewrite(NEW, OLD)


def _rewrite(old: str, new: str) -> None:
    for table, column in SURFACE_COLUMNS:
        rows = sa.table(table, sa.column(column, sa.String))
        op.execute(rows.update().where(rows.c[column] == old).values({column: new}))
    for table, column, prefix, length in KEY_COLUMNS:
        _rewrite_keys(table, column, f"{prefix}{old}:", f"{prefix}{new}:", length)
    for table, id_column, column in JSON_COLUMNS:
        _rewrite_json(table, id_column, column, lambda value: _renamed(value, old, new))


def _rewrite_keys(table: str, column: str, old: str, new: str, length: int) -> None:
    rows = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.String))
    bind = op.get_bind()
    found = bind.execute(sa.select(rows.c.id, rows.c[column]).where(rows.c[column].startswith(old)))
    for row_id, key in found.all():
        renamed = (new + key[len(old) :])[:length]
        bind.execute(rows.update().where(rows.c.id == row_id).values({column: renamed}))


def _rewrite_json(table: str, id_column: str, column: str, change: Callable[[Any], Any]) -> None:
    """Rewrite the JSON documents that may name a surface: those whose text holds the word at
    all (the rest cannot), each read and written whole."""
    rows = sa.table(table, sa.column(id_column, sa.Integer), sa.column(column, sa.JSON))
    bind = op.get_bind()
    maybe = sa.cast(rows.c[column], sa.Text).contains(OLD)  # "msteams" holds "teams" too
    found = bind.execute(sa.select(rows.c[id_column], rows.c[column]).where(maybe))
    for row_id, document in found.all():
        changed = change(document)
        if changed != document:
            bind.execute(rows.update().where(rows.c[id_column] == row_id).values({column: changed}))


def _renamed(value: Any, old: str, new: str) -> Any:
    """``value`` with each surface named ``old`` named ``new``: as the value of a surface key,
    as a key of a map of surfaces to addresses; in nested documents and lists too."""
    if isinstance(value, list):
        return [_renamed(item, old, new) for item in value]
    if not isinstance(value, dict):
        return value
    renamed: dict[str, Any] = {}
    for key, item in value.items():
        if key in SURFACE_KEYS and item == old:
            renamed[key] = new
        elif key in SURFACE_MAPS and isinstance(item, dict):
            renamed[key] = {new if name == old else name: v for name, v in item.items()}
        else:
            renamed[key] = _renamed(item, old, new)
    return renamed
