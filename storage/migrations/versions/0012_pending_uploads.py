"""pending_uploads: plan files sent in a chat, kept from the preview until Import or Cancel

Revision ID: 0012
Revises: 0011

No data to move: the table starts empty. Rows live at most a day (scheduler/retention.py).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("surface", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_pending_uploads_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_pending_uploads_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_pending_uploads_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_uploads")),
    )
    op.create_index(
        op.f("ix_pending_uploads_person_id"), "pending_uploads", ["person_id"], unique=False
    )
    op.create_index(
        op.f("ix_pending_uploads_created_at"), "pending_uploads", ["created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_pending_uploads_created_at"), table_name="pending_uploads")
    op.drop_index(op.f("ix_pending_uploads_person_id"), table_name="pending_uploads")
    op.drop_table("pending_uploads")
