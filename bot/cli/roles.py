"""`commplan roles ...`: who is the admin, a plan's owner and editors, a team's members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.services.stored_roles import StoredRole
from bot.texts import Phrase, t

if TYPE_CHECKING:
    from bot.services.roles import RoleView

app = typer.Typer(
    help="Roles: the organisation's admins, plans' owners and editors, teams' members "
    "(docs/permissions.md).",
    no_args_is_help=True,
)

ROLE_HELP = ", ".join(role.value for role in StoredRole)
RoleArgument = Annotated[str, typer.Argument(help=f"The role: {ROLE_HELP}.")]
PersonArgument = Annotated[str, typer.Argument(help="The person: name, alias, e-mail or #id.")]
PlanOption = Annotated[str | None, typer.Option(help="The plan (owner, editor).")]
TeamOption = Annotated[
    str | None, typer.Option(help="The team (member, team-admin; or the plan's team).")
]


def _show(view: RoleView) -> None:
    language = context.language()
    role = t(f"role.{view.role}", language)
    say(f"{role}\t{view.person}\t{_scope(view.scope).text(language)}")


@app.command("grant")
@gate.by_service("owner")
def grant(
    role: RoleArgument, person: PersonArgument, plan: PlanOption = None, team: TeamOption = None
) -> None:
    """Give a person a role (a plan's owner may name its editors and hand the plan on)."""
    _show(context.services().roles.grant(role, person, actor(), plan=plan, team=team))


@app.command("revoke")
@gate.by_service("owner")
def revoke(
    role: RoleArgument, person: PersonArgument, plan: PlanOption = None, team: TeamOption = None
) -> None:
    """Take a role from a person."""
    _show(context.services().roles.revoke(role, person, actor(), plan=plan, team=team))


@app.command("list")
@gate.by_service("read")
def list_(
    person: Annotated[str | None, typer.Option(help="Only this person's roles.")] = None,
    plan: Annotated[str | None, typer.Option(help="Only this plan's owner and editors.")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """Who holds which role (steering groups: `commplan steering show`)."""
    views = context.services().roles.list(actor(), person=person, plan=plan)
    if fmt is Format.JSON:
        print_json([view.as_json() for view in views])
        return
    print_table(
        "table.roles",
        ["column.role", "column.person", "column.where"],
        [(Phrase(f"role.{v.role}"), v.person, _scope(v.scope)) for v in views],
    )


def _scope(scope: str) -> Phrase:
    """ "plan NAME" / "team SLUG" / "" (the organisation) as words."""
    kind, _, name = scope.partition(" ")
    if kind in ("plan", "team"):
        return Phrase(f"role.scope.{kind}", {"name": name})
    return Phrase("role.scope.organisation")
