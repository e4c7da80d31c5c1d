"""The surfaces commplan speaks on, in one place: adding one is its folder and an entry here.

Each entry says what the rest of commplan needs to know of a surface, and nothing of how it
talks: its ``Surface`` value (stored in audit rows and chat addresses), whether the settings
enable it and what they must then hold, the function that builds its ``Notifier`` and the one
that builds its app (what `serve` mounts and starts), the body limit of its routes, its line
on ``/``, how it addresses a person, a steering group and a team, whether people type commands
to it, and its driver in the permission matrix. Functions are named as ``module:function`` and
imported only when the surface is enabled (the Teams SDK alone is a second of every CLI start).
`serve`, ``/``, the HTTP edge and the settings read this table and name no surface
(pyproject.toml's forbidden contract); docs/architecture.md has the checklist for adding one.

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
from typing import TYPE_CHECKING, Any, Protocol

from config import Settings, load_settings
from storage.models import ChatAddress, Surface

if TYPE_CHECKING:
    from fastapi import APIRouter

    from scheduler.notifier import Notifier

KB = 1024


class SurfaceApp(Protocol):
    """What a surface serves over HTTP, as `serve` runs it."""

    def router(self) -> APIRouter:
        """The routes people (or the service) reach it at, mounted on the web app."""
        ...

    def start(self) -> None:
        """Start what runs beside the web app (Slack's Socket Mode); most start nothing."""
        ...


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
    # "module:function(services) -> SurfaceApp": its routes, mounted by `serve` when it is
    # enabled, and what it starts beside them. It may refuse settings only serving needs
    # (``SettingsError``: Teams' client secret and tenants).
    app: str
    # The largest request body its routes read, in bytes; a larger one is refused with 413
    # before it is read (bot/web/edge.py).
    max_body: int
    # The text (bot/texts/) of its line on ``/`` (bot/web/home.py) when it is enabled.
    home_line: str
    # "module:function(settings) -> None": raises ``SettingsError`` when the settings enable
    # the surface without what it needs; run wherever settings are loaded (``checked_settings``).
    settings_check: str | None = None
    # "module:name" of its driver in the permission matrix (tests/permissions/), which runs
    # every command and button of every role through it.
    matrix_driver: str = ""
    addressing: Addressing = Addressing.CHAT
    # People type commands to it (`upcoming`, `done 12`), besides pressing its buttons.
    typed_commands: bool = True
    # A person is written to in a conversation the surface opened when they first spoke to
    # the app (a Teams personal chat), not at their address (a Slack user id takes a message).
    person_in_conversation: bool = False
    # Its libraries' loggers that log every HTTP request at INFO: `serve` keeps them at
    # WARNING.
    quiet_loggers: tuple[str, ...] = ()

    def target(self, row: ChatAddress) -> str | None:
        """Where a message to the owner of ``row`` goes, or None while it cannot go yet."""
        if row.person_id is not None and self.person_in_conversation:
            return row.conversation
        return row.address

    def build_notifier(self, services: Any, timeout: float) -> Notifier:
        factory: Callable[[Any, float], Notifier] = resolve(self.notifier)
        return factory(services, timeout)

    def build_app(self, services: Any) -> SurfaceApp:
        factory: Callable[[Any], SurfaceApp] = resolve(self.app)
        return factory(services)

    def check_settings(self, settings: Settings) -> None:
        if self.settings_check is not None:
            check: Callable[[Settings], None] = resolve(self.settings_check)
            check(settings)


def resolve(path: str) -> Any:
    """What a "module:name" names, its module imported now."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


# A list, not a tuple: ``add`` registers one more in place (those who imported it see it).
SURFACES: list[SurfaceSpec] = [
    SurfaceSpec(
        Surface.SLACK,
        enabled=lambda settings: settings.slack_enabled,
        notifier="bot.transports.slack.notifier:build",
        app="bot.transports.slack.app:build",
        # A Slack interaction payload (a message's blocks, a modal's state) stays far below.
        max_body=1024 * KB,
        home_line="home.slack",
        settings_check="bot.transports.slack.settings:check",
        matrix_driver="tests.permissions.drivers:SlackDriver",
        quiet_loggers=("slack_sdk",),
    ),
    SurfaceSpec(
        Surface.MSTEAMS,
        enabled=lambda settings: settings.msteams_enabled,
        notifier="bot.transports.msteams.notifier:build",
        app="bot.transports.msteams.app:build",
        # A Teams activity is a few KB; Teams caps a message at about 28 KB.
        max_body=256 * KB,
        home_line="home.teams",
        matrix_driver="tests.permissions.drivers:MsTeamsDriver",
        person_in_conversation=True,
    ),
    SurfaceSpec(
        Surface.EMAIL,
        enabled=lambda settings: settings.email_enabled,
        notifier="bot.transports.email.setup:email_notifier",
        app="bot.transports.email.setup:email_app",
        # A link's confirming form: a comment at most.
        max_body=16 * KB,
        home_line="home.email",
        settings_check="bot.transports.email.settings:check",
        matrix_driver="tests.permissions.drivers:EmailDriver",
        addressing=Addressing.EMAIL,
        typed_commands=False,
    ),
]
# Where a notice goes when the settings enable no surface: printed (`commplan reminders run`
# on a laptop). The console is an operator's surface, not a registry entry: nobody is
# addressed on it and `serve` mounts nothing for it.
FALLBACK_NOTIFIER = "bot.transports.console.notifier:build"

_BY_SURFACE = {spec.surface: spec for spec in SURFACES}


def spec_of(surface: Surface) -> SurfaceSpec | None:
    """The registry's entry for ``surface``; None for what is not a messaging surface (the
    command line, the web app, the scheduler)."""
    return _BY_SURFACE.get(surface)


def spec(surface: Surface) -> SurfaceSpec:
    """The entry of a registered surface (a surface's own code asking for its limits)."""
    return _BY_SURFACE[surface]


def add(entry: SurfaceSpec) -> Callable[[], None]:
    """Register one more surface, after the others; returns the function that removes it.
    For a surface that lives outside this table: the test-only surface of the contract suites
    (tests/transports/contract/), which proves that a folder and this one line are enough."""
    if entry.surface in _BY_SURFACE:
        raise ValueError(f"{entry.surface} is registered already")
    SURFACES.append(entry)
    _BY_SURFACE[entry.surface] = entry

    def remove() -> None:
        SURFACES.remove(entry)
        del _BY_SURFACE[entry.surface]

    return remove


def checked_settings(**overrides: Any) -> Settings:
    """The settings (``config.load_settings``), refused with ``SettingsError`` when they enable
    a surface without what it needs: what every command and `serve` start from."""
    settings = load_settings(**overrides)
    for entry in enabled(settings):
        entry.check_settings(settings)
    return settings


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
