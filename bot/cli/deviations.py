"""`commplan deviations PLAN [--format table|json|csv|xlsx] [-o FILE]` and `commplan why NO
REASON`: departures from the plan as agreed, on record (docs/coordination.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import openpyxl
import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import print_json, print_table, say
from bot.exporting.cells import put
from bot.interchange.cell_quoting import neutralise
from bot.services.deviations import DeviationView
from bot.services.errors import Invalid
from bot.services.leadtimes import LateForApproval
from bot.services.permissions import Permission
from bot.texts import t


class Export(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


@gate.by_service(Permission.READ)
def deviations(
    plan: Annotated[str, typer.Argument(help="The plan (name or #id).")],
    fmt: Annotated[Export, typer.Option("--format")] = Export.TABLE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (.xlsx needs one).")
    ] = None,
) -> None:
    """The plan's deviations: activities moved far from their baseline, cancelled, or overdue,
    with who and why."""
    found = context.services().deviations.list(plan, actor())
    if fmt is Export.JSON:
        print_json([view.as_json() for view in found])
        return
    if fmt is Export.TABLE:
        rows = [tuple("" if cell is None else cell for cell in view.row()) for view in found]
        print_table(None, list(DeviationView.HEADINGS), rows)
        return
    cells = [[_cell(value) for value in view.row()] for view in found]
    if fmt is Export.CSV:
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(DeviationView.HEADINGS)
        writer.writerows(cells)
        if output is None:
            sys.stdout.write(stream.getvalue())
        else:
            output.write_text(stream.getvalue(), encoding="utf-8-sig")  # Excel reads the BOM
        return
    if output is None:
        raise Invalid("deviation.error.output")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "Deviations"
    sheet.append(list(DeviationView.HEADINGS))
    for number, view in enumerate(found, 2):
        for column, value in enumerate(view.row(), 1):
            cell = sheet.cell(number, column)
            if isinstance(value, str):
                put(cell, value)  # always a text cell: Excel shows it as written, never runs it
            else:
                cell.value = value  # numbers, days and moments as themselves
    book.save(output)


def _cell(value: object) -> str:
    """A CSV cell: text no spreadsheet runs as a formula (a reason may open with "=")."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return neutralise(str(value))


@gate.by_service(Permission.CHANGE)
def why(
    deviation: Annotated[int, typer.Argument(help="The deviation's number.")],
    reason: Annotated[str, typer.Argument(help="Why, as it was agreed.")],
) -> None:
    """Why an activity was moved or cancelled: on record with the deviation."""
    view = context.services().deviations.give_reason(deviation, reason, actor())
    say(t("deviation.reason_saved", context.settings().language, id=view.id, title=view.activity))


def after_change(activity_id: int, since: dt.datetime) -> None:
    """After a change from the command line: too late for approval now? A deviation without
    a reason? Say so."""
    late = context.services().lead_times.check(activity_id, actor())
    if late is not None:
        say(late_text(late))
    ask_why(activity_id, since)


def late_text(late: LateForApproval) -> str:
    language = context.settings().language
    values = {"title": late.title, "id": late.activity_id, "due": late.due, "latest": late.latest}
    return t("lead.late", language, **values)


def ask_why(activity_id: int, since: dt.datetime) -> None:
    """After a change from the command line without --reason: ask, if it is a deviation."""
    asked = context.services().deviations.unexplained(activity_id, since)
    if asked is not None:
        text = t(
            "deviation.ask_cli",
            context.settings().language,
            days=abs(asked.working_days or 0),
            baseline=asked.baseline or "–",
            id=asked.id,
        )
        say(text)
