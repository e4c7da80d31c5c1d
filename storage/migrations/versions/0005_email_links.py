"""e-mail action links: the ids of the signed links already used (each acts once)

Revision ID: 0005
Revises: 0003

Written beside the surface registry's 0004 (another branch): ``down_revision`` names 0003 until
the two are merged, and is then set to 0004. No data to move: the table starts empty.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "email_links_used",
        sa.Column("link_id", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("used_at", storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("link_id"),
    )
    op.create_index(
        op.f("ix_email_links_used_used_at"), "email_links_used", ["used_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_email_links_used_used_at"), table_name="email_links_used")
    op.drop_table("email_links_used")
