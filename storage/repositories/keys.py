"""How names are compared: aliases, slugs and e-mail addresses."""

from __future__ import annotations

import re
import unicodedata


def alias_key(text: str) -> str:
    """Casefolded with whitespace collapsed: "Fc ", "FC" and "fc" are one alias."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def email_key(text: str) -> str:
    return text.strip().lower()


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "a", "ö": "o", "ü": "u", "é": "e"})


def slugify(text: str) -> str:
    """A URL- and command-safe name: "Udbud – Social" gives "udbud-social"."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    return _NOT_SLUG.sub("-", folded).strip("-")[:64] or "team"
