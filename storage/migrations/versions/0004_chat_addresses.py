"""chat addresses in one table: person / steering group / team x surface x address

Revision ID: 0004
Revises: 0003

The per-surface columns of ``people``, ``steering_groups`` and ``teams`` become rows of
``chat_addresses`` (storage/models/addresses.py), so that a surface is added without a column
anywhere. A person's Teams row holds the Entra user id as its address (who writes to the bot),
the personal chat as its conversation and the Bot Connector region as its route (where a
reminder goes). A Teams conversation kept for nobody's Teams user cannot have been written by
commplan (it links the user first), and is not carried over.
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERSON = sa.text("person_id IS NOT NULL")
SLACK = "slack"
MSTEAMS = "teams"  # Surface.MSTEAMS's stored value

# (owner table, owner key in chat_addresses, surface, address column, conversation, route)
COPIES = (
    ("people", "person_id", SLACK, "slack_user_id", None, None),
    ("people", "person_id", MSTEAMS, "teams_user_id", "teams_conversation_id", "teams_service_url"),
    ("steering_groups", "steering_group_id", SLACK, "slack_channel_id", None, None),
    (
        "steering_groups",
        "steering_group_id",
        MSTEAMS,
        "teams_conversation_id",
        None,
        "teams_service_url",
    ),
    ("teams", "team_id", SLACK, "slack_channel_id", None, None),
    ("teams", "team_id", MSTEAMS, "teams_conversation_id", None, None),
)


def upgrade() -> None:
    op.create_table(
        "chat_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("steering_group_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("surface", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=255), nullable=False),
        sa.Column("conversation", sa.String(length=255), nullable=True),
        sa.Column("route", sa.String(length=500), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "(CASE WHEN person_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN steering_group_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN team_id IS NULL THEN 0 ELSE 1 END) = 1",
            name=op.f("ck_chat_addresses_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_chat_addresses_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["steering_group_id"],
            ["steering_groups.id"],
            name=op.f("fk_chat_addresses_steering_group_id_steering_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_chat_addresses_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_addresses")),
        sa.UniqueConstraint(
            "person_id", "surface", name=op.f("uq_chat_addresses_person_id_surface")
        ),
        sa.UniqueConstraint(
            "steering_group_id", "surface", name=op.f("uq_chat_addresses_steering_group_id_surface")
        ),
        sa.UniqueConstraint("team_id", "surface", name=op.f("uq_chat_addresses_team_id_surface")),
    )
    op.create_index(
        "ix_chat_addresses_person_address",
        "chat_addresses",
        ["surface", "address"],
        unique=True,
        sqlite_where=PERSON,
        postgresql_where=PERSON,
    )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # stored naive UTC (storage/types.py)
    for table, owner, surface, address, conversation, route in COPIES:
        op.execute(
            sa.text(
                f"INSERT INTO chat_addresses (person_id, steering_group_id, team_id, surface,"  # noqa: S608 (names are the constants above)
                f" address, conversation, route, created_at)"
                f" SELECT {_owner_columns(owner)}, :surface, {address},"
                f" {conversation or 'NULL'}, {route or 'NULL'}, :now"
                f" FROM {table} WHERE {address} IS NOT NULL AND {address} <> ''"
            ).bindparams(surface=surface, now=now)
        )
    with op.batch_alter_table("people") as batch:
        batch.drop_constraint("uq_people_slack_user_id", type_="unique")
        batch.drop_constraint("uq_people_teams_user_id", type_="unique")
        for column in (
            "slack_user_id",
            "teams_user_id",
            "teams_conversation_id",
            "teams_service_url",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("steering_groups") as batch:
        for column in ("slack_channel_id", "teams_conversation_id", "teams_service_url"):
            batch.drop_column(column)
    with op.batch_alter_table("teams") as batch:
        for column in ("slack_channel_id", "teams_conversation_id"):
            batch.drop_column(column)


def _owner_columns(owner: str) -> str:
    """The three owner keys of an INSERT ... SELECT from the owner's table: its id in ``owner``."""
    keys = ("person_id", "steering_group_id", "team_id")
    return ", ".join("id" if key == owner else "NULL" for key in keys)


def downgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.add_column(sa.Column("slack_channel_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("teams_conversation_id", sa.String(length=255), nullable=True))
    with op.batch_alter_table("steering_groups") as batch:
        batch.add_column(sa.Column("slack_channel_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("teams_conversation_id", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("teams_service_url", sa.String(length=500), nullable=True))
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("slack_user_id", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("teams_user_id", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("teams_conversation_id", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("teams_service_url", sa.String(length=500), nullable=True))
        batch.create_unique_constraint("uq_people_slack_user_id", ["slack_user_id"])
        batch.create_unique_constraint("uq_people_teams_user_id", ["teams_user_id"])
    # Back into the columns; an address on a surface the old columns have no place for is lost.
    for table, owner, surface, address, conversation, route in COPIES:
        values = {address: "address", conversation: "conversation", route: "route"}
        sets = ", ".join(
            f"{column} = (SELECT {field} FROM chat_addresses AS a"  # noqa: S608 (names are the constants above)
            f" WHERE a.{owner} = {table}.id AND a.surface = :surface)"
            for column, field in values.items()
            if column is not None
        )
        op.execute(sa.text(f"UPDATE {table} SET {sets}").bindparams(surface=surface))  # noqa: S608 (names are the constants above)
    op.drop_index("ix_chat_addresses_person_address", table_name="chat_addresses")
    op.drop_table("chat_addresses")
