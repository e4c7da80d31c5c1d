"""What a command line means, as values: one class per command (``parsing`` reads them)."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import Decision

DEFAULT_DAYS = 14


@dataclass(frozen=True, slots=True)
class UpcomingCommand:
    scope: str  # "teams" (the caller's teams), "mine", "team", "plan"
    name: str | None
    days: int


@dataclass(frozen=True, slots=True)
class DoneCommand:
    activity_id: int


@dataclass(frozen=True, slots=True)
class PlanCommand:
    name: str


@dataclass(frozen=True, slots=True)
class ApproveCommand:
    """Ask the steering group to approve a draft: a link if it looks like one, else text."""

    activity_id: int
    draft: str


@dataclass(frozen=True, slots=True)
class ReviseCommand:
    """A new draft for an approval request: the group is asked again."""

    request_id: int
    draft: str


@dataclass(frozen=True, slots=True)
class WithdrawCommand:
    request_id: int


@dataclass(frozen=True, slots=True)
class DecideCommand:
    request_id: int
    decision: Decision
    comment: str | None


@dataclass(frozen=True, slots=True)
class ApprovalsCommand:
    pass


@dataclass(frozen=True, slots=True)
class FollowupCommand:
    activity_id: int
    outcome: str  # yes | partly | no
    note: str | None


@dataclass(frozen=True, slots=True)
class ReplanCommand:
    activity_id: int
    when: str | None


@dataclass(frozen=True, slots=True)
class ReopenCommand:
    activity_id: int


@dataclass(frozen=True, slots=True)
class CloseCommand:
    """End an ongoing or recurring activity for good (``done`` records one time of it)."""

    activity_id: int


@dataclass(frozen=True, slots=True)
class MoveCommand:
    activity_id: int
    when: str


@dataclass(frozen=True, slots=True)
class WhyCommand:
    deviation_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class DigestCommand:
    plan: str


@dataclass(frozen=True, slots=True)
class FeedCommand:
    rotate: bool
    team: str | None


@dataclass(frozen=True, slots=True)
class ConnectCommand:
    group: str


@dataclass(frozen=True, slots=True)
class ImportCommand:
    """`import PATH`: only the console reads a path (its person's own machine); in a chat the
    answer is to send the file."""

    path: str


@dataclass(frozen=True, slots=True)
class SteeringCommand:
    """`steering`: the form for a plan's steering group (bot/chat/steering_form.py)."""


@dataclass(frozen=True, slots=True)
class HelpCommand:
    unknown: str | None = None  # the text that was not understood, if any


Command = (
    UpcomingCommand
    | DoneCommand
    | CloseCommand
    | PlanCommand
    | ApproveCommand
    | ReviseCommand
    | WithdrawCommand
    | DecideCommand
    | ApprovalsCommand
    | FollowupCommand
    | ReplanCommand
    | ReopenCommand
    | MoveCommand
    | WhyCommand
    | DigestCommand
    | FeedCommand
    | ConnectCommand
    | ImportCommand
    | SteeringCommand
    | HelpCommand
)
