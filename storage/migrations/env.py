"""Alembic's environment: run with the connection that ``storage.migrate`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.models import Base

connection: Connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
