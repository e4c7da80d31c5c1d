"""Who is asking, and through which surface: every change is recorded with both."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from storage.models import Surface


@dataclass(frozen=True, slots=True)
class Actor:
    surface: Surface
    person_id: int | None = None
    name: str = ""

    @classmethod
    def cli(cls) -> Actor:
        """The operator at a terminal, known by the OS account name."""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(Surface.CLI, None, f"cli:{user}")
