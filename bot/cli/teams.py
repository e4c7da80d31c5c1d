"""`commplan teams ...`"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.addresses import SurfaceOption, given, shown, surface_of
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.texts import t

if TYPE_CHECKING:
    from bot.services.feeds import FeedLink

app = typer.Typer(
    help="Teams: who shares plans, a chat channel and a calendar feed.", no_args_is_help=True
)


@app.command("add")
@gate.by_service("administer")
def add(
    name: Annotated[str, typer.Argument(help="The team's name, e.g. 'Udbud Socialområdet'.")],
    slug: Annotated[
        str | None, typer.Option(help="Short name used in commands (default: from the name).")
    ] = None,
    surface: SurfaceOption = None,
    slack_channel: Annotated[
        str | None, typer.Option(help="Slack channel id for the team.")
    ] = None,
) -> None:
    """Add a team."""
    from storage.models import Surface

    channels = given(surface, {Surface.SLACK: slack_channel})
    team = context.services().teams.add(name, actor(), slug=slug, channels=channels)
    say(f"{team.slug}\t{team.name}")


@app.command("connect")
@gate.by_service("administer")
def connect(
    team: Annotated[str, typer.Argument(help="The team's short name.")],
    surface: Annotated[str, typer.Argument(help="slack or teams.")],
    address: Annotated[str, typer.Argument(help='The channel\'s id there ("" to disconnect).')],
) -> None:
    """The team's chat channel on a surface."""
    view = context.services().teams.connect(team, {surface_of(surface): address}, actor())
    say(f"{view.slug}\t{view.name}\t{shown(view.addresses)}")


@app.command("list")
@gate.admin_only
def list_(fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE) -> None:
    """List the teams."""
    teams = context.services().teams.list()
    if fmt is Format.JSON:
        print_json([team.as_json() for team in teams])
        return
    print_table(
        None,
        ["column.slug", "column.name", "column.chat"],
        [(team.slug, team.name, shown(team.addresses)) for team in teams],
    )


@app.command("feed")
@gate.by_service("links")
def feed(
    team: Annotated[str, typer.Argument(help="The team's short name.")],
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """The team's calendar feed URL: subscribe to it in Outlook, Google or Apple Calendar."""
    print_link(context.services().feeds.team_link(team, actor()), fmt)


@app.command("rotate-feed-token")
@gate.by_service("rotate")
def rotate_feed_token(
    team: Annotated[str, typer.Argument(help="The team's short name.")],
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """Give the team's feed a new secret URL; the old one stops working at once."""
    print_link(context.services().feeds.rotate_team(team, actor()), fmt)


def print_link(link: FeedLink, fmt: Format) -> None:
    """The URL when it was made now; else that it was shown when made (docs/security.md)."""
    if fmt is Format.JSON:
        print_json(link.as_json())
        return
    if link.url is None or link.webcal is None:
        say(t("feed.link_shown", context.settings().language, owner=link.owner))
        return
    say(link.url)
    say(link.webcal)
