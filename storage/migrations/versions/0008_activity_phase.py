"""activities.phase: the phase of the plan an activity belongs to ("Fase 1: Forberedelse")

Revision ID: 0008
Revises: 0007

Plans group their rows under phase rows spanning the table; an import keeps the phase with
each activity (docs/importing.md), and the plan page and exports show it. Existing activities
have none. A feed's event does not show the phase, so the triggers of revision 0007 are left as
they are.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A plain ADD COLUMN, not a batch: on SQLite a batch copies the table, which would drop the
# triggers revision 0007 put on it.
def upgrade() -> None:
    op.add_column("activities", sa.Column("phase", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("activities", "phase")
