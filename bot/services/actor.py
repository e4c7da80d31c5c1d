"""Who is asking, and where from: every change is recorded with both."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any

from storage.models import Origin, Surface


@dataclass(frozen=True, slots=True)
class Actor:
    """The person behind a request, as the door it came through knows them.

    ``origin`` is that door: a messaging surface (Slack, Teams, the console, e-mail) or one of
    commplan's own (the command line, the web app, the scheduler). ``person_id`` is None for a
    chat user linked to nobody; ``surface_user`` is the surface's own id of them (Slack's
    ``U…``, Teams' AAD object id), kept in the audit either way. ``admin`` is the operator at
    the server's command line, who acts as the organisation's admin (docs/permissions.md); a
    person's own admin role is stored on them and looked up.
    """

    origin: Origin
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
        return cls(Origin.CLI, None, f"cli:{user}", admin=True)

    @classmethod
    def system(cls, origin: Origin = Origin.SCHEDULER) -> Actor:
        """commplan itself: the scheduler and the notifiers rendering what they send."""
        return cls(origin, None, "commplan", admin=True)

    @property
    def surface(self) -> Surface | None:
        """The messaging surface the request came through; None from the command line, the
        web app or the scheduler."""
        return self.origin.surface

    @property
    def linked(self) -> bool:
        return self.person_id is not None

    def audit_fields(self) -> dict[str, Any]:
        """What the audit log records of the actor: origin, person, name and chat user id."""
        return {
            "origin": self.origin,
            "actor_id": self.person_id,
            "actor_text": self.name or self.surface_user or self.origin.value,
            "surface_user": self.surface_user,
        }
