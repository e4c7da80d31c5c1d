"""Dates as people read them: "26. november 2026", "26 november 2026", "26 November 2026"
(CLDR's long date, through Babel: bot/texts/local.py)."""

from __future__ import annotations

import datetime as dt

from bot.texts.local import long_date_text
from config.languages import Language


def day_text(day: dt.date, language: Language) -> str:
    return long_date_text(day, language)
