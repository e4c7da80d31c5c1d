"""surface health: the outbox's circuit breaker per surface, shared by replicas

Revision ID: 0015
Revises: 0014

No data: a surface's row is written at its first failure.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "surface_health",
        sa.Column("surface", sa.String(length=16), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("down_since", storage.types.UTCDateTime(), nullable=True),
        sa.Column("probe_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("probe_seconds", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("surface", name=op.f("pk_surface_health")),
    )


def downgrade() -> None:
    op.drop_table("surface_health")
