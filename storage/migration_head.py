"""Whether a database is at the newest shipped revision, known without loading Alembic.

Alembic imports every migration module to find the newest one: a fifth of a second, which each
`commplan` command paid before it did anything (docs/performance.md). Reading the files' text
finds the same head; when they do not read as one line of revisions, or the database records
anything else, the caller runs Alembic (``storage.migrate.upgrade``) as before.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, inspect, text

VERSIONS = Path(__file__).with_name("migrations") / "versions"
# A migration file's own revision and the one it follows, as the template writes them
# (storage/migrations/script.py.mako): `revision: str = "0015"`, `down_revision: ... = "0014"`.
_REVISION = re.compile(r"""^revision\b[^=\n]*= ["'](\w+)["']$""", re.MULTILINE)
_DOWN_REVISION = re.compile(r"""^down_revision\b[^=\n]*= ["'](\w+)["']$""", re.MULTILINE)


def shipped_head() -> str | None:
    """The newest shipped revision; None when the files do not read as one line of revisions
    (a merge, a file written another way)."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        if path.name == "__init__.py":
            continue
        source = path.read_text(encoding="utf-8")
        own = _REVISION.findall(source)
        if len(own) != 1:
            return None
        revisions.add(own[0])
        followed.update(_DOWN_REVISION.findall(source))
    heads = revisions - followed
    return heads.pop() if len(heads) == 1 else None


def at_head(engine: Engine) -> bool:
    """Whether the revision the database records is the shipped head: no migration to run."""
    head = shipped_head()
    if head is None:
        return False
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        recorded = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return [row[0] for row in recorded] == [head]
