"""`commplan approvals ...`: ask the steering group, decide, revise, withdraw, list, log."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.texts import Phrase, t
from bot.texts.local import count_text

if TYPE_CHECKING:
    from bot.services.approvals.views import ApprovalView

app = typer.Typer(
    help="Approvals: the steering group approves written communication before it goes out.",
    no_args_is_help=True,
)

AsOption = Annotated[
    str | None, typer.Option("--as", help="Who acts: a name, alias, e-mail or #id.")
]
FormatOption = Annotated[Format, typer.Option("--format")]
TextOption = Annotated[str | None, typer.Option(help="The draft's text.")]
LinkOption = Annotated[str | None, typer.Option(help="A link to the draft.")]
FileOption = Annotated[str | None, typer.Option("--file", help="A file reference.")]


def _show(view: ApprovalView, fmt: Format) -> None:
    if fmt is Format.JSON:
        print_json(view.as_json())
        return
    language = context.language()
    say(
        t(
            "cli.approval",
            language,
            id=view.id,
            status=Phrase(f"approval.status.{view.status}"),
            version=view.version,
            activity_id=view.activity_id,
            title=view.activity_title,
            plan=view.plan_name,
        )
    )
    for decision in view.decisions:
        say(
            f"  v{decision.version} {t(f'decision.{decision.decision}', language)}: "
            f"{decision.person} "
            f"({_capacity(decision.capacity, decision.on_behalf_of, decision.for_group)})"
            + (f": {decision.comment}" if decision.comment else "")
        )


def _capacity(capacity: str, on_behalf_of: str | None, for_group: bool) -> str:
    from bot.chat.decisions import capacity_text

    return capacity_text(capacity, on_behalf_of, for_group, context.language())


@app.command("request")
@gate.by_service("act")
def request(
    activity_id: Annotated[int, typer.Argument(help="The activity's number.")],
    text: TextOption = None,
    link: LinkOption = None,
    file_ref: FileOption = None,
    who: AsOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Ask the plan's steering group to approve a draft (text, link or file)."""
    view = context.services().approvals.request(
        activity_id, actor(who), text=text, link=link, file_ref=file_ref
    )
    _show(view, fmt)


@app.command("revise")
@gate.by_service("revise")
def revise(
    request_id: Annotated[int, typer.Argument(help="The request's number.")],
    text: TextOption = None,
    link: LinkOption = None,
    file_ref: FileOption = None,
    who: AsOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """A new version of the draft: decisions on the old one are void, the group is asked again."""
    view = context.services().approvals.revise(
        request_id, actor(who), text=text, link=link, file_ref=file_ref
    )
    _show(view, fmt)


@app.command("decide")
@gate.by_service("decide")
def decide(
    request_id: Annotated[int, typer.Argument(help="The request's number.")],
    word: Annotated[
        str,
        typer.Argument(
            metavar="DECISION",
            help="approve | reject | changes (request_changes, and the Danish and Swedish "
            "words of the chat, are read too).",
        ),
    ],
    who: AsOption = None,
    version: Annotated[
        int | None, typer.Option(help="The version decided on (refused if not current).")
    ] = None,
    comment: Annotated[str | None, typer.Option()] = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Decide on a request as a member, the chair or a deputy."""
    from bot.chat.commands.parsing import decision_of

    language = context.language()
    decision = decision_of(word)
    if decision is None:
        raise typer.BadParameter(t("chat.bad_decision", language, word=word), param_hint="DECISION")
    result = context.services().approvals.decide(
        request_id, decision, actor(who), version=version, comment=comment
    )
    if fmt is Format.JSON:
        print_json(result.request.as_json())
        return
    capacity = _capacity(result.capacity, result.on_behalf_of, result.for_group)
    say(f"{t(f'decision.{decision.value}', language)} ({capacity})")
    _show(result.request, fmt)


@app.command("withdraw")
@gate.by_service("revise")
def withdraw(
    request_id: Annotated[int, typer.Argument(help="The request's number.")],
    who: AsOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Withdraw a request that is still open."""
    _show(context.services().approvals.withdraw(request_id, actor(who)), fmt)


@app.command("show")
@gate.by_service("read")
def show(
    request_id: Annotated[int, typer.Argument(help="The request's number.")],
    fmt: FormatOption = Format.TABLE,
) -> None:
    """A request: its current version and every decision."""
    _show(context.services().approvals.show(request_id, actor()), fmt)


@app.command("list")
@gate.by_service("read")
def list_(
    plan: Annotated[str | None, typer.Option()] = None,
    status: Annotated[str | None, typer.Option(help="pending, approved, ...")] = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """List approval requests."""
    views = context.services().approvals.list(actor(), plan=plan, status=status)
    if fmt is Format.JSON:
        print_json([view.as_json() for view in views])
        return
    print_table(
        None,
        [
            "column.id",
            "column.status",
            "column.version",
            "column.activity",
            "column.plan",
            "column.requested_by",
        ],
        [
            (
                v.id,
                Phrase(f"approval.status.{v.status}"),
                v.version,
                f"#{v.activity_id} {v.activity_title}",
                v.plan_name,
                v.requested_by,
            )
            for v in views
        ],
    )


class LogFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


@app.command("log")
@gate.by_service("read")
def log(
    plan: Annotated[str | None, typer.Option()] = None,
    fmt: Annotated[LogFormat, typer.Option("--format", help="csv | xlsx | json")] = LogFormat.CSV,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="The file to write (needed for xlsx)."),
    ] = None,
) -> None:
    """The audit trail of approvals: requests, versions, decisions, refused attempts.

    CSV and xlsx: local times, the activity, the version and its hash, a column per detail,
    headings in the reader's language, else the organisation's (";" and a BOM for Danish and
    Swedish)."""
    from bot.exporting.audit_log import write_audit_csv, write_audit_xlsx
    from bot.services import approval_log

    if fmt is LogFormat.XLSX and output is None:
        raise typer.BadParameter(
            t("cli.usage.xlsx_output", context.language()), param_hint="--output"
        )
    reader = actor()
    entries = context.services().approvals.log(reader, plan=plan)
    if fmt is LogFormat.JSON:
        if output is None:
            print_json(entries)
        else:
            output.write_text(json.dumps(entries, ensure_ascii=False, indent=2) + "\n", "utf-8")
        return
    # In the reader's own language and zone (commplan --as PERSON), else the organisation's.
    shown_to = context.reader()
    language = shown_to.language
    table = approval_log.table(entries, zone=shown_to.zone, language=language)
    if fmt is LogFormat.XLSX:
        assert output is not None  # checked above
        write_audit_xlsx(table, output)
    elif output is None:
        write_audit_csv(table, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as stream:
            write_audit_csv(table, stream)
    if output is not None:
        count = count_text("count.entries", len(table.rows), language)
        say(t("cli.wrote_entries", language, count=count, path=output))
