"""The approval workflow on real databases: rules, versions, deputies, refusals, races, log."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
import time_machine
from sqlalchemy import func, select

from bot.services import Services
from bot.services.actor import Actor
from bot.services.approvals.lifecycle import Refused
from bot.services.errors import Invalid
from scheduler.subjects import load_subjects
from storage.models import ApprovalDecision, Decision, Origin
from storage.rules.approvals import Refusal

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
# Friday 26 March 2027, 10:00 in Copenhagen: the spring DST change is that Sunday.
NOW = dt.datetime(2027, 3, 26, 9, 0, tzinfo=dt.UTC)
NAMES = (
    "Mette Holm",
    "Anna Berg",
    "Bo Dahl",
    "Carl Ek",
    "Dora Fisk",
    "Eva Outsider",
    "Frida Carlsson",
)


def person(services: Services, name: str) -> Actor:
    view = services.people.get(name)
    return Actor(Origin.CLI, view.id, view.name)


def setup(services: Services, rule: str = "any") -> int:
    """A team, a plan owned by Frida, a steering group chaired by Mette; an activity to approve."""
    services.teams.add("Udbud", CLI)
    for name in NAMES:
        services.people.add(name, CLI, team="udbud")
    services.plans.create("Plan", "udbud", CLI, language="en", owner="Frida Carlsson")
    services.steering.create(
        "Styregruppen",
        "udbud",
        CLI,
        chair="Mette Holm",
        rule=rule,
        members=("Anna Berg", "Bo Dahl", "Carl Ek"),
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    return services.activities.add(
        "Plan", "Nyhedsbrev", CLI, fields={"when": "6 April 2027", "responsible": "Frida Carlsson"}
    ).activity.id


def request(services: Services, activity: int, text: str = "Udkast 1") -> int:
    return services.approvals.request(activity, person(services, "Frida Carlsson"), text=text).id


def decisions(services: Services) -> int:
    with services.context.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(ApprovalDecision)) or 0)


@time_machine.travel(NOW, tick=False)
def test_any_member_decides_and_the_activity_follows(services: Services) -> None:
    activity = setup(services)
    request_id = request(services, activity)
    assert services.activities.get(activity).status == "awaiting_approval"
    result = services.approvals.decide(request_id, Decision.APPROVE, person(services, "Bo Dahl"))
    assert result.recorded and result.capacity == "member" and not result.for_group
    assert result.request.status == "approved"
    assert result.request.decisions[0].version == 1
    assert services.activities.get(activity).status == "approved"
    with pytest.raises(Refused) as refused:
        services.approvals.decide(request_id, Decision.REJECT, person(services, "Anna Berg"))
    assert refused.value.reason is Refusal.CLOSED


@time_machine.travel(NOW, tick=False)
def test_a_non_member_is_refused_logged_and_changes_nothing(services: Services) -> None:
    activity = setup(services)
    request_id = request(services, activity)
    with pytest.raises(Refused) as refused:
        services.approvals.decide(request_id, Decision.APPROVE, person(services, "Eva Outsider"))
    assert refused.value.reason is Refusal.NOT_MEMBER
    assert "not a member" in refused.value.message("en")
    assert services.approvals.get(request_id).status == "pending"
    assert decisions(services) == 0
    [entry] = [e for e in services.approvals.log(Actor.cli()) if e["action"] == "approval.refused"]
    assert entry["who"] == "Eva Outsider"
    assert entry["details"]["reason"] == "not_member"


@time_machine.travel(NOW, tick=False)
def test_the_chair_decides_alone_for_the_group_even_when_all_must(services: Services) -> None:
    activity = setup(services, rule="all")
    request_id = request(services, activity)
    services.approvals.decide(request_id, Decision.APPROVE, person(services, "Anna Berg"))
    assert services.approvals.get(request_id).status == "pending"
    result = services.approvals.decide(
        request_id, Decision.APPROVE, person(services, "Mette Holm"), comment="OK for gruppen"
    )
    assert result.for_group and result.capacity == "chair"
    assert result.request.status == "approved"
    [log_entry] = [e for e in services.approvals.log(Actor.cli()) if e["who"] == "Mette Holm"]
    assert log_entry["capacity"] == "chair"
    assert log_entry["details"]["for_group"] is True


@time_machine.travel(NOW, tick=False)
def test_all_members_with_a_deputy_standing_in(services: Services) -> None:
    activity = setup(services, rule="all")
    services.steering.delegate(
        "Styregruppen",
        "Anna Berg",
        "Dora Fisk",
        CLI,
        starts_at=NOW - dt.timedelta(days=1),
        ends_at=NOW + dt.timedelta(days=7),
    )
    request_id = request(services, activity)
    dora = services.approvals.decide(request_id, Decision.APPROVE, person(services, "Dora Fisk"))
    assert (dora.capacity, dora.on_behalf_of) == ("deputy", "Anna Berg")
    with pytest.raises(Refused) as refused:  # Anna's seat is filled for this version
        services.approvals.decide(request_id, Decision.APPROVE, person(services, "Anna Berg"))
    assert refused.value.reason is Refusal.ALREADY_DECIDED
    services.approvals.decide(request_id, Decision.APPROVE, person(services, "Bo Dahl"))
    assert services.approvals.get(request_id).status == "pending"
    done = services.approvals.decide(request_id, Decision.APPROVE, person(services, "Carl Ek"))
    assert done.request.status == "approved"


@time_machine.travel(NOW, tick=False)
def test_waiting_for_lists_the_seats_a_person_holds_and_nothing_else(services: Services) -> None:
    """Members, the chair and a standing deputy see the request; the member away (her deputy
    stands in), the requester, a past deputy and the member of another group (with a request of
    its own) do not."""
    activity = setup(services, rule="all")
    services.people.add("Ole Anden", CLI, team="udbud")
    services.steering.create("Anden gruppe", "udbud", CLI, members=("Ole Anden",))
    services.plans.create("Plan 2", "udbud", CLI, language="en", owner="Frida Carlsson")
    services.steering.assign("Anden gruppe", "Plan 2", CLI)
    other = services.activities.add("Plan 2", "Plakat", CLI, fields={"when": "7 April 2027"})
    services.steering.delegate(
        "Styregruppen",
        "Anna Berg",
        "Dora Fisk",
        CLI,
        starts_at=NOW - dt.timedelta(days=1),
        ends_at=NOW + dt.timedelta(days=7),
    )
    services.steering.delegate(
        "Styregruppen",
        "Bo Dahl",
        "Ole Anden",
        CLI,
        starts_at=NOW - dt.timedelta(days=9),
        ends_at=NOW - dt.timedelta(days=2),
    )
    ours = request(services, activity)
    theirs = request(services, other.activity.id)

    def waiting(name: str) -> list[int]:
        return [view.id for view in services.approvals.waiting_for(services.people.get(name).id)]

    for name in ("Bo Dahl", "Carl Ek", "Mette Holm", "Dora Fisk"):
        assert waiting(name) == [ours], name
    assert waiting("Anna Berg") == []  # away: Dora holds her seat this week
    assert waiting("Ole Anden") == [theirs]  # his deputyship for Bo ended two days ago
    assert waiting("Frida Carlsson") == []  # the requester, in no group


@time_machine.travel(NOW, tick=False)
def test_a_new_version_voids_decisions_and_stale_ones_are_refused(services: Services) -> None:
    activity = setup(services, rule="majority")
    request_id = request(services, activity)
    services.approvals.decide(request_id, Decision.APPROVE, person(services, "Anna Berg"))
    revised = services.approvals.revise(
        request_id, person(services, "Frida Carlsson"), text="Udkast 2"
    )
    assert revised.version == 2 and revised.status == "pending"
    with pytest.raises(Refused) as refused:
        services.approvals.decide(
            request_id, Decision.APPROVE, person(services, "Bo Dahl"), version=1
        )
    assert refused.value.reason is Refusal.STALE_VERSION
    # Anna's approval was of version 1: she decides again, and two of three carry version 2.
    services.approvals.decide(
        request_id, Decision.APPROVE, person(services, "Anna Berg"), version=2
    )
    final = services.approvals.decide(request_id, Decision.APPROVE, person(services, "Bo Dahl"))
    assert final.request.status == "approved"
    assert [d.version for d in final.request.decisions] == [1, 2, 2]
    # Editing after the decision voids it and asks again.
    again = services.approvals.revise(
        request_id, person(services, "Frida Carlsson"), link="https://x.dk/3"
    )
    assert (again.status, again.version) == ("pending", 3)
    voided = [e for e in services.approvals.log(Actor.cli()) if e["action"] == "approval.version"]
    assert voided[-1]["details"]["voided"] == "approved"
    with pytest.raises(Invalid):
        services.approvals.revise(request_id, CLI, link="https://x.dk/3")  # the same draft


@time_machine.travel(NOW, tick=False)
def test_changes_requested_then_a_new_version_is_pending(services: Services) -> None:
    activity = setup(services)
    request_id = request(services, activity)
    result = services.approvals.decide(
        request_id, Decision.REQUEST_CHANGES, person(services, "Carl Ek"), comment="Kortere"
    )
    assert result.request.status == "changes_requested"
    assert services.activities.get(activity).status == "in_progress"
    assert services.approvals.revise(request_id, CLI, text="Kort").status == "pending"


@time_machine.travel(NOW, tick=False)
def test_the_same_click_twice_is_recorded_once(services: Services) -> None:
    activity = setup(services, rule="all")
    request_id = request(services, activity)
    anna = person(services, "Anna Berg")
    first = services.approvals.decide(request_id, Decision.APPROVE, anna, idempotency_key="slack:1")
    second = services.approvals.decide(
        request_id, Decision.APPROVE, anna, idempotency_key="slack:1"
    )
    assert first.recorded and not second.recorded
    assert decisions(services) == 1


@time_machine.travel(NOW, tick=False)
def test_withdraw_and_no_group(services: Services) -> None:
    activity = setup(services)
    request_id = request(services, activity)
    assert services.approvals.withdraw(request_id, CLI).status == "withdrawn"
    assert services.activities.get(activity).status == "planned"
    with pytest.raises(Invalid):
        services.approvals.request(activity, CLI)  # no draft
    services.plans.create("Other", "udbud", CLI)
    other = services.activities.add("Other", "X", CLI).activity.id
    with pytest.raises(Invalid) as invalid:
        services.approvals.request(other, CLI, text="x")
    assert invalid.value.key == "approval.no_group"


def _at_once(*calls: Callable[[], object]) -> list[object]:
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except Exception as err:
            results[index] = err

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("round_", range(5))
def test_two_deciders_at_once_leave_one_decision(services: Services, round_: int) -> None:
    with time_machine.travel(NOW, tick=False):
        activity = setup(services)
        request_id = request(services, activity)
        anna, bo = person(services, "Anna Berg"), person(services, "Bo Dahl")
    results = _at_once(
        lambda: services.approvals.decide(request_id, Decision.APPROVE, anna),
        lambda: services.approvals.decide(request_id, Decision.REJECT, bo),
    )
    refused = [r for r in results if isinstance(r, Refused)]
    recorded = [r for r in results if not isinstance(r, Exception)]
    assert len(recorded) == 1 and len(refused) == 1, results
    assert refused[0].reason is Refusal.CLOSED
    assert decisions(services) == 1
    assert services.approvals.get(request_id).status in ("approved", "rejected")


@time_machine.travel(NOW, tick=False)
def test_a_cascade_waits_for_approval_then_falls_due_after_the_offset(services: Services) -> None:
    activity = setup(services)
    informed = services.activities.add(
        "Plan",
        "OC informeret",
        CLI,
        fields={"when": "Efter godkendelse", "responsible": "Frida Carlsson"},
    ).activity.id
    services.activities.depend(informed, activity, CLI, offset_days=2)
    today = services.context.today()

    def planned_ids() -> set[int]:
        with services.context.sessions() as session:
            return {subject.activity_id for subject in load_subjects(session, today)}

    assert activity in planned_ids() and informed not in planned_ids()
    request_id = request(services, activity)
    services.approvals.decide(request_id, Decision.APPROVE, person(services, "Anna Berg"))
    view = services.activities.get(informed)
    assert view.next_due == today + dt.timedelta(days=2)
    assert informed in planned_ids()
    with pytest.raises(Invalid):
        services.activities.depend(activity, informed, CLI)  # a cycle


@pytest.mark.parametrize("round_", range(5))
def test_the_same_click_twice_at_once_is_one_decision_and_no_refusal(
    services: Services, round_: int
) -> None:
    with time_machine.travel(NOW, tick=False):
        activity = setup(services)
        request_id = request(services, activity)
        anna = person(services, "Anna Berg")
    results = _at_once(
        lambda: services.approvals.decide(request_id, Decision.APPROVE, anna, idempotency_key="k"),
        lambda: services.approvals.decide(request_id, Decision.APPROVE, anna, idempotency_key="k"),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert decisions(services) == 1
    assert not [e for e in services.approvals.log(Actor.cli()) if e["action"] == "approval.refused"]
