"""plan_names: a name one plan uses for a person, mapped by someone who may change that plan

Revision ID: 0011
Revises: 0010

No data to move: names mapped before stay the people's aliases (an admin's mapping, or one
made before this revision, means the person in every plan, as it did).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("alias_key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_plan_names_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_names_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_names")),
        sa.UniqueConstraint("plan_id", "alias_key", name=op.f("uq_plan_names_plan_id_alias_key")),
    )
    op.create_index(op.f("ix_plan_names_person_id"), "plan_names", ["person_id"], unique=False)
    op.create_index(op.f("ix_plan_names_plan_id"), "plan_names", ["plan_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_names_plan_id"), table_name="plan_names")
    op.drop_index(op.f("ix_plan_names_person_id"), table_name="plan_names")
    op.drop_table("plan_names")
