"""`commplan teams ...`"""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import context
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.services.feeds import FeedLink

app = typer.Typer(
    help="Teams: who shares plans, a chat channel and a calendar feed.", no_args_is_help=True
)


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The team's name, e.g. 'Udbud Socialområdet'.")],
    slug: Annotated[
        str | None, typer.Option(help="Short name used in commands (default: from the name).")
    ] = None,
    slack_channel: Annotated[
        str | None, typer.Option(help="Slack channel id for the team.")
    ] = None,
) -> None:
    """Add a team."""
    team = context.services().teams.add(name, actor(), slug=slug, slack_channel_id=slack_channel)
    say(f"{team.slug}\t{team.name}")


@app.command("list")
def list_(fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE) -> None:
    """List the teams."""
    teams = context.services().teams.list()
    if fmt is Format.JSON:
        print_json([team.as_json() for team in teams])
        return
    print_table(
        None,
        ["slug", "name", "slack channel"],
        [(team.slug, team.name, team.slack_channel_id) for team in teams],
    )


@app.command("feed")
def feed(
    team: Annotated[str, typer.Argument(help="The team's short name.")],
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """The team's calendar feed URL: subscribe to it in Outlook, Google or Apple Calendar."""
    _print_link(context.services().feeds.team_link(team, actor()), fmt)


@app.command("rotate-feed-token")
def rotate_feed_token(
    team: Annotated[str, typer.Argument(help="The team's short name.")],
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """Give the team's feed a new secret URL; the old one stops working at once."""
    _print_link(context.services().feeds.rotate_team(team, actor()), fmt)


def _print_link(link: FeedLink, fmt: Format) -> None:
    if fmt is Format.JSON:
        print_json(link.as_json())
        return
    say(link.url)
    say(link.webcal)
