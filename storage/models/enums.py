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
    """Where a change came from, for the audit log."""

    CLI = "cli"
    CONSOLE = "console"
    SLACK = "slack"
    # Microsoft Teams (a "team" in commplan is a group of people): the stored value stays
    # "teams", so the rows and audit entries written before the rename read the same.
    MSTEAMS = "teams"
    EMAIL = "email"
    WEB = "web"
    SCHEDULER = "scheduler"
    IMPORT = "import"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
