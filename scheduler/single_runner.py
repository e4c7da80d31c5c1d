"""One scheduler per SQLite file.

SQLite serves one process: two schedulers on one file would both send every reminder, and its
single writer makes several pointless; PostgreSQL is for several replicas. The first scheduler
takes an OS lock on a file beside the database; a second one is refused with a clear message.
The OS drops the lock when the process dies, however it dies, so a crash leaves no stale lock.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine


class SchedulerRefused(Exception):
    """Another process runs the scheduler on this SQLite file; ``str()`` says what to do."""


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a SQLite engine; None for PostgreSQL or an in-memory database."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database).resolve()


class SingleRunnerLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = database.with_name(database.name + ".scheduler.lock")
        self._file: TextIO | None = None

    def acquire(self) -> None:
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise SchedulerRefused(
                f"the SQLite database {self.database} is in use by "
                f"another commplan process (pid {holder}); SQLite serves one process only. "
                "Stop the other process, or use PostgreSQL (COMMPLAN_DATABASE_URL=postgresql://…) "
                "to run several."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None
