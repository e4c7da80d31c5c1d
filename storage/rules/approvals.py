"""Who may decide on an approval request, in what capacity, and when it is decided.

Pure functions over plain values, so that the state machine can be tested on its own
(hypothesis, ``tests/approvals``) and the service only loads, calls and stores.

A steering group has members, a chair, a decision rule and, for a period, deputies standing in
for members. Each member has one *seat* per version of the draft: a member fills their own seat,
a deputy fills the seat of a member who named them, and a seat is filled once. The chair (or the
chair's deputy) may always decide alone: that decision is final, "on behalf of the steering
group". Otherwise the rule decides:

- ``any``: the first decision by any member decides;
- ``chair``: only the chair decides; a member's attempt is refused;
- ``all``: approved when every member approved; one rejection or request for changes decides;
- ``majority``: approved when more than half the members approved; decided against as soon as a
  majority can no longer be reached (changes requested if anyone asked for changes, else
  rejected).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from storage.rules.states import ApprovalStatus, Capacity, Decision, DecisionRule


class Refusal(StrEnum):
    """Why an attempt to decide changes nothing (each has a text: ``approval.refused.*``)."""

    NOT_MEMBER = "not_member"
    CHAIR_ONLY = "chair_only"
    ALREADY_DECIDED = "already_decided"  # this person's seats are filled for this version
    CLOSED = "closed"  # the request is no longer pending
    STALE_VERSION = "stale_version"
    OWN_REQUEST = "own_request"  # four eyes: nobody decides on what they asked for


@dataclass(frozen=True, slots=True)
class Group:
    members: frozenset[int]
    chair: int | None
    rule: DecisionRule
    # deputy -> the members they stand in for now (the delegations in force at that moment)
    deputies: Mapping[int, frozenset[int]] = field(default_factory=dict)
    # Whether a requester who sits in the group may decide on their own request (four eyes
    # off, by the group's explicit choice); the decision then says it was a self-approval.
    allow_self_approval: bool = False


@dataclass(frozen=True, slots=True)
class Vote:
    """One recorded decision on the current version."""

    person: int
    seat: int | None  # the member whose seat it fills; None for the chair's decision
    capacity: Capacity
    on_behalf_of: int | None
    decision: Decision

    @property
    def for_group(self) -> bool:
        """The chair's (or the chair's deputy's) decision: on behalf of the steering group."""
        return self.seat is None


@dataclass(frozen=True, slots=True)
class Seat:
    """In what capacity a person's attempt would count."""

    seat: int | None
    capacity: Capacity
    on_behalf_of: int | None


_FINAL = {
    Decision.APPROVE: ApprovalStatus.APPROVED,
    Decision.REJECT: ApprovalStatus.REJECTED,
    Decision.REQUEST_CHANGES: ApprovalStatus.CHANGES_REQUESTED,
}


def seat_for(
    group: Group, person: int, votes: Sequence[Vote], *, requester: int | None = None
) -> Seat | Refusal:
    """Where ``person``'s decision would count, or why it may not. ``requester``: who asked
    for the approval; they may not decide on it unless the group allows self-approval."""
    seat = _seat(group, person, votes)
    own = requester is not None and person == requester and not group.allow_self_approval
    # Four eyes, for those who would otherwise decide; anyone else hears why they may not.
    return Refusal.OWN_REQUEST if own and isinstance(seat, Seat) else seat


def _seat(group: Group, person: int, votes: Sequence[Vote]) -> Seat | Refusal:
    stands_for = group.deputies.get(person, frozenset())
    if group.chair is not None and person == group.chair:
        return Seat(None, Capacity.CHAIR, None)
    if group.chair is not None and group.chair in stands_for:
        # The chair is away and named this deputy: the deputy decides as the chair would.
        return Seat(None, Capacity.DEPUTY, group.chair)
    if group.rule is DecisionRule.CHAIR:
        return Refusal.CHAIR_ONLY if person in group.members or stands_for else Refusal.NOT_MEMBER
    filled = {vote.seat for vote in votes}
    if person in group.members and person not in filled:
        return Seat(person, Capacity.MEMBER, None)
    for member in sorted(stands_for & group.members):
        if member not in filled:
            return Seat(member, Capacity.DEPUTY, member)
    if person in group.members or stands_for & group.members:
        return Refusal.ALREADY_DECIDED
    return Refusal.NOT_MEMBER


def outcome(group: Group, votes: Sequence[Vote]) -> ApprovalStatus:
    """The request's state after ``votes`` on its current version (PENDING: not decided yet)."""
    for vote in votes:
        if vote.for_group:
            return _FINAL[vote.decision]
    if not votes:
        return ApprovalStatus.PENDING
    return _BY_RULE[group.rule](group, votes)


def _first_decides(group: Group, votes: Sequence[Vote]) -> ApprovalStatus:
    """ANY: the first member's decision is the group's."""
    return _FINAL[votes[0].decision]


def _chair_decides(group: Group, votes: Sequence[Vote]) -> ApprovalStatus:
    """CHAIR: members' votes decide nothing (the chair's is ``for_group``)."""
    return ApprovalStatus.PENDING


def _all_decide(group: Group, votes: Sequence[Vote]) -> ApprovalStatus:
    """ALL: approved when every member approved; any other decision ends it."""
    against = [vote for vote in votes if vote.decision is not Decision.APPROVE]
    if against:
        return _FINAL[against[0].decision]
    approvals = {vote.seat for vote in votes if vote.decision is Decision.APPROVE}
    return ApprovalStatus.APPROVED if approvals >= group.members else ApprovalStatus.PENDING


def _majority_decides(group: Group, votes: Sequence[Vote]) -> ApprovalStatus:
    """MAJORITY: approved by more than half; not approved once half can no longer be passed."""
    members = len(group.members)
    approvals = {vote.seat for vote in votes if vote.decision is Decision.APPROVE}
    if 2 * len(approvals) > members:
        return ApprovalStatus.APPROVED
    undecided = members - len({vote.seat for vote in votes})
    if 2 * (len(approvals) + undecided) <= members:
        if any(vote.decision is Decision.REQUEST_CHANGES for vote in votes):
            return ApprovalStatus.CHANGES_REQUESTED
        return ApprovalStatus.REJECTED
    return ApprovalStatus.PENDING


_BY_RULE: dict[DecisionRule, Callable[[Group, Sequence[Vote]], ApprovalStatus]] = {
    DecisionRule.ANY: _first_decides,
    DecisionRule.CHAIR: _chair_decides,
    DecisionRule.ALL: _all_decide,
    DecisionRule.MAJORITY: _majority_decides,
}


def deciders_waited_for(
    group: Group, votes: Sequence[Vote], *, requester: int | None = None
) -> list[int]:
    """Who should be reminded: members with an empty seat, or their deputy while they are away;
    the chair when only the chair decides. Never the requester, who may not decide on their
    own request (unless the group allows self-approval)."""
    if group.rule is DecisionRule.CHAIR:
        if group.chair is None:
            return []
        waited = [_stand_in(group, group.chair)]
    else:
        filled = {vote.seat for vote in votes}
        waited = [_stand_in(group, member) for member in sorted(group.members - filled)]
    if requester is not None and not group.allow_self_approval:
        waited = [person for person in waited if person != requester]
    return sorted(set(waited))


def chair_seats(group: Group, *, requester: int | None = None) -> list[int]:
    """The chair and whoever stands in for the chair now: they may always decide alone, so
    they always hear of a request (never the requester, under four eyes)."""
    if group.chair is None:
        return []
    found = {group.chair} | {d for d, members in group.deputies.items() if group.chair in members}
    if requester is not None and not group.allow_self_approval:
        found.discard(requester)
    return sorted(found)


def _stand_in(group: Group, member: int) -> int:
    for deputy, members in sorted(group.deputies.items()):
        if member in members:
            return deputy
    return member
