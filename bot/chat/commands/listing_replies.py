"""Replies that list activities: `upcoming`, `mine`, `plan NAME`, and the sections they share."""

from __future__ import annotations

from collections.abc import Mapping

from bot.chat.caller import Caller
from bot.chat.commands.buttons import activity_buttons
from bot.chat.commands.parsed import PlanCommand, UpcomingCommand
from bot.chat.replies import Button, Item, Reply, Section
from bot.services import Services
from bot.services.upcoming import Upcoming
from bot.services.views import ActivityView
from bot.texts import t
from config.languages import Language


def status_counts(counts: Mapping[str, int], language: Language) -> str:
    """ "Planlagt: 7, Udført: 1": a plan's activities by status, in the reader's words."""
    return ", ".join(
        f"{t(f'status.{status}', language)}: {n}" for status, n in sorted(counts.items())
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


def plan_reply(services: Services, command: PlanCommand, caller: Caller) -> Reply:
    """`plan NAME`: the plan's activities by status, what is overdue and what comes next."""
    language = caller.language
    summary = services.plans.summary(command.name, caller.actor)
    counts = status_counts(summary.counts, language)
    shown = [view.id for view in (*summary.overdue, *summary.next_activities)]
    actionable = services.activities.acts_on(caller.actor, shown)
    sections = due_sections(summary.overdue, summary.next_activities, caller, actionable)
    title = t("chat.plan_title", language, name=summary.plan.name)
    # No page link: a page's URL is shown once, to whoever makes it (storage/tokens.py).
    gaps = summary.unassigned.text(language)
    return Reply(f"{title}\n{counts}", sections, notes=(gaps,) if gaps else ())


def upcoming_reply(services: Services, command: UpcomingCommand, caller: Caller) -> Reply:
    """`upcoming [mine | team NAME | plan NAME] [DAYS]` and `mine`."""
    language = caller.language
    actor = caller.actor
    if command.scope in ("mine", "teams") and caller.person_id is None:
        raise services.upcoming.gate.not_linked()  # their teams, their activities
    result: Upcoming
    query = services.upcoming.query
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
