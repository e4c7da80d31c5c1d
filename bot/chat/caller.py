"""Who typed a command or pressed a button in a chat, and in what language to answer."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.actor import Actor
from config.languages import Language


@dataclass(frozen=True, slots=True)
class Caller:
    actor: Actor
    language: Language

    @property
    def person_id(self) -> int | None:
        return self.actor.person_id
