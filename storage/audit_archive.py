"""The audit log's end of life: entries older than the retention are written to a file, then
deleted, in that order; a failure before the file is complete deletes nothing.

The file is JSON Lines (one entry per line, oldest first), gzip-compressed when its name ends
in ``.gz``; it is what the organisation hands to its archive (docs/data-protection.md).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, delete, func, select

from storage.backup import BackupError
from storage.models import AuditEntry, Base


@dataclass(frozen=True, slots=True)
class Archived:
    path: Path
    entries: int
    before: dt.datetime


def _open(path: Path, *, packed: bool) -> AbstractContextManager[IO[str]]:
    if packed:
        return gzip.open(path, "wt", encoding="utf-8")
    return path.open("w", encoding="utf-8")


def _line(row: Any) -> str:
    values = {
        key: value.isoformat() if isinstance(value, dt.datetime) else value
        for key, value in row._mapping.items()
    }
    return json.dumps(values, ensure_ascii=False, sort_keys=True) + "\n"


def archive_and_purge(
    engine: Engine, before: dt.datetime, path: Path, *, batch: int = 1000
) -> Archived:
    """Write every audit entry older than ``before`` to ``path`` (which must not exist), then
    delete exactly those entries, ``batch`` per transaction."""
    if path.exists():
        raise BackupError("db.backup_exists", path=str(path))
    table = Base.metadata.tables["audit_log"]
    partial = path.with_name(path.name + ".partial")
    old = table.c.at < before
    count = 0
    last_id: int | None = None
    try:
        with (
            engine.connect() as connection,
            _open(partial, packed=path.name.endswith(".gz")) as out,
        ):
            last_id = connection.scalar(select(func.max(table.c.id)).where(old))
            after: int = 0
            while last_id is not None:
                page = connection.execute(
                    select(table)
                    .where(old, table.c.id > after, table.c.id <= last_id)
                    .order_by(table.c.id)
                    .limit(batch)
                ).all()
                if not page:
                    break
                out.writelines(_line(row) for row in page)
                count += len(page)
                after = page[-1].id
        descriptor = os.open(partial, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    while last_id is not None:
        with engine.begin() as connection:
            ids = connection.scalars(
                select(AuditEntry.id)
                .where(AuditEntry.at < before, AuditEntry.id <= last_id)
                .limit(batch)
            ).all()
            if not ids:
                break
            connection.execute(delete(AuditEntry).where(AuditEntry.id.in_(ids)))
    return Archived(path, count, before)
