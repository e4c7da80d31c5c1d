"""Every decision is heard: the requester hears each member's decision with its comment, the
chair is asked directly when the group has no channel, and the requester is warned a working
day before the request expires. Real databases, time frozen across the spring DST change and
the Easter holidays."""

from __future__ import annotations

import datetime as dt

import time_machine

from bot.chat.caller import Caller
from bot.chat.reminders import reminder_reply
from bot.chat.replies import Action, Reply
from bot.services import Services
from bot.services.actor import Actor
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import Origin, OutboxMessage, OutboxStatus
from storage.models.enums import Decision
from tests.scheduler.test_approval_tick import rows, tick
from tests.services.test_approvals import CLI, NOW, person, request, setup

COMMENT = "Teksten skal nævne tidsplanen"


def read(services: Services, row: OutboxMessage, language: str = "en") -> Reply:
    """The notice as its reader gets it (the text every transport renders)."""
    notice = Notice(
        key=row.key,
        kind=row.kind,
        due_at=row.due_at,
        person_id=row.person_id,
        activity_id=row.activity_id,
        plan_id=row.plan_id,
        payload=row.payload or {},
    )
    caller = Caller(Actor(Origin.CONSOLE, row.person_id, ""), language)  # type: ignore[arg-type]
    return reminder_reply(services, notice, caller)


def everything(reply: Reply) -> str:
    return "\n".join([reply.text, *reply.notes])


def buttons(reply: Reply) -> list[Action]:
    return [b.action for s in reply.sections for i in s.items for b in i.buttons]


def of_kind(services: Services, kind: str) -> list[OutboxMessage]:
    return [row for row in rows(services) if row.kind == kind]


def test_each_decision_reaches_the_requester_once_with_its_comment(services: Services) -> None:
    with time_machine.travel(NOW, tick=False):
        activity = setup(services, rule="majority")  # three members: two must approve
        request_id = request(services, activity)
        anna = person(services, "Anna Berg")
        services.approvals.decide(
            request_id, Decision.REJECT, anna, comment=COMMENT, idempotency_key="k1"
        )
        # The same click delivered twice is one decision, and one notice.
        services.approvals.decide(
            request_id, Decision.REJECT, anna, comment=COMMENT, idempotency_key="k1"
        )
    frida = services.people.get("Frida Carlsson").id
    [told] = of_kind(services, NoticeKind.APPROVAL_DECISION)
    assert told.person_id == frida and told.status is OutboxStatus.PENDING
    reply = read(services, told)
    assert "Anna Berg decided on request" in reply.text and "rejected" in reply.text
    assert f"Comment: {COMMENT}" in everything(reply)
    assert buttons(reply) == [Action.REVISE, Action.WITHDRAW]
    danish = read(services, told, "da")
    assert "afvist" in danish.text and "Kommentar" in everything(danish)

    # Bo's rejection decides it: the outcome's notice lists both decisions and their comments.
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        services.approvals.decide(
            request_id, Decision.REJECT, person(services, "Bo Dahl"), comment="Enig"
        )
    assert len(of_kind(services, NoticeKind.APPROVAL_DECISION)) == 1
    [decided] = of_kind(services, NoticeKind.APPROVAL_DECIDED)
    outcome = everything(read(services, decided))
    assert "rejected" in outcome and COMMENT in outcome and "Bo Dahl" in outcome
    assert "Enig" in outcome
    # Rejected: a new draft may still be asked for; there is nothing left to withdraw.
    assert buttons(read(services, decided)) == [Action.REVISE]


def test_without_a_channel_the_chair_and_the_chairs_deputy_are_asked(services: Services) -> None:
    with time_machine.travel(NOW, tick=False):
        activity = setup(services, rule="majority")
        services.steering.delegate(
            "Styregruppen",
            "Mette Holm",
            "Dora Fisk",
            CLI,
            starts_at=NOW - dt.timedelta(days=1),
            ends_at=NOW + dt.timedelta(days=3),
        )
        request_id = request(services, activity)
    tick(services, NOW + dt.timedelta(minutes=1))
    asked = {
        services.people.get(f"#{row.person_id}").name: row
        for row in of_kind(services, NoticeKind.APPROVAL_REQUESTED)
    }
    assert set(asked) == {"Anna Berg", "Bo Dahl", "Carl Ek", "Mette Holm", "Dora Fisk"}
    reply = read(services, asked["Mette Holm"])
    assert buttons(reply) == [Action.APPROVE, Action.REJECT, Action.REQUEST_CHANGES]
    # Nudges go to whom the rule waits for, not to the chair (who may but need not decide).
    tick(services, dt.datetime(2027, 3, 30, 8, 0, tzinfo=dt.UTC))
    nudges = of_kind(services, NoticeKind.APPROVAL_NUDGE)
    nudged = {services.people.get(f"#{row.person_id}").name for row in nudges}
    assert nudged == {"Anna Berg", "Bo Dahl", "Carl Ek"}
    # A tick later nothing is written twice, and the chair's request is not cancelled.
    tick(services, dt.datetime(2027, 3, 30, 8, 5, tzinfo=dt.UTC))
    assert len(of_kind(services, NoticeKind.APPROVAL_REQUESTED)) == 5
    assert asked["Mette Holm"].id in {
        r.id
        for r in of_kind(services, NoticeKind.APPROVAL_REQUESTED)
        if r.status is OutboxStatus.PENDING
    }
    assert services.approvals.get(request_id).status == "pending"


def test_the_requester_is_warned_the_working_day_before_expiry(services: Services) -> None:
    monday = dt.datetime(2027, 3, 22, 9, 0, tzinfo=dt.UTC)  # CET, before Easter and DST
    with time_machine.travel(monday, tick=False):
        after_easter = setup(services, rule="all")  # due Tuesday 6 April 2027
        before_easter = services.activities.add(
            "Plan", "Pressemeddelelse", CLI, fields={"when": "30 March 2027"}
        ).activity.id
        late = request(services, after_easter)
        early = request(services, before_easter)
    # `early` expires at 00:00 on Tuesday 30 March. Monday 29 March is Easter Monday, Friday 26
    # Good Friday and Thursday 25 Maundy Thursday, all Danish holidays: the working day before
    # is Wednesday 24 March, 09:00 CET (08:00 UTC). `late` expires at 00:00 on Tuesday 6 April:
    # warned Monday 5 April, 09:00 CEST (07:00 UTC), after the change to summer time.
    tick(services, dt.datetime(2027, 3, 23, 4, 0, tzinfo=dt.UTC))
    assert not of_kind(services, NoticeKind.APPROVAL_EXPIRING)
    tick(services, dt.datetime(2027, 3, 23, 9, 0, tzinfo=dt.UTC))
    tick(services, dt.datetime(2027, 3, 23, 9, 1, tzinfo=dt.UTC))  # another replica: once
    [warning] = of_kind(services, NoticeKind.APPROVAL_EXPIRING)
    assert warning.due_at == dt.datetime(2027, 3, 24, 8, 0, tzinfo=dt.UTC)
    assert warning.payload and warning.payload["request"] == early
    assert warning.person_id == services.people.get("Frida Carlsson").id
    reply = read(services, warning)
    assert f"Request #{early}" in reply.text and "expires 30 March 2027" in reply.text
    assert buttons(reply) == [Action.REVISE, Action.WITHDRAW]
    # Withdrawn before its warning goes out: the warning is cancelled at the next tick.
    with time_machine.travel(dt.datetime(2027, 3, 23, 10, 0, tzinfo=dt.UTC), tick=False):
        services.approvals.withdraw(early, person(services, "Frida Carlsson"))
    tick(services, dt.datetime(2027, 3, 23, 10, 1, tzinfo=dt.UTC))
    [warning] = of_kind(services, NoticeKind.APPROVAL_EXPIRING)
    assert warning.status is OutboxStatus.CANCELLED

    tick(services, dt.datetime(2027, 4, 4, 9, 0, tzinfo=dt.UTC))
    [_, second] = of_kind(services, NoticeKind.APPROVAL_EXPIRING)
    assert second.payload and second.payload["request"] == late
    assert second.due_at == dt.datetime(2027, 4, 5, 7, 0, tzinfo=dt.UTC)
