"""`commplan plans ...`"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.texts import Phrase, t

if TYPE_CHECKING:
    from bot.services.views import ActivityView

app = typer.Typer(help="Plans: a team's communication plans.", no_args_is_help=True)


@app.command("add")
@gate.by_service("create")
def add(
    name: Annotated[str, typer.Argument(help="The plan's name.")],
    team: Annotated[str, typer.Option(help="The team that owns the plan.")],
    purpose: Annotated[
        str | None, typer.Option(help="What the plan is for (Formål/Syfte).")
    ] = None,
    language: Annotated[
        str | None, typer.Option(help="da, sv or en (default: COMMPLAN_LANGUAGE).")
    ] = None,
    country: Annotated[str, typer.Option(help="DK or SE: whose public holidays apply.")] = "DK",
    time_zone: Annotated[
        str | None, typer.Option(help="IANA zone (default: COMMPLAN_TIMEZONE).")
    ] = None,
    owner: Annotated[
        str | None, typer.Option(help="The plan owner: name, alias, e-mail or #id.")
    ] = None,
) -> None:
    """Create an empty plan (to bring in an existing one, use `commplan import`)."""
    plan = context.services().plans.create(
        name,
        team,
        actor(),
        purpose=purpose,
        language=language,
        country=country,
        time_zone=time_zone,
        owner=owner,
    )
    say(f"#{plan.id}\t{plan.name}\t{plan.team_slug}")


@app.command("list")
@gate.by_service("read")
def list_(
    team: Annotated[str | None, typer.Option(help="Only this team's plans.")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """List plans."""
    plans = context.services().plans.readable(actor(), team)
    if fmt is Format.JSON:
        print_json([plan.as_json() for plan in plans])
        return
    print_table(
        None,
        ["column.id", "column.name", "column.team", "column.language", "column.status"],
        [
            (
                f"#{p.id}",
                p.name,
                p.team_slug,
                Phrase(f"language.{p.language}"),
                Phrase(f"plan.status.{p.status}"),
            )
            for p in plans
        ],
    )


def _rows(views: tuple[ActivityView, ...]) -> list[tuple[object, ...]]:
    return [
        (
            f"#{v.id}",
            v.next_due if v.next_due else Phrase("time.no_date"),
            v.title,
            v.when,
            ", ".join(v.responsible_people) or v.responsible,
        )
        for v in views
    ]


@app.command("show")
@gate.by_service("read")
def show(
    name: Annotated[str, typer.Argument(help="The plan: its name or #id.")],
    team: Annotated[str | None, typer.Option(help="The team, when two teams use the name.")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """A plan's counts by status, its next five activities and what is overdue."""
    from bot.chat.commands.listing_replies import status_counts

    summary = context.services().plans.summary(name, actor(), team)
    if fmt is Format.JSON:
        print_json(
            {
                "plan": summary.plan.as_json(),
                "counts": summary.counts,
                "next": [view.as_json() for view in summary.next_activities],
                "overdue": [view.as_json() for view in summary.overdue],
                "unassigned": summary.unassigned.as_json(),
                "no_date": [view.as_json() for view in summary.undated],
            }
        )
        return
    plan = summary.plan
    language = context.language()
    status = t(f"plan.status.{plan.status}", language)
    spoken = t(f"language.{plan.language}", language)
    say(f"{plan.name} ({plan.team_slug}, {spoken}, {status})")
    if plan.purpose:
        say(plan.purpose)
    say(status_counts(summary.counts, language))
    gaps = summary.unassigned.text(language)
    if gaps:
        say(gaps)
    headings = ["column.id", "column.due", "column.activity", "column.when", "column.responsible"]
    if summary.overdue:
        print_table("table.overdue", headings, _rows(summary.overdue))
    print_table("table.next", headings, _rows(summary.next_activities))
    if summary.undated:
        print_table("timing.no_date", headings, _rows(summary.undated))


@app.command("visibility")
@gate.by_service("change")
def visibility(
    plan: Annotated[str, typer.Argument(help="The plan: its name or #id.")],
    who: Annotated[
        str,
        typer.Argument(
            help="team: its team, owner, editors, steering group and responsible people read "
            "it; organisation: every linked person may too."
        ),
    ],
) -> None:
    """Who may read the plan (docs/permissions.md)."""
    view = context.services().plans.set_visibility(plan, who, actor())
    language = context.language()
    who_reads = Phrase(f"visibility.{view.visibility}")
    say(t("cli.visibility", language, id=view.id, plan=view.name, who=who_reads))


@app.command("owner")
@gate.by_service("owner")
def owner(
    plan: Annotated[str, typer.Argument(help="The plan: its name or #id.")],
    person: Annotated[str, typer.Argument(help="The new owner: name, alias, e-mail or #id.")],
    team: Annotated[str | None, typer.Option(help="The team, when two teams use the name.")] = None,
) -> None:
    """Set the plan's owner, who is reminded of activities that name nobody responsible."""
    view = context.services().plans.set_owner(plan, person, actor(), team=team)
    say(t("cli.owner", context.language(), id=view.id, plan=view.name, person=person))


@app.command("page")
@gate.by_service("links")
def page(
    plan: Annotated[str, typer.Argument(help="The plan: its name or #id.")],
    rotate: Annotated[
        bool, typer.Option("--rotate", help="A new secret URL; the old one stops working.")
    ] = False,
) -> None:
    """The plan's read-only web page (table and timeline), made the first time it is asked for."""
    url = context.services().pages.link(plan, actor(), rotate=rotate)
    # Shown once: only the token's digest is kept (docs/security.md).
    say(url or t("page.link_shown", context.settings().language))


@app.command("picture")
@gate.by_service("read")
def picture(
    plan: Annotated[str, typer.Argument(help="The plan: its name or #id.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The PNG file to write.")],
) -> None:
    """Draw the plan's next 8 weeks as a PNG timeline."""
    data = context.services().pages.picture(plan, actor())
    output.write_bytes(data)
    say(f"{output} ({len(data) // 1024} KB)")
