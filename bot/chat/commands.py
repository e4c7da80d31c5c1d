"""`/commplan ...` (Slack), `upcoming` (Teams), and the console: one parser, one handler.

The grammar, in English words (``bot/texts/words.py`` holds each language's words for the same
commands, and the help the person reads)::

    upcoming [mine | team NAME | plan NAME] [DAYS]
    mine
    done ID
    reopen ID            open a done or cancelled activity again
    move ID WHEN         a new date for the same activity
    why NO REASON        why a deviation from the plan (docs/coordination.md)
    plan NAME
    approve ID TEXT-OR-LINK
    revise REQUEST TEXT-OR-LINK   a new version of an open request's draft
    withdraw REQUEST              take a request back (the requester or the plan's owner)
    decide REQUEST approve|reject|changes [COMMENT]   (request_changes is changes too)
    approvals            open requests; those waiting for the reader with numbered buttons
    followup ID yes|partly|no [NOTE]
    replan ID [WHEN]     a new copy of an activity (after a follow-up said no)
    digest PLAN
    feed [rotate [TEAM]]
    connect GROUP        (in a channel: the steering group's approval requests come here)
    help

Anything else answers with the help text: a bad command gets usage, never an error trace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypedDict

from bot.chat.caller import Caller
from bot.chat.decisions import decide
from bot.chat.digests import digest_text
from bot.chat.followups import outcome_reply
from bot.chat.replies import Action, Button, Item, Reply, Section
from bot.chat.steering_form import open_reply
from bot.services import Services
from bot.services.approvals.views import ApprovalView
from bot.services.errors import ServiceError
from bot.services.reopening import UNDO_MINUTES
from bot.services.upcoming import Upcoming
from bot.services.views import ActivityView
from bot.texts import Phrase, t
from bot.texts.local import count_text
from bot.texts.words import WORDS, help_text, merged
from config.languages import Language
from storage.models import Decision
from storage.types import utcnow

DEFAULT_DAYS = 14
# The most of a draft's text a list of requests shows (a link is shown whole below this).
DRAFT_SHOWN = 300


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


def status_counts(counts: Mapping[str, int], language: Language) -> str:
    """ "Planlagt: 7, Udført: 1": a plan's activities by status, in the reader's words."""
    return ", ".join(
        f"{t(f'status.{status}', language)}: {n}" for status, n in sorted(counts.items())
    )


def activity_buttons(
    view: ActivityView, caller: Caller, *, may_act: bool = True
) -> tuple[Button, ...]:
    """The buttons under an activity; only Open for someone who may not act on it."""
    value = str(view.id)
    if not may_act:
        return (Button(Action.OPEN, value, t(f"button.{Action.OPEN.value}", caller.language)),)
    if view.status in ("done", "cancelled"):
        # Nothing to do or snooze: what is left is to open it again, or look at it.
        closed = (Action.REOPEN, Action.OPEN)
        return tuple(Button(a, value, t(f"button.{a.value}", caller.language)) for a in closed)
    actions = [Action.DONE, Action.SNOOZE_DAY, Action.SNOOZE_WEEK]
    # Written communication the steering group must approve, not yet sent for approval.
    if view.requires_approval and view.status in ("planned", "in_progress"):
        actions.append(Action.REQUEST_APPROVAL)
    actions.append(Action.OPEN)
    return tuple(
        Button(action, value, t(f"button.{action.value}", caller.language)) for action in actions
    )


def done_reply(services: Services, activity_id: int, caller: Caller) -> Reply:
    """Mark done (typed `done ID` or the Done button) and say what happened, with an Undo
    button that is good for ``UNDO_MINUTES`` (a Done pressed by mistake is one click away)."""
    language = caller.language
    view = services.activities.done(activity_id, caller.actor)
    if view.status == "done":
        text = t("chat.done", language, title=view.title, id=view.id)
    elif view.timing.kind.value == "ongoing":
        # This time is done and the activity goes on: nothing to undo; `close` ends it.
        text = t("chat.done_ongoing", language, title=view.title, id=view.id)
        return Reply(text, (Section(view.plan_name, (Item(view, False, ()),)),))
    else:
        text = t(
            "chat.done_recurring", language, title=view.title, id=view.id, next_due=view.next_due
        )
    undo = Button(Action.UNDO, str(view.id), t("button.undo", language))
    return Reply(
        text,
        (Section(view.plan_name, (Item(view, False, (undo,)),)),),
        notes=(t("chat.undo_note", language, minutes=UNDO_MINUTES, id=view.id),),
    )


def _finished(services: Services, command: DoneCommand | CloseCommand, caller: Caller) -> Reply:
    """`done ID` (this time of an ongoing or recurring activity), or `close ID` (for good)."""
    if isinstance(command, DoneCommand):
        return done_reply(services, command.activity_id, caller)
    view = services.activities.close(command.activity_id, caller.actor)
    text = t("chat.closed", caller.language, title=view.title, id=view.id)
    return Reply(text, (Section(view.plan_name, (Item(view, False, ()),)),))


def reopen_reply(services: Services, activity_id: int, caller: Caller, *, undo: bool) -> Reply:
    """Open an activity again (`reopen ID`, the Reopen button, or Undo after Done)."""
    within = dt.timedelta(minutes=UNDO_MINUTES) if undo else None
    view = services.activities.reopen(activity_id, caller.actor, undo_within=within)
    key = "chat.reopened_recurring" if view.timing.kind.value == "recurring" else "chat.reopened"
    text = t(key, caller.language, title=view.title, id=view.id, next_due=view.next_due or "")
    item = Item(view, False, activity_buttons(view, caller))
    return Reply(text, (Section(view.plan_name, (item,)),))


def replan_reply(services: Services, activity_id: int, when: str | None, caller: Caller) -> Reply:
    """A new copy of the activity (after a follow-up said no): the typed `replan ID [WHEN]` and
    the Re-plan button's form both come here."""
    saved = services.activities.replan(activity_id, caller.actor, when=when)
    view = saved.activity
    return Reply(t("replan.done", caller.language, id=view.id, title=view.title))


# What the Edit form (Slack's modal, Teams' card) changes.
FORM_FIELDS = ("when", "responsible", "channel")


def edit_reply(
    services: Services, activity_id: int, form: Mapping[str, str | None], caller: Caller
) -> Reply:
    """The Edit form sent, from any surface: the fields saved (one left empty is cleared), and
    the activity shown again with its buttons."""
    changes = {name: (form.get(name) or "").strip() or None for name in FORM_FIELDS}
    view = services.activities.edit(activity_id, changes, caller.actor).activity
    return Reply(
        t("chat.saved", caller.language, title=view.title, id=view.id),
        due_sections((), (view,), caller, frozenset({view.id})),  # who may edit it may act on it
    )


def move_reply(services: Services, activity_id: int, when: str, caller: Caller) -> Reply:
    """`move ID WHEN`: the same activity, a new date; far from the plan's date, asked why."""
    since = utcnow()
    view = services.activities.move(activity_id, when, caller.actor)
    text = t(
        "chat.moved",
        caller.language,
        title=view.title,
        id=view.id,
        when=view.when or "",
        next_due=view.next_due or Phrase("time.no_date"),
    )
    notes: list[str] = []
    late = services.lead_times.check(activity_id, caller.actor)
    if late is not None:
        values = {"title": late.title, "id": late.activity_id, "due": late.due}
        notes.append(t("lead.late", caller.language, latest=late.latest, **values))
    asked = services.deviations.unexplained(activity_id, since)
    if asked is not None:
        days = count_text("count.working_days", abs(asked.working_days or 0), caller.language)
        baseline = asked.baseline or Phrase("time.no_date")
        notes.append(t("deviation.ask", caller.language, days=days, baseline=baseline, id=asked.id))
    return Reply(text, notes=tuple(notes))


def why_reply(services: Services, command: WhyCommand, caller: Caller) -> Reply:
    """`why NO REASON`: the reason for a deviation, on record."""
    view = services.deviations.give_reason(command.deviation_id, command.reason, caller.actor)
    return Reply(t("deviation.reason_saved", caller.language, id=view.id, title=view.activity))


class Draft(TypedDict):
    text: str | None
    link: str | None


def draft_fields(draft: str) -> Draft:
    """A draft as typed, for ``approvals.request``: a link if it is one, else the text."""
    draft = draft.strip()
    is_link = draft.startswith(("http://", "https://")) and " " not in draft
    return {"text": None if is_link else draft, "link": draft if is_link else None}


def requester_buttons(
    request_id: int, caller: Caller, status: str = "pending"
) -> tuple[Button, ...]:
    """Revise and Withdraw, under what the requester reads about their request: Revise while
    a new draft may still be asked for (also after a rejection), Withdraw while it is open."""
    actions = []
    if status in ("pending", "changes_requested", "rejected"):
        actions.append(Action.REVISE)
    if status in ("pending", "changes_requested"):
        actions.append(Action.WITHDRAW)
    value = str(request_id)
    return tuple(
        Button(action, value, t(f"button.{action.value}", caller.language)) for action in actions
    )


def _sent(services: Services, key: str, request: ApprovalView, caller: Caller) -> Reply:
    """A draft went to the steering group: which request and version, Revise and Withdraw."""
    values = {"title": request.activity_title, "id": request.id, "version": request.version}
    text = t(key, caller.language, **values)
    view = services.activities.get(request.activity_id)
    buttons = requester_buttons(request.id, caller)
    return Reply(text, (Section(view.plan_name, (Item(view, False, buttons),)),))


def request_reply(services: Services, activity_id: int, draft: str, caller: Caller) -> Reply:
    """Ask the steering group to approve ``draft``."""
    request = services.approvals.request(activity_id, caller.actor, **draft_fields(draft))
    return _sent(services, "chat.approval_requested", request, caller)


def revise_reply(services: Services, request_id: int, draft: str, caller: Caller) -> Reply:
    """A new version of the draft (typed `revise`, the Revise modal or card input)."""
    request = services.approvals.revise(request_id, caller.actor, **draft_fields(draft))
    return _sent(services, "chat.revised", request, caller)


def withdraw_reply(services: Services, request_id: int, caller: Caller) -> Reply:
    """Take the request back (typed `withdraw`, or the Withdraw button after its confirm)."""
    request = services.approvals.withdraw(request_id, caller.actor)
    return Reply(t("chat.withdrawn", caller.language, title=request.activity_title, id=request.id))


def approval_buttons(request_id: int, version: int, caller: Caller) -> tuple[Button, ...]:
    """Approve, Reject, Request changes on one version of a request ("REQUEST:VERSION")."""
    value = f"{request_id}:{version}"
    return tuple(
        Button(action, value, t(f"button.{action.value}", caller.language))
        for action in (Action.APPROVE, Action.REJECT, Action.REQUEST_CHANGES)
    )


def draft_of(request: ApprovalView, language: Language) -> str:
    """ "Udkast (v2): …": the draft a decision is about, cut short for a list."""
    draft = request.link or request.text or request.file_ref or ""
    if len(draft) > DRAFT_SHOWN:
        draft = draft[: DRAFT_SHOWN - 1] + "…"
    return f"{t('approval.draft', language)} (v{request.version}): {draft}"


def approvals_reply(services: Services, caller: Caller) -> Reply:
    """The open requests the reader may see; those waiting for the reader's decision with
    their draft and the Approve / Reject / Request changes buttons."""
    language = caller.language
    views = services.approvals.list(caller.actor, status="pending")
    if not views:
        return Reply(t("chat.no_approvals", language))
    shown = views[:50]
    lines = [f"#{v.id} v{v.version} {v.activity_title} ({v.plan_name})" for v in shown]
    waiting = (
        {view.id for view in services.approvals.waiting_for(caller.person_id)}
        if caller.person_id is not None
        else set()
    )
    sections = tuple(
        Section(
            t("chat.decide_on", language, id=view.id, version=view.version),
            (
                Item(
                    services.activities.get(view.activity_id),
                    False,
                    approval_buttons(view.id, view.version, caller),
                ),
            ),
        )
        for view in shown
        if view.id in waiting
    )
    drafts = tuple(f"#{v.id} {draft_of(v, language)}" for v in shown if v.id in waiting)
    title = t("chat.approvals_title", language)
    return Reply(title + "\n" + "\n".join(lines), sections, notes=drafts)


def due_sections(
    overdue: tuple[ActivityView, ...],
    coming: tuple[ActivityView, ...],
    caller: Caller,
    actionable: frozenset[int],
) -> tuple[Section, ...]:
    """ "Overdue" and "Coming" with each activity's buttons (those the caller may press, of
    ``actionable``); empty sections left out."""

    def buttons(view: ActivityView) -> tuple[Button, ...]:
        return activity_buttons(view, caller, may_act=view.id in actionable)

    sections = (
        Section(
            t("chat.heading_overdue", caller.language),
            tuple(Item(v, True, buttons(v)) for v in overdue),
        ),
        Section(
            t("chat.heading_coming", caller.language),
            tuple(Item(v, False, buttons(v)) for v in coming),
        ),
    )
    return tuple(section for section in sections if section.items)


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
        language = caller.language
        if isinstance(command, HelpCommand):
            usage = help_text(language)
            if command.unknown:
                return Reply(
                    t("chat.unknown_command", language, text=command.unknown) + "\n" + usage
                )
            return Reply(usage)
        if isinstance(command, DoneCommand | CloseCommand):
            return _finished(self.services, command, caller)
        if isinstance(command, ApproveCommand | ReviseCommand | WithdrawCommand):
            return self._request(command, caller)
        if isinstance(command, DecideCommand):
            return self._decide(command, caller)
        if isinstance(command, FollowupCommand):
            return outcome_reply(
                self.services, command.activity_id, command.outcome, command.note, caller
            )
        if isinstance(command, ReplanCommand | ReopenCommand | MoveCommand | WhyCommand):
            return self._dates(command, caller)
        if isinstance(command, DigestCommand):
            digest = self.services.digests.weekly(command.plan, caller.actor)
            return Reply(digest_text(digest, language))
        if isinstance(command, FeedCommand | ConnectCommand):
            return self._surroundings(command, caller)
        if isinstance(command, ApprovalsCommand):
            return approvals_reply(self.services, caller)
        if isinstance(command, SteeringCommand | ImportCommand):
            return self._setting_up(command, caller)
        if isinstance(command, PlanCommand):
            summary = self.services.plans.summary(command.name, caller.actor)
            counts = status_counts(summary.counts, language)
            shown = [view.id for view in (*summary.overdue, *summary.next_activities)]
            actionable = self.services.activities.acts_on(caller.actor, shown)
            sections = due_sections(summary.overdue, summary.next_activities, caller, actionable)
            title = t("chat.plan_title", language, name=summary.plan.name)
            # No page link: a page's URL is shown once, to whoever makes it (storage/tokens.py).
            gaps = summary.unassigned.text(language)
            return Reply(f"{title}\n{counts}", sections, notes=(gaps,) if gaps else ())
        return self._upcoming(command, caller)

    def _setting_up(self, command: SteeringCommand | ImportCommand, caller: Caller) -> Reply:
        """`steering` offers its form; `import` says to send the file: a chat never reads a
        path of the server (only the console, on its person's machine, does)."""
        if isinstance(command, SteeringCommand):
            return open_reply(self.services, caller)
        return Reply(t("upload.send_here", caller.language))

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

    def _surroundings(self, command: FeedCommand | ConnectCommand, caller: Caller) -> Reply:
        if isinstance(command, FeedCommand):
            return self._feed(command, caller)
        return self._connect(command, caller)

    def _feed(self, command: FeedCommand, caller: Caller) -> Reply:
        language = caller.language
        feeds = self.services.feeds
        if caller.person_id is None:
            raise feeds.gate.not_linked()  # a feed is a person's teams'; nothing was asked
        if command.rotate:
            link = feeds.rotate_as_member(caller.person_id, caller.actor, command.team)
            return Reply(t("chat.feed_rotated", language, team=link.owner, url=link.url))
        links = feeds.links_of_member(caller.person_id, caller.actor)
        if not links:
            return Reply(t("chat.no_team", language))
        return Reply(
            "\n\n".join(
                t("chat.feed", language, team=link.owner, url=link.url)
                if link.url
                else t("chat.feed_shown", language, team=link.owner)
                for link in links
            )
        )

    def _connect(self, command: ConnectCommand, caller: Caller) -> Reply:
        """This channel becomes where the steering group's approval requests and digest go."""
        language = caller.language
        place = caller.place
        if place is None or not place.is_channel:
            return Reply(t("chat.connect_in_channel", language))
        group = self.services.steering.connect_channel(
            command.group,
            caller.actor,
            surface=place.surface,
            conversation_id=place.conversation_id,
            service_url=place.service_url,
        )
        return Reply(t("chat.connected", language, name=group.name), private=False)

    def _decide(self, command: DecideCommand, caller: Caller) -> Reply:
        decided = decide(
            self.services, command.request_id, command.decision, caller, comment=command.comment
        )
        return decided.reply

    def _upcoming(self, command: UpcomingCommand, caller: Caller) -> Reply:
        language = caller.language
        actor = caller.actor
        if command.scope in ("mine", "teams") and caller.person_id is None:
            raise self.services.upcoming.gate.not_linked()  # their teams, their activities
        result: Upcoming
        query = self.services.upcoming.query
        if command.scope == "mine":
            result = query(actor=actor, days=command.days, person_id=caller.person_id)
        elif command.scope == "team":
            result = query(actor=actor, days=command.days, team=command.name)
        elif command.scope == "plan":
            result = query(actor=actor, days=command.days, plan=command.name)
        else:
            result = query(actor=actor, days=command.days, teams_of_person=caller.person_id)
        if not result.overdue and not result.coming:
            return Reply(t("chat.nothing_upcoming", language, until=result.until))
        return Reply(
            t("chat.upcoming_title", language, until=result.until),
            due_sections(result.overdue, result.coming, caller, result.actionable),
        )
