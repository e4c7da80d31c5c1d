"""meeting calendars: bodies that meet, the names plans call their meetings, the meetings

Revision ID: 0009
Revises: 0008

New tables only; nothing existing changes. An activity whose "when" names a body's meetings
("Før hvert udvalgsmøde") is read against them once the meetings are added
(``commplan meetings add``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "meeting_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["meeting_bodies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index(
        op.f("ix_meeting_aliases_body_id"), "meeting_aliases", ["body_id"], unique=False
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["meeting_bodies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("body_id", "uid", name="uq_meetings_body_uid"),
    )
    op.create_index("ix_meetings_body_day", "meetings", ["body_id", "day"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_meetings_body_day", table_name="meetings")
    op.drop_table("meetings")
    op.drop_index(op.f("ix_meeting_aliases_body_id"), table_name="meeting_aliases")
    op.drop_table("meeting_aliases")
    op.drop_table("meeting_bodies")
