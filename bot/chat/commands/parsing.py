"""Reading a command line, in any language's words (bot/texts/words.py), into a ``Command``."""

from __future__ import annotations

from collections.abc import Callable

from bot.chat.commands.parsed import (
    DEFAULT_DAYS,
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
    UpcomingCommand,
    WhyCommand,
    WithdrawCommand,
)
from bot.texts.words import WORDS, merged
from storage.models import Decision

# Every language's words, merged: the meaning of each (bot/texts/words.py).
_VERBS = merged("verbs")
_SCOPES = merged("scopes")
_OUTCOMES = merged("outcomes")
_ROTATE = frozenset().union(*(words.rotate for words in WORDS.values()))
_DECISIONS = {
    word: {
        "approve": Decision.APPROVE,
        "reject": Decision.REJECT,
        "changes": Decision.REQUEST_CHANGES,
    }[meaning]
    for word, meaning in merged("decisions").items()
}


def decision_of(word: str) -> Decision | None:
    """A decision as anyone types it, in any language (also the CLI's ``request_changes``)."""
    return _DECISIONS.get(word.lower())


def parse(text: str) -> Command:
    """Read a command line; what cannot be read becomes ``HelpCommand(unknown=text)``."""
    words = text.strip().removeprefix("/commplan").split()
    if not words:
        return HelpCommand()
    parser = _PARSERS.get(_VERBS.get(words[0].lower(), ""))
    command = parser(words[1:]) if parser else None
    return command if command is not None else HelpCommand(unknown=text.strip())


# Each command's reader: the words after the verb, to a command or None (not understood).
Parser = Callable[[list[str]], "Command | None"]


def _number(word: str) -> int | None:
    """``12`` or ``#12``."""
    digits = word.lstrip("#")
    return int(digits) if digits.isdigit() else None


def _id_and(rest: list[str], least: int) -> tuple[int, list[str]] | None:
    """An id first and at least ``least`` words after it."""
    number = _number(rest[0]) if rest else None
    if number is None or len(rest) - 1 < least:
        return None
    return number, rest[1:]


def _id_only(make: Callable[[int], Command]) -> Parser:
    """A command of one id and nothing more (`done 12`)."""

    def parse(rest: list[str]) -> Command | None:
        found = _id_and(rest, 0)
        return make(found[0]) if found and not found[1] else None

    return parse


def _id_and_text(make: Callable[[int, str], Command]) -> Parser:
    """A command of an id and some words (`move 12 uge 14`)."""

    def parse(rest: list[str]) -> Command | None:
        found = _id_and(rest, 1)
        return make(found[0], " ".join(found[1])) if found else None

    return parse


def _plan(rest: list[str]) -> Command | None:
    return PlanCommand(" ".join(rest)) if rest else None


def _decide(rest: list[str]) -> Command | None:
    found = _id_and(rest, 1)
    decision = decision_of(found[1][0]) if found else None
    if found is None or decision is None:
        return None
    return DecideCommand(found[0], decision, " ".join(found[1][1:]) or None)


def _followup(rest: list[str]) -> Command | None:
    found = _id_and(rest, 1)
    outcome = _OUTCOMES.get(found[1][0].lower()) if found else None
    if found is None or outcome is None:
        return None
    return FollowupCommand(found[0], outcome, " ".join(found[1][1:]) or None)


def _replan(rest: list[str]) -> Command | None:
    found = _id_and(rest, 0)
    return ReplanCommand(found[0], " ".join(found[1]) or None) if found else None


def _digest(rest: list[str]) -> Command | None:
    return DigestCommand(" ".join(rest)) if rest else None


def _feed(rest: list[str]) -> Command | None:
    if not rest:
        return FeedCommand(rotate=False, team=None)
    if rest[0].lower() in _ROTATE:
        return FeedCommand(rotate=True, team=" ".join(rest[1:]) or None)
    return None


def _connect(rest: list[str]) -> Command | None:
    return ConnectCommand(" ".join(rest)) if rest else None


def _import(rest: list[str]) -> Command | None:
    return ImportCommand(" ".join(rest))


def _steering(rest: list[str]) -> Command | None:
    return SteeringCommand() if not rest else None


def _upcoming(rest: list[str]) -> Command | None:
    days = DEFAULT_DAYS
    if rest and rest[-1].isdigit():
        days = int(rest[-1])
        rest = rest[:-1]
    if not rest:
        return UpcomingCommand("teams", None, days)
    scope = _SCOPES.get(rest[0].lower())
    if scope == "mine" and len(rest) == 1:
        return UpcomingCommand("mine", None, days)
    if scope in ("team", "plan") and len(rest) > 1:
        return UpcomingCommand(scope, " ".join(rest[1:]), days)
    return None


def _mine(rest: list[str]) -> Command | None:
    return _upcoming(["mine", *rest])


def _approvals(rest: list[str]) -> Command | None:
    return ApprovalsCommand() if not rest else None


def _help(rest: list[str]) -> Command | None:
    return HelpCommand()


# The verb's meaning (bot/texts/words.py) → its reader. A new command is one line here and a
# line per language in the word tables.
_PARSERS: dict[str, Parser] = {
    "help": _help,
    "upcoming": _upcoming,
    "mine": _mine,
    "done": _id_only(DoneCommand),
    "close": _id_only(CloseCommand),
    "reopen": _id_only(ReopenCommand),
    "move": _id_and_text(MoveCommand),
    "plan": _plan,
    "approve": _id_and_text(ApproveCommand),
    "decide": _decide,
    "approvals": _approvals,
    "revise": _id_and_text(ReviseCommand),
    "withdraw": _id_only(WithdrawCommand),
    "why": _id_and_text(WhyCommand),
    "followup": _followup,
    "replan": _replan,
    "digest": _digest,
    "feed": _feed,
    "connect": _connect,
    "import": _import,
    "steering": _steering,
}
