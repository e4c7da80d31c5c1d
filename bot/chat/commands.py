"""`/commplan ...` (Slack), `upcoming` (Teams), and the console: one parser, one handler.

The grammar (the help text in ``bot/texts/chat.py`` says the same to users)::

    upcoming [mine | team NAME | plan NAME] [DAYS]
    mine
    done ID
    reopen ID            (genåbn, återöppna) open a done or cancelled activity again
    move ID WHEN         (flyt, flytta) a new date for the same activity
    why NO REASON        (hvorfor, varför) why a deviation from the plan (docs/coordination.md)
    plan NAME
    approve ID TEXT-OR-LINK
    decide REQUEST approve|reject|changes [COMMENT]
    approvals
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
from dataclasses import dataclass
from typing import TypedDict

from bot.chat.caller import Caller
from bot.chat.digests import digest_text
from bot.chat.followups import outcome_reply
from bot.chat.replies import Action, Button, Item, Reply, Section
from bot.services import Services
from bot.services.activities import UNDO_MINUTES
from bot.services.errors import ServiceError
from bot.services.upcoming import Upcoming
from bot.services.views import ActivityView
from bot.texts import t
from storage.models import Decision
from storage.types import utcnow

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
class MoveCommand:
    activity_id: int
    when: str


@dataclass(frozen=True, slots=True)
class WhyCommand:
    deviation_id: int
    reason: str


# The verbs of reopen and move in each language (the other commands are English words).
_REOPEN_WORDS = frozenset({"reopen", "genåbn", "genabn", "återöppna", "ateroppna"})
_MOVE_WORDS = frozenset({"move", "flyt", "flytta"})
_WHY_WORDS = frozenset({"why", "hvorfor", "varför", "varfor"})


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


_DECISIONS = {
    "approve": Decision.APPROVE,
    "reject": Decision.REJECT,
    "changes": Decision.REQUEST_CHANGES,
    "request_changes": Decision.REQUEST_CHANGES,
}


_OUTCOMES = {
    "yes": "yes",
    "ja": "yes",
    "partly": "partly",
    "delvist": "partly",
    "delvis": "partly",
    "no": "no",
    "nej": "no",
}


@dataclass(frozen=True, slots=True)
class HelpCommand:
    unknown: str | None = None  # the text that was not understood, if any


Command = (
    UpcomingCommand
    | DoneCommand
    | PlanCommand
    | ApproveCommand
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
    | HelpCommand
)


def parse(text: str) -> Command:
    """Read a command line; what cannot be read becomes ``HelpCommand(unknown=text)``."""
    words = text.strip().removeprefix("/commplan").split()
    if not words:
        return HelpCommand()
    verb, rest = words[0].lower(), words[1:]
    if verb == "help":
        return HelpCommand()
    if verb == "mine":
        return _upcoming(["mine", *rest], text)
    if verb == "upcoming":
        return _upcoming(rest, text)
    if verb == "done" and len(rest) == 1 and rest[0].lstrip("#").isdigit():
        return DoneCommand(int(rest[0].lstrip("#")))
    if verb == "plan" and rest:
        return PlanCommand(" ".join(rest))
    if verb == "approve" and len(rest) >= 2 and rest[0].lstrip("#").isdigit():
        return ApproveCommand(int(rest[0].lstrip("#")), " ".join(rest[1:]))
    if (
        verb == "decide"
        and len(rest) >= 2
        and rest[0].lstrip("#").isdigit()
        and rest[1].lower() in _DECISIONS
    ):
        comment = " ".join(rest[2:]) or None
        return DecideCommand(int(rest[0].lstrip("#")), _DECISIONS[rest[1].lower()], comment)
    if verb == "approvals" and not rest:
        return ApprovalsCommand()
    has_id = bool(rest) and rest[0].lstrip("#").isdigit()
    if verb == "followup" and has_id and len(rest) >= 2 and rest[1].lower() in _OUTCOMES:
        note = " ".join(rest[2:]) or None
        return FollowupCommand(int(rest[0].lstrip("#")), _OUTCOMES[rest[1].lower()], note)
    if verb == "replan" and has_id:
        return ReplanCommand(int(rest[0].lstrip("#")), " ".join(rest[1:]) or None)
    if has_id and verb in _REOPEN_WORDS | _MOVE_WORDS:
        return _reopen_or_move(verb, rest, text)
    return _more(verb, rest, text)


def _reopen_or_move(verb: str, rest: list[str], text: str) -> Command:
    activity_id = int(rest[0].lstrip("#"))
    if verb in _REOPEN_WORDS and len(rest) == 1:
        return ReopenCommand(activity_id)
    if verb in _MOVE_WORDS and len(rest) >= 2:
        return MoveCommand(activity_id, " ".join(rest[1:]))
    return HelpCommand(unknown=text.strip())


def _more(verb: str, rest: list[str], text: str) -> Command:
    """The commands about a plan's surroundings: its digest, calendar and channel; why it
    deviates."""
    if verb in _WHY_WORDS and len(rest) >= 2 and rest[0].lstrip("#").isdigit():
        return WhyCommand(int(rest[0].lstrip("#")), " ".join(rest[1:]))
    if verb == "digest" and rest:
        return DigestCommand(" ".join(rest))
    if verb == "feed" and not rest:
        return FeedCommand(rotate=False, team=None)
    if verb == "feed" and rest[0].lower() == "rotate":
        return FeedCommand(rotate=True, team=" ".join(rest[1:]) or None)
    if verb == "connect" and rest:
        return ConnectCommand(" ".join(rest))
    return HelpCommand(unknown=text.strip())


def _upcoming(rest: list[str], text: str) -> Command:
    days = DEFAULT_DAYS
    if rest and rest[-1].isdigit():
        days = int(rest[-1])
        rest = rest[:-1]
    if not rest:
        return UpcomingCommand("teams", None, days)
    head = rest[0].lower()
    if head == "mine" and len(rest) == 1:
        return UpcomingCommand("mine", None, days)
    if head in ("team", "plan") and len(rest) > 1:
        return UpcomingCommand(head, " ".join(rest[1:]), days)
    return HelpCommand(unknown=text.strip())


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


def reopen_reply(services: Services, activity_id: int, caller: Caller, *, undo: bool) -> Reply:
    """Open an activity again (`reopen ID`, the Reopen button, or Undo after Done)."""
    within = dt.timedelta(minutes=UNDO_MINUTES) if undo else None
    view = services.activities.reopen(activity_id, caller.actor, undo_within=within)
    key = "chat.reopened_recurring" if view.timing.kind.value == "recurring" else "chat.reopened"
    text = t(key, caller.language, title=view.title, id=view.id, next_due=view.next_due or "")
    item = Item(view, False, activity_buttons(view, caller))
    return Reply(text, (Section(view.plan_name, (item,)),))


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
        next_due=view.next_due or "–",
    )
    notes: list[str] = []
    late = services.lead_times.check(activity_id, caller.actor)
    if late is not None:
        values = {"title": late.title, "id": late.activity_id, "due": late.due}
        notes.append(t("lead.late", caller.language, latest=late.latest, **values))
    asked = services.deviations.unexplained(activity_id, since)
    if asked is not None:
        days = abs(asked.working_days or 0)
        baseline = asked.baseline or "–"
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


def request_reply(services: Services, activity_id: int, draft: str, caller: Caller) -> Reply:
    """Ask the steering group to approve ``draft``."""
    request = services.approvals.request(activity_id, caller.actor, **draft_fields(draft))
    return Reply(
        t(
            "chat.approval_requested",
            caller.language,
            title=request.activity_title,
            id=request.id,
            version=request.version,
        )
    )


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
            return Reply(err.message(caller.language))

    def _dispatch(self, command: Command, caller: Caller) -> Reply:
        language = caller.language
        if isinstance(command, HelpCommand):
            help_text = t("chat.help", language)
            if command.unknown:
                return Reply(
                    t("chat.unknown_command", language, text=command.unknown) + "\n" + help_text
                )
            return Reply(help_text)
        if isinstance(command, DoneCommand):
            return done_reply(self.services, command.activity_id, caller)
        if isinstance(command, ApproveCommand):
            return request_reply(self.services, command.activity_id, command.draft, caller)
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
            views = self.services.approvals.list(caller.actor, status="pending")
            if not views:
                return Reply(t("chat.no_approvals", language))
            lines = [f"#{v.id} v{v.version} {v.activity_title} ({v.plan_name})" for v in views[:50]]
            return Reply(t("chat.approvals_title", language) + "\n" + "\n".join(lines))
        if isinstance(command, PlanCommand):
            summary = self.services.plans.summary(command.name, caller.actor)
            counts = ", ".join(f"{k}: {v}" for k, v in sorted(summary.counts.items()))
            shown = [view.id for view in (*summary.overdue, *summary.next_activities)]
            actionable = self.services.activities.acts_on(caller.actor, shown)
            sections = due_sections(summary.overdue, summary.next_activities, caller, actionable)
            title = t("chat.plan_title", language, name=summary.plan.name)
            # The page's URL is its key: only those who may have it see it.
            url = self.services.pages.link_if_allowed(summary.plan.id, caller.actor)
            gaps = summary.unassigned.text(language)
            link = (t("page.link", language, url=url),) if url else ()
            notes = (*((gaps,) if gaps else ()), *link)
            return Reply(f"{title}\n{counts}", sections, notes=notes)
        return self._upcoming(command, caller)

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
        saved = self.services.activities.replan(
            command.activity_id, caller.actor, when=command.when
        )
        view = saved.activity
        return Reply(t("replan.done", caller.language, id=view.id, title=view.title))

    def _surroundings(self, command: FeedCommand | ConnectCommand, caller: Caller) -> Reply:
        if isinstance(command, FeedCommand):
            return self._feed(command, caller)
        return self._connect(command, caller)

    def _feed(self, command: FeedCommand, caller: Caller) -> Reply:
        language = caller.language
        if caller.person_id is None:
            return Reply(t("chat.not_linked", language))
        feeds = self.services.feeds
        if command.rotate:
            link = feeds.rotate_as_member(caller.person_id, caller.actor, command.team)
            return Reply(t("chat.feed_rotated", language, team=link.owner, url=link.url))
        links = feeds.links_of_member(caller.person_id)
        if not links:
            return Reply(t("chat.no_team", language))
        return Reply(
            "\n\n".join(t("chat.feed", language, team=link.owner, url=link.url) for link in links)
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
        language = caller.language
        result = self.services.approvals.decide(
            command.request_id, command.decision, caller.actor, comment=command.comment
        )
        if result.for_group:
            capacity = t("approval.capacity.chair", language)
        elif result.capacity == "deputy":
            capacity = t("approval.capacity.deputy", language, name=result.on_behalf_of or "?")
        else:
            capacity = t("approval.capacity.member", language)
        return Reply(
            t(
                "chat.decided",
                language,
                decision=command.decision.value,
                id=command.request_id,
                capacity=capacity,
                status=result.request.status,
            )
        )

    def _upcoming(self, command: UpcomingCommand, caller: Caller) -> Reply:
        language = caller.language
        actor = caller.actor
        if command.scope in ("mine", "teams") and caller.person_id is None:
            return Reply(t("chat.not_linked", language))
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
