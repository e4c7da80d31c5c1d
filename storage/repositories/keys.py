"""How names are compared: aliases, slugs and e-mail addresses."""

from __future__ import annotations

import re
import unicodedata


def alias_key(text: str) -> str:
    """Casefolded with whitespace collapsed: "Fc ", "FC" and "fc" are one alias."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_TRAILING = ".,;:!?\u2026 \t\n\u00a0"


def trim_name(text: str) -> str:
    """A name without the punctuation and spaces a sentence leaves after it: "FC." as the
    Kalmar plan writes it, "styrelsen." at the end of a cell. Punctuation only stays."""
    trimmed = text.strip().rstrip(_TRAILING)
    return trimmed or text.strip()


def name_key(text: str) -> str:
    """How a person's name or alias is compared: "FC.", "Fc " and "fc" are one name."""
    return alias_key(trim_name(text))


def email_key(text: str) -> str:
    return text.strip().lower()


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "a", "ö": "o", "ü": "u", "é": "e"})


def slugify(text: str) -> str:
    """A URL- and command-safe name: "Udbud – Social" gives "udbud-social"."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    return _NOT_SLUG.sub("-", folded).strip("-")[:64] or "team"
