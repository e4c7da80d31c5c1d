"""A command line from any surface, parsed and answered: each kind of command to its reply
builder; a refusal by the services becomes a reply in the caller's language."""

from __future__ import annotations

from bot.chat.caller import Caller
from bot.chat.commands.activity_replies import (
    finished_reply,
    move_reply,
    reopen_reply,
    replan_reply,
    why_reply,
)
from bot.chat.commands.approval_replies import (
    approvals_reply,
    request_reply,
    revise_reply,
    withdraw_reply,
)
from bot.chat.commands.listing_replies import plan_reply, upcoming_reply
from bot.chat.commands.parsed import (
    ApprovalsCommand,
    ApproveCommand,
    CloseCommand,
    Command,
    ConnectCommand,
    DecideCommand,
    DigestCommand,
    DoneCommand,
    FeedCommand,
    FollowupCommand,
    HelpCommand,
    ImportCommand,
    MoveCommand,
    PlanCommand,
    ReopenCommand,
    ReplanCommand,
    ReviseCommand,
    SteeringCommand,
    WhyCommand,
    WithdrawCommand,
)
from bot.chat.commands.parsing import parse
from bot.chat.commands.setup_replies import connect_reply, feed_reply, setting_up_reply
from bot.chat.decisions import decide
from bot.chat.digests import digest_text
from bot.chat.followups import outcome_reply
from bot.chat.replies import Reply
from bot.services import Services
from bot.services.errors import ServiceError
from bot.texts import t
from bot.texts.words import help_text


class CommandHandler:
    """Turns a command line from any surface into a ``Reply``."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def handle(self, text: str, caller: Caller) -> Reply:
        command = parse(text)
        try:
            return self._dispatch(command, caller)
        except ServiceError as err:
            return Reply(err.message(caller.language), refused=True)

    def _dispatch(self, command: Command, caller: Caller) -> Reply:
        services = self.services
        if isinstance(command, HelpCommand):
            return self._help(command, caller)
        if isinstance(command, DoneCommand | CloseCommand):
            return finished_reply(services, command, caller)
        if isinstance(command, ApproveCommand | ReviseCommand | WithdrawCommand):
            return self._request(command, caller)
        if isinstance(command, DecideCommand):
            decided = decide(
                services, command.request_id, command.decision, caller, comment=command.comment
            )
            return decided.reply
        if isinstance(command, FollowupCommand):
            return outcome_reply(
                services, command.activity_id, command.outcome, command.note, caller
            )
        if isinstance(command, ReplanCommand | ReopenCommand | MoveCommand | WhyCommand):
            return self._dates(command, caller)
        if isinstance(command, DigestCommand):
            digest = services.digests.weekly(command.plan, caller.actor)
            return Reply(digest_text(digest, caller.language))
        if isinstance(command, FeedCommand):
            return feed_reply(services, command, caller)
        if isinstance(command, ConnectCommand):
            return connect_reply(services, command, caller)
        if isinstance(command, ApprovalsCommand):
            return approvals_reply(services, caller)
        if isinstance(command, SteeringCommand | ImportCommand):
            return setting_up_reply(services, command, caller)
        if isinstance(command, PlanCommand):
            return plan_reply(services, command, caller)
        return upcoming_reply(services, command, caller)

    @staticmethod
    def _help(command: HelpCommand, caller: Caller) -> Reply:
        """The help text; after a line that was not understood, that line first."""
        usage = help_text(caller.language)
        if command.unknown:
            return Reply(
                t("chat.unknown_command", caller.language, text=command.unknown) + "\n" + usage
            )
        return Reply(usage)

    def _dates(
        self, command: ReplanCommand | ReopenCommand | MoveCommand | WhyCommand, caller: Caller
    ) -> Reply:
        """Replan (a copy), reopen and move (the activity itself), and why it moved."""
        if isinstance(command, WhyCommand):
            return why_reply(self.services, command, caller)
        if isinstance(command, ReopenCommand):
            return reopen_reply(self.services, command.activity_id, caller, undo=False)
        if isinstance(command, MoveCommand):
            return move_reply(self.services, command.activity_id, command.when, caller)
        return replan_reply(self.services, command.activity_id, command.when, caller)

    def _request(
        self, command: ApproveCommand | ReviseCommand | WithdrawCommand, caller: Caller
    ) -> Reply:
        """An approval request: ask for one, revise its draft, withdraw it."""
        if isinstance(command, ApproveCommand):
            return request_reply(self.services, command.activity_id, command.draft, caller)
        if isinstance(command, ReviseCommand):
            return revise_reply(self.services, command.request_id, command.draft, caller)
        return withdraw_reply(self.services, command.request_id, caller)
