"""`commplan digest PLAN`: the weekly digest the steering group gets, printed."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import say
from bot.texts import t
from config.languages import as_language


@gate.by_service("read")
def digest(
    plan: Annotated[str | None, typer.Argument(help="The plan: its name or #id.")] = None,
    week: Annotated[
        str | None, typer.Option(help="The week: YYYY-Www or a date in it (default: this week).")
    ] = None,
    person: Annotated[
        str | None, typer.Option(help="A person's own week instead of a plan's.")
    ] = None,
) -> None:
    """Print a plan's weekly digest (or a person's week with --person)."""
    from bot.chat.digests import digest_text

    services = context.services()
    if person is not None:
        view = services.digests.personal(person, actor(), week=week)
        say(digest_text(view, as_language(view.language), personal=True))
        return
    if plan is None:
        raise typer.BadParameter(
            t("cli.usage.plan_or_person", context.language()), param_hint="PLAN"
        )
    view = services.digests.weekly(plan, actor(), week=week)
    say(digest_text(view, as_language(view.language)))
