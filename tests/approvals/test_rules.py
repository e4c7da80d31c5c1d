"""The approval state machine, property-tested: any group, any sequence of attempts."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from storage.models.enums import ApprovalStatus, Capacity, Decision, DecisionRule
from storage.rules.approvals import Group, Refusal, Seat, Vote, outcome, seat_for

PEOPLE = list(range(1, 9))  # 8 is never a member, chair or deputy in any group drawn


@st.composite
def groups(draw: st.DrawFn) -> Group:
    members = frozenset(draw(st.sets(st.sampled_from(PEOPLE[:6]), max_size=6)))
    chair = draw(st.none() | st.sampled_from(PEOPLE[:7]))
    rule = draw(st.sampled_from(list(DecisionRule)))
    deputies: dict[int, frozenset[int]] = {}
    absent = sorted(members | ({chair} if chair else set()))
    for member in draw(st.lists(st.sampled_from(absent), unique=True)) if absent else []:
        deputy = draw(st.sampled_from(PEOPLE[:7]))
        if deputy != member:
            deputies[deputy] = deputies.get(deputy, frozenset()) | {member}
    return Group(members, chair, rule, deputies)


ATTEMPTS = st.lists(
    st.tuples(st.sampled_from(PEOPLE), st.sampled_from(list(Decision))), max_size=14
)


def run(
    group: Group, attempts: Sequence[tuple[int, Decision]]
) -> tuple[list[Vote], list[ApprovalStatus]]:
    """Apply attempts as the service does: refused ones change nothing, none after a final one."""
    votes: list[Vote] = []
    states = [ApprovalStatus.PENDING]
    for person, decision in attempts:
        if states[-1] is not ApprovalStatus.PENDING:
            break
        seat = seat_for(group, person, votes)
        if isinstance(seat, Refusal):
            states.append(states[-1])
            continue
        votes.append(Vote(person, seat.seat, seat.capacity, seat.on_behalf_of, decision))
        states.append(outcome(group, votes))
    return votes, states


def may_decide(group: Group, person: int) -> bool:
    stands_for = group.deputies.get(person, frozenset())
    return person in group.members or person == group.chair or bool(stands_for)


@settings(max_examples=400)
@given(groups(), ATTEMPTS)
def test_one_final_state_and_it_never_changes(
    group: Group, attempts: list[tuple[int, Decision]]
) -> None:
    _, states = run(group, attempts)
    finals = [state for state in states if state is not ApprovalStatus.PENDING]
    # Once decided, nothing after (the service refuses "closed"); the first final one stands.
    assert len(set(finals)) <= 1
    if finals:
        first = states.index(finals[0])
        assert all(state is finals[0] for state in states[first:])


@settings(max_examples=400)
@given(groups(), ATTEMPTS)
def test_nobody_outside_the_group_ever_counts(
    group: Group, attempts: list[tuple[int, Decision]]
) -> None:
    votes, _ = run(group, attempts)
    for vote in votes:
        assert may_decide(group, vote.person)
    assert seat_for(group, 8, votes) is Refusal.NOT_MEMBER


@settings(max_examples=400)
@given(groups(), ATTEMPTS)
def test_each_seat_counts_once_and_deputies_fill_their_members_seat(
    group: Group, attempts: list[tuple[int, Decision]]
) -> None:
    votes, _ = run(group, attempts)
    seats = [vote.seat for vote in votes if vote.seat is not None]
    assert len(seats) == len(set(seats))
    for vote in votes:
        if vote.capacity is Capacity.DEPUTY:
            assert vote.on_behalf_of in group.deputies.get(vote.person, frozenset())
        if vote.capacity is Capacity.MEMBER:
            assert vote.seat == vote.person and vote.person in group.members


@settings(max_examples=400)
@given(groups(), ATTEMPTS)
def test_all_and_majority_are_counted_right(
    group: Group, attempts: list[tuple[int, Decision]]
) -> None:
    votes, states = run(group, attempts)
    final = states[-1]
    by_group = [vote for vote in votes if vote.for_group]
    if by_group:
        # The chair (or the chair's deputy) decided alone: that decision is the outcome.
        assert by_group[0] is votes[-1]
        return
    approvals = {vote.seat for vote in votes if vote.decision is Decision.APPROVE}
    decided = {vote.seat for vote in votes}
    members = len(group.members)
    if group.rule is DecisionRule.ALL and final is ApprovalStatus.APPROVED:
        assert approvals == group.members and members > 0
    if group.rule is DecisionRule.MAJORITY:
        if final is ApprovalStatus.APPROVED:
            assert 2 * len(approvals) > members
        elif final in (ApprovalStatus.REJECTED, ApprovalStatus.CHANGES_REQUESTED):
            assert 2 * (len(approvals) + members - len(decided)) <= members
        elif votes:  # with no decision yet a request is pending whatever the numbers
            assert 2 * len(approvals) <= members
            assert 2 * (len(approvals) + members - len(decided)) > members
    if group.rule is DecisionRule.CHAIR:
        assert not votes  # only the chair decides, and the chair's decision is for the group


def test_the_chair_decides_alone_on_behalf_of_the_group() -> None:
    group = Group(frozenset({1, 2, 3}), chair=4, rule=DecisionRule.ALL)
    seat = seat_for(group, 4, [])
    assert seat == Seat(None, Capacity.CHAIR, None)
    assert outcome(group, [Vote(4, None, Capacity.CHAIR, None, Decision.APPROVE)]) is (
        ApprovalStatus.APPROVED
    )


def test_a_deputy_for_the_chair_decides_as_the_chair() -> None:
    group = Group(frozenset({1, 2}), chair=3, rule=DecisionRule.ALL, deputies={5: frozenset({3})})
    assert seat_for(group, 5, []) == Seat(None, Capacity.DEPUTY, 3)


def test_majority_of_four_needs_three_and_two_against_decide() -> None:
    group = Group(frozenset({1, 2, 3, 4}), chair=None, rule=DecisionRule.MAJORITY)
    yes = [Vote(p, p, Capacity.MEMBER, None, Decision.APPROVE) for p in (1, 2)]
    assert outcome(group, yes) is ApprovalStatus.PENDING
    assert outcome(group, [*yes, Vote(3, 3, Capacity.MEMBER, None, Decision.APPROVE)]) is (
        ApprovalStatus.APPROVED
    )
    no = [
        Vote(1, 1, Capacity.MEMBER, None, Decision.REJECT),
        Vote(2, 2, Capacity.MEMBER, None, Decision.REQUEST_CHANGES),
    ]
    assert outcome(group, no) is ApprovalStatus.CHANGES_REQUESTED


def test_chair_only_refuses_members() -> None:
    group = Group(frozenset({1, 2}), chair=3, rule=DecisionRule.CHAIR)
    assert seat_for(group, 1, []) is Refusal.CHAIR_ONLY
    assert seat_for(group, 7, []) is Refusal.NOT_MEMBER
