"""What every benchmark shares so that it measures the same work at any hour and never reports
work it did not do."""

from __future__ import annotations

import datetime as dt
import sys

# The benchmarks' reminders fall due at 12:00 Copenhagen time the day after this instant; the
# planner writes a reminder once it is within its 26-hour look-ahead. Planning at a fixed hour
# (12:00 UTC) rather than at the wall clock's gives the same work at any hour: planned from the
# wall clock before about 10:00 UTC the look-ahead reached no reminder and a run measured nothing.
PLANNING_HOUR = dt.time(12, tzinfo=dt.UTC)
# A Tuesday: the reminders fall due on a Wednesday, a working day, whatever day the run is.
TUESDAY = 1


def reference_now(today: dt.date | None = None) -> dt.datetime:
    """The next Tuesday (today if it is one) at 12:00 UTC: the instant a benchmark plans at."""
    day = today or dt.datetime.now(dt.UTC).date()
    day += dt.timedelta(days=(TUESDAY - day.weekday()) % 7)
    return dt.datetime.combine(day, PLANNING_HOUR)


def require(done: bool, message: str) -> None:
    """Stop the run with a non-zero exit status, saying why, when it did not do the work it
    reports (fewer rows written than seeded, rows lost or written twice)."""
    if not done:
        print(f"FAILED: {message}", file=sys.stderr)
        sys.exit(1)
