"""A plan's reminder policy, overridable per activity: when reminders and nudges go out.

Stored as JSON (``plans.reminder_policy``, ``activities.reminder_policy``) holding only what
differs from the defaults; the effective policy is defaults < plan < activity.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


class PolicyError(ValueError):
    """A policy value that cannot be used; the message names the key. ``problem`` and
    ``values`` say it for a reader (catalogue ``policy.problem.<problem>``, bot/texts): this
    layer has no catalogue, the English message is for logs."""

    def __init__(self, message: str, problem: str, **values: object) -> None:
        super().__init__(message)
        self.problem = problem
        self.values = values


@dataclass(frozen=True, slots=True)
class ReminderPolicy:
    before_days: tuple[int, ...] = (7, 1)  # reminders this many days before the due day
    hour: int = 9  # local hour of every planned reminder, in the recipient's time zone
    starts_soon_days: int | None = 2  # a window's "starts soon", days before its first day
    ongoing_every_months: int = 1  # nudges for ongoing activities
    overdue_every_working_days: int = 2
    overdue_max: int = 3
    escalate_to_owner: bool = True  # after the last overdue nudge
    escalate_to_steering_group: bool = False  # ... and to the steering group's channel
    # An activity with no responsible person: its reminders go to the plan owner instead
    # (off: it gets none, and `plans show`, the plan page and preview still count it).
    fallback_to_owner: bool = True
    asap_after_days: int = 3  # "as soon as possible": one nudge after this many working days
    quiet_from: int = 18  # a late message waits from this local hour ...
    quiet_until: int = 8  # ... until this one
    late_horizon_hours: int = 24  # a missed reminder older than this is not sent late
    # An approval request still pending this many days before the due day (0: on the due day
    # itself, at local midnight) expires, and the plan owner is told.
    approval_expiry_days: int = 0
    # The follow-up question ("did the expected reaction happen?"), this many days after done
    # (0: not asked).
    followup_days: int = 14
    # The steering group's weekly digest: weekday (0 Monday ... 4 Friday) and local hour.
    digest_weekday: int = 0
    digest_hour: int = 9
    # "Før hvert udvalgsmøde": due this many working days before each meeting (docs/timing.md).
    meeting_before_working_days: int = 2

    @property
    def lookahead_days(self) -> int:
        return max((*self.before_days, self.starts_soon_days or 0)) + 1

    def as_json(self) -> dict[str, Any]:
        value = dataclasses.asdict(self)
        value["before_days"] = list(self.before_days)
        return value

    @classmethod
    def merged(cls, *layers: Mapping[str, Any] | None) -> ReminderPolicy:
        """The defaults with each layer's keys on top, in order; validated."""
        values: dict[str, Any] = {}
        for layer in layers:
            for key, value in (layer or {}).items():
                values[key] = _checked(key, value)
        policy = cls(**values)
        if policy.quiet_from > policy.quiet_until and (
            policy.hour >= policy.quiet_from or policy.hour < policy.quiet_until
        ):
            raise PolicyError(
                "hour: reminders would fall in the quiet hours",
                "quiet_hours",
                hour=policy.hour,
                quiet_from=policy.quiet_from,
                quiet_until=policy.quiet_until,
            )
        return policy


_FIELDS = {field.name: field for field in dataclasses.fields(ReminderPolicy)}
_FLAGS = frozenset(name for name, field in _FIELDS.items() if field.type in (bool, "bool"))
_RANGES = {
    "hour": (0, 23),
    "quiet_from": (0, 23),
    "quiet_until": (0, 23),
    "starts_soon_days": (0, 365),
    "ongoing_every_months": (1, 24),
    "overdue_every_working_days": (1, 60),
    "overdue_max": (0, 20),
    "asap_after_days": (0, 90),
    "late_horizon_hours": (0, 24 * 30),
    "approval_expiry_days": (0, 60),
    "followup_days": (0, 365),
    "digest_weekday": (0, 4),
    "digest_hour": (0, 23),
    "meeting_before_working_days": (0, 60),
}


def _checked(key: str, value: Any) -> Any:
    if key not in _FIELDS:
        known = ", ".join(_FIELDS)
        raise PolicyError(f"{key}: unknown; known are {known}", "unknown", key=key, known=known)
    if key == "before_days":
        return _days(key, value)
    if key in _FLAGS:
        return _flag(key, value)
    if key == "starts_soon_days" and value in (None, "none", "off"):
        return None
    return _number(key, value)


def _days(key: str, value: Any) -> tuple[int, ...]:
    """Days before the deadline, as "7,1" or a list: each once, latest first."""
    if isinstance(value, str):
        value = [part for part in value.replace(" ", "").split(",") if part]
    try:
        days = tuple(sorted({int(day) for day in value}, reverse=True))
    except (TypeError, ValueError):
        raise PolicyError(
            "before_days: expected whole numbers of days, e.g. 7,1", "days", key=key
        ) from None
    if any(day < 0 or day > 365 for day in days):
        raise PolicyError("before_days: each between 0 and 365", "range", key=key, low=0, high=365)
    return days


def _flag(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).lower() in ("true", "yes", "1", "on"):
        return True
    if str(value).lower() in ("false", "no", "0", "off"):
        return False
    raise PolicyError(f"{key}: expected true or false", "flag", key=key)


def _number(key: str, value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise PolicyError(f"{key}: expected a whole number", "number", key=key) from None
    low, high = _RANGES[key]
    if not low <= number <= high:
        raise PolicyError(f"{key}: expected {low} to {high}", "range", key=key, low=low, high=high)
    return number


log = logging.getLogger(__name__)


def effective_policy(
    plan_layer: Mapping[str, Any] | None, activity_layer: Mapping[str, Any] | None = None
) -> ReminderPolicy:
    """The policy in force for an activity (or a plan): defaults < plan < activity.

    A stored layer that no longer validates falls back to the defaults, with a warning, rather
    than stopping a tick or a feed. Cached by the layers' JSON text: most activities share
    their plan's, and the planner and the feeds ask for thousands a minute.
    """
    return _cached(
        json.dumps(plan_layer, sort_keys=True), json.dumps(activity_layer, sort_keys=True)
    )


@lru_cache(maxsize=1024)
def _cached(plan_layer: str, activity_layer: str) -> ReminderPolicy:
    try:
        return ReminderPolicy.merged(json.loads(plan_layer), json.loads(activity_layer))
    except PolicyError as err:
        log.warning("bad reminder policy (%s); using the defaults", err)
        return ReminderPolicy()
