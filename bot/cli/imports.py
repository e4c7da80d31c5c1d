"""`commplan import FILE`: bring in a plan from Word, Excel or CSV, or update it from its file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import Format, language_option, print_json, print_table, say
from bot.texts import Phrase, t
from bot.texts.local import count_text

if TYPE_CHECKING:
    from rich.progress import Progress

    from bot.services.import_report import ImportReport
    from config.languages import Language


@gate.by_service("change")
def import_(
    file: Annotated[Path, typer.Argument(help="A .docx, .xlsx or .csv plan.", show_default=False)],
    plan: Annotated[
        str | None,
        typer.Option(
            help="The plan's name or #id (default: the plan an export of ours names, else the "
            "document's title, else the file name)."
        ),
    ] = None,
    team: Annotated[
        str | None,
        typer.Option(
            help="The team (default: the plan's, when one team has a plan of that name; "
            "else the only team there is)."
        ),
    ] = None,
    language: Annotated[
        str | None, typer.Option(help="da, sv or en (default: read from the headings).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="An older export: write it as it is, over what the plan changed since (and say "
            "what that reverts).",
        ),
    ] = False,
    remove_missing: Annotated[
        bool,
        typer.Option(
            "--remove-missing",
            help="A file never exported: cancel the plan's activities it has no row for.",
        ),
    ] = False,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """Import a plan; importing its file again updates it (added, changed, removed)."""
    from rich.markup import escape

    from bot.transports.slack.directory import email_lookup
    from bot.transports.slack.notifier import slack_client
    from storage.models import Surface

    services = context.services()
    chosen = language_option(language)
    # The report's reader: the person --as (or COMMPLAN_CLI_PERSON) names, else the plan's
    # language as --language gives it, else the organisation's.
    named = context.acting_person() or context.settings().cli_person
    shown: Language = context.language() if named else (chosen or context.language())
    with _progress() as progress:
        # Reading a long file takes a while too: a bar without a total until the rows are known.
        task = progress.add_task(f"read {escape(file.name)}", total=None) if progress else None
        imported = services.imports.read(file, language=chosen)
        if progress is not None and task is not None:
            progress.update(task, description="import", total=len(imported.activities), completed=0)

        def advance(done: int) -> None:
            if progress is not None and task is not None:
                progress.update(task, completed=done)

        report = services.imports.apply(
            imported,
            actor(),
            plan_name=plan,
            team=team,
            dry_run=dry_run,
            progress=advance,
            force=force,
            remove_missing=remove_missing,
        )
    settings = services.context.settings
    if settings.slack_enabled and not dry_run:
        # People the plan brought in with an e-mail reach Slack without a manual link.
        services.people.link_by_email(Surface.SLACK, email_lookup(slack_client(settings)), actor())
    if fmt is Format.JSON:
        print_json(report.as_json(shown))
        return
    _print_report(report, shown)


def _print_newer_work(report: ImportReport, language: Language) -> None:
    """What an older file did not undo (or, with --force, did), row by row, theirs and ours;
    and what a file never exported would remove."""
    for key, conflicts in (
        ("import.conflict", report.conflicts),
        ("import.reverted", report.reverted),
    ):
        for conflict in conflicts:
            say(t(key, language, id=conflict.activity_id, title=conflict.title))
            if conflict.state:
                state = t(f"status.{conflict.state}", language)
                say("  " + t("import.conflict.state", language, state=state))
            if conflict.removed_in_file:
                say("  " + t("import.conflict.removed", language))
            for name, theirs, ours in conflict.fields:
                say(
                    "  "
                    + t("import.conflict.field", language, field=name, theirs=theirs, ours=ours)
                )
    if report.conflicts:
        say(t("import.conflict.how", language))
    for change in report.kept:
        say(t("import.kept", language, id=change.activity_id, title=change.title))
    for change in report.proposed_removals:
        say(t("import.proposed_removal", language, id=change.activity_id, title=change.title))
    if report.proposed_removals:
        say(t("import.proposed_removal.how", language))


class _NoProgress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def _progress() -> Progress | _NoProgress:
    """A progress bar on a terminal (stderr, gone when done); nothing when piped."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    if not sys.stderr.isatty():
        return _NoProgress()
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def _print_report(report: ImportReport, language: Language) -> None:
    """The report in the reader's language: what changed (or would), then what to look at."""
    _print_summary(report, language)
    _print_changes(report)
    _print_newer_work(report, language)
    _print_file_notes(report, language)
    _print_unplaced(report, language)
    gaps = report.unassigned.text(language) if report.unassigned else None
    if gaps:
        say(gaps)
    unread = any(n.key == "import.warning.timing_unknown" for n in report.imported.warnings)
    if report.no_owner and (unread or report.meetings_missing or report.unmapped):
        say(t("import.report.no_owner", language))
    if report.dry_run:
        say(t("import.report.dry_run", language))


def _print_summary(report: ImportReport, language: Language) -> None:
    """One line: the file, the plan and its team, and how many rows were added, changed..."""
    plan_id = f"#{report.plan.id} " if report.plan else ""
    counts = {
        kind: count_text(f"count.{kind}", n, language)
        for kind, n in (
            ("added", len(report.added)),
            ("changed", len(report.changed)),
            ("removed", len(report.removed)),
            ("unchanged", report.unchanged),
        )
    }
    say(
        t(
            "import.report.would" if report.dry_run else "import.report.did",
            language,
            file=report.imported.file,
            plan=f"{plan_id}{report.plan_name}",
            team=report.team_slug,
            state=Phrase("import.report.new" if report.created else "import.report.existing"),
            language=Phrase(f"language.{report.imported.language}"),
            **counts,
        )
    )


def _print_changes(report: ImportReport) -> None:
    """A table of the activities added, changed (which fields) and removed."""
    rows = [
        *(("added", c.activity_id, c.title, "") for c in report.added),
        *(("changed", c.activity_id, c.title, ", ".join(c.fields)) for c in report.changed),
        *(("removed", c.activity_id, c.title, "") for c in report.removed),
    ]
    if rows:
        print_table(
            None,
            ["column.change", "column.id", "column.activity", "column.fields"],
            [
                (Phrase(f"change.{kind}"), f"#{i}" if i else "", title[:80], fields)
                for kind, i, title, fields in rows
            ],
        )


def _print_file_notes(report: ImportReport, language: Language) -> None:
    """What the reader noticed in the file, and what it could not read."""
    for notice in report.imported.notices:
        say(t("import.report.note", language, text=notice.message(language)))
    for notice in report.imported.warnings:
        say(t("import.report.warning", language, text=notice.message(language)))


def _print_unplaced(report: ImportReport, language: Language) -> None:
    """What the plan names that commplan cannot place yet: responsible people, approval lead
    times already missed, target groups, steering meetings; each with how to fix it."""
    if report.unmapped:
        names = ", ".join(f"{name} ({rows})" for name, rows in report.unmapped.items())
        say(t("import.report.unmapped", language, names=names))
        say(t("import.report.unmapped_how", language))
    for late in report.late_for_approval:
        values = {"title": late.title, "id": late.activity_id, "due": late.due}
        say(t("lead.late", language, latest=late.latest, **values))
    if report.unplaced_audiences:
        names = ", ".join(f"{name} ({rows})" for name, rows in report.unplaced_audiences.items())
        say(t("audience.unplaced", language, plan=report.plan_name, names=names))
        say(t("audience.unplaced_how", language))
    if report.meetings_missing:
        names = ", ".join(sorted(report.meetings_missing))
        say(t("import.report.meetings_missing", language, names=names))
