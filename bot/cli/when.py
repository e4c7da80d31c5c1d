"""`commplan when TEXT`: how commplan reads a "when" text."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from bot.cli import context, gate
from bot.cli.output import Format, language_option, print_json, print_table
from bot.texts import Phrase, t, verbatim


@gate.anyone
def when(
    text: Annotated[str, typer.Argument(help='A timing as a plan writes it: "Våren 2027".')],
    language: Annotated[
        str | None, typer.Option(help="da, sv or en (default: any of them).")
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="Read as if today were YYYY-MM-DD (default: today)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """Read a "when" text: its kind, first and last day, recurrence and whether tentative."""
    from bot.timing import read_timing

    try:
        day = (
            dt.date.fromisoformat(today)
            if today
            else dt.datetime.now(context.settings().zone).date()
        )
    except ValueError:
        raise typer.BadParameter(
            t("cli.usage.day", context.language()), param_hint="--today"
        ) from None
    timing = read_timing(text, language=language_option(language), today=day)
    if fmt is Format.JSON:
        print_json(timing.as_json())
        return
    yes_no = Phrase("audit.yes" if timing.tentative else "audit.no")
    rows: list[tuple[object, object]] = [
        (Phrase("column.kind"), Phrase(f"timing.kind.{timing.kind.value}")),
        (Phrase("column.start"), timing.start),
        (Phrase("column.due"), timing.due),
        (Phrase("column.rrule"), timing.rrule or ""),
        (Phrase("column.tentative"), yes_no),
    ]
    if timing.note:
        rows.append((Phrase("column.note"), timing.note))
    print_table(None, [verbatim(""), verbatim(text)], rows)
