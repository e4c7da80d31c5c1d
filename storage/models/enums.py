"""The closed sets of values stored in the database."""

from __future__ import annotations

from enum import StrEnum

# The values the rules decide on are defined with them (storage/rules/states.py, a package
# without SQLAlchemy); the tables use them from here.
from storage.rules.states import ActivityStatus, ApprovalStatus, Capacity, Decision, DecisionRule

__all__ = [
    "ActivityStatus",
    "ApprovalStatus",
    "Capacity",
    "Decision",
    "DecisionRule",
    "OutboxStatus",
    "PlanStatus",
    "Surface",
]


class Surface(StrEnum):
    """A messaging surface: where people read commplan's notices and answer them (the registry,
    bot/registry.py, says which of them a deployment speaks on)."""

    CONSOLE = "console"
    SLACK = "slack"
    # Microsoft Teams: a "team" in commplan is a group of people. Stored as "msteams" since
    # revision 0016; people still type and read "teams" (``word``).
    MSTEAMS = "msteams"
    EMAIL = "email"

    @property
    def word(self) -> str:
        """What people type and read for it: ``surface_word`` of its value."""
        return surface_word(self.value)


class Origin(StrEnum):
    """Where an audited change came from: a messaging surface, or one of commplan's own doors
    (the command line, the web app, the scheduler, an import). Stored in the audit log's and a
    decision's ``surface`` column, with the same values as the surfaces it shares."""

    CLI = "cli"
    CONSOLE = Surface.CONSOLE.value
    SLACK = Surface.SLACK.value
    MSTEAMS = Surface.MSTEAMS.value
    EMAIL = Surface.EMAIL.value
    WEB = "web"
    SCHEDULER = "scheduler"
    IMPORT = "import"

    @property
    def surface(self) -> Surface | None:
        """The messaging surface it is; None for the command line, the web app, the scheduler
        and an import."""
        return Surface(self.value) if self.value in _SURFACE_VALUES else None


_SURFACE_VALUES = frozenset(surface.value for surface in Surface)


def surface_word(value: str) -> str:
    """The word people type and read for a stored surface value: "teams" for Microsoft Teams,
    as the command line, its JSON keys and the notices have always said; the value itself for
    the others (and for a value that is no surface, such as a test notifier's name)."""
    return _WORDS.get(value, value)


_WORDS = {"msteams": "teams"}


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
