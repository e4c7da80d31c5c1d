"""The `commplan` command: one entry point, every error one line and an exit status."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from bot.cli import (
    activities,
    approvals,
    audiences,
    audit,
    db,
    meetings,
    msteams_app,
    overlaps,
    people,
    plans,
    reminders,
    roles,
    steering,
    teams,
)
from bot.cli.calendar_grid import calendar
from bot.cli.console import console
from bot.cli.context import act_as, language, settings
from bot.cli.deviations import deviations, why
from bot.cli.digest import digest
from bot.cli.exports import export
from bot.cli.imports import import_
from bot.cli.output import warn
from bot.cli.serve_commands import demo, serve
from bot.cli.upcoming import upcoming
from bot.cli.when import when
from config.languages import Language

app = typer.Typer(
    name="commplan",
    help="Run a communication plan from Slack or Microsoft Teams: reminders, approvals, calendars.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def acting(
    as_: Annotated[
        str | None,
        typer.Option(
            "--as",
            help="Act as this person, with their permissions (default: the organisation's "
            "admin, as the operator of this server).",
        ),
    ] = None,
) -> None:
    """Run a communication plan from Slack or Microsoft Teams: reminders, approvals, calendars."""
    act_as(as_)


app.command("serve")(serve)
app.command("demo")(demo)
app.add_typer(db.app, name="db")
app.add_typer(teams.app, name="teams")
app.add_typer(people.app, name="people")
app.add_typer(plans.app, name="plans")
app.add_typer(activities.app, name="activities")
app.add_typer(reminders.app, name="reminders")
app.add_typer(steering.app, name="steering")
app.add_typer(roles.app, name="roles")
app.add_typer(approvals.app, name="approvals")
app.add_typer(audit.app, name="audit")
app.add_typer(audiences.app, name="audiences")
app.add_typer(meetings.app, name="meetings")
app.add_typer(overlaps.app, name="overlaps")
app.add_typer(msteams_app.app, name="msteams-app")
# The name before "msteams-app" (a "team" is a group of people here): kept, hidden, for scripts.
app.add_typer(msteams_app.app, name="teams-app", hidden=True)
app.command("upcoming")(upcoming)
app.command("console")(console)
app.command("import")(import_)
app.command("digest")(digest)
app.command("export")(export)
app.command("when")(when)
app.command("deviations")(deviations)
app.command("why")(why)
app.command("calendar")(calendar)

# Exit statuses: 2 for a request that names something unknown or invalid (nothing changed),
# 1 for an environment problem (database unreachable).
EXIT_INVALID = 2
EXIT_UNAVAILABLE = 1


def run() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except Exception as err:
        status = _refused(err)
        if status is None:
            raise
        sys.exit(status)


def _refused(err: Exception) -> int | None:
    """Say what stopped the command in one line, and give its exit status; None for an error
    that is a bug (its traceback shows). The error types are imported here, not at start: the
    modules that raise them are loaded by the commands that use them (`commplan --help` loads
    none)."""
    from bot.services.errors import ServiceError
    from config.settings import SettingsError
    from scheduler.single_runner import SchedulerRefused
    from storage.database import DatabaseUnavailable

    if isinstance(err, ServiceError):
        warn(err.message(_language()))  # it may name a plan's text
        return EXIT_INVALID
    if isinstance(err, SettingsError):
        sys.stderr.write(f"commplan: configuration: {err}\n")
        return EXIT_INVALID
    if isinstance(err, DatabaseUnavailable | SchedulerRefused):
        sys.stderr.write(f"commplan: {err}\n")
        return EXIT_UNAVAILABLE
    return None


def _language() -> Language:
    """The reader's language (--as names a person: theirs), else the organisation's."""
    from bot.services.errors import ServiceError
    from config.settings import SettingsError
    from storage.database import DatabaseUnavailable

    try:
        return language()
    except (ServiceError, DatabaseUnavailable):
        return settings().language
    except SettingsError:
        return "en"


if __name__ == "__main__":
    run()
