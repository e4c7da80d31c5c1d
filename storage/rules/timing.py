"""The reading of an activity's "when" text, as stored with the activity.

This is the vocabulary shared by every layer: the timing reader (``bot.timing``) produces a
``Timing``, storage keeps its fields in the ``activities`` table, the scheduler derives reminders
from it. The kinds and their conventions are those of ``GLOSSARY.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class TimingKind(StrEnum):
    """How an activity's timing was read."""

    DATE = "date"  # one day: start == due
    WINDOW = "window"  # a period: start is its first day, due its last
    ONGOING = "ongoing"  # from start (or from now) with no end, nudged periodically
    RECURRING = "recurring"  # an RRULE, from start (or from now)
    ON_TRIGGER = "on_trigger"  # no schedule: done when something happens
    ASAP = "asap"  # as soon as possible
    UNKNOWN = "unknown"  # could not be read; the text is kept and the plan owner is asked


@dataclass(frozen=True, slots=True)
class Timing:
    """One reading of a "when" text.

    Dates are whole days in the plan's time zone. ``start`` and ``due`` are both set for DATE and
    WINDOW; ONGOING and RECURRING may have a ``start``; the others have neither. ``rrule`` is an
    RFC 5545 RRULE value without the ``RRULE:`` prefix (``FREQ=WEEKLY;INTERVAL=2``), set only for
    RECURRING. ``note`` holds trailing remarks the reader took out of the text ("(når aftale er på
    plads)").
    """

    kind: TimingKind
    start: dt.date | None = None
    due: dt.date | None = None
    rrule: str | None = None
    tentative: bool = False
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The stable JSON shape used by ``--format json`` (dates ISO, absent values null)."""
        return {
            "kind": self.kind.value,
            "start": self.start.isoformat() if self.start else None,
            "due": self.due.isoformat() if self.due else None,
            "rrule": self.rrule,
            "tentative": self.tentative,
        }


UNKNOWN = Timing(TimingKind.UNKNOWN)
