"""`commplan overlaps [--audience] [--days] [--format json]` and `overlaps intended KEY`."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import Format, print_json, say
from bot.texts import t

app = typer.Typer(
    help="Overlaps: plans addressing one audience within a few working days, or a channel "
    "beyond its weekly budget.",
    no_args_is_help=False,
    invoke_without_command=True,
)


@app.callback()
@gate.by_service("read")
def overlaps(
    typer_context: typer.Context,
    audience: Annotated[
        str | None, typer.Option(help="Only this audience (its name or short name).")
    ] = None,
    days: Annotated[
        int | None,
        typer.Option(
            help="How many days ahead (default: as far as the active plans have dated "
            "activities, at most 18 months).",
            min=1,
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """The overlaps ahead that you may see (any of their plans is yours to read)."""
    from bot.chat.overlaps import overlap_lines

    if typer_context.invoked_subcommand is not None:
        return
    found = context.services().overlaps.list(actor(), audience=audience, days=days)
    if fmt is Format.JSON:
        print_json([view.as_json() for view in found])
        return
    settings = context.settings()
    if not found:
        say(t("overlap.none", context.language()))
    for view in found:
        lines = overlap_lines(view.as_json(), context.language(), settings.overlap_working_days)
        if view.intended:
            lines[-1] = t("overlap.marked", context.language(), key=view.overlap.key)
        say("\n".join(lines) + "\n")


@app.command("intended")
@gate.by_service("change")
def intended(
    key: Annotated[str, typer.Argument(help="The overlap's key, as commplan overlaps shows it.")],
    note: Annotated[str | None, typer.Option(help="Why (kept in the audit log).")] = None,
) -> None:
    """Mark an overlap intended (an owner or editor of one of its plans): nobody is told again."""
    view = context.services().overlaps.mark_intended(key, actor(), note=note)
    say(t("overlap.marked", context.language(), key=view.overlap.key))
