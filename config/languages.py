"""The languages commplan speaks. Every string a user reads exists in each of them."""

from __future__ import annotations

from typing import Literal, get_args

Language = Literal["da", "sv", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)


def as_language(value: str | None, default: Language = "en") -> Language:
    """Map a locale or language tag ("da-DK", "sv_SE", "en-GB", "nb") to one we speak."""
    if not value:
        return default
    head = value.replace("_", "-").split("-")[0].lower()
    for language in LANGUAGES:
        if head == language:
            return language
    return default
