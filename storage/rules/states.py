"""The closed sets of values the rules decide on: an activity's status, an approval's.

Stored in the database (as text): ``storage.models`` re-exports them beside the tables that
use them, so ``storage.models.ActivityStatus`` and this one are the same class.
"""

from __future__ import annotations

from enum import StrEnum


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
