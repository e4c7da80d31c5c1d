"""Who is asking, and through which surface: every change is recorded with both."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any

from storage.models import Surface


@dataclass(frozen=True, slots=True)
class Actor:
    """The person behind a request, as the surface that carried it knows them.

    ``person_id`` is None for a chat user linked to nobody; ``surface_user`` is the surface's own
    id of them (Slack's ``U…``, Teams' AAD object id), kept in the audit either way. ``admin`` is
    the operator at the server's command line, who acts as the organisation's admin
    (docs/permissions.md); a person's own admin role is stored on them and looked up.
    """

    surface: Surface
    person_id: int | None = None
    name: str = ""
    surface_user: str | None = None
    admin: bool = False

    @classmethod
    def cli(cls) -> Actor:
        """The operator at a terminal on the server, known by the OS account name."""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(Surface.CLI, None, f"cli:{user}", admin=True)

    @classmethod
    def system(cls, surface: Surface = Surface.SCHEDULER) -> Actor:
        """commplan itself: the scheduler and the notifiers rendering what they send."""
        return cls(surface, None, "commplan", admin=True)

    @property
    def linked(self) -> bool:
        return self.person_id is not None

    def audit_fields(self) -> dict[str, Any]:
        """What the audit log records of the actor: surface, person, name and chat user id."""
        return {
            "surface": self.surface,
            "actor_id": self.person_id,
            "actor_text": self.name or self.surface_user or self.surface.value,
            "surface_user": self.surface_user,
        }
