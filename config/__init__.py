"""Settings and shared vocabulary; imports nothing else of commplan."""

from config.languages import LANGUAGES, Language, as_language
from config.settings import Settings, SettingsError, load_settings

__all__ = ["LANGUAGES", "Language", "Settings", "SettingsError", "as_language", "load_settings"]
