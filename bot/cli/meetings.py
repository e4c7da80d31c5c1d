"""`commplan meetings ...`: the organisation's meeting calendars (councils, committees, boards,
steering groups), which date the activities tied to their meetings ("Før hvert udvalgsmøde")."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import context
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.services.meetings import MeetingBodyView

app = typer.Typer(
    help="Meeting calendars: the days each body meets, and the names plans give its meetings.",
    no_args_is_help=True,
)


def _said(view: MeetingBodyView) -> None:
    coming = ", ".join(day.isoformat() for day in view.days[:6])
    more = f" (+{len(view.days) - 6})" if len(view.days) > 6 else ""
    say(f"{view.slug}\t{view.name}\t{len(view.days)} meetings: {coming}{more}")
    say(f"aliases: {', '.join(view.aliases)}")
    say(f"activities dated again: {view.replanned}")


@app.command("add")
def add(
    body: Annotated[str, typer.Argument(help="The body: 'Børne- og Skoleudvalget', 'KF'.")],
    dates: Annotated[
        list[str] | None,
        typer.Option(
            "--dates", help="Meeting days, comma-separated or repeated: 2027-03-04,2027-04-01."
        ),
    ] = None,
    ical: Annotated[
        str | None,
        typer.Option(
            "--ical",
            help="An iCalendar file or http(s) URL of the meetings; read again, moved meetings "
            "move (by UID).",
        ),
    ] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option(help="A name plans use for its meetings: 'udvalgsmøde'. Repeatable."),
    ] = None,
) -> None:
    """Add a body's meetings (the body is made if new). Activities tied to them are dated."""
    view = context.services().meetings.add(
        body, actor(), dates=dates or (), ical=ical, aliases=alias or ()
    )
    _said(view)


@app.command("alias")
def alias(
    body: Annotated[str, typer.Argument(help="The body: its name, slug or an alias.")],
    name: Annotated[str, typer.Argument(help="What plans call its meetings: 'sammanträde'.")],
) -> None:
    """Another name plans use for a body's meetings."""
    _said(context.services().meetings.alias(body, name, actor()))


@app.command("list")
def list_(fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE) -> None:
    """The bodies, their aliases and their meetings."""
    found = context.services().meetings.list()
    if fmt is Format.JSON:
        print_json([view.as_json() for view in found])
        return
    print_table(
        None,
        ["slug", "name", "aliases", "meetings", "next"],
        [
            (
                view.slug,
                view.name,
                ", ".join(view.aliases),
                len(view.days),
                ", ".join(day.isoformat() for day in view.days[:3]),
            )
            for view in found
        ],
    )
