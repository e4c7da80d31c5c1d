"""A notifier whose log lines say which message they are about (COMMPLAN_LOG_FORMAT=json).

Everything a transport logs while delivering a notice (a Slack error, a retry) carries the
outbox row's key as ``outbox_id`` and the activity's id, without the transports knowing.
"""

from __future__ import annotations

from collections.abc import Sequence

from config.logs import log_fields
from scheduler.notifier import Delivery, Notice, Notifier, Preparing


class LoggedNotifier:
    """``inner``, with the notice's ids bound to the log records of each delivery."""

    def __init__(self, inner: Notifier) -> None:
        self.inner = inner
        self.name = inner.name

    @property
    def min_interval(self) -> float:
        return self.inner.min_interval

    @min_interval.setter
    def min_interval(self, value: float) -> None:
        self.inner.min_interval = value

    def deliver(self, notice: Notice) -> Delivery:
        with log_fields(outbox_id=notice.key, activity_id=notice.activity_id):
            return self.inner.deliver(notice)

    def prepare(self, notices: Sequence[Notice]) -> None:
        if isinstance(self.inner, Preparing):
            self.inner.prepare(notices)

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        with log_fields(outbox_id=notice.key, activity_id=notice.activity_id):
            return self.inner.remove(notice, delivery)
