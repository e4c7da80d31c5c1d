"""the same name in two plans is one audience (activity_names), the shipped vocabulary in a new
database, the calendar's indexes

Revision ID: 0010
Revises: 0009

- ``activity_names``: each name in an activity's target group that no audience answers to,
  folded (``key``). Filled here for the activities there are, read with the vocabulary there
  is, so two plans' "Alle medarbejdere" collide at once after the upgrade.
- The shipped vocabulary (storage/vocabulary.csv) is loaded into a new database only: no
  audience and no activity yet. An existing install is not touched; its admin merges it with
  ``commplan audiences seed``. New audiences are named in the organisation's language
  (``language`` from storage.migrate.upgrade, else Danish, the settings' default).
- ``ix_activities_due`` and ``ix_activities_plan_due``: the calendar counts every activity of
  some weeks (done ones too), across the organisation or within the plans a reader may read.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.repositories.audiences import Vocabulary, name_rows
from storage.vocabulary import seed

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_activities = sa.table(
    "activities",
    sa.column("id", sa.Integer),
    sa.column("plan_id", sa.Integer),
    sa.column("target_group", sa.Text),
)
_plans = sa.table("plans", sa.column("id", sa.Integer), sa.column("language", sa.String))
_aliases = sa.table(
    "audience_aliases",
    sa.column("audience_id", sa.Integer),
    sa.column("language", sa.String),
    sa.column("key", sa.String),
)
_names = sa.table(
    "activity_names",
    sa.column("activity_id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("name", sa.String),
)


def upgrade() -> None:
    op.create_table(
        "activity_names",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["activities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("activity_id", "key"),
    )
    op.create_index(op.f("ix_activity_names_key"), "activity_names", ["key"], unique=False)
    # Covering: the calendar's counts read these columns from the index alone.
    columns = ["next_due", "plan_id", "status", "channel"]
    op.create_index("ix_activities_due", "activities", columns, unique=False)
    columns = ["plan_id", "next_due", "status", "channel"]
    op.create_index("ix_activities_plan_due", "activities", columns, unique=False)
    connection = op.get_bind()
    new = not connection.execute(sa.text("SELECT 1 FROM audiences LIMIT 1")).first()
    new = new and not connection.execute(sa.text("SELECT 1 FROM activities LIMIT 1")).first()
    if new:
        config = op.get_context().config
        language = config.attributes.get("language") if config is not None else None
        seed(connection, str(language or "da"))
        return
    aliases = connection.execute(
        sa.select(_aliases.c.audience_id, _aliases.c.language, _aliases.c.key)
    )
    vocabulary = Vocabulary.of_rows((row[0], row[1], row[2]) for row in aliases)
    rows = connection.execute(
        sa.select(_activities.c.id, _activities.c.target_group, _plans.c.language)
        .join(_plans, _plans.c.id == _activities.c.plan_id)
        .where(_activities.c.target_group.is_not(None))
    )
    batch: list[dict[str, object]] = []
    for activity_id, text, language in rows:
        for key, name in name_rows(vocabulary.read(text, language)).items():
            batch.append({"activity_id": activity_id, "key": key, "name": name})
        if len(batch) >= 5000:
            connection.execute(sa.insert(_names), batch)
            batch = []
    if batch:
        connection.execute(sa.insert(_names), batch)


def downgrade() -> None:
    op.drop_index("ix_activities_plan_due", table_name="activities")
    op.drop_index("ix_activities_due", table_name="activities")
    op.drop_index(op.f("ix_activity_names_key"), table_name="activity_names")
    op.drop_table("activity_names")
