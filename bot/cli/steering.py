"""`commplan steering ...`: steering groups, their members, chair, rule and deputies."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.addresses import SurfaceOption, given, surface_of
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.services.errors import Invalid
from bot.texts import Phrase, t

if TYPE_CHECKING:
    from bot.services.steering import SteeringView

app = typer.Typer(
    help="Steering groups: who approves written communication, and by what rule.",
    no_args_is_help=True,
)

GroupArgument = Annotated[str, typer.Argument(help="The steering group: its name or #id.")]
FormatOption = Annotated[Format, typer.Option("--format")]


def _show(view: SteeringView, fmt: Format) -> None:
    if fmt is Format.JSON:
        print_json(view.as_json())
        return
    reader = context.reader()
    language = reader.language
    nobody = t("cli.nobody", language)
    rule = Phrase(f"rule.{view.rule}")
    chair = view.chair or nobody
    say(
        t(
            "cli.steering",
            language,
            id=view.id,
            name=view.name,
            team=view.team,
            rule=rule,
            chair=chair,
        )
    )
    say(t("cli.steering_members", language, names=", ".join(view.members) or nobody))
    for delegation in view.delegations:
        first, last = reader.moment(delegation.starts_at), reader.moment(delegation.ends_at)
        say(
            t(
                "cli.steering_deputy",
                language,
                deputy=delegation.deputy,
                member=delegation.member,
                first=first,
                last=last,
            )
        )


@app.command("add")
@gate.by_service("administer")
def add(
    name: Annotated[str, typer.Argument(help="The group's name, e.g. 'Styregruppen'.")],
    team: Annotated[str, typer.Option(help="The team whose plans it serves.")],
    chair: Annotated[str | None, typer.Option(help="The chair (may decide alone).")] = None,
    member: Annotated[list[str] | None, typer.Option(help="A member; repeat for more.")] = None,
    rule: Annotated[str, typer.Option(help="any | chair | all | majority")] = "any",
    surface: SurfaceOption = None,
    slack_channel: Annotated[str | None, typer.Option(help="Its Slack channel id.")] = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Add a steering group."""
    from storage.models import Surface

    view = context.services().steering.create(
        name,
        team,
        actor(),
        chair=chair,
        rule=rule,
        members=tuple(member or ()),
        channels=given(surface, {Surface.SLACK: slack_channel}),
    )
    _show(view, fmt)


@app.command("list")
@gate.admin_only
def list_(
    team: Annotated[str | None, typer.Option()] = None, fmt: FormatOption = Format.TABLE
) -> None:
    """List steering groups."""
    views = context.services().steering.list(team)
    if fmt is Format.JSON:
        print_json([view.as_json() for view in views])
        return
    print_table(
        None,
        [
            "column.id",
            "column.name",
            "column.team",
            "column.rule",
            "column.chair",
            "column.members",
        ],
        [
            (v.id, v.name, v.team, Phrase(f"rule.{v.rule}"), v.chair, ", ".join(v.members))
            for v in views
        ],
    )


@app.command("show")
@gate.admin_only
def show(group: GroupArgument, fmt: FormatOption = Format.TABLE) -> None:
    """A steering group: members, chair, rule, deputies."""
    _show(context.services().steering.show(group), fmt)


@app.command("member")
@gate.by_service("administer")
def member(
    group: GroupArgument,
    person: Annotated[str, typer.Argument(help="A name, alias, e-mail or #id.")],
    remove: Annotated[bool, typer.Option("--remove", help="Take the person out.")] = False,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Add a member to a steering group (or remove one)."""
    steering = context.services().steering
    if remove:
        _show(steering.remove_member(group, person, actor()), fmt)
    else:
        _show(steering.add_member(group, person, actor()), fmt)


@app.command("set")
@gate.by_service("administer")
def set_(
    group: GroupArgument,
    chair: Annotated[str | None, typer.Option()] = None,
    rule: Annotated[str | None, typer.Option(help="any | chair | all | majority")] = None,
    surface: SurfaceOption = None,
    slack_channel: Annotated[str | None, typer.Option()] = None,
    teams_conversation: Annotated[str | None, typer.Option()] = None,
    self_approval: Annotated[
        bool | None,
        typer.Option(
            "--allow-self-approval/--no-self-approval",
            help="Whether a requester in the group may decide on their own request (four eyes "
            "off; such decisions are recorded as self-approvals). Default: not allowed.",
        ),
    ] = None,
    lead_days: Annotated[
        int | None,
        typer.Option(help="Working days the group needs to decide on a request (lead times)."),
    ] = None,
    meets: Annotated[
        int | None,
        typer.Option(help="The weekday it meets on: 0 Monday ... 6 Sunday; -1 no meetings."),
    ] = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Change a steering group's chair, rule, channels, four-eyes rule or lead time."""
    from storage.models import Surface

    view = context.services().steering.configure(
        group,
        actor(),
        chair=chair,
        rule=rule,
        channels=given(
            surface, {Surface.SLACK: slack_channel, Surface.MSTEAMS: teams_conversation}
        ),
        allow_self_approval=self_approval,
        lead_days=lead_days,
        meets=meets,
    )
    _show(view, fmt)


@app.command("connect")
@gate.by_service("administer")
def connect(
    group: GroupArgument,
    surface: Annotated[str, typer.Argument(help="slack or teams.")],
    address: Annotated[str, typer.Argument(help='The channel\'s id there ("" to disconnect).')],
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Where the group's approval requests and digest go on a surface (members may also type
    `connect GROUP` in the channel)."""

    channels = {surface_of(surface): address}
    _show(context.services().steering.configure(group, actor(), channels=channels), fmt)


def _moment(text: str) -> dt.datetime:
    """A day (from its start) or a moment, in the organisation's zone, as UTC."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise Invalid("steering.bad_moment", value=text) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=context.settings().zone)
    return value.astimezone(dt.UTC)


@app.command("delegate")
@gate.by_service("self")
def delegate(
    group: GroupArgument,
    member: Annotated[str, typer.Argument(help="The member (or chair) who is away.")],
    deputy: Annotated[str, typer.Argument(help="Who decides for them meanwhile.")],
    start: Annotated[str, typer.Option("--from", help="YYYY-MM-DD[THH:MM], local time.")],
    end: Annotated[str, typer.Option("--until", help="YYYY-MM-DD[THH:MM], local; exclusive.")],
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Name a deputy for a member for a period (out of office)."""
    view = context.services().steering.delegate(
        group, member, deputy, actor(), starts_at=_moment(start), ends_at=_moment(end)
    )
    _show(view, fmt)


@app.command("assign")
@gate.by_service("administer")
def assign(
    group: GroupArgument,
    plan: Annotated[str, typer.Argument(help="The plan: its name or #id.")],
) -> None:
    """Make the group the steering group of a plan."""
    say(context.services().steering.assign(group, plan, actor()))
