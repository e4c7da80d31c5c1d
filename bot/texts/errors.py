"""The one error a person is shown: a key into the texts catalogue plus values, never a traceback.

It lives beside the catalogue, below every part of the bot, because the services raise it and so
do the file readers below them (bot/importing); ``bot.services.errors`` adds its kinds.
"""

from __future__ import annotations

from bot.texts.catalog import t
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
