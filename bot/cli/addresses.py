"""Chat addresses on the command line: `--surface SURFACE ADDRESS`, for any registered surface.

The options each command had before (`--slack-user`, `--teams-conversation`, ...) still work:
they are the same pair with the surface written into the option's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated

import typer

from bot.services.errors import Invalid

if TYPE_CHECKING:
    from storage.models import Surface

SurfaceOption = Annotated[
    tuple[str, str] | None,
    typer.Option(
        "--surface",
        metavar="SURFACE ADDRESS",
        help="A chat address: the surface (slack, teams) and the id there (a Slack user or "
        'channel id, a Teams user or conversation id); "" as the id takes it away.',
    ),
]


def surface_of(text: str) -> Surface:
    from bot import registry

    surface = registry.parse(text)
    if surface is None:
        raise Invalid("error.bad_surface", value=text, known=registry.names())
    return surface


def given(
    pair: tuple[str, str] | None, legacy: Mapping[Surface, str | None] | None = None
) -> dict[Surface, str]:
    """The addresses ``--surface`` and the older per-surface options name."""
    found = {surface: value for surface, value in (legacy or {}).items() if value is not None}
    if pair is not None:
        text, address = pair
        found[surface_of(text)] = address
    return found


def shown(addresses: tuple[tuple[str, str], ...]) -> str:
    """A view's chat addresses in a table cell: "slack: U123, teams: 29:…"."""
    return ", ".join(f"{surface}: {address}" for surface, address in addresses)
