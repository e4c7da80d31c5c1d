"""Backing up and restoring the database, consistent while commplan serves.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies every page in one step,
inside one read transaction. With the WAL journal (storage.database) a reader never blocks the
writers, so the tick goes on sending while the copy is made, and the copy is the database as it
was at one instant: an outbox row is in it as pending or as sent, never half-marked.

PostgreSQL: ``pg_dump`` reads the whole database in one repeatable-read snapshot, which is the
same guarantee; ``pg_restore`` loads it in one transaction. The flags are chosen here (and
documented in docs/deploy.md) so that a dump restores into a database owned by another role.

A restore refuses a database that holds anything (unless forced); the command also refuses an
SQLite file that a running ``commplan serve`` holds (its scheduler lock): the restored outbox,
not a mixture, decides what is sent next.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text

from storage.migrate import MIGRATIONS
from storage.models import Base
from storage.private_files import FileExists, private_staging, publish

# pg_dump's custom format: compressed, restorable table by table, read by pg_restore only.
PG_DUMP_FLAGS = ("--format=custom", "--no-owner", "--no-privileges")
# One transaction: a failed restore leaves the database as it was. --clean --if-exists replaces
# the empty schema a fresh `commplan db upgrade` may have made.
PG_RESTORE_FLAGS = (
    "--clean",
    "--if-exists",
    "--no-owner",
    "--no-privileges",
    "--single-transaction",
    "--exit-on-error",
)


class BackupError(Exception):
    """A backup or restore that cannot be done; nothing was changed.

    ``key`` and ``values`` name the text (bot/texts/data.py) the surface shows.
    """

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    revision: str | None
    size: int


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def holds_data(engine: Engine) -> bool:
    """Whether any of commplan's tables has a row (an empty migrated schema holds nothing)."""
    present = set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if (
                table.name in present
                and connection.execute(select(text("1")).select_from(table).limit(1)).first()
            ):
                return True
    return False


def backup(engine: Engine, target: Path) -> BackupInfo:
    """Write a consistent copy of the database to ``target`` (which must not exist, not even
    as a link): a 0600 file, written in a private folder and then linked to its name
    (storage/private_files.py)."""
    if target.exists() or target.is_symlink():
        raise BackupError("db.backup_exists", path=str(target))
    if not target.parent.is_dir():
        raise BackupError("db.backup_folder", path=str(target.parent))
    try:
        with private_staging(target) as partial:
            if engine.dialect.name == "sqlite":
                _backup_sqlite(_sqlite_path(engine), partial)
            else:
                run_pg_tool(pg_tool("pg_dump"), [*PG_DUMP_FLAGS, f"--file={partial}"], engine)
            publish(partial, target, sync=_fsync)
    except FileExists:
        raise BackupError("db.backup_exists", path=str(target)) from None
    with engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return BackupInfo(target, revision, target.stat().st_size)


def restore(engine: Engine, source: Path, *, force: bool = False) -> None:
    """Load ``source`` (made by :func:`backup` on the same kind of database) into ``engine``'s
    database. The caller migrates afterwards (a backup of an older release is then upgraded)."""
    if not source.is_file():
        raise BackupError("db.backup_missing", path=str(source))
    if holds_data(engine) and not force:
        raise BackupError("db.not_empty")
    if engine.dialect.name == "sqlite":
        _restore_sqlite(source, _sqlite_path(engine))
    else:
        run_pg_tool(pg_tool("pg_restore"), [*PG_RESTORE_FLAGS, str(source)], engine)


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("db.no_file")
    return Path(database).resolve()


def _backup_sqlite(database: Path, target: Path) -> None:
    source = sqlite3.connect(database, timeout=30)
    try:
        copy = sqlite3.connect(target)
        try:
            # pages=-1 (the default): one step, so the copy is one snapshot; copying in steps
            # would restart whenever the tick writes in between.
            source.backup(copy)
            # One self-contained file, whatever journal the live database uses.
            copy.execute("PRAGMA journal_mode=DELETE")
            ok = copy.execute("PRAGMA integrity_check").fetchone()
            if ok is None or ok[0] != "ok":
                raise BackupError("db.not_a_backup", path=str(target))
        finally:
            copy.close()
    finally:
        source.close()


def _restore_sqlite(source: Path, database: Path) -> None:
    _check_sqlite_backup(source)
    backup_copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    live = sqlite3.connect(database, timeout=30)
    try:
        # The backup API writes through the live file's own journal (WAL included), so
        # readers never see half a database, unlike copying the file over it.
        backup_copy.backup(live)
    finally:
        live.close()
        backup_copy.close()


def _check_sqlite_backup(source: Path) -> None:
    try:
        connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            ok = connection.execute("PRAGMA integrity_check").fetchone()
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise BackupError("db.not_a_backup", path=str(source)) from None
    if ok is None or ok[0] != "ok" or revision is None:
        raise BackupError("db.not_a_backup", path=str(source))
    if revision[0] not in known_revisions():
        raise BackupError("db.newer_backup", path=str(source), revision=revision[0])


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def pg_tool(name: str) -> str:
    """``name`` on the PATH, else the newest of Debian's /usr/lib/postgresql/N/bin; pg_dump
    must be at least the server's major version."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise BackupError("db.tool_missing", tool=name)
    return str(candidates[-1])


def run_pg_tool(tool: str, arguments: list[str], engine: Engine) -> None:
    """Run a libpq tool on ``engine``'s database; the password goes in the environment, never
    on the command line where any local user could read it."""
    url = engine.url
    environment = dict(os.environ)
    for variable, value in (
        ("PGHOST", url.host),
        ("PGPORT", url.port),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value is not None:
            environment[variable] = str(value)
    sslmode = url.query.get("sslmode")
    if isinstance(sslmode, str):
        environment["PGSSLMODE"] = sslmode
    database_flag = "--dbname" if Path(tool).name == "pg_restore" else None
    command = [tool, *arguments]
    if database_flag:
        command.insert(1, f"{database_flag}={url.database}")
    completed = subprocess.run(  # noqa: S603 - a fixed tool, arguments we built
        command, env=environment, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        lines = [line for line in completed.stderr.strip().splitlines() if line.strip()]
        raise BackupError(
            "db.tool_failed", tool=Path(tool).name, reason=lines[0] if lines else "failed"
        )
