"""`commplan serve` and `commplan demo`: the web app and the scheduler in one process.

The commands only: what they start is wired in ``bot/cli/serve.py``, loaded when one of them
runs (the web app, the scheduler and the surfaces are most of a second to import, which every
other command would pay)."""

from __future__ import annotations

from bot.cli import context, gate
from bot.cli.output import say


@gate.admin_only
def serve() -> None:
    """Serve the web app (/healthz, /metrics, calendar feeds) and run the scheduler."""
    from bot.cli.serve import run_server

    run_server(context.services())


@gate.admin_only
def demo() -> None:
    """Load the example plan (dates moved into the coming weeks) if absent, then serve."""
    from bot.cli.serve import run_server
    from bot.example.loader import load_example

    services = context.services()
    loaded = load_example(services, services.context.today())
    if loaded is None:
        say("The example plan is already loaded.")
    else:
        say(
            f"Loaded {loaded.activities} activities into {loaded.plan.name!r} "
            f"(team {loaded.plan.team_slug})."
        )
        for name in loaded.unmapped:
            say(
                f"Not yet linked to a person: {name!r} "
                f"(commplan people link PERSON --alias {name!r})"
            )
    say("Try, in another terminal:  .venv/bin/commplan upcoming")
    say("                           .venv/bin/commplan console --as Projektleder")
    say('                           .venv/bin/commplan plans page "#1"     (the plan in a browser)')
    say("                           .venv/bin/commplan teams feed udbud    (the calendar feed)")
    run_server(services)
