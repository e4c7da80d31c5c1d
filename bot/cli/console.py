"""`commplan console`: talk to the bot in a terminal as a chosen person."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from bot.cli import context, gate
from bot.texts import t
from config.languages import as_language


@gate.by_service("self")
def console(
    as_: Annotated[str, typer.Option("--as", help="Who you are: a name, alias, e-mail or #id.")],
    language: Annotated[
        str | None, typer.Option(help="da, sv or en (default: the person's).")
    ] = None,
) -> None:
    """Type what a Slack or Teams user would (`/commplan upcoming`); press buttons by number."""
    from bot.chat.caller import Caller
    from bot.services.actor import Actor
    from bot.transports.console.inbox import ConsoleInbox
    from bot.transports.console.session import ConsoleSession
    from storage.models import Origin

    services = context.services()
    # Someone the root --as names may open only their own console (the gate, in actor()).
    person = services.people.get(f"#{context.actor(as_).person_id}")
    chosen = as_language(language or person.locale, services.context.settings.language)
    caller = Caller(
        Actor(Origin.CONSOLE, person.id, person.name, surface_user=f"console:{person.id}"),
        chosen,
    )
    sys.stdout.write(t("console.welcome", chosen, name=person.name) + "\n")
    # What `commplan serve` (the console transport) delivers to this person shows here.
    inbox = ConsoleInbox(services, person.id)
    ConsoleSession(services, caller, sys.stdout, inbox).run(sys.stdin)
