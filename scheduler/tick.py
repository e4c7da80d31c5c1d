"""One scheduler tick: schedule reminders into the outbox, then deliver what is due."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scheduler.outbox.drain import DrainResult, OutboxDrain
from scheduler.reminders import ReminderPlanner, ScheduleResult

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TickResult:
    scheduled: ScheduleResult
    drained: DrainResult
    # The drain stopped at its budget with a full batch behind it: more is due now, and the
    # runner starts the next tick at once instead of at the next interval.
    more: bool = False


class Tick:
    """What APScheduler calls every ``COMMPLAN_TICK_SECONDS``.

    The drain runs batch after batch while there is more due, for at most ``budget_seconds``
    (the tick interval): 10,000 reminders due at 09:00 go out in one tick, not one batch per
    tick. A tick that ends at its budget says so (``more``), and the runner follows it with the
    next at once: scheduling runs between the two, as at every tick.
    """

    def __init__(
        self,
        planner: ReminderPlanner,
        drain: OutboxDrain,
        *,
        budget_seconds: float,
        extras: Sequence[Callable[[], object]] = (),
        housekeeping: Callable[[], object] | None = None,
        leads: Callable[[], bool] | None = None,
    ) -> None:
        self.planner = planner
        self.drain = drain
        self.budget_seconds = budget_seconds
        # The other planners of the outbox (approvals, follow-ups, digests), run after it.
        self.extras = tuple(extras)
        # Retention (scheduler.retention), after sending: what is due goes out first.
        self.housekeeping = housekeeping
        # Whether this process leads the scheduling this tick (scheduler.leadership: one replica
        # at a time on PostgreSQL); None: always. Every process sends.
        self.leads = leads

    def __call__(self) -> TickResult:
        scheduled = ScheduleResult()
        if self.leads is None or self.leads():
            scheduled = self.planner()
            for extra in self.extras:
                extra()
        started = time.monotonic()
        total = DrainResult()
        more = False
        while True:
            # Within the budget, the drain claims the next batch while this one goes out; the
            # loop then makes the call that sends it (past the budget by at most one batch).
            over = time.monotonic() - started > self.budget_seconds
            result = self.drain(ahead=not over)
            total = DrainResult(
                total.sent + result.sent,
                total.failed + result.failed,
                total.retried + result.retried,
                total.lost + result.lost,
                total.released + result.released,
            )
            handled = result.sent + result.failed + result.retried + result.lost + result.released
            if self.drain.holds_next:
                continue  # what it claimed ahead goes out now
            if handled < self.drain.batch:
                break
            if over:
                more = True
                break
        if scheduled.written or total.sent or total.failed:
            log.info("tick: %s, %s", scheduled, total)
        if self.housekeeping is not None:
            try:
                self.housekeeping()
            except Exception:
                # Retention failing must not hide what the tick sent; the next tick tries again.
                log.exception("retention failed")
        return TickResult(scheduled, total, more)
