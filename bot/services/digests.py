"""The weekly digest: a plan's week for its steering group, or a person's own week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid
from bot.services.people import require_person
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan
from bot.services.views import ActivityView
from storage.repositories import activities, roles
from storage.repositories.digests import week_content
from storage.repositories.overlaps import find_overlaps, intended_keys
from storage.rules.dates import week_of
from storage.types import utcnow


@dataclass(frozen=True, slots=True)
class WaitingApproval:
    request_id: int
    activity: ActivityView
    days: int  # how long it has waited


@dataclass(frozen=True, slots=True)
class DigestView:
    title_name: str  # the plan's name, or the person's
    monday: dt.date
    done: tuple[ActivityView, ...]
    due: tuple[ActivityView, ...]
    overdue: tuple[ActivityView, ...]
    approvals: tuple[WaitingApproval, ...]
    outcomes: tuple[ActivityView, ...]
    language: str
    # Overlaps with other plans in this week and the next (scheduler/overlaps.py), as JSON.
    overlaps: tuple[dict[str, Any], ...] = ()
    overlap_days: int = 5  # the working days apart that make an overlap (a setting)
    # Open activities with no date: no reminder reaches them, so the digest names them.
    undated: tuple[ActivityView, ...] = ()

    @property
    def week_number(self) -> int:
        return self.monday.isocalendar()[1]

    @property
    def empty(self) -> bool:
        return not (
            self.done
            or self.due
            or self.overdue
            or self.approvals
            or self.outcomes
            or self.overlaps
            or self.undated
        )


def parse_week(text: str | None, today: dt.date) -> dt.date:
    """A day of the week asked for: "2027-W13", a date, or (None) today."""
    if not text:
        return today
    value = text.strip()
    try:
        if "-W" in value.upper():
            year, week = value.upper().split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid("digest.bad_week", value=text) from None


class DigestService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def weekly(self, plan: str, actor: Actor, *, week: str | None = None) -> DigestView:
        """The steering group's digest of ``plan`` for the week containing ``week``."""
        with self.context.sessions() as session:
            plan_row = require_plan(session, plan)
            self.gate.require(session, actor, Permission.READ, action="plan.digest", plan=plan_row)
            zone = ZoneInfo(plan_row.time_zone)
            day = parse_week(week, self.context.today(plan_row.time_zone))
            span = week_of(day, zone)
            content = week_content(session, span, plan_id=plan_row.id)
            now = utcnow()
            return DigestView(
                title_name=plan_row.name,
                monday=span.monday,
                done=tuple(ActivityView.of(a) for a in content.done),
                due=tuple(ActivityView.of(a) for a in content.due),
                overdue=tuple(ActivityView.of(a) for a in content.overdue),
                approvals=tuple(
                    WaitingApproval(
                        request.id,
                        ActivityView.of(activity),
                        max(0, (now - request.created_at).days),
                    )
                    for request, activity in content.approvals
                ),
                outcomes=tuple(ActivityView.of(a) for a in content.outcomes),
                language=plan_row.language,
                overlaps=self._overlaps(session, plan_row.id, span.monday),
                overlap_days=self.context.settings.overlap_working_days,
                undated=tuple(
                    ActivityView.of(a) for a in activities.undated(session, plan_ids=[plan_row.id])
                ),
            )

    def _overlaps(
        self, session: Session, plan_id: int, monday: dt.date
    ) -> tuple[dict[str, Any], ...]:
        """Overlaps involving the plan, from the week's Monday for two weeks, not intended.

        The steering group reads the plan; of the other plans it sees the titles, plans and
        days of those visible to the organisation, and of the rest what issue 28 allows:
        docs/coordination.md."""
        last = monday + dt.timedelta(days=13)
        apart = self.context.settings.overlap_working_days
        intended = intended_keys(session)
        # A digest goes to the whole group: of other plans it names only those everyone in
        # the organisation may read; of the rest their team, owner, week and channel.
        readable = {plan_id} | roles.organisation_plan_ids(session)
        return tuple(
            overlap.as_json(readable)
            for overlap in find_overlaps(session, monday, last, apart=apart, plan_id=plan_id)
            if plan_id in overlap.plan_ids and overlap.key not in intended
        )

    def personal(self, person: str, actor: Actor, *, week: str | None = None) -> DigestView:
        """A person's own week: what is due and overdue for them (theirs, or an admin's)."""
        with self.context.sessions() as session:
            found = require_person(session, person)
            self.gate.require_self_or_admin(session, actor, found.id, action="person.digest")
            zone_name = found.time_zone or self.context.settings.timezone
            day = parse_week(week, self.context.today(zone_name))
            span = week_of(day, ZoneInfo(zone_name))
            content = week_content(session, span, person_id=found.id)
            return DigestView(
                title_name=found.name,
                monday=span.monday,
                done=(),
                due=tuple(ActivityView.of(a) for a in content.due),
                overdue=tuple(ActivityView.of(a) for a in content.overdue),
                approvals=(),
                outcomes=(),
                language=found.locale or self.context.settings.language,
                undated=tuple(
                    ActivityView.of(a) for a in activities.undated(session, person_id=found.id)
                ),
            )
