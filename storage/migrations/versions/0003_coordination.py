"""coordination across plans: audiences (target groups), aliases, channel budgets, intended
overlaps, baselines and deviations, steering groups' lead times

Revision ID: 0003
Revises: 0002

Existing activities get their next deadline as their baseline. Existing activities keep their target group text and are linked to an
audience when an alias that names it is added (``commplan audiences alias``/``map``) or the
plan is imported again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audiences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "audience_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audience_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["audience_id"], ["audiences.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("language", "key"),
    )
    op.create_index(
        op.f("ix_audience_aliases_audience_id"), "audience_aliases", ["audience_id"], unique=False
    )
    op.create_index(op.f("ix_audience_aliases_key"), "audience_aliases", ["key"], unique=False)
    op.create_table(
        "activity_audiences",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("audience_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["activities.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["audience_id"], ["audiences.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("activity_id", "audience_id"),
    )
    op.create_index(
        op.f("ix_activity_audiences_audience_id"),
        "activity_audiences",
        ["audience_id"],
        unique=False,
    )
    op.create_table(
        "audience_budgets",
        sa.Column("audience_id", sa.Integer(), nullable=False),
        sa.Column("channel_key", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=200), nullable=False),
        sa.Column("per_week", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["audience_id"], ["audiences.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("audience_id", "channel_key"),
    )
    op.create_table(
        "intended_overlaps",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("marked_at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "deviations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("baseline", sa.Date(), nullable=True),
        sa.Column("moved_to", sa.Date(), nullable=True),
        sa.Column("working_days", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("by_text", sa.String(length=200), nullable=False),
        sa.Column("at", storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["activities.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_deviations_activity_id"), "deviations", ["activity_id"], unique=False)
    op.create_index(op.f("ix_deviations_plan_id"), "deviations", ["plan_id"], unique=False)
    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("baseline_due", sa.Date(), nullable=True))
    with op.batch_alter_table("steering_groups") as batch:
        batch.add_column(sa.Column("approval_lead_days", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("meeting_weekday", sa.Integer(), nullable=True))
    # The plan as it stands is the baseline of what was there before.
    op.execute(sa.text("UPDATE activities SET baseline_due = next_due"))


def downgrade() -> None:
    with op.batch_alter_table("steering_groups") as batch:
        batch.drop_column("meeting_weekday")
        batch.drop_column("approval_lead_days")
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("baseline_due")
    op.drop_index(op.f("ix_deviations_plan_id"), table_name="deviations")
    op.drop_index(op.f("ix_deviations_activity_id"), table_name="deviations")
    op.drop_table("deviations")
    op.drop_table("intended_overlaps")
    op.drop_table("audience_budgets")
    op.drop_index(op.f("ix_activity_audiences_audience_id"), table_name="activity_audiences")
    op.drop_table("activity_audiences")
    op.drop_index(op.f("ix_audience_aliases_key"), table_name="audience_aliases")
    op.drop_index(op.f("ix_audience_aliases_audience_id"), table_name="audience_aliases")
    op.drop_table("audience_aliases")
    op.drop_table("audiences")
