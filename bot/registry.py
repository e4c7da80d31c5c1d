"""The surfaces commplan speaks on, in one place: adding one is an entry here.

Each entry says what the rest of commplan needs to know of a surface, and nothing of how it
talks: its ``Surface`` value (stored in audit rows and chat addresses), whether the settings
enable it, the function that builds its ``Notifier`` (named as ``module:function`` and imported
only when the surface is enabled: the Teams SDK alone is a second of every CLI start), how it
addresses a person, a steering group and a team, and whether people type commands to it.

The order of ``SURFACES`` is the order a notice tries when its reader chose no surface
(``commplan people prefer``). The services and the scheduler never name a surface: they ask
this registry and the chat-address table (``storage.repositories.addresses``).

This module sits below every other part of ``bot`` (pyproject.toml's layers): it may import
only ``config`` and ``storage``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from config import Settings
from storage.models import ChatAddress, Surface

if TYPE_CHECKING:
    from fastapi import APIRouter

    from scheduler.notifier import Notifier


class Addressing(StrEnum):
    """Where a surface finds its readers' addresses."""

    CHAT = "chat"  # rows of chat_addresses: a person, a steering group, a team
    EMAIL = "email"  # people.email: a person; a steering group through its members


@dataclass(frozen=True, slots=True)
class SurfaceSpec:
    """What a surface is to the rest of commplan."""

    surface: Surface
    enabled: Callable[[Settings], bool]
    # "module:function"; the function takes (services, call timeout in seconds) and returns
    # the surface's Notifier.
    notifier: str
    addressing: Addressing = Addressing.CHAT
    # People type commands to it (`upcoming`, `done 12`), besides pressing its buttons.
    typed_commands: bool = True
    # "module:function(services) -> APIRouter": the HTTP routes people answer it through (the
    # e-mail's link pages), mounted by `serve` when it is enabled. None for Slack and Teams:
    # `serve` mounts their apps itself, as Socket Mode needs the Slack app object.
    routes: str | None = None
    # A person is written to in a conversation the surface opened when they first spoke to
    # the app (a Teams personal chat), not at their address (a Slack user id takes a message).
    person_in_conversation: bool = False

    def target(self, row: ChatAddress) -> str | None:
        """Where a message to the owner of ``row`` goes, or None while it cannot go yet."""
        if row.person_id is not None and self.person_in_conversation:
            return row.conversation
        return row.address

    def build_notifier(self, services: Any, timeout: float) -> Notifier:
        factory: Callable[[Any, float], Notifier] = _resolve(self.notifier)
        return factory(services, timeout)

    def build_routes(self, services: Any) -> APIRouter | None:
        if self.routes is None:
            return None
        factory: Callable[[Any], APIRouter] = _resolve(self.routes)
        return factory(services)


def _resolve(path: str) -> Any:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


SURFACES: tuple[SurfaceSpec, ...] = (
    SurfaceSpec(
        Surface.SLACK,
        enabled=lambda settings: settings.slack_enabled,
        notifier="bot.transports.slack.notifier:build",
    ),
    SurfaceSpec(
        Surface.MSTEAMS,
        enabled=lambda settings: settings.msteams_enabled,
        notifier="bot.transports.msteams.notifier:build",
        person_in_conversation=True,
    ),
    SurfaceSpec(
        Surface.EMAIL,
        enabled=lambda settings: settings.email_enabled,
        notifier="bot.transports.email.setup:email_notifier",
        addressing=Addressing.EMAIL,
        typed_commands=False,
        routes="bot.transports.email.setup:email_router",
    ),
)

_BY_SURFACE = {spec.surface: spec for spec in SURFACES}


def spec_of(surface: Surface) -> SurfaceSpec | None:
    """The registry's entry for ``surface``; None for what is not a messaging surface (the
    command line, the web app, the scheduler)."""
    return _BY_SURFACE.get(surface)


def names() -> str:
    """The surfaces' names as people type them ("slack, teams"), for a refusal."""
    return ", ".join(spec.surface.word for spec in SURFACES)


def parse(text: str) -> Surface | None:
    """The surface a person typed ("slack", "Teams", "msteams"), or None."""
    typed = text.strip().lower()
    for spec in SURFACES:
        if typed in (spec.surface.word, spec.surface.value, spec.surface.name.lower()):
            return spec.surface
    return None


def chat_surfaces() -> tuple[Surface, ...]:
    """The surfaces whose users are linked to people by a chat address."""
    return tuple(spec.surface for spec in SURFACES if spec.addressing is Addressing.CHAT)


def enabled(settings: Settings) -> tuple[SurfaceSpec, ...]:
    """The surfaces the settings turn on, in the registry's order."""
    return tuple(spec for spec in SURFACES if spec.enabled(settings))
