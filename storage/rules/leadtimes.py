"""Lead times: the latest day to send an activity for approval so that its steering group
can decide before it is due (docs/coordination.md)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from storage.rules.states import ActivityStatus
from storage.rules.workdays import working_days

# The statuses in which the request is still to be sent.
NOT_SENT = (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)


class ToSend(Protocol):
    """What the rule reads of an activity (``storage.models.Activity`` is one)."""

    @property
    def requires_approval(self) -> bool: ...

    @property
    def status(self) -> ActivityStatus: ...

    @property
    def next_due(self) -> dt.date | None: ...


class InCountry(Protocol):
    """What the rule reads of a plan: whose public holidays count."""

    @property
    def country(self) -> str: ...


class LeadRule(Protocol):
    """What the rule reads of a steering group: its lead time and its meeting day."""

    @property
    def approval_lead_days(self) -> int | None: ...

    @property
    def meeting_weekday(self) -> int | None: ...


def latest_send_day(
    due: dt.date, country: str, *, lead_days: int, meeting_weekday: int | None
) -> dt.date:
    """The last day a request for an activity due on ``due`` can reach the group in time."""
    days = working_days(country)
    decided_by = due - dt.timedelta(days=1)
    if meeting_weekday is not None:
        # The last working day on the meeting weekday before the activity is due.
        back = (decided_by.weekday() - meeting_weekday) % 7
        decided_by -= dt.timedelta(days=back)
        while not days.is_working(decided_by):
            decided_by -= dt.timedelta(days=7)
    else:
        decided_by = days.on_or_before(decided_by)
    return days.back(decided_by, lead_days) if lead_days else decided_by


def group_latest_day(
    activity: ToSend, plan: InCountry, group: LeadRule | None, default_lead: int
) -> dt.date | None:
    """The latest day to send ``activity`` for approval, if it still needs sending."""
    if (
        group is None
        or not activity.requires_approval
        or activity.status not in NOT_SENT
        or activity.next_due is None
    ):
        return None
    lead = group.approval_lead_days if group.approval_lead_days is not None else default_lead
    return latest_send_day(
        activity.next_due, plan.country, lead_days=lead, meeting_weekday=group.meeting_weekday
    )
