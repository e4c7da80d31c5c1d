"""calendar_link_generations: revoking a person's (or the admin's) calendar links

Revision ID: 0014
Revises: 0013

Links made before carry no generation and count as generation 0, which is where every owner
starts: they keep working until their owner's links are revoked.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_link_generations",
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("owner", name=op.f("pk_calendar_link_generations")),
    )


def downgrade() -> None:
    op.drop_table("calendar_link_generations")
