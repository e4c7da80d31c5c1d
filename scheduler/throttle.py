"""A planner that reads across every plan runs at most once per period in a process: what it
finds changes only when plans do, and the tick runs every minute."""

from __future__ import annotations

import datetime as dt


class Every:
    def __init__(self, period: dt.timedelta) -> None:
        self.period = period
        self._last: dt.datetime | None = None

    def due(self, now: dt.datetime) -> bool:
        """Whether to run at ``now`` (and, if so, the period starts again)."""
        if self._last is not None and now - self._last < self.period:
            return False
        self._last = now
        return True
