"""Working days, for the scheduler's imports: the logic lives in ``storage.workdays`` because
storage derives deadlines from it (a window is due on its last working day), and imports flow
config <- storage <- scheduler <- bot."""

from storage.workdays import WorkingDays, working_days

__all__ = ["WorkingDays", "working_days"]
