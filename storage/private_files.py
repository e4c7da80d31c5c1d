"""Files that hold personal data or the whole database (a backup, a person's export), written
so that only commplan's own user can read them, and never through a planted link.

Each is created with ``O_CREAT | O_EXCL | O_NOFOLLOW`` and mode 0600: an existing file, or a
symbolic link someone planted at the name (pointing at a file they can read, or one of ours
to overwrite), is refused, not followed. Content that a tool writes (SQLite's backup API,
``pg_dump``) is written inside a fresh private folder (0700) beside the target, then linked to
the target's name with ``link(2)``, which also refuses any existing name: nobody can swap the
file for a link while the tool writes, and a half-written copy never has the target's name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

PRIVATE_MODE = 0o600
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


class FileExists(FileExistsError):
    """The name is taken (a file, a folder or a link, dangling or not): nothing was written."""


def create_private(path: Path) -> int:
    """A new, empty file at ``path`` only its owner may read, as an open descriptor; raises
    ``FileExists`` if anything (a link included) is at ``path``."""
    try:
        return os.open(path, _FLAGS, PRIVATE_MODE)
    except FileExistsError as err:
        raise FileExists(str(path)) from err


def write_private(path: Path, content: bytes) -> None:
    """``content`` as a new 0600 file at ``path`` (``FileExists`` if the name is taken)."""
    descriptor = create_private(path)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())


@contextmanager
def private_staging(target: Path) -> Iterator[Path]:
    """A new, empty 0600 file in a private folder beside ``target``, for a tool to write;
    ``publish`` it to give it ``target``'s name. The folder goes afterwards, whatever happens."""
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))  # 0700
    try:
        staged = folder / target.name
        os.close(create_private(staged))
        yield staged
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(staged: Path, target: Path, *, sync: Callable[[Path], None] | None = None) -> None:
    """Give the finished ``staged`` file ``target``'s name without replacing anything there."""
    staged.chmod(PRIVATE_MODE)  # a tool may have written it anew
    if sync is not None:
        sync(staged)
    try:
        os.link(staged, target, follow_symlinks=False)
    except FileExistsError as err:
        raise FileExists(str(target)) from err
