"""Who typed a command or pressed a button in a chat, where, and in what language to answer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.actor import Actor
from config.languages import Language
from storage.models import Surface


@dataclass(frozen=True, slots=True)
class Place:
    """The conversation a command came from: `connect GROUP` makes it a steering group's
    channel. ``service_url`` is Teams' Bot Connector region for it (Slack has none)."""

    surface: Surface
    conversation_id: str
    service_url: str | None = None
    is_channel: bool = False


@dataclass(frozen=True, slots=True)
class Caller:
    actor: Actor
    language: Language
    place: Place | None = None

    @property
    def person_id(self) -> int | None:
        return self.actor.person_id
