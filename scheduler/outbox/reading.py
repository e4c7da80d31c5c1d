"""Reading the outbox: a row as the ``Notice`` a transport delivers, and a claimed one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row

from scheduler.notifier import Notice
from storage.models import OutboxMessage


@dataclass(frozen=True, slots=True)
class Claim:
    """A row this process claimed: its fencing token and the notice it carries."""

    row_id: int
    token: str
    notice: Notice
    until: dt.datetime  # when the lease ends and another process may take the row over


# What a notice is made of: the columns a claim reads back (RETURNING).
NOTICE_COLUMNS = (
    OutboxMessage.id,
    OutboxMessage.key,
    OutboxMessage.kind,
    OutboxMessage.due_at,
    OutboxMessage.person_id,
    OutboxMessage.activity_id,
    OutboxMessage.plan_id,
    OutboxMessage.late,
    OutboxMessage.payload,
)


def notice_of(
    row: OutboxMessage | Row[Any], *, attempt: int = 1, lease_until: dt.datetime | None = None
) -> Notice:
    """An outbox row as the notice a transport delivers (also what the console shows again)."""
    return Notice(
        attempt=attempt,
        lease_until=lease_until,
        key=row.key,
        kind=row.kind,
        due_at=row.due_at,
        person_id=row.person_id,
        activity_id=row.activity_id,
        plan_id=row.plan_id,
        late=row.late,
        payload=dict(row.payload or {}),
    )
