"""The closed sets of values stored in the database."""

from __future__ import annotations

from enum import StrEnum


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


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        """Still to be done: reminders apply."""
        return self not in (ActivityStatus.DONE, ActivityStatus.CANCELLED)


class DecisionRule(StrEnum):
    """How a steering group's members decide (the chair may always decide alone)."""

    ANY = "any"
    CHAIR = "chair"
    ALL = "all"
    MAJORITY = "majority"


class ApprovalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CHANGES_REQUESTED = "changes_requested"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"


class Capacity(StrEnum):
    """In what role a person decided."""

    MEMBER = "member"
    CHAIR = "chair"  # on behalf of the steering group
    DEPUTY = "deputy"  # for a named member


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
