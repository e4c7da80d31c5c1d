"""Overlaps across plans, worked out from the activities already read (docs/coordination.md).

The reading is storage.repositories.overlaps (``find_overlaps``); the telling the tick's
``OverlapPlanner`` (scheduler/overlaps.py). Two kinds:

- **near**: per audience, the activities in date order are cut into windows: a window starts at
  the first activity not yet in one and holds every activity up to ``apart`` working days after
  it (in the first activity's plan's country). A window with activities of two or more plans is
  an overlap. Its key names the audience and the activities in it: an activity joining or
  leaving makes it another overlap, told anew.
- **budget**: per audience, channel with a budget, and ISO week, more activities than the budget
  allows (one plan alone can break it too).

A name in target groups that no audience answers to is an audience of its own, before anyone
curates: two plans writing "Alle medarbejdere" collide as if an audience held it (a
**same-name** overlap, key ``near:name:<digest of the name>:<digest of its activities>``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from storage.rules.workdays import working_days

# A notice names at most this many activities (a chat message holds a few thousand
# characters); the owner's own come first, the rest are counted.
MAX_NAMED = 12


class Budget(Protocol):
    """An audience's budget on one channel (``storage.models.AudienceBudget`` is one)."""

    @property
    def channel(self) -> str: ...

    @property
    def per_week(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Collision:
    """One colliding activity. A reader who may read its plan sees its title, plan, day and
    channel (docs/coordination.md); anyone else only that a plan of its team, with its owner
    to contact, addresses the audience that week on that channel (``as_json(hidden=True)``)."""

    activity_id: int
    plan_id: int
    plan_name: str
    owner_id: int | None
    title: str
    day: dt.date
    channel: str | None
    team: str = ""
    owner: str | None = None  # the owner's name, to contact

    def as_json(self, *, hidden: bool = False) -> dict[str, Any]:
        if hidden:
            year, week, _ = self.day.isocalendar()
            return {
                "hidden": True,
                "team": self.team,
                "owner": self.owner,
                "week": f"{year}-W{week:02d}",
                "channel": self.channel,
            }
        return {
            "activity_id": self.activity_id,
            "plan_id": self.plan_id,
            "plan": self.plan_name,
            "title": self.title,
            "day": self.day.isoformat(),
            "channel": self.channel,
        }


@dataclass(frozen=True, slots=True)
class Overlap:
    key: str
    kind: str  # near | budget
    audience_id: int | None  # None: a name no audience holds (same_name)
    audience: str
    entries: tuple[Collision, ...]
    channel: str | None = None  # budget: the channel
    per_week: int | None = None  # budget: how many a week it allows
    same_name: str | None = None  # the folded name, when no audience holds it

    @property
    def plan_ids(self) -> tuple[int, ...]:
        return tuple(sorted({entry.plan_id for entry in self.entries}))

    @property
    def owner_ids(self) -> tuple[int, ...]:
        return tuple(sorted({e.owner_id for e in self.entries if e.owner_id is not None}))

    @property
    def first(self) -> dt.date:
        return min(entry.day for entry in self.entries)

    def _first_shown(self, readable: Collection[int] | None) -> dt.date:
        """The first day the reader may see; of hidden activities only their week's Monday."""
        return min(
            entry.day
            if readable is None or entry.plan_id in readable
            else entry.day - dt.timedelta(days=entry.day.weekday())
            for entry in self.entries
        )

    def as_json(self, readable: Collection[int] | None = None) -> dict[str, Any]:
        """The overlap as a reader who may read the plans ``readable`` (None: every plan) sees
        it: of another plan no title, message, plan name or id, no day but its week (issue
        28, item 4). ``plans`` names the readable ones; ``plan_count`` counts every plan."""
        return {
            "key": self.key,
            "kind": self.kind,
            "audience": self.audience,
            "channel": self.channel,
            "per_week": self.per_week,
            "first": self._first_shown(readable).isoformat(),
            "plans": [p for p in self.plan_ids if readable is None or p in readable],
            "plan_count": len(self.plan_ids),
            "activities": [
                entry.as_json(hidden=readable is not None and entry.plan_id not in readable)
                for entry in self.entries
            ],
            "same_name": self.same_name is not None,
        }


@dataclass(frozen=True, slots=True)
class GroupedCollision:
    group: int | str  # an audience's id, or a name no audience holds (folded)
    entry: Collision
    country: str
    name: str = ""  # the name as written (a name's rows)
    channel_key: str = ""  # the channel, folded (storage.repositories.audiences.fold)


def digest(ids: Iterable[object]) -> str:
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]


def near(
    audience_id: int | None,
    name: str,
    rows: Sequence[GroupedCollision],
    apart: int,
    same_name: str | None = None,
) -> list[Overlap]:
    found: list[Overlap] = []
    start = 0
    while start < len(rows):
        head = rows[start]
        limit = working_days(head.country).add(head.entry.day, apart)
        end = start + 1
        while end < len(rows) and rows[end].entry.day <= limit:
            end += 1
        window = tuple(row.entry for row in rows[start:end])
        if len({entry.plan_id for entry in window}) > 1:
            ids = sorted(entry.activity_id for entry in window)
            group = audience_id if same_name is None else f"name:{digest([same_name])}"
            key = f"near:{group}:{digest(ids)}"
            found.append(Overlap(key, "near", audience_id, name, window, same_name=same_name))
        start = end
    return found


def over_budget(
    audience_id: int, name: str, rows: Sequence[GroupedCollision], budgets: Mapping[str, Budget]
) -> list[Overlap]:
    found: list[Overlap] = []
    counted: dict[tuple[str, int, int], list[Collision]] = {}
    for row in rows:
        channel_key = row.channel_key
        if channel_key not in budgets:
            continue
        year, week, _ = row.entry.day.isocalendar()
        counted.setdefault((channel_key, year, week), []).append(row.entry)
    for (channel_key, year, week), entries in sorted(counted.items()):
        budget = budgets[channel_key]
        if len(entries) > budget.per_week:
            key = f"budget:{audience_id}:{digest([channel_key])}:{year}-W{week:02d}"
            found.append(
                Overlap(
                    key,
                    "budget",
                    audience_id,
                    name,
                    tuple(entries),
                    channel=budget.channel,
                    per_week=budget.per_week,
                )
            )
    return found
