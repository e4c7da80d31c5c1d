"""`commplan activities ...`"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.deviations import after_change, late_text
from bot.cli.output import Format, print_json, print_table, say
from bot.services.errors import Invalid
from bot.texts import Phrase, t
from bot.texts.local import count_text

if TYPE_CHECKING:
    from bot.services.activities import ActivityService, Saved
    from bot.services.views import ActivityView

# Why a move far from the plan's date, or a cancellation, departs from the plan.
Reason = Annotated[
    str | None,
    typer.Option(help="Why (a deviation from the plan is recorded with it: docs/coordination.md)."),
]

app = typer.Typer(help="Activities: the rows of a plan.", no_args_is_help=True)

Text = Annotated[str | None, typer.Option()]


def _report(saved: Saved) -> None:
    view = saved.activity
    timing = view.timing
    say(_line(view, Phrase(f"timing.kind.{timing.kind.value}")))
    for name in saved.unmapped:
        say(t("cli.unmapped_responsible", context.language(), name=name))


@app.command("add")
@gate.by_service("change")
def add(
    plan: Annotated[str, typer.Argument(help="The plan: its name or #id.")],
    activity: Annotated[str, typer.Argument(help="What is done, e.g. 'Nyhed på intranettet'.")],
    when: Annotated[
        str | None, typer.Option(help="As written in plans: 'Uge 12 2027', 'Hver måned'.")
    ] = None,
    when_text: Annotated[
        str | None,
        typer.Option(
            help="A 'when' kept as free text on purpose, never refused: 'Når budgettet er "
            "vedtaget'. Read if it can be; otherwise the activity has no date."
        ),
    ] = None,
    responsible: Annotated[
        str | None, typer.Option(help="Names or aliases: 'FC og styregruppen'.")
    ] = None,
    target_group: Text = None,
    message: Text = None,
    goal: Text = None,
    channel: Text = None,
    expected_reaction: Text = None,
    remarks: Text = None,
    requires_approval: Annotated[
        bool, typer.Option(help="The steering group must approve it.")
    ] = False,
    team: Annotated[
        str | None, typer.Option(help="The plan's team, when two teams use the name.")
    ] = None,
) -> None:
    """Add an activity to a plan."""
    fields = {
        "when": when,
        "when_text": when_text,
        "responsible": responsible,
        "target_group": target_group,
        "message": message,
        "goal": goal,
        "channel": channel,
        "expected_reaction": expected_reaction,
        "remarks": remarks,
    }
    saved = context.services().activities.add(
        plan,
        activity,
        actor(),
        team=team,
        fields={key: value for key, value in fields.items() if value is not None},
        requires_approval=requires_approval,
    )
    _report(saved)
    late = context.services().lead_times.check(saved.activity.id, actor())
    if late is not None:
        say(late_text(late))


@app.command("edit")
@gate.by_service("act")
def edit(
    activity_id: Annotated[int, typer.Argument(help="The activity's number.")],
    set_: Annotated[
        list[str],
        typer.Option(
            "--set",
            help="FIELD=VALUE, e.g. --set 'when=Uge 14 2027' (refused if it cannot be read; "
            "when_text=... keeps a free text). Repeatable.",
        ),
    ],
    reason: Reason = None,
) -> None:
    """Change fields of an activity (status=planned reopens it; status=done, status=cancelled
    are done and cancel)."""
    from storage.types import utcnow

    changes: dict[str, str | None] = {}
    for item in set_:
        field, sep, value = item.partition("=")
        if not sep:
            raise Invalid("error.bad_assignment", value=item)
        changes[field.strip()] = value
    service = context.services().activities
    status = changes.pop("status", None)
    if status is not None and status.strip().lower() not in _STATUS_VERBS:
        raise Invalid("error.status_not_a_field", id=activity_id)
    if changes:
        since = utcnow()
        _report(service.edit(activity_id, changes, actor(), reason=reason))
        after_change(activity_id, since)
    if status is not None:
        view = _STATUS_VERBS[status.strip().lower()](service, activity_id)
        say(_line(view, Phrase(f"status.{view.status}")))


# `edit --set status=...`: the status verbs, each with its own rules.
_STATUS_VERBS: dict[str, Callable[[ActivityService, int], ActivityView]] = {
    "planned": lambda service, activity_id: service.reopen(activity_id, actor()),
    "done": lambda service, activity_id: service.done(activity_id, actor()),
    "cancelled": lambda service, activity_id: service.cancel(activity_id, actor()),
}


@app.command("reopen")
@gate.by_service("act")
def reopen(activity_id: Annotated[int, typer.Argument(help="The activity's number.")]) -> None:
    """Open a done or cancelled activity again, in place (a recurring one: its last occurrence
    marked done is open again). Its reminders resume."""
    view = context.services().activities.reopen(activity_id, actor())
    say(_line(view, Phrase(f"status.{view.status}")))


@app.command("move")
@gate.by_service("act")
def move(
    activity_id: Annotated[int, typer.Argument(help="The activity's number.")],
    when: Annotated[str, typer.Argument(help="The new time, as plans write it: 'Uge 14 2027'.")],
    reason: Reason = None,
) -> None:
    """Give an open activity a new date: the same activity (replan makes a copy)."""
    from storage.types import utcnow

    since = utcnow()
    view = context.services().activities.move(activity_id, when, actor(), reason=reason)
    say(_line(view, Phrase(f"timing.kind.{view.timing.kind.value}")))
    after_change(activity_id, since)


@app.command("done")
@gate.by_service("act")
def done(activity_id: Annotated[int, typer.Argument(help="The activity's number.")]) -> None:
    """Mark an activity done (a recurring one moves to its next occurrence, an ongoing one
    records this time and goes on; `close` ends either)."""
    view = context.services().activities.done(activity_id, actor())
    say(_line(view, Phrase(f"status.{view.status}")))


@app.command("close")
@gate.by_service("act")
def close(activity_id: Annotated[int, typer.Argument(help="The activity's number.")]) -> None:
    """End an activity for good (an ongoing or recurring one too: `done` records one time)."""
    view = context.services().activities.close(activity_id, actor())
    say(_line(view, Phrase(f"status.{view.status}")))


@app.command("depend")
@gate.by_service("change")
def depend(
    activity_id: Annotated[int, typer.Argument(help="The activity that waits.")],
    on: Annotated[int, typer.Option("--on", help="The activity it waits for.")],
    offset: Annotated[int, typer.Option(help="Days after that one is done or approved.")] = 0,
) -> None:
    """Make an activity wait for another (done or approved), then OFFSET days."""
    view = context.services().activities.depend(activity_id, on, actor(), offset_days=offset)
    language = context.language()
    days = count_text("count.days", offset, language)
    say(t("cli.waits_for", language, id=view.id, title=view.title, on=on, days=days))


@app.command("followup")
@gate.by_service("act")
def followup(
    activity_id: Annotated[int, typer.Argument(help="The activity's number.")],
    outcome: Annotated[str, typer.Argument(help="yes, partly or no")],
    note: Annotated[str | None, typer.Option(help="What happened, in a line.")] = None,
) -> None:
    """Record the follow-up of a done activity: did the expected reaction happen?"""
    view = context.services().activities.record_outcome(activity_id, outcome, actor(), note=note)
    outcome_word = Phrase(f"followup.outcome.{view.reaction_outcome}")
    say(_line(view, outcome_word))


@app.command("replan")
@gate.by_service("change")
def replan(
    activity_id: Annotated[int, typer.Argument(help="The activity to do again.")],
    when: Annotated[str | None, typer.Option(help="When the new one is due.")] = None,
) -> None:
    """Plan an activity again: a new copy, dated anew (after a follow-up answered "no");
    to change the date of the activity itself, use move."""
    _report(context.services().activities.replan(activity_id, actor(), when=when))


@app.command("cancel")
@gate.by_service("change")
def cancel(
    activity_id: Annotated[int, typer.Argument(help="The activity's number.")],
    reason: Reason = None,
) -> None:
    """Cancel an activity: no more reminders; calendars show it cancelled for 30 days."""
    from storage.types import utcnow

    since = utcnow()
    view = context.services().activities.cancel(activity_id, actor(), reason=reason)
    say(_line(view, Phrase(f"status.{view.status}")))
    after_change(activity_id, since)


@app.command("list")
@gate.by_service("read")
def list_(
    plan: Annotated[str, typer.Argument(help="The plan: its name or #id.")],
    team: Annotated[str | None, typer.Option()] = None,
    status: Annotated[
        str | None, typer.Option(help="Only this status, e.g. planned, done.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """List a plan's activities in the plan's order."""
    views = context.services().activities.list(plan, actor(), team=team, status=status)
    if fmt is Format.JSON:
        print_json([view.as_json() for view in views])
        return
    print_table(
        None,
        [
            "column.id",
            "column.activity",
            "column.target_group",
            "column.when",
            "column.kind",
            "column.next_due",
            "column.responsible",
            "column.status",
        ],
        [
            (
                f"#{v.id}",
                v.title,
                v.target_group,
                v.when,
                Phrase(f"timing.kind.{v.timing.kind.value}"),
                v.next_due if v.next_due else Phrase("time.no_date"),
                ", ".join(v.responsible_people) or v.responsible,
                Phrase(f"status.{v.status}"),
            )
            for v in views
        ],
    )


def _line(view: ActivityView, what: Phrase) -> str:
    """``#3 Nyhedsbrev: Udført, 5. jan. 2027``: the activity, what it is now, its next date."""
    reader = context.reader()
    due = reader.day(view.next_due)
    return t("cli.activity_line", reader.language, id=view.id, title=view.title, what=what, due=due)
