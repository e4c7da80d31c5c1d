"""Settings and shared vocabulary; imports nothing else of commplan.

The settings (pydantic-settings, a tenth of a second to import) load when a name of theirs is
first asked for, so that what needs only the languages (`commplan --help`, the texts) does not
pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from config.languages import LANGUAGES, Language, as_language

if TYPE_CHECKING:
    from config.settings import Settings, SettingsError, load_settings

__all__ = ["LANGUAGES", "Language", "Settings", "SettingsError", "as_language", "load_settings"]

_IN_SETTINGS = frozenset({"Settings", "SettingsError", "load_settings"})


def __getattr__(name: str) -> object:
    if name in _IN_SETTINGS:
        return getattr(importlib.import_module("config.settings"), name)
    raise AttributeError(f"module 'config' has no attribute {name!r}")
