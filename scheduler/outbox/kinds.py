"""Every kind of notice an outbox row may carry: one vocabulary for the planners and the
services that write rows, and the chat replies and notifiers that render them.

The values are what the ``outbox.kind`` column stores (and what the first part of a row's key
repeats): never change one, add a member instead. ``bot/chat/reminders.py`` renders each
(tests/test_reader_language.py checks that none is missing there).
"""

from __future__ import annotations

from enum import StrEnum


class NoticeKind(StrEnum):
    # The reminder planner's (scheduler/reminders.py), about one activity's deadline.
    REMINDER = "reminder"
    STARTS_SOON = "starts_soon"
    ONGOING = "ongoing"
    OVERDUE = "overdue"
    ESCALATION = "escalation"
    ASAP = "asap"
    SNOOZED = "snoozed"
    # To the plan owner, when another notice could not be delivered for good (the drain's).
    DELIVERY_FAILED = "delivery_failed"
    # Approvals (scheduler/approvals.py and bot/services/approvals.py).
    APPROVAL_REQUESTED = "approval_requested"
    APPROVAL_NUDGE = "approval_nudge"
    APPROVAL_EXPIRED = "approval_expired"
    APPROVAL_EXPIRING = "approval_expiring"
    APPROVAL_DECIDED = "approval_decided"
    APPROVAL_DECISION = "approval_decision"
    # The request posted in the steering group's channel, and the rewrite of that post when
    # the request changes (the notifiers update their copy in place).
    APPROVAL_CHANNEL = "approval_channel"
    APPROVAL_CHANNEL_UPDATE = "approval_channel_update"
    # Send an activity for approval in time (scheduler/leadtimes.py).
    SEND_FOR_APPROVAL = "send_for_approval"
    # To a plan's owner after an import, about what it could not place.
    UNMAPPED_PEOPLE = "unmapped_people"
    UNMAPPED_AUDIENCES = "unmapped_audiences"
    UNREAD_TIMINGS = "unread_timings"
    MEETINGS_MISSING = "meetings_missing"
    # Coordination across plans (scheduler/overlaps.py, scheduler/deviations.py).
    SAME_NAME = "same_name"
    DEVIATION = "deviation"
    OVERLAP = "overlap"
    # Follow-ups and digests (scheduler/followups.py).
    FOLLOWUP = "followup"
    DIGEST = "digest"
    DIGEST_PERSON = "digest_person"
    # Permissions and steering groups (bot/services/permissions.py, steering.py).
    UNLINKED_ATTEMPT = "unlinked_attempt"
    STEERING_CHAIR = "steering_chair"
