"""plans.changes: a counter the database moves whenever a calendar feed drawing on the plan may
change

Revision ID: 0007
Revises: 0006

Kept by triggers, so that every write path moves it in the same transaction: the services'
ORM flushes, Core statements (imports, forgetting a person, the scheduler), and foreign-key
cascades. What moves it (each an increment, ``changes = changes + 1``, which two concurrent
transactions cannot lose):

- an activity inserted or deleted, or updated in a column its feed event shows (the others,
  such as ``next_due``, ``snoozed_until`` and ``updated_at``, do not: the planner rewrites them
  in bulk and the event does not change), in its old and its new plan;
- a responsible person linked to or unlinked from an activity (also by a cascade);
- a person renamed: their activities' ``sequence`` moves (the event's text names them, so
  calendars should see a revision), and with it the activities' plans;
- the plan's own name, language, time zone, country, reminder policy, status or team (on
  PostgreSQL any update of the plan's row: see POSTGRES_FUNCTIONS for why).

On PostgreSQL a transaction moves a plan's counter once however many of its rows it writes.

Existing plans start at 0: every feed's ETag changes once after the upgrade, which costs each
subscribed calendar one download. The SQL is written out here rather than imported, so that
this revision stays what it was when later ones change the triggers.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The activity columns a feed's event is made from (storage/repositories/feeds.py reads them;
# tests/storage/test_plan_changes.py checks that every one it reads is here).
EVENT_COLUMNS = (
    "plan_id",
    "position",
    "title",
    "target_group",
    "message",
    "channel",
    "when_text",
    "timing_kind",
    "timing_start",
    "timing_due",
    "timing_rrule",
    "timing_tentative",
    "responsible_text",
    "responsible_steering_group",
    "status",
    "reminder_policy",
    "sequence",
    "cancelled_at",
    "created_at",
)
PLAN_COLUMNS = ("team_id", "name", "language", "time_zone", "country", "reminder_policy", "status")

# Their tables, for dropping them on PostgreSQL.
TRIGGERS = {
    "activities_feed_insert": "activities",
    "activities_feed_delete": "activities",
    "activities_feed_update": "activities",
    "responsibles_feed_insert": "activity_responsibles",
    "responsibles_feed_delete": "activity_responsibles",
    "responsibles_feed_update": "activity_responsibles",
    "people_feed_rename": "people",
    "plans_feed_update": "plans",
}

BUMP = "UPDATE plans SET changes = changes + 1 WHERE id"  # then "= x" or "IN (…)"


def _changed(columns: Sequence[str], differ: str) -> str:
    # JSON columns: SQLite stores text, PostgreSQL json (no equality operator): compare as text.
    return " OR ".join(
        f"CAST(OLD.{c} AS TEXT) {differ} CAST(NEW.{c} AS TEXT)"
        if c == "reminder_policy"
        else f"OLD.{c} {differ} NEW.{c}"
        for c in columns
    )


def _sqlite() -> list[str]:
    of = ", ".join(EVENT_COLUMNS)
    plan_of = ", ".join(PLAN_COLUMNS)
    plans_of = "(SELECT plan_id FROM activities WHERE id = {row}.activity_id)"
    return [
        f"CREATE TRIGGER activities_feed_insert AFTER INSERT ON activities"
        f" BEGIN {BUMP} = NEW.plan_id; END",
        f"CREATE TRIGGER activities_feed_delete AFTER DELETE ON activities"
        f" BEGIN {BUMP} = OLD.plan_id; END",
        f"CREATE TRIGGER activities_feed_update AFTER UPDATE OF {of} ON activities"
        f" WHEN {_changed(EVENT_COLUMNS, 'IS NOT')}"
        f" BEGIN {BUMP} IN (OLD.plan_id, NEW.plan_id); END",
        f"CREATE TRIGGER responsibles_feed_insert AFTER INSERT ON activity_responsibles"
        f" BEGIN {BUMP} IN {plans_of.format(row='NEW')}; END",
        f"CREATE TRIGGER responsibles_feed_delete AFTER DELETE ON activity_responsibles"
        f" BEGIN {BUMP} IN {plans_of.format(row='OLD')}; END",
        f"CREATE TRIGGER responsibles_feed_update AFTER UPDATE ON activity_responsibles"
        f" BEGIN {BUMP} IN {plans_of.format(row='OLD')} OR id IN {plans_of.format(row='NEW')};"
        f" END",
        "CREATE TRIGGER people_feed_rename AFTER UPDATE OF name ON people"
        " WHEN OLD.name IS NOT NEW.name"
        " BEGIN UPDATE activities SET sequence = sequence + 1 WHERE id IN"
        " (SELECT activity_id FROM activity_responsibles WHERE person_id = NEW.id); END",
        # Recursive triggers are off in SQLite: this trigger's own UPDATE does not fire it.
        f"CREATE TRIGGER plans_feed_update AFTER UPDATE OF {plan_of} ON plans"
        f" WHEN {_changed(PLAN_COLUMNS, 'IS NOT')}"
        f" BEGIN {BUMP} = NEW.id; END",
    ]


# PostgreSQL: inserts and deletes by statement, reading the rows from transition tables; updates
# by row, with a column list and a WHEN clause the server checks before calling anything, so
# that a bulk update of other columns (the planner's next_due) costs nothing. A transition
# table cannot go with a column list, hence the split. A plan's row is moved once a
# transaction: a row version this transaction wrote (its xmin is our xid) was already counted,
# since every update of a plan counts (commplan_feed_plan_updated). Without that, an import of
# 100,000 rows updated one row 100,000 times in one transaction, each time walking the chain
# of its dead versions (minutes). In a savepoint the xid differs and it counts again: harmless.
PG_BUMP = f"{BUMP} IN ({{plans}}) AND xmin <> pg_current_xact_id()::xid;"
POSTGRES_FUNCTIONS = {
    "commplan_feed_activities_changed": PG_BUMP.format(plans="SELECT plan_id FROM changed_rows"),
    "commplan_feed_activities_updated": PG_BUMP.format(plans="OLD.plan_id, NEW.plan_id"),
    "commplan_feed_responsibles_changed": PG_BUMP.format(
        plans="SELECT a.plan_id FROM activities a JOIN changed_rows r ON r.activity_id = a.id"
    ),
    "commplan_feed_responsibles_updated": PG_BUMP.format(
        plans="SELECT plan_id FROM activities WHERE id IN (OLD.activity_id, NEW.activity_id)"
    ),
    "commplan_feed_person_renamed": (
        "UPDATE activities SET sequence = sequence + 1 WHERE id IN"
        " (SELECT activity_id FROM activity_responsibles WHERE person_id = NEW.id);"
    ),
}


def _postgres() -> list[str]:
    statements = [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$"
        f" BEGIN {body} RETURN NULL; END $$"
        for name, body in POSTGRES_FUNCTIONS.items()
    ]
    # Every update of a plan counts, but the counting itself (which sets changes).
    statements.append(
        "CREATE FUNCTION commplan_feed_plan_updated() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN IF NEW.changes = OLD.changes THEN NEW.changes := OLD.changes + 1; END IF;"
        " RETURN NEW; END $$"
    )
    by_statement = (
        ("activities_feed_insert", "INSERT", "activities", "NEW", "activities_changed"),
        ("activities_feed_delete", "DELETE", "activities", "OLD", "activities_changed"),
        (
            "responsibles_feed_insert",
            "INSERT",
            "activity_responsibles",
            "NEW",
            "responsibles_changed",
        ),
        (
            "responsibles_feed_delete",
            "DELETE",
            "activity_responsibles",
            "OLD",
            "responsibles_changed",
        ),
    )
    for trigger, event, table, which, function in by_statement:
        statements.append(
            f"CREATE TRIGGER {trigger} AFTER {event} ON {table}"
            f" REFERENCING {which} TABLE AS changed_rows FOR EACH STATEMENT"
            f" EXECUTE FUNCTION commplan_feed_{function}()"
        )
    statements += [
        f"CREATE TRIGGER activities_feed_update AFTER UPDATE OF {', '.join(EVENT_COLUMNS)}"
        f" ON activities FOR EACH ROW WHEN ({_changed(EVENT_COLUMNS, 'IS DISTINCT FROM')})"
        " EXECUTE FUNCTION commplan_feed_activities_updated()",
        "CREATE TRIGGER responsibles_feed_update AFTER UPDATE ON activity_responsibles"
        " FOR EACH ROW EXECUTE FUNCTION commplan_feed_responsibles_updated()",
        "CREATE TRIGGER people_feed_rename AFTER UPDATE OF name ON people FOR EACH ROW"
        " WHEN (OLD.name IS DISTINCT FROM NEW.name)"
        " EXECUTE FUNCTION commplan_feed_person_renamed()",
        "CREATE TRIGGER plans_feed_update BEFORE UPDATE ON plans FOR EACH ROW"
        " EXECUTE FUNCTION commplan_feed_plan_updated()",
    ]
    return statements


def upgrade() -> None:
    op.add_column(
        "plans", sa.Column("changes", sa.BigInteger(), server_default="0", nullable=False)
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _postgres() if postgres else _sqlite():
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for trigger, table in TRIGGERS.items():
        op.execute(f"DROP TRIGGER {trigger} ON {table}" if postgres else f"DROP TRIGGER {trigger}")
    if postgres:
        for name in (*POSTGRES_FUNCTIONS, "commplan_feed_plan_updated"):
            op.execute(f"DROP FUNCTION {name}()")
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("changes")
