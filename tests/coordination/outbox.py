"""An outbox row as the notice a transport is handed (scheduler/outbox.py does the same)."""

from __future__ import annotations

from scheduler.notifier import Notice
from storage.models import OutboxMessage


def notice_of(row: OutboxMessage) -> Notice:
    return Notice(
        key=row.key,
        kind=row.kind,
        due_at=row.due_at,
        person_id=row.person_id,
        activity_id=row.activity_id,
        plan_id=row.plan_id,
        payload=row.payload or {},
    )
