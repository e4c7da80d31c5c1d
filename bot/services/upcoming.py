"""What is coming: the question `/commplan upcoming` and `commplan upcoming` answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.services.context import Context
from bot.services.errors import Invalid
from bot.services.people import require_person
from bot.services.plans import require_plan, require_team
from bot.services.views import ActivityView
from storage.repositories import activities, plans, teams

MAX_DAYS = 366
# A chat message shows at most 50 blocks; a longer list is read by nobody.
DEFAULT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class Upcoming:
    today: dt.date
    until: dt.date
    overdue: tuple[ActivityView, ...]
    coming: tuple[ActivityView, ...]


class UpcomingService:
    def __init__(self, context: Context) -> None:
        self.context = context

    def query(
        self,
        *,
        days: int = 14,
        team: str | None = None,
        plan: str | None = None,
        person: str | None = None,
        person_id: int | None = None,
        teams_of_person: int | None = None,
        include_overdue: bool = True,
        limit: int = DEFAULT_LIMIT,
    ) -> Upcoming:
        """Open activities due within ``days`` (and overdue ones), narrowed as asked.

        ``teams_of_person`` narrows to the plans of that person's teams (the default scope
        of `/commplan upcoming`); ``person``/``person_id`` to activities they are responsible for.
        """
        if not 0 <= days <= MAX_DAYS:
            raise Invalid("error.bad_days", value=days, max=MAX_DAYS)
        with self.context.sessions() as session:
            plan_ids: list[int] | None = None
            if plan is not None:
                plan_ids = [require_plan(session, plan, team).id]
            elif team is not None:
                plan_ids = plans.ids_of_teams(session, [require_team(session, team).id])
            elif teams_of_person is not None:
                plan_ids = plans.ids_of_teams(session, teams.team_ids_of(session, teams_of_person))
            if person is not None:
                person_id = require_person(session, person).id
            today = self.context.today()
            until = today + dt.timedelta(days=days)
            rows = activities.upcoming(
                session,
                until=until,
                since=None if include_overdue else today,
                plan_ids=plan_ids,
                person_id=person_id,
                limit=limit,
            )
            views = [ActivityView.of(activity) for activity in rows]
        return Upcoming(
            today=today,
            until=until,
            overdue=tuple(view for view in views if view.is_overdue(today)),
            coming=tuple(view for view in views if not view.is_overdue(today)),
        )
