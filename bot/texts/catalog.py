"""Looking up a user-facing string in the reader's language.

Each area of the bot keeps its strings in one module of this package (``common.py``,
``importing.py``, ...) as ``MESSAGES: dict[key, {"da": ..., "sv": ..., "en": ...}]`` so that the
three languages stay side by side and in step; ``tests/test_texts.py`` checks that every key has
all three and that they use the same ``{placeholders}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from babel.dates import format_date

from config.languages import Language

# The CLDR locale of each language commplan speaks (British English: day before month).
LOCALES: dict[Language, str] = {"da": "da_DK", "sv": "sv_SE", "en": "en_GB"}

Messages = Mapping[str, Mapping[Language, str]]

_REGISTRY: dict[str, Mapping[Language, str]] = {}


def register(messages: Messages) -> None:
    """Add an area's strings; a key may be defined once only."""
    for key, texts in messages.items():
        if key in _REGISTRY:
            raise ValueError(f"text key defined twice: {key}")
        _REGISTRY[key] = texts


def t(key: str, language: Language, /, **values: object) -> str:
    """The string ``key`` in ``language`` with ``values`` filled in: a day among them reads as
    the language writes it ("7. december 2026"), a Phrase in the language, and a whole number
    picks its word's plural form where the template says ``{count:aktivitet|aktiviteter}``.

    An unknown key is a programming error and raises ``KeyError``.
    """
    template = _REGISTRY[key][language]
    if not values:
        return template
    return template.format(**{name: _shown(value, language) for name, value in values.items()})


@dataclass(frozen=True, slots=True)
class _Count:
    """A whole number in a template: ``{count}`` as it is, ``{count:dag|dage}`` the word in
    the form CLDR's plural rule of the language asks for ("1 dag", "2 dage")."""

    value: int
    language: Language

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return format(self.value, spec)
        one, other = spec.split("|", 1)
        form = Locale.parse(LOCALES[self.language]).plural_form(abs(self.value))
        return one if form == "one" else other


def _shown(value: object, language: Language) -> object:
    # A moment (a datetime) needs its reader's zone: bot/texts/local.py's Reader says it.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return format_date(value, "long", locale=LOCALES[language])
    if isinstance(value, Phrase):
        return value.text(language)
    if isinstance(value, int) and not isinstance(value, bool):
        return _Count(value, language)
    return value


def all_messages() -> Mapping[str, Mapping[Language, str]]:
    """Every registered string, for the consistency test."""
    return dict(_REGISTRY)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A catalogue text not yet put in a language: what a table cell, a heading or a title
    holds until the renderer knows its reader (``Phrase("status.done")``)."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: Language) -> str:
        return t(self.key, language, **self.values)


def verbatim(text: str) -> Phrase:
    """Text that is the same in every language (a week number, a plan's own words)."""
    return Phrase("text.verbatim", {"text": text})
