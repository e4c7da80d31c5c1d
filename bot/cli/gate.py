"""Who may run which command: every command passes the services' permission gate, as chat does.

The command line acts as the organisation's admin (the operator of the server) unless the root
option ``--as PERSON`` names someone; then that person's permissions apply to every command
(docs/permissions.md, "The command line"). Each command says which rule it keeps, with one of
the decorators below, and ``COMMANDS`` records it; ``tests/permissions/test_cli_rules.py``
checks that every command has one and that the table in docs/permissions.md says the same, and
``tests/permissions/test_cli_matrix.py`` runs every command as a person of each role.

- ``admin_only``: the command reads or changes what is the admin's alone (the whole database,
  everyone's addresses, the server, the organisation's vocabulary). The gate is asked here,
  before the command reads anything (``Permission.ADMINISTER``).
- ``by_service(permission)``: the service the command calls asks the gate about the plan,
  activity, team, group or person it names (the same call chat makes).
- ``anyone``: the command touches no data (`when` reads a date).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Literal, ParamSpec, TypeVar

from bot.cli import context

# What a command needs: a Permission's value (bot/services/permissions.py), or "self" (their
# own things, or the admin), "owner" (the plan's or team's owner, or the admin) or "decide" (the
# steering group's rule). Values, so that declaring a command's rule loads no services
# (`commplan --help` imports every command module); tests/permissions/test_cli_rules.py checks
# that every Permission is among them.
Needs = Literal[
    "read",
    "act",
    "change",
    "links",
    "rotate",
    "revise",
    "create",
    "administer",
    "self",
    "owner",
    "decide",
]

P = ParamSpec("P")
R = TypeVar("R")

HERE = "here"  # the command asks the gate itself, before anything else
SERVICE = "service"  # the service it calls asks the gate about what the command names
NONE = "none"  # no data, nothing to ask


@dataclass(frozen=True, slots=True)
class CliRule:
    permission: str  # a Permission's value, "self" (their own, or the admin) or "anyone"
    checked: str  # HERE, SERVICE or NONE


# The command's function (module.qualname) -> its rule.
COMMANDS: dict[str, CliRule] = {}


def _key(function: Callable[..., object]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def admin_only(function: Callable[P, R]) -> Callable[P, R]:
    """The admin's alone: refused, and audited, for anyone ``--as`` names who is not one."""
    action = f"cli.{function.__module__.rsplit('.', 1)[-1]}.{function.__name__.strip('_')}"

    @wraps(function)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        require_admin(action)
        return function(*args, **kwargs)

    COMMANDS[_key(guarded)] = CliRule("administer", HERE)
    return guarded


def by_service(permission: Needs) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """The service the command calls decides (``permission``, or "self": the person's own
    things, or the admin's)."""

    def record(function: Callable[P, R]) -> Callable[P, R]:
        COMMANDS[_key(function)] = CliRule(permission, SERVICE)
        return function

    return record


def anyone(function: Callable[P, R]) -> Callable[P, R]:
    COMMANDS[_key(function)] = CliRule("anyone", NONE)
    return function


def require_admin(action: str) -> None:
    """Go on for the admin (the operator, or an admin ``--as`` names); refuse anyone else in
    one line, recorded in the audit log. The operator's own run reads no database here (`db
    restore` into an empty one must work)."""
    from bot.services.permissions import Gate, Permission

    actor = context.actor()
    if actor.admin:
        return
    services = context.services()
    with services.context.sessions() as session:
        Gate(services.context).require(
            session, actor, Permission.ADMINISTER, action=action, entity=("cli", None)
        )
