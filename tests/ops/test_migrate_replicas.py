"""Replicas that start together on an empty PostgreSQL database migrate one after the other."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect, text

from storage.database import make_engine
from storage.migrate import is_current, upgrade
from storage.models import Base

REPLICAS = 3


@pytest.mark.postgres
def test_replicas_starting_together_migrate_once(postgres_migrated: str) -> None:
    admin = make_engine(postgres_migrated)
    with admin.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS fresh_start CASCADE"))
        connection.execute(text("CREATE SCHEMA fresh_start"))
    # An empty database as each replica sees it: its own search path, nothing migrated yet.
    engine = make_engine(postgres_migrated, connect_args={"options": "-csearch_path=fresh_start"})
    barrier = threading.Barrier(REPLICAS)
    errors: list[BaseException] = []

    def start_replica() -> None:
        barrier.wait()
        try:
            upgrade(engine)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=start_replica) for _ in range(REPLICAS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    try:
        assert errors == []
        assert is_current(engine)
        tables = set(inspect(engine).get_table_names(schema="fresh_start"))
        assert {table.name for table in Base.metadata.sorted_tables} <= tables
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text("DROP SCHEMA fresh_start CASCADE"))
        admin.dispose()
