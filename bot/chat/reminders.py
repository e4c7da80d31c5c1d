"""A notice from the scheduler, as a ``Reply`` any transport can render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from zoneinfo import ZoneInfo

from bot.chat.caller import Caller
from bot.chat.commands import activity_buttons, approval_buttons, requester_buttons
from bot.chat.decisions import decision_lines, decision_text
from bot.chat.digests import digest_text
from bot.chat.overlaps import overlap_lines
from bot.chat.replies import Action, Button, Item, Reply, Section
from bot.services import Services
from bot.services.actor import Actor
from bot.services.approvals.views import FACTS, ApprovalView
from bot.services.errors import NotFound
from bot.services.failures import reason_of
from bot.services.views import ActivityView
from bot.texts import actor_text, all_messages, t
from bot.texts.dates import day_text
from bot.texts.local import count_text, zone_for
from config.languages import Language
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import surface_word

# The text of each kind of notice (scheduler/outbox/kinds.py names the kinds).
_TEXT_KEYS: dict[str, str] = {
    NoticeKind.REMINDER: "reminder.due",
    NoticeKind.STARTS_SOON: "reminder.starts_soon",
    NoticeKind.ONGOING: "reminder.ongoing",
    NoticeKind.OVERDUE: "reminder.overdue",
    NoticeKind.ESCALATION: "reminder.escalation",
    NoticeKind.ASAP: "reminder.asap",
    NoticeKind.SNOOZED: "reminder.snoozed",
    NoticeKind.DELIVERY_FAILED: "reminder.delivery_failed",
    NoticeKind.APPROVAL_REQUESTED: "approval.notice.requested",
    NoticeKind.APPROVAL_NUDGE: "approval.notice.nudge",
    NoticeKind.APPROVAL_EXPIRED: "approval.notice.expired",
    NoticeKind.APPROVAL_CHANNEL: "approval.notice.channel",
    NoticeKind.APPROVAL_CHANNEL_UPDATE: "approval.notice.channel",
    NoticeKind.APPROVAL_DECIDED: "approval.notice.decided",
    NoticeKind.APPROVAL_DECISION: "approval.notice.decision",
    NoticeKind.APPROVAL_EXPIRING: "approval.notice.expiring",
    NoticeKind.SEND_FOR_APPROVAL: "lead.reminder",
}
# Every kind of notice this module renders: those with a text above, and those with a reply of
# their own (tests/test_reader_language.py renders each for a Danish and a Swedish reader, and
# checks that the code writes no kind that is missing here).
NOTICE_KINDS: tuple[str, ...] = (
    *_TEXT_KEYS,
    NoticeKind.UNMAPPED_PEOPLE,
    NoticeKind.UNMAPPED_AUDIENCES,
    NoticeKind.UNREAD_TIMINGS,
    NoticeKind.MEETINGS_MISSING,
    NoticeKind.SAME_NAME,
    NoticeKind.DEVIATION,
    NoticeKind.OVERLAP,
    NoticeKind.DIGEST,
    NoticeKind.DIGEST_PERSON,
    NoticeKind.UNLINKED_ATTEMPT,
    NoticeKind.STEERING_CHAIR,
    NoticeKind.FOLLOWUP,
)
# What the notice to a plan's owner says of someone linked to nobody who tried to change it.
_UNLINKED_FIELDS = ("surface", "user", "name", "plan", "attempted")
_APPROVAL_KINDS = (
    NoticeKind.APPROVAL_REQUESTED,
    NoticeKind.APPROVAL_NUDGE,
    NoticeKind.APPROVAL_EXPIRED,
    NoticeKind.APPROVAL_CHANNEL,
    NoticeKind.APPROVAL_CHANNEL_UPDATE,
    NoticeKind.APPROVAL_DECIDED,
    NoticeKind.APPROVAL_DECISION,
    NoticeKind.APPROVAL_EXPIRING,
)
# The notices to the requester about their request: Revise and Withdraw come with them while
# it is open.
_REQUESTER_KINDS = (
    NoticeKind.APPROVAL_DECISION,
    NoticeKind.APPROVAL_EXPIRING,
    NoticeKind.APPROVAL_DECIDED,
)


def reminder_reply(
    services: Services, notice: Notice, caller: Caller, view: ActivityView | None = None
) -> Reply:
    """What the recipient reads: the activity, its deadline, and the buttons. ``view``: the
    notice's activity, when the caller read it already (a batch of notices reads theirs at
    once); else it is read here."""
    language = caller.language
    to_owner = _TO_OWNER.get(notice.kind)
    if to_owner is not None:
        return to_owner(services, notice, caller)
    if notice.kind == NoticeKind.DEVIATION:
        return deviation_reply(notice, caller)
    if notice.kind == NoticeKind.OVERLAP:
        days = services.context.settings.overlap_working_days
        head, *rest = overlap_lines(notice.payload, language, days)
        return Reply(head, private=False, notes=tuple(rest))
    if notice.kind in (NoticeKind.DIGEST, NoticeKind.DIGEST_PERSON):
        return digest_reply(services, notice, caller)
    if notice.kind in (NoticeKind.STEERING_CHAIR, NoticeKind.UNLINKED_ATTEMPT):
        return _told(notice, language)
    if notice.activity_id is None:
        return Reply(str(notice.payload.get("text", notice.kind)), private=False)
    view = view if view is not None and view.id == notice.activity_id else None
    view = view or services.activities.get(notice.activity_id)
    day = _day(notice, view)
    date = day_text(day, language) if day else (view.when or "")
    values: dict[str, object] = {"title": view.title, "date": date}
    if notice.kind == NoticeKind.ESCALATION:
        values["responsible"] = (
            ", ".join(view.responsible_people) or view.responsible or t("reminder.nobody", language)
        )
    if notice.kind in _APPROVAL_KINDS:
        return approval_reply(services, notice, caller, view)
    if notice.kind == NoticeKind.FOLLOWUP:
        return followup_reply(view, notice, caller)
    explained: tuple[str, ...] = ()
    if notice.kind == NoticeKind.DELIVERY_FAILED:
        explained = _failure(services, notice, language, values)
    text = t(_TEXT_KEYS.get(notice.kind, "reminder.due"), language, **values)
    if notice.late:
        text += " " + t("reminder.late", language)
    overdue = notice.kind in (NoticeKind.OVERDUE, NoticeKind.ESCALATION)
    # Approve / Reject buttons come with the Slack and Teams surfaces; until then the notice
    # names the request, and `commplan approvals decide` takes it.
    plain = notice.kind == NoticeKind.DELIVERY_FAILED or notice.kind in _APPROVAL_KINDS
    buttons = () if plain else activity_buttons(view, caller)
    item = Item(view, overdue, buttons)
    return Reply(text, (Section(view.plan_name, (item,)),), private=False, notes=explained)


def _told(notice: Notice, language: Language) -> Reply:
    """A notice of a text alone: the chair of a new steering group; a plan's owner of someone
    linked to nobody who tried to change it."""
    if notice.kind == NoticeKind.STEERING_CHAIR:
        told = {key: notice.payload.get(key, "") for key in ("by", "group", "plan", "members")}
        return Reply(t("steering.notice.chair", language, **told))
    told = {key: str(notice.payload.get(key, "")) for key in _UNLINKED_FIELDS}
    told["surface"] = surface_word(told["surface"])  # stored "msteams", read "teams"
    # What they tried, in words (the payload keeps the audit's action code).
    tried = f"audit.action.{told['attempted']}"
    told["attempted"] = t(tried if tried in all_messages() else "audit.action.other", language)
    return Reply(t("permission.notice.unlinked", language, **told))


def unmapped_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To the plan owner after an import: who are the responsible names commplan does not know?"""
    language = caller.language
    plan = services.plans.get(f"#{notice.plan_id}") if notice.plan_id else None
    names = tuple(str(name) for name in notice.payload.get("names", ()))
    more = int(notice.payload.get("more", 0))
    notes = (t("people.unmapped_more", language, count=more),) if more else ()
    text = t("people.unmapped", language, plan=plan.name if plan else "?")
    return Reply(text, private=False, notes=notes, pickers=names)


def unplaced_audiences_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To the plan owner after an import: target groups no audience answers to (map or add)."""
    language = caller.language
    plan = services.plans.get(f"#{notice.plan_id}") if notice.plan_id else None
    names = ", ".join(str(name) for name in notice.payload.get("names", ()))
    more = int(notice.payload.get("more", 0))
    notes = (t("audience.unplaced_more", language, count=more),) if more else ()
    text = t("audience.unplaced", language, plan=plan.name if plan else "?", names=names)
    return Reply(text, private=False, notes=(*notes, t("audience.unplaced_how", language)))


def unread_timings_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To the plan owner after an import: the rows whose "when" could not be read, each with
    where it is and what it says (bot/services/imports.py: unread_timings)."""
    language = caller.language
    plan = services.plans.get(f"#{notice.plan_id}") if notice.plan_id else None
    rows = [str(row).split("\t") for row in notice.payload.get("names", ())]
    more = int(notice.payload.get("more", 0))
    lines = tuple(
        t("timing.unread.row", language, table=table, row=row, title=title, text=text)
        for table, row, title, text in (parts for parts in rows if len(parts) == 4)
    )
    extra = (t("timing.unread.more", language, count=more),) if more else ()
    text = t(
        "timing.unread.notice", language, plan=plan.name if plan else "?", count=len(rows) + more
    )
    return Reply(text, private=False, notes=(*lines, *extra, t("timing.unread.how", language)))


def meetings_missing_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To the plan owner after an import: texts tied to meetings no calendar has."""
    language = caller.language
    plan = services.plans.get(f"#{notice.plan_id}") if notice.plan_id else None
    names = ", ".join(str(name) for name in notice.payload.get("names", ()))
    text = t("timing.meetings.notice", language, plan=plan.name if plan else "?", names=names)
    return Reply(text, private=False, notes=(t("timing.meetings.how", language),))


def same_name_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    """To a plan's owner, once per name: a target group name no audience holds is in other
    plans too; make it an audience, or map it."""
    told = notice.payload
    plan = services.plans.get(f"#{notice.plan_id}") if notice.plan_id else None
    text = t(
        "overlap.same_name.offer",
        caller.language,
        name=str(told.get("name", "")),
        plan=plan.name if plan else str(told.get("plan", "?")),
        others=int(told.get("others", 1)),
        language=plan.language if plan else caller.language,
    )
    return Reply(text, private=False)


# The notices to a plan's owner after an import: what it could not place or read.
_TO_OWNER: dict[str, Callable[[Services, Notice, Caller], Reply]] = {
    NoticeKind.UNMAPPED_PEOPLE: unmapped_reply,
    NoticeKind.UNMAPPED_AUDIENCES: unplaced_audiences_reply,
    NoticeKind.UNREAD_TIMINGS: unread_timings_reply,
    NoticeKind.MEETINGS_MISSING: meetings_missing_reply,
    NoticeKind.SAME_NAME: same_name_reply,
}


def deviation_reply(notice: Notice, caller: Caller) -> Reply:
    """To the plan's owner and steering chair: an activity moved far, cancelled or overdue."""
    language = caller.language
    told = dict(notice.payload)
    kind = str(told.get("kind", "moved"))
    values = {
        "by": actor_text(told.get("by"), language),  # a person, never an account
        "title": str(told.get("activity", "")),
        "plan": str(told.get("plan", "")),
    }
    for key in ("baseline", "moved_to"):
        day = dt.date.fromisoformat(str(told[key])) if told.get(key) else None
        values[key] = day_text(day, language) if day else t("time.no_date", language)
    days = count_text("count.working_days", abs(int(told.get("working_days") or 0)), language)
    # Moved or cancelled without a date before: no working days counted from nothing.
    undated = kind in ("moved", "cancelled") and not told.get("baseline")
    key = f"deviation.notice.{kind}_undated" if undated else f"deviation.notice.{kind}"
    text = t(key, language, days=days, **values)
    text = text[:1].upper() + text[1:]  # "Administratoren aflyste …": the actor opens it
    reason = told.get("reason")
    note = (
        t("deviation.notice.reason", language, reason=reason)
        if reason
        else t("deviation.notice.no_reason", language)
    )
    return Reply(text, private=False, notes=() if kind == "overdue" else (note,))


FOLLOWUP_ACTIONS = (Action.FOLLOWUP_YES, Action.FOLLOWUP_PARTLY, Action.FOLLOWUP_NO)


def followup_reply(view: ActivityView, notice: Notice, caller: Caller) -> Reply:
    """Some days after done: did the expected reaction happen? Yes / Partly / No."""
    language = caller.language
    done = notice.payload.get("done")
    date = day_text(dt.date.fromisoformat(str(done)), language) if done else ""
    text = t("followup.question", language, title=view.title, date=date)
    buttons = tuple(
        Button(action, str(view.id), t(f"button.{action.value}", language))
        for action in FOLLOWUP_ACTIONS
    )
    notes = (
        (t("followup.expected", language, text=view.expected_reaction),)
        if view.expected_reaction
        else ()
    )
    return Reply(text, (Section(view.plan_name, (Item(view, False, buttons),)),), False, notes)


def digest_reply(services: Services, notice: Notice, caller: Caller) -> Reply:
    week = str(notice.payload.get("week") or "") or None
    if notice.kind == NoticeKind.DIGEST_PERSON:
        digest = services.digests.personal(f"#{notice.person_id}", Actor.system(), week=week)
        return Reply(digest_text(digest, caller.language, personal=True), private=False)
    digest = services.digests.weekly(f"#{notice.plan_id}", Actor.system(), week=week)
    return Reply(digest_text(digest, caller.language), private=False)


def approval_reply(services: Services, notice: Notice, caller: Caller, view: ActivityView) -> Reply:
    """A notice about an approval request: to approvers (with the buttons where they decide),
    to the plan owner (expired), or to the requester (each decision with its comment, the
    outcome with every decision, a warning before it expires: with Revise and Withdraw).

    It says what was true when the event happened: the request as captured then (the payload's
    facts, written in the event's transaction) or, for the tick's notices, the version they
    name; where the request moved on since, one line says how."""
    language = caller.language
    now = services.approvals.get(int(notice.payload.get("request", 0)))
    then = _then(notice, now)
    values: dict[str, object] = {
        "title": then.activity_title,
        "id": then.id,
        "version": then.version,
        "requester": then.requested_by or "?",
        "status": t(f"approval.status.{then.status}", language),
        "date": str(notice.payload.get("expires", "")),
    }
    heard: tuple[str, ...] = ()
    if notice.kind == NoticeKind.APPROVAL_DECISION:
        wanted = notice.payload.get("decision")
        found = [d for d in then.decisions if d.id == wanted]
        values["person"] = found[0].person if found else "?"
        values["decision"] = decision_text(found[0].decision, language) if found else "?"
        if found and found[0].comment:
            heard = (f"{t('approval.comment', language)}: {found[0].comment}",)
    elif notice.kind in (NoticeKind.APPROVAL_DECIDED, NoticeKind.APPROVAL_CHANNEL_UPDATE):
        heard = tuple(decision_lines(then, language, zone=_zone(services, caller, now)))
    elif notice.kind == NoticeKind.APPROVAL_EXPIRING and values["date"]:
        values["date"] = day_text(dt.date.fromisoformat(str(values["date"])), language)
    text = t(_TEXT_KEYS[notice.kind], language, **values)
    buttons: tuple[Button, ...] = ()
    asks = notice.kind in (
        NoticeKind.APPROVAL_CHANNEL,
        NoticeKind.APPROVAL_REQUESTED,
        NoticeKind.APPROVAL_NUDGE,
    )
    current = now.status == "pending" and now.version == then.version
    if current and (asks or notice.kind == NoticeKind.APPROVAL_CHANNEL_UPDATE):
        buttons = approval_buttons(now.id, now.version, caller)
    elif notice.kind in _REQUESTER_KINDS:
        buttons = requester_buttons(now.id, caller, now.status)
    draft = then.link or then.text or then.file_ref or ""
    notes = (f"{t('approval.draft', language)} (v{then.version}): {draft}",) if draft else ()
    since = () if notice.kind in _LIVE_KINDS else since_line(then, now, language)
    item = Item(view, False, buttons)
    return Reply(
        text, (Section(view.plan_name, (item,)),), private=False, notes=heard + notes + since
    )


# The channel's message is rewritten to show the request as it stands: it is the request, not
# a notice of one event.
_LIVE_KINDS = (NoticeKind.APPROVAL_CHANNEL, NoticeKind.APPROVAL_CHANNEL_UPDATE)


def _then(notice: Notice, now: ApprovalView) -> ApprovalView:
    """The request as the notice tells of it: its captured facts, else (the tick's notices to
    approvers, written for one version) the version it names with that version's draft, else
    (a notice written before facts were kept) the request as it stands."""
    facts = notice.payload.get(FACTS)
    if isinstance(facts, Mapping):
        return ApprovalView.from_fact(facts)
    if notice.kind in _LIVE_KINDS:
        return now
    version = int(notice.payload.get("version") or now.version)
    draft = notice.payload.get("draft")
    status = "expired" if notice.kind == NoticeKind.APPROVAL_EXPIRED else "pending"
    if isinstance(draft, Mapping):
        return replace(
            now,
            version=version,
            status=status,
            text=draft.get("text"),
            link=draft.get("link"),
            file_ref=draft.get("file_ref"),
        )
    return replace(now, version=version, status=status)


def since_line(then: ApprovalView, now: ApprovalView, language: Language) -> tuple[str, ...]:
    """ "Since then: revised to version 2, withdrawn." when the request moved on after the
    notice's event; nothing when it still stands as the notice says."""
    changes = []
    if now.version > then.version:
        changes.append(t("approval.since.revised", language, version=now.version))
    # A revision makes the request pending again: that is the revision, not a second change.
    if now.status != then.status and not (now.version > then.version and now.status == "pending"):
        changes.append(t(f"approval.status.{now.status}", language))
    if not changes:
        return ()
    return (t("approval.since", language, what=", ".join(changes)),)


def _failure(
    services: Services, notice: Notice, language: Language, values: dict[str, object]
) -> tuple[str, ...]:
    """To the plan owner, a message that could not be delivered: what failed in words (into
    ``values``), how to send it again, and the service's own answer apart, last."""
    error = str(notice.payload.get("error", ""))
    values["person"] = _person_name(services, notice.payload.get("failed_person_id"))
    values["reason"] = t(f"failure.reason.{reason_of(error)}", language)
    notes: tuple[str, ...] = ()
    failed_id = notice.payload.get("failed_id")
    if failed_id is not None:
        notes += (t("reminder.delivery_failed.resend", language, id=failed_id),)
    if error:
        notes += (t("reminder.delivery_failed.detail", language, error=error),)
    return notes


def _zone(services: Services, caller: Caller, request: ApprovalView) -> ZoneInfo:
    """The reader's zone: their own, else the plan's."""
    own = None
    if caller.person_id is not None:
        try:
            own = services.people.get(f"#{caller.person_id}").time_zone
        except NotFound:
            own = None
    return zone_for(own, request.time_zone)


def _day(notice: Notice, view: ActivityView) -> dt.date | None:
    key = "start" if notice.kind == NoticeKind.STARTS_SOON else "due"
    text = notice.payload.get(key)
    if isinstance(text, str):
        return dt.date.fromisoformat(text)
    return view.next_due


def _person_name(services: Services, person_id: object) -> str:
    if not isinstance(person_id, int):
        return "?"
    try:
        return services.people.get(f"#{person_id}").name
    except NotFound:
        return f"#{person_id}"
