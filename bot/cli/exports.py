"""`commplan export PLAN`: the plan as .xlsx, .docx or .csv in its own language and headings."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import say
from bot.texts import t
from bot.texts.local import count_text


class PlanFileFormat(StrEnum):
    XLSX = "xlsx"
    DOCX = "docx"
    CSV = "csv"


@gate.by_service("change")
def export(
    plan: Annotated[str, typer.Argument(help="The plan: its name or #id.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write.")],
    fmt: Annotated[
        PlanFileFormat | None,
        typer.Option("--format", help="xlsx, docx or csv (default: from the file's name)."),
    ] = None,
    team: Annotated[str | None, typer.Option(help="The team, when two teams use the name.")] = None,
) -> None:
    """Write a plan as a table: its columns, then status and next date; done rows in green.

    The file names its plan: importing it again, edited, updates the same plan."""
    from bot.exporting import WRITERS

    chosen = fmt or _format_of(output)
    table = context.services().exports.table(plan, actor(), team)
    WRITERS[chosen.value](table, output)
    language = context.language()
    count = count_text("count.activities", len(table.rows), language)
    say(t("cli.wrote_plan", language, count=count, plan=table.name, path=output))


def _format_of(path: Path) -> PlanFileFormat:
    suffix = path.suffix.lower().lstrip(".")
    for candidate in PlanFileFormat:
        if candidate.value == suffix:
            return candidate
    raise typer.BadParameter(
        "give --format xlsx|docx|csv or a file ending in one", param_hint="--format"
    )
