"""`commplan audit ...`"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import say
from bot.texts import t
from bot.texts.local import count_text

app = typer.Typer(help="The audit log's retention.", no_args_is_help=True)


@app.command("purge")
@gate.by_service("administer")
def purge(
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="The archive to write first (JSON Lines; .gz packs)."),
    ],
    years: Annotated[
        int | None,
        typer.Option(help="Keep this many years (default: COMMPLAN_RETENTION_AUDIT_YEARS)."),
    ] = None,
) -> None:
    """Write the audit entries older than the retention to a file, then delete them."""
    archived = context.services().records.purge_audit(output, actor(), years=years)
    language = context.language()
    count = count_text("count.entries", archived.entries, language)
    before = archived.before.date() if isinstance(archived.before, dt.datetime) else archived.before
    say(t("cli.archived", language, count=count, before=before, path=output))
