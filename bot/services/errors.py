"""Errors a surface shows to a person: a key into ``bot.texts`` plus values, never a traceback."""

from __future__ import annotations

from bot.texts import t
from config.languages import Language


class ServiceError(Exception):
    """A request that cannot be carried out; nothing was changed.

    ``message(language)`` is the one line to show; ``str()`` is the English one, for logs.
    """

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self, language: Language) -> str:
        return t(self.key, language, **self.values)

    def __str__(self) -> str:
        return self.message("en")


class NotFound(ServiceError):
    """A team, plan, person or activity that does not exist."""


class Ambiguous(ServiceError):
    """A name that fits more than one thing (a plan name used in two teams)."""


class Invalid(ServiceError):
    """A value that cannot be accepted."""
