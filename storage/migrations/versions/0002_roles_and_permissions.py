"""roles and permissions: admins, plan editors, plan visibility, four eyes, who acted in chat

Revision ID: 0002
Revises: 0001

Existing data keeps working: each plan without an owner gets the person who created or first
imported it (from the audit log), responsible people act on their activities by rule, and teams
keep their members.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(
            sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("plans") as batch:
        batch.add_column(
            sa.Column("visibility", sa.String(length=16), server_default="team", nullable=False)
        )
    with op.batch_alter_table("steering_groups") as batch:
        batch.add_column(
            sa.Column(
                "allow_self_approval", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("surface_user", sa.String(length=255), nullable=True))
    op.create_table(
        "plan_editors",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "person_id"),
    )
    op.create_index(op.f("ix_plan_editors_person_id"), "plan_editors", ["person_id"], unique=False)
    # The first owner of a plan is whoever created or imported it first.
    op.execute(
        sa.text(
            "UPDATE plans SET owner_id = ("
            " SELECT audit_log.actor_id FROM audit_log"
            " WHERE audit_log.plan_id = plans.id AND audit_log.actor_id IS NOT NULL"
            " AND audit_log.action IN ('plan.create', 'plan.import')"
            " ORDER BY audit_log.at, audit_log.id LIMIT 1)"
            " WHERE owner_id IS NULL"
        )
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_editors_person_id"), table_name="plan_editors")
    op.drop_table("plan_editors")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("surface_user")
    with op.batch_alter_table("steering_groups") as batch:
        batch.drop_column("allow_self_approval")
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("visibility")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("is_admin")
