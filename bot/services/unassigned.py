"""Open activities with nobody responsible, and who hears of them instead: no silent gaps.

The reminder engine sends an activity's reminders to its responsible people; with none (no name,
or only names that match nobody), to the plan owner, unless the policy's ``fallback_to_owner``
is off. Import, ``plans show``, the plan page and ``reminders preview`` say how many there are
and where their reminders go, so a plan where most rows name nobody is not quietly mute.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from bot.texts import t
from config.languages import Language
from storage.models import Activity, ActivityResponsible, ActivityStatus, Person, Plan
from storage.rules.policy import effective_policy


@dataclass(frozen=True, slots=True)
class Unassigned:
    """Of a plan's open activities (``open``), how many have no active responsible person
    (``count``), and how many of those the plan owner is reminded of (``to_owner``)."""

    open: int
    count: int
    to_owner: int
    owner: str | None  # the plan owner's name; None: the plan has none

    def as_json(self) -> dict[str, Any]:
        return {
            "open": self.open,
            "without_responsible": self.count,
            "reminded_owner": self.to_owner,
            "owner": self.owner,
        }

    def text(self, language: Language) -> str | None:
        """One line, or None when every open activity has someone."""
        if not self.count:
            return None
        values = {"count": self.count, "open": self.open, "owner": self.owner or ""}
        if self.to_owner == self.count:
            return t("unassigned.to_owner", language, **values)
        if self.owner is None:
            return t("unassigned.no_owner", language, **values)
        if self.to_owner == 0:
            return t("unassigned.off", language, **values)
        return t("unassigned.partly", language, to_owner=self.to_owner, **values)


def unassigned(session: Session, plan: Plan) -> Unassigned:
    """Counted in the database: two small queries whatever the plan's size."""
    is_open = Activity.status.not_in((ActivityStatus.DONE, ActivityStatus.CANCELLED))
    someone = exists(
        select(ActivityResponsible.activity_id)
        .join(Person, Person.id == ActivityResponsible.person_id)
        .where(ActivityResponsible.activity_id == Activity.id, Person.active.is_(True))
    )
    total = session.scalar(
        select(func.count()).select_from(Activity).where(Activity.plan_id == plan.id, is_open)
    )
    gaps = (Activity.plan_id == plan.id, is_open, ~someone)
    count = int(session.scalar(select(func.count()).select_from(Activity).where(*gaps)) or 0)
    # Only the few activities with a policy of their own are read one by one; the rest follow
    # the plan's (a 10,000-row plan with nobody named read 10,000 rows here).
    layers = session.scalars(
        select(Activity.reminder_policy).where(*gaps, Activity.reminder_policy.is_not(None))
    ).all()
    owner = session.get(Person, plan.owner_id) if plan.owner_id is not None else None
    to_owner = 0
    if owner is not None:
        plan_wide = count - len(layers)
        to_owner = (
            plan_wide if effective_policy(plan.reminder_policy).fallback_to_owner else 0
        ) + sum(
            1 for layer in layers if effective_policy(plan.reminder_policy, layer).fallback_to_owner
        )
    return Unassigned(int(total or 0), count, to_owner, owner.name if owner else None)
