"""Looking up a user-facing string in the reader's language.

Each area of the bot keeps its strings in one module of this package (``common.py``,
``importing.py``, ...) as ``MESSAGES: dict[key, {"da": ..., "sv": ..., "en": ...}]`` so that the
three languages stay side by side and in step; ``tests/test_texts.py`` checks that every key has
all three and that they use the same ``{placeholders}``.
"""

from __future__ import annotations

from collections.abc import Mapping

from config.languages import Language

Messages = Mapping[str, Mapping[Language, str]]

_REGISTRY: dict[str, Mapping[Language, str]] = {}


def register(messages: Messages) -> None:
    """Add an area's strings; a key may be defined once only."""
    for key, texts in messages.items():
        if key in _REGISTRY:
            raise ValueError(f"text key defined twice: {key}")
        _REGISTRY[key] = texts


def t(key: str, language: Language, /, **values: object) -> str:
    """The string ``key`` in ``language`` with ``values`` filled in.

    An unknown key is a programming error and raises ``KeyError``.
    """
    template = _REGISTRY[key][language]
    return template.format(**values) if values else template


def all_messages() -> Mapping[str, Mapping[Language, str]]:
    """Every registered string, for the consistency test."""
    return dict(_REGISTRY)
