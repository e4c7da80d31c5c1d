"""Cell values as text, the way each writer shows them."""

from __future__ import annotations

import datetime as dt

from bot.services.exports import Cell

DONE_COLOUR = "C00000"  # dark red: readable on white (contrast 5.9:1)


def as_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
