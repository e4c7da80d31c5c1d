"""`commplan deviations PLAN [--format table|json|csv|xlsx] [-o FILE]` and `commplan why NO
REASON`: departures from the plan as agreed, on record (docs/coordination.md)."""

from __future__ import annotations

import datetime as dt
import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import print_json, print_table, say, shown
from bot.services.errors import Invalid
from bot.texts import Phrase, actor_text, t
from bot.texts.local import Reader, count_text, local_moment

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bot.exporting.cells import FileCell
    from bot.services.deviations import DeviationView
    from bot.services.leadtimes import LateForApproval


class Export(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


@gate.by_service("read")
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
        print_json([view.as_json() for view in found])  # codes and ISO 8601, for programs
        return
    reader = context.reader()
    if fmt is Export.TABLE:
        print_table(
            None, [f"column.{name}" for name in COLUMNS], [_row(v, reader) for v in found], reader
        )
        return
    headings, rows = _file_table(found, reader)
    if fmt is Export.CSV:
        _write_csv(headings, rows, reader, output)
        return
    if output is None:
        raise Invalid("deviation.error.output")
    _write_xlsx(headings, rows, reader, output)


def _file_table(
    found: Sequence[DeviationView], reader: Reader
) -> tuple[list[str], list[list[FileCell]]]:
    """A file's headings and rows: headings and words in the reader's language, days as days and
    moments local, the zone named in the moment's heading (bot/exporting/delimited.py's rule)."""
    headings = [t(f"column.{name}", reader.language) for name in COLUMNS]
    zone_heading = t(
        "time.zone_heading", reader.language, heading=headings[-1], zone=reader.zone.key
    )
    headings[-1] = zone_heading
    rows: list[list[FileCell]] = [
        [shown(cell, reader) if isinstance(cell, Phrase) else cell for cell in _row(view, reader)]
        for view in found
    ]
    return headings, rows


def _write_csv(
    headings: list[str], rows: list[list[FileCell]], reader: Reader, output: Path | None
) -> None:
    """CSV to ``output``, or to the terminal without one."""
    from bot.exporting.delimited import write_delimited

    stream = io.StringIO(newline="")
    write_delimited(stream, [headings, *rows], reader.language)
    if output is None:
        sys.stdout.write(stream.getvalue())
    else:
        output.write_text(stream.getvalue(), encoding="utf-8", newline="")


def _write_xlsx(
    headings: list[str], rows: list[list[FileCell]], reader: Reader, output: Path
) -> None:
    """One sheet, its cells typed: days, moments, numbers, text."""
    import openpyxl

    from bot.exporting.cells import put

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = t("deviation.sheet", reader.language)
    for column, heading in enumerate(headings, 1):
        put(sheet.cell(1, column), heading)
    for number, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            put(sheet.cell(number, column), value)
    book.save(output)


# The columns people read, in order (``--format json`` keeps DeviationView's own names).
COLUMNS: tuple[str, ...] = ("id", "activity_id", "activity", "kind", "baseline", "moved_to")
COLUMNS += ("working_days", "reason", "by", "at")


def _row(view: DeviationView, reader: Reader) -> tuple[FileCell | Phrase, ...]:
    """A deviation as people read it: its kind in words, who as a person, no working days
    counted for an activity that had no date, the moment in the reader's zone (a file's cell
    keeps it as a moment: the writer shows it to the minute)."""
    at = local_moment(view.at, reader.zone) if view.at is not None else None
    return (
        view.id,
        view.activity_id,
        view.activity,
        Phrase(f"deviation.kind.{view.kind}"),
        view.baseline if view.baseline else Phrase("time.no_date"),
        view.moved_to,
        view.working_days if view.baseline else None,
        view.reason,
        actor_text(view.by, reader.language) if view.by else None,
        at,
    )


@gate.by_service("change")
def why(
    deviation: Annotated[int, typer.Argument(help="The deviation's number.")],
    reason: Annotated[str, typer.Argument(help="Why, as it was agreed.")],
) -> None:
    """Why an activity was moved or cancelled: on record with the deviation."""
    view = context.services().deviations.give_reason(deviation, reason, actor())
    say(t("deviation.reason_saved", context.language(), id=view.id, title=view.activity))


def after_change(activity_id: int, since: dt.datetime) -> None:
    """After a change from the command line: too late for approval now? A deviation without
    a reason? Say so."""
    late = context.services().lead_times.check(activity_id, actor())
    if late is not None:
        say(late_text(late))
    ask_why(activity_id, since)


def late_text(late: LateForApproval) -> str:
    language = context.language()
    values = {"title": late.title, "id": late.activity_id, "due": late.due, "latest": late.latest}
    return t("lead.late", language, **values)


def ask_why(activity_id: int, since: dt.datetime) -> None:
    """After a change from the command line without --reason: ask, if it is a deviation."""
    asked = context.services().deviations.unexplained(activity_id, since)
    if asked is None:
        return
    language = context.language()
    if asked.baseline is None:  # no date before: no working days to count from nothing
        say(t("deviation.ask_cli_undated", language, id=asked.id))
        return
    days = count_text("count.working_days", abs(asked.working_days or 0), language)
    say(t("deviation.ask_cli", language, days=days, baseline=asked.baseline, id=asked.id))
