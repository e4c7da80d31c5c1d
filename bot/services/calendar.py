"""The organisation's communication calendar: every active plan's activities by audience ×
week and by channel × week (docs/coordination.md).

Counted: activities of active plans with a deadline in the weeks asked for, done ones too (they
went out), cancelled ones not. Each person sees the count of what they may read: the plans the
permission gate lets them read (the admin: all). An activity addressing two audiences counts
under each; one addressing none under "(no audience)"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import NotFound
from bot.services.permissions import Gate
from storage.models import (
    Activity,
    ActivityAudience,
    ActivityStatus,
    Audience,
    Plan,
    PlanStatus,
)
from storage.repositories import audiences
from storage.repositories.audiences import fold
from storage.repositories.keys import slugify

NO_AUDIENCE = "(no audience)"
MAX_WEEKS = 104


@dataclass(frozen=True, slots=True)
class CalendarRow:
    name: str
    counts: tuple[int, ...]  # one per week

    def as_json(self, key: str) -> dict[str, Any]:
        return {key: self.name, "counts": list(self.counts), "total": sum(self.counts)}


@dataclass(frozen=True, slots=True)
class CalendarView:
    weeks: tuple[dt.date, ...]  # the Mondays
    audiences: tuple[CalendarRow, ...]
    channels: tuple[CalendarRow, ...]

    @property
    def week_names(self) -> list[str]:
        return [f"{m.isocalendar()[0]}-W{m.isocalendar()[1]:02d}" for m in self.weeks]

    def as_json(self) -> dict[str, Any]:
        return {
            "weeks": self.week_names,
            "audiences": [row.as_json("audience") for row in self.audiences],
            "channels": [row.as_json("channel") for row in self.channels],
        }


class CalendarService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def grid(
        self,
        actor: Actor,
        *,
        weeks: int = 8,
        first: dt.date | None = None,
        audience: str | None = None,
    ) -> CalendarView:
        """``weeks`` weeks from the week of ``first`` (today); of one audience when given."""
        weeks = max(1, min(weeks, MAX_WEEKS))
        day = first or self.context.today()
        monday = day - dt.timedelta(days=day.weekday())
        mondays = tuple(monday + dt.timedelta(weeks=n) for n in range(weeks))
        last = monday + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
        with self.context.sessions() as session:
            names = {row[0]: row[1] for row in session.execute(select(Audience.id, Audience.name))}
            wanted: int | None = None
            if audience is not None:
                # By its short name, else by its name.
                by_slug = audiences.by_slug(session, slugify(audience))
                named = [i for i, name in names.items() if fold(name) == fold(audience)]
                wanted = by_slug.id if by_slug is not None else next(iter(named), None)
                if wanted is None:
                    raise NotFound("audience.error.unknown", name=audience)
            rows = session.execute(
                select(
                    Activity.id,
                    Activity.plan_id,
                    Activity.channel,
                    Activity.next_due,
                    ActivityAudience.audience_id,
                )
                .join(Plan, Plan.id == Activity.plan_id)
                .outerjoin(ActivityAudience, ActivityAudience.activity_id == Activity.id)
                .where(
                    Plan.status == PlanStatus.ACTIVE,
                    Activity.status != ActivityStatus.CANCELLED,
                    Activity.next_due >= monday,
                    Activity.next_due <= last,
                )
            ).all()
            readable = self.gate.readable_plan_ids(session, actor)  # None: every plan
            by_audience: dict[str, list[int]] = {}
            by_channel: dict[str, list[int]] = {}
            spelling: dict[str, str] = {}
            counted_channel: set[int] = set()
            for activity_id, plan_id, channel, due, audience_id in rows:
                if wanted is not None and audience_id != wanted:
                    continue
                if readable is not None and plan_id not in readable:
                    continue
                assert due is not None  # by the query
                week = (due - monday).days // 7
                name = names.get(audience_id, NO_AUDIENCE) if audience_id else NO_AUDIENCE
                by_audience.setdefault(name, [0] * weeks)[week] += 1
                if activity_id in counted_channel:
                    continue  # once per activity, however many audiences it has
                counted_channel.add(activity_id)
                key = fold(channel or "") or "–"
                spelling.setdefault(key, (channel or "–").strip())
                by_channel.setdefault(key, [0] * weeks)[week] += 1
        return CalendarView(
            mondays,
            tuple(CalendarRow(n, tuple(c)) for n, c in sorted(by_audience.items())),
            tuple(
                CalendarRow(spelling[k], tuple(c))
                for k, c in sorted(by_channel.items(), key=lambda item: spelling[item[0]])
            ),
        )
