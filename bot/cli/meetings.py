"""`commplan meetings ...`: the organisation's meeting calendars (councils, committees, boards,
steering groups), which date the activities tied to their meetings ("Før hvert udvalgsmøde")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.texts import t

if TYPE_CHECKING:
    from bot.services.meetings import MeetingBodyView

app = typer.Typer(
    help="Meeting calendars: the days each body meets, and the names plans give its meetings.",
    no_args_is_help=True,
)


def _said(view: MeetingBodyView) -> None:
    reader = context.reader()
    coming = ", ".join(reader.day(day) for day in view.days[:6])
    more = f" (+{len(view.days) - 6})" if len(view.days) > 6 else ""
    values = {"slug": view.slug, "name": view.name, "count": len(view.days)}
    say(t("meeting.said", reader.language, **values) + f" {coming}{more}")
    say(t("meeting.said_aliases", reader.language, aliases=", ".join(view.aliases)))
    say(t("meeting.said_replanned", reader.language, count=view.replanned))


@app.command("add")
@gate.by_service("administer")
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
@gate.by_service("administer")
def alias(
    body: Annotated[str, typer.Argument(help="The body: its name, slug or an alias.")],
    name: Annotated[str, typer.Argument(help="What plans call its meetings: 'sammanträde'.")],
) -> None:
    """Another name plans use for a body's meetings."""
    _said(context.services().meetings.alias(body, name, actor()))


@app.command("list")
@gate.admin_only
def list_(fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE) -> None:
    """The bodies, their aliases and their meetings."""
    found = context.services().meetings.list()
    if fmt is Format.JSON:
        print_json([view.as_json() for view in found])
        return
    reader = context.reader()
    print_table(
        None,
        [
            "column.slug",
            "column.name",
            "column.aliases",
            "meeting.column.count",
            "meeting.column.days",
        ],
        [
            (
                view.slug,
                view.name,
                ", ".join(view.aliases),
                len(view.days),
                ", ".join(reader.day(day) for day in view.days[:3]),
            )
            for view in found
        ],
    )
