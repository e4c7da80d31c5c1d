"""`commplan calendar [--group AUDIENCE] [--weeks N] [--from DAY] [--format json]`: the
organisation's communication calendar, by audience and by channel per week."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import context
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table
from bot.services.calendar import CalendarRow
from bot.services.digests import parse_week


def calendar(
    group: Annotated[
        str | None,
        typer.Option("--group", "--audience", help="Only this audience (short name or name)."),
    ] = None,
    weeks: Annotated[int, typer.Option(help="How many weeks.", min=1, max=104)] = 8,
    first: Annotated[
        str | None, typer.Option("--from", help="A day of the first week (default: today).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """Every active plan's activities you may read, by audience and by channel, week by week."""
    # "2027-W13" or a date; a bad one is one line (digest.bad_week), not a traceback.
    services = context.services()
    day = parse_week(first, services.context.today()) if first else None
    view = services.calendar.grid(actor(), weeks=weeks, first=day, audience=group)
    if fmt is Format.JSON:
        print_json(view.as_json())
        return
    weeks_shown = [name.split("-")[1] for name in view.week_names]
    for heading, rows in (("audience", view.audiences), ("channel", view.channels)):
        print_table(None, [heading, *weeks_shown, "total"], _cells(rows))


def _cells(rows: tuple[CalendarRow, ...]) -> list[tuple[object, ...]]:
    return [(row.name, *(count or "" for count in row.counts), sum(row.counts)) for row in rows]
