"""Feed and page tokens: only their digests are kept

Revision ID: 0013
Revises: 0012

The plaintext ``teams.feed_token``, ``people.feed_token`` and ``plans.view_token`` columns go;
their ``*_hash`` columns (SHA-256, storage/tokens.py) stay and are what every lookup already
used, so each existing feed and page URL keeps working. A digest missing beside a token (not
written by any release, but cheap to be sure of) is computed from it before the token goes.
``teams.feed_token_hash`` may now be empty: a team's feed is made when first asked for, and its
URL shown then.

On SQLite a column with a UNIQUE constraint goes only by copying its table, and copying
``people`` and ``plans`` drops their triggers (revision 0007's) and trips over the others that
name them: those triggers are dropped first and made again after, as revision 0007 wrote them.

Downgrading cannot bring the tokens back (nobody can, from a digest): it restores the columns
empty, and each team gets a fresh feed token, so the old release finds what it expects; every
feed and page URL then stops working and has to be made again.
"""

import hashlib
import importlib
import secrets
from collections.abc import Callable, Sequence
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, token column, digest column)
TOKENS = (
    ("teams", "feed_token", "feed_token_hash"),
    ("people", "feed_token", "feed_token_hash"),
    ("plans", "view_token", "view_token_hash"),
)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _revision_0007() -> ModuleType:
    return importlib.import_module("storage.migrations.versions.0007_plan_change_counter")


def _without_sqlite_triggers(change: Callable[[], None]) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    earlier = _revision_0007()
    if sqlite:
        for trigger in earlier.TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    change()
    if sqlite:
        for statement in earlier._sqlite():
            op.execute(statement)


def upgrade() -> None:
    bind = op.get_bind()
    for table, token_column, digest_column in TOKENS:
        rows = bind.execute(
            sa.text(
                f"SELECT id, {token_column} FROM {table}"  # noqa: S608 - names from TOKENS
                f" WHERE {token_column} IS NOT NULL AND {digest_column} IS NULL"
            )
        ).all()
        for row_id, token in rows:
            bind.execute(
                sa.text(f"UPDATE {table} SET {digest_column} = :digest WHERE id = :id"),  # noqa: S608
                {"digest": _digest(token), "id": row_id},
            )

    def change() -> None:
        for table, token_column, _ in TOKENS:
            with op.batch_alter_table(table) as batch:
                batch.drop_constraint(op.f(f"uq_{table}_{token_column}"), type_="unique")
                batch.drop_column(token_column)
        with op.batch_alter_table("teams") as batch:
            batch.alter_column("feed_token_hash", existing_type=sa.String(64), nullable=True)

    _without_sqlite_triggers(change)


def downgrade() -> None:
    bind = op.get_bind()

    def change() -> None:
        for table, token_column, _ in TOKENS:
            with op.batch_alter_table(table) as batch:
                batch.add_column(sa.Column(token_column, sa.String(64), nullable=True))
                batch.create_unique_constraint(op.f(f"uq_{table}_{token_column}"), [token_column])

    _without_sqlite_triggers(change)
    # The old release wants every team to have a feed token: new ones (old URLs are gone).
    for (team_id,) in bind.execute(sa.text("SELECT id FROM teams")).all():
        token = secrets.token_urlsafe(32)
        bind.execute(
            sa.text(
                "UPDATE teams SET feed_token = :token, feed_token_hash = :digest WHERE id = :id"
            ),
            {"token": token, "digest": _digest(token), "id": team_id},
        )
    bind.execute(sa.text("UPDATE people SET feed_token_hash = NULL"))
    bind.execute(sa.text("UPDATE plans SET view_token_hash = NULL"))

    def restore_not_null() -> None:
        with op.batch_alter_table("teams") as batch:
            batch.alter_column("feed_token", existing_type=sa.String(64), nullable=False)
            batch.alter_column("feed_token_hash", existing_type=sa.String(64), nullable=False)

    _without_sqlite_triggers(restore_not_null)
