"""Follow-up questions and weekly digests, frozen around Easter 2027 and the DST change.

Easter 2027 in Denmark: Maundy Thursday 25 March, Good Friday 26, Easter Monday 29 March; the
clocks go forward on Sunday 28 March. Later in the spring: Ascension Day 6 May.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlalchemy import select

from bot.chat.caller import Caller
from bot.chat.digests import digest_text
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from scheduler.followups import LoopPlanner
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import Decision, Origin, OutboxMessage, OutboxStatus, Person, Surface

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def rows(services: Services, kind: str) -> list[OutboxMessage]:
    with services.context.sessions() as session:
        found = list(
            session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
            )
        )
        session.expunge_all()
        return found


def loop(services: Services, moment: dt.datetime) -> None:
    with time_machine.travel(moment, tick=False):
        LoopPlanner(services.context.sessions)(moment)


def setup(services: Services) -> None:
    services.teams.add("Udbud", CLI)
    services.people.add("Frida Carlsson", CLI, team="udbud", aliases=["FC"])
    services.people.add("Mette Holm", CLI, team="udbud")
    services.plans.create("Plan", "udbud", CLI, language="en", owner="Frida Carlsson")
    services.steering.create(
        "Styregruppen", "udbud", CLI, chair="Mette Holm", channels={Surface.SLACK: "CSTEER"}
    )
    services.steering.assign("Styregruppen", "Plan", CLI)


def test_follow_up_comes_after_the_holidays_and_stops_once_answered(services: Services) -> None:
    with time_machine.travel(at("2027-03-01T09:00:00"), tick=False):
        setup(services)
        activity = services.activities.add(
            "Plan",
            "Nyhedsbrev",
            CLI,
            fields={
                "when": "11 March 2027",
                "responsible": "FC",
                "expected_reaction": "Flere spørgsmål til projektet",
            },
        ).activity.id
    with time_machine.travel(at("2027-03-11T10:00:00"), tick=False):
        services.activities.done(activity, CLI)
    # Done Thursday 11 March; 14 days later is Maundy Thursday 25 March, then Good Friday, the
    # weekend (the clocks go forward) and Easter Monday: the question comes Tuesday 30 March,
    # 09:00 CEST = 07:00 UTC (09:00 CET would have been 08:00 UTC).
    loop(services, at("2027-03-24T12:00:00"))
    assert rows(services, NoticeKind.FOLLOWUP) == []
    loop(services, at("2027-03-29T08:00:00"))
    loop(services, at("2027-03-29T08:01:00"))  # another replica: the same key, one row
    [question] = rows(services, NoticeKind.FOLLOWUP)
    assert question.due_at == at("2027-03-30T07:00:00")
    assert question.person_id == services.people.get("FC").id

    caller = Caller(Actor(Origin.SLACK, question.person_id, "Frida"), "en")
    notice = Notice(
        question.key,
        "followup",
        question.due_at,
        question.person_id,
        activity,
        question.plan_id,
        payload=question.payload or {},
    )
    reply = reminder_reply(services, notice, caller)
    assert (
        reply.text
        == "Follow-up: Nyhedsbrev was done 11 March 2027. Did the expected reaction happen?"
    )
    assert reply.notes == ("Expected reaction: Flere spørgsmål til projektet",)
    labels = [button.label for button in reply.sections[0].items[0].buttons]
    assert labels == ["Yes", "Partly", "No"]

    with time_machine.travel(at("2027-03-29T09:00:00"), tick=False):
        services.activities.record_outcome(activity, "no", CLI, note="Ingen spørgsmål")
    loop(services, at("2027-03-29T09:01:00"))
    [cancelled] = rows(services, NoticeKind.FOLLOWUP)
    assert cancelled.status is OutboxStatus.CANCELLED

    copy = services.activities.replan(activity, CLI, when="1 June 2027").activity
    assert (copy.title, copy.expected_reaction) == ("Nyhedsbrev", "Flere spørgsmål til projektet")
    assert copy.remarks == f"Re-planned after #{activity}"
    assert str(copy.next_due) == "2027-06-01"

    table = services.exports.table("Plan", Actor.cli())
    assert table.fields[-1] == "reaction_outcome" and table.headings[-1] == "Follow-up"
    outcomes = [row.cells[-1] for row in table.rows]
    assert "no – Ingen spørgsmål" in outcomes


def test_the_weekly_digest_moves_off_easter_monday_and_goes_once(services: Services) -> None:
    with time_machine.travel(at("2027-03-15T09:00:00"), tick=False):
        setup(services)
        done = services.activities.add(
            "Plan", "Intranetnyhed", CLI, fields={"when": "24 March 2027", "responsible": "FC"}
        ).activity.id
        services.activities.add(
            "Plan", "Borgermøde", CLI, fields={"when": "31 March 2027", "responsible": "FC"}
        )
        services.activities.add(
            "Plan", "Pressemeddelelse", CLI, fields={"when": "22 March 2027", "responsible": "FC"}
        )
        needs = services.activities.add(
            "Plan", "Brev", CLI, fields={"when": "9 April 2027"}
        ).activity.id
    with time_machine.travel(at("2027-03-24T11:00:00"), tick=False):
        services.activities.done(done, CLI)
        services.approvals.request(needs, CLI, text="Kære borger")
    # Monday 29 March is Easter Monday: the digest comes Tuesday 30 March, 09:00 CEST.
    loop(services, at("2027-03-29T08:00:00"))
    assert rows(services, NoticeKind.DIGEST) == []
    loop(services, at("2027-03-30T07:00:00"))
    loop(services, at("2027-03-30T07:05:00"))
    [digest] = rows(services, NoticeKind.DIGEST)
    assert digest.key.endswith(":2027-W13") and digest.person_id is None
    assert digest.due_at == at("2027-03-30T07:00:00")

    with time_machine.travel(at("2027-03-30T07:06:00"), tick=False):
        notice = Notice(
            digest.key,
            "digest",
            digest.due_at,
            None,
            None,
            digest.plan_id,
            payload=digest.payload or {},
        )
        text = reminder_reply(services, notice, Caller(CLI, "en")).text
    assert text.splitlines()[0] == "The week: Plan (week 13)"
    assert "Done last week:\n  #1 Intranetnyhed" in text
    assert "Due this week:\n  #2 Borgermøde (31 March 2027) – Frida Carlsson" in text
    assert "Overdue:\n  #3 Pressemeddelelse (22 March 2027) – Frida Carlsson" in text
    assert "Waiting for approval:\n  #4 Brev (waiting 5 days)" in text


def test_a_group_without_a_channel_gets_the_digest_member_by_member(services: Services) -> None:
    """An e-mail-only (or not yet connected) steering group: each active member and the chair
    get the week, one row each, on their own surface; once per week all the same."""
    with time_machine.travel(at("2027-04-26T06:00:00"), tick=False):  # Monday 26 April
        services.teams.add("Udbud", CLI)
        for name in ("Frida Carlsson", "Mette Holm", "Sune Medlem", "Gammel Medlem"):
            services.people.add(name, CLI, team="udbud", email=f"{name.split()[0]}@k.dk")
        services.plans.create("Plan", "udbud", CLI, language="en", owner="Frida Carlsson")
        services.steering.create(
            "Styregruppen",
            "udbud",
            CLI,
            chair="Mette Holm",
            members=("Sune Medlem", "Gammel Medlem"),
        )
        services.steering.assign("Styregruppen", "Plan", CLI)
        with services.context.sessions.begin() as session:  # left (as forgetting leaves them)
            left = session.get(Person, services.people.get("Gammel Medlem").id)
            assert left is not None
            left.active = False
        services.activities.add(
            "Plan", "Nyhed", CLI, fields={"when": "28 April 2027", "responsible": "Frida Carlsson"}
        )
    loop(services, at("2027-04-26T07:05:00"))
    loop(services, at("2027-04-26T07:10:00"))
    digests = rows(services, NoticeKind.DIGEST)
    readers = {services.people.get(name).id for name in ("Mette Holm", "Sune Medlem")}
    assert {row.person_id for row in digests} == readers
    assert len(digests) == 2
    assert all(row.key.startswith("digest:") and ":2027-W17:" in row.key for row in digests)


def test_a_quiet_week_sends_nothing_and_the_digest_reads_in_three_languages(
    services: Services,
) -> None:
    with time_machine.travel(at("2027-04-26T07:30:00"), tick=False):  # Monday 26 April
        setup(services)
        loop(services, at("2027-04-26T07:30:00"))
        assert rows(services, NoticeKind.DIGEST) == []
        services.activities.add(
            "Plan", "Nyhed", CLI, fields={"when": "28 April 2027", "responsible": "FC"}
        )
        titles = {
            language: digest_text(
                services.digests.weekly("Plan", Actor.cli()), language
            ).splitlines()
            for language in ("da", "sv", "en")
        }
    assert titles["da"][:2] == ["Ugens overblik: Plan (uge 17)", "Frist denne uge:"]
    assert titles["sv"][:2] == ["Veckans översikt: Plan (vecka 17)", "Deadline denna vecka:"]
    assert titles["en"][:2] == ["The week: Plan (week 17)", "Due this week:"]


def test_a_personal_digest_for_those_who_opted_in(services: Services) -> None:
    with time_machine.travel(at("2027-05-03T06:00:00"), tick=False):  # Monday 3 May, 08:00
        setup(services)
        services.activities.add(
            "Plan", "Nyhed", CLI, fields={"when": "5 May 2027", "responsible": "FC"}
        )
        loop(services, at("2027-05-03T07:00:00"))
        assert rows(services, NoticeKind.DIGEST_PERSON) == []  # nobody opted in
        services.people.set_weekly_digest("FC", True, CLI)
        loop(services, at("2027-05-03T07:00:00"))
        loop(services, at("2027-05-03T07:30:00"))
        [mine] = rows(services, NoticeKind.DIGEST_PERSON)
        assert mine.person_id == services.people.get("FC").id
        notice = Notice(
            mine.key, "digest_person", mine.due_at, mine.person_id, payload=mine.payload or {}
        )
        text = reminder_reply(services, notice, Caller(CLI, "en")).text
    assert text.startswith("Your week (week 18)\nDue this week:\n  #1 Nyhed (5 May 2027)")
    assert Decision.APPROVE.value == "approve"  # the enum the digest's approvals part shares


@time_machine.travel(at("2027-03-01T09:00:00"), tick=False)
def test_a_follow_up_answer_that_cannot_be_taken_changes_nothing(services: Services) -> None:
    setup(services)
    activity = services.activities.add("Plan", "Nyhed", CLI, fields={"when": "5 March 2027"})
    with pytest.raises(Invalid) as not_done:
        services.activities.record_outcome(activity.activity.id, "yes", CLI)
    assert not_done.value.key == "followup.not_done"
    services.activities.done(activity.activity.id, CLI)
    with pytest.raises(Invalid) as unknown:
        services.activities.record_outcome(activity.activity.id, "maybe", CLI)
    assert "Unknown answer: maybe (known: yes, partly, no)" in unknown.value.message("en")
    assert services.activities.get(activity.activity.id).reaction_outcome is None


def test_a_pending_follow_up_is_cancelled_when_its_activity_is_reopened(
    services: Services,
) -> None:
    with time_machine.travel(at("2027-03-01T09:00:00"), tick=False):
        setup(services)
        activity = services.activities.add(
            "Plan", "Nyhedsbrev", CLI, fields={"when": "11 March 2027", "responsible": "FC"}
        ).activity.id
    with time_machine.travel(at("2027-03-11T10:00:00"), tick=False):
        services.activities.done(activity, CLI)
    loop(services, at("2027-03-29T08:00:00"))
    [question] = rows(services, NoticeKind.FOLLOWUP)
    assert question.status is OutboxStatus.PENDING
    with time_machine.travel(at("2027-03-29T09:00:00"), tick=False):
        services.activities.reopen(activity, CLI)
    loop(services, at("2027-03-29T09:01:00"))
    [question] = rows(services, NoticeKind.FOLLOWUP)
    assert question.status is OutboxStatus.CANCELLED
