"""What reached a console person: the notices the console transport delivered to them.

`commplan serve` without Slack or Teams credentials delivers through ``ConsoleNotifier``, which
prints to the server's terminal; `commplan console --as PERSON` is another process. The outbox
is where they meet: the session reads the rows the console transport marked sent to its person
since it started, and shows each as that person would see it on Slack or Teams (reminders with
their buttons, approval requests with the draft and Approve / Reject / Request changes), numbered
so a press works. It looks each time the person presses Enter (a terminal reads a whole line).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.services import Services
from bot.transports.console.notifier import ConsoleNotifier
from scheduler.notifier import Notice
from scheduler.outbox.reading import notice_of
from storage.models import OutboxMessage, OutboxStatus
from storage.types import utcnow


class ConsoleInbox:
    def __init__(
        self, services: Services, person_id: int, since: dt.datetime | None = None
    ) -> None:
        self.services = services
        self.person_id = person_id
        self.since = since or utcnow()
        self.shown: set[int] = set()

    def new(self) -> list[Notice]:
        """The notices delivered to the person since the session began, not shown yet."""
        query = (
            select(OutboxMessage)
            .where(
                OutboxMessage.person_id == self.person_id,
                OutboxMessage.status == OutboxStatus.SENT,
                OutboxMessage.transport == ConsoleNotifier.name,
                OutboxMessage.sent_at >= self.since,
            )
            .order_by(OutboxMessage.sent_at, OutboxMessage.id)
        )
        notices: list[Notice] = []
        with self.services.context.sessions() as session:
            for row in session.scalars(query):
                if row.id in self.shown:
                    continue
                self.shown.add(row.id)
                notices.append(notice_of(row))
        return notices
