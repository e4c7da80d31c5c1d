"""`commplan upcoming`"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.texts import Phrase, t

if TYPE_CHECKING:
    from bot.services.upcoming import Upcoming
    from bot.services.views import ActivityView

# One heading per cell of ``_rows``, in the same order.
HEADINGS = (
    "column.id",
    "column.due",
    "column.activity",
    "column.target_group",
    "column.channel",
    "column.responsible",
    "column.plan",
)


def _rows(views: tuple[ActivityView, ...]) -> list[tuple[object, ...]]:
    return [
        (
            f"#{v.id}",
            v.next_due if v.next_due else Phrase("time.no_date"),
            v.title,
            v.target_group,
            v.channel,
            ", ".join(v.responsible_people) or v.responsible,
            v.plan_name,
        )
        for v in views
    ]


def as_json(result: Upcoming, *, undated: bool = False) -> dict[str, object]:
    found: dict[str, object] = {
        "today": result.today.isoformat(),
        "until": result.until.isoformat(),
        "overdue": [view.as_json() for view in result.overdue],
        "upcoming": [view.as_json() for view in result.coming],
    }
    if undated:  # asked for with --all
        found["no_date"] = [view.as_json() for view in result.undated]
    return found


@gate.by_service("read")
def upcoming(
    team: Annotated[str | None, typer.Option(help="Only this team's plans.")] = None,
    plan: Annotated[str | None, typer.Option(help="Only this plan (name or #id).")] = None,
    person: Annotated[
        str | None, typer.Option(help="Only what this person is responsible for.")
    ] = None,
    days: Annotated[int, typer.Option(help="How many days ahead.")] = 14,
    limit: Annotated[int, typer.Option(help="At most this many activities, earliest first.")] = 50,
    all_: Annotated[
        bool,
        typer.Option(
            "--all", help="Also the open activities with no date, under their own heading."
        ),
    ] = False,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """What is due in the coming days, and what is overdue (with --all: what has no date)."""
    result = context.services().upcoming.query(
        actor=actor(), days=days, team=team, plan=plan, person=person, limit=limit, undated=all_
    )
    if fmt is Format.JSON:
        print_json(as_json(result, undated=all_))
        return
    headings = list(HEADINGS)
    reader = context.reader()
    period = {"first": reader.day(result.today), "last": reader.day(result.until)}
    if result.overdue:
        print_table("table.overdue", headings, _rows(result.overdue), reader)
    if result.coming:
        print_table(Phrase("table.period", period), headings, _rows(result.coming), reader)
    if not result.overdue and not result.coming:
        say(t("table.nothing_due", reader.language, **period))
    if result.undated:
        print_table("timing.no_date", headings, _rows(result.undated), reader)
