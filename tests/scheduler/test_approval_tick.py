"""Approval reminders and expiry in the tick, frozen across the spring DST change."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot.services import Services
from bot.services.actor import Actor
from scheduler.approvals import ApprovalPlanner
from scheduler.outbox.kinds import NoticeKind
from storage.models import OutboxMessage, OutboxStatus
from storage.models.enums import Decision
from tests.services.test_approvals import NOW, person, request, setup

COPENHAGEN = dt.timezone(dt.timedelta(hours=2))  # CEST, after 28 March


def rows(services: Services) -> list[OutboxMessage]:
    with services.context.sessions() as session:
        found = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        session.expunge_all()
        return list(found)


def tick(services: Services, at: dt.datetime) -> None:
    with time_machine.travel(at, tick=False):
        ApprovalPlanner(services.context.sessions)(at)


def test_approvers_are_asked_then_nudged_at_nine_local_on_working_days(services: Services) -> None:
    with time_machine.travel(NOW, tick=False):  # Friday 26 March, CET
        activity = setup(services, rule="all")
        request_id = request(services, activity)
    tick(services, NOW + dt.timedelta(minutes=1))
    asked = [row for row in rows(services) if row.kind == NoticeKind.APPROVAL_REQUESTED]
    names = {services.people.get(f"#{row.person_id}").name for row in asked}
    # No channel: the chair, who may decide alone, is asked directly too (but not nudged).
    assert names == {"Anna Berg", "Bo Dahl", "Carl Ek", "Mette Holm"}
    assert all(row.payload and row.payload["request"] == request_id for row in asked)

    # Friday 26 March 2027 is Good Friday and Monday 29 is Easter Monday, both Danish holidays:
    # two working days later is Wednesday 31 March, after the change to CEST, so 09:00 local is
    # 07:00 UTC (it would have been 08:00 UTC the week before).
    tick(services, dt.datetime(2027, 3, 29, 7, 30, tzinfo=dt.UTC))
    assert not [row for row in rows(services) if row.kind == NoticeKind.APPROVAL_NUDGE]
    tick(services, dt.datetime(2027, 3, 30, 8, 0, tzinfo=dt.UTC))
    nudges = [row for row in rows(services) if row.kind == NoticeKind.APPROVAL_NUDGE]
    assert {row.due_at for row in nudges} == {dt.datetime(2027, 3, 31, 7, 0, tzinfo=dt.UTC)}
    assert {row.due_at.astimezone(COPENHAGEN).hour for row in nudges} == {9}
    assert len(nudges) == 3

    # Anna decides: her pending nudge is cancelled at the next tick, the others' stay.
    with time_machine.travel(dt.datetime(2027, 3, 30, 8, 30, tzinfo=dt.UTC), tick=False):
        services.approvals.decide(request_id, Decision.APPROVE, person(services, "Anna Berg"))
    tick(services, dt.datetime(2027, 3, 30, 8, 31, tzinfo=dt.UTC))
    anna = services.people.get("Anna Berg").id
    states = {(row.person_id, row.kind): row.status for row in rows(services)}
    assert states[(anna, "approval_nudge")] is OutboxStatus.CANCELLED
    bo = services.people.get("Bo Dahl").id
    assert states[(bo, "approval_nudge")] is OutboxStatus.PENDING


def test_a_request_pending_when_the_activity_falls_due_expires_once(services: Services) -> None:
    with time_machine.travel(NOW, tick=False):
        activity = setup(services, rule="all")  # due Tuesday 6 April 2027
        request_id = request(services, activity)
    midnight = dt.datetime(2027, 4, 5, 22, 0, tzinfo=dt.UTC)  # 00:00 CEST, 6 April
    tick(services, midnight - dt.timedelta(minutes=1))
    assert services.approvals.get(request_id).status == "pending"
    tick(services, midnight)
    tick(services, midnight + dt.timedelta(minutes=1))  # a second replica's tick: nothing more
    assert services.approvals.get(request_id).status == "expired"
    assert services.activities.get(activity).status == "planned"
    expired = [row for row in rows(services) if row.kind == NoticeKind.APPROVAL_EXPIRED]
    assert [services.people.get(f"#{row.person_id}").name for row in expired] == ["Frida Carlsson"]
    assert [e["action"] for e in services.approvals.log(Actor.cli())].count("approval.expire") == 1
    pending = [row for row in rows(services) if row.kind != NoticeKind.APPROVAL_EXPIRED]
    assert all(row.status is not OutboxStatus.PENDING for row in pending)
