"""`commplan calendar [--group AUDIENCE] [--weeks N] [--from DAY] [--format table|json|png]
[--output FILE] [--link [--days N]] [--as PERSON]`: the organisation's communication calendar,
by audience and by channel per week; as a picture, or as a link to its page."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import print_json, print_table, say
from bot.texts import Phrase, t, verbatim
from bot.texts.dates import day_text
from bot.web.calendar_limits import MAX_DAYS

if TYPE_CHECKING:
    from bot.services.calendar import CalendarRow


class CalendarFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    PNG = "png"


@gate.by_service("read")
def calendar(
    group: Annotated[
        str | None,
        typer.Option("--group", "--audience", help="Only this audience (short name or name)."),
    ] = None,
    weeks: Annotated[int, typer.Option(help="How many weeks.", min=1, max=104)] = 8,
    first: Annotated[
        str | None, typer.Option("--from", help="A day of the first week (default: today).")
    ] = None,
    fmt: Annotated[CalendarFormat, typer.Option("--format")] = CalendarFormat.TABLE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The PNG file (--format png).")
    ] = None,
    link: Annotated[
        bool, typer.Option("--link", help="Print a link to the calendar's page instead.")
    ] = False,
    days: Annotated[
        int | None,
        typer.Option(
            help="How long the link opens the page (default: COMMPLAN_CALENDAR_LINK_DAYS, 90).",
            min=1,
            max=MAX_DAYS,
        ),
    ] = None,
    as_: Annotated[
        str | None,
        typer.Option("--as", help="Whose calendar: a name, alias, e-mail or #id (their plans)."),
    ] = None,
    revoke_links: Annotated[
        bool,
        typer.Option(
            "--revoke-links",
            help="Every calendar link made so far (the admin's, or --as PERSON's) stops working.",
        ),
    ] = False,
) -> None:
    """Every active plan's activities you may read, by audience and by channel, week by week."""
    from bot.services.calendar import CalendarReader
    from bot.services.digests import parse_week
    from bot.services.errors import Invalid
    from bot.web.calendar_page import CalendarLinks, sheet_png

    services = context.services()
    settings = services.context.settings
    who = actor(as_)
    if revoke_links:
        # Without rotating COMMPLAN_LINK_SECRET (which would end every e-mail's links too).
        services.calendar.revoke_links(who)
        name = as_ or t("calendar.everyone", settings.language)
        say(t("calendar.links_revoked", settings.language, name=name))
        return
    if link:
        lifetime = days or settings.calendar_link_days
        grant = services.calendar.grant(who, weeks=weeks, audience=group, days=lifetime)
        until = grant.expires.astimezone(ZoneInfo(settings.timezone)).date()
        name = grant.person or t("calendar.everyone", context.language())
        url = CalendarLinks(services.context).url(grant)
        say(
            t(
                "calendar.link",
                context.language(),
                name=name,
                until=day_text(until, context.language()),
                url=url,
            )
        )
        return
    # "2027-W13" or a date; a bad one is one line (digest.bad_week), not a traceback.
    day = parse_week(first, services.context.today()) if first else None
    if fmt is CalendarFormat.PNG:
        if output is None:
            raise Invalid("calendar.png_needs_output")
        reader = CalendarReader(who, context.language(), who.name if who.person_id else None)
        sheet = services.calendar.sheet(
            reader, weeks=weeks, audience=group, first=day, overlaps=False
        )
        output.write_bytes(sheet_png(sheet))
        say(t("calendar.written", context.language(), path=output, **_size(output)))
        return
    view = services.calendar.grid(who, weeks=weeks, first=day, audience=group)
    if fmt is CalendarFormat.JSON:
        print_json(view.as_json())
        return
    weeks_shown = [name.split("-")[1] for name in view.week_names]
    for heading, rows in (("column.audience", view.audiences), ("column.channel", view.channels)):
        week_headings = [verbatim(week) for week in weeks_shown]
        print_table(None, [heading, *week_headings, "column.total"], _cells(rows))


def _size(path: Path) -> dict[str, int]:
    from PIL import Image

    with Image.open(path) as picture:
        return {"width": picture.width, "height": picture.height}


def _cells(rows: tuple[CalendarRow, ...]) -> list[tuple[object, ...]]:
    from bot.services.calendar import NO_AUDIENCE

    return [
        (
            Phrase("calendar.no_audience") if row.name == NO_AUDIENCE else row.name,
            *(count or "" for count in row.counts),
            sum(row.counts),
        )
        for row in rows
    ]
