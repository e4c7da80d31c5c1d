"""Cell values as each writer puts them: the one place a value becomes a cell of a file.

A plan's text may open like a formula (``=HYPERLINK(...)``, ``+1+cmd|...``, ``@SUM(...)``): a
CSV cell gets a leading ``'`` (``bot.interchange.cell_quoting``, which an import undoes); an
Excel cell is always a text cell, never a formula, so it needs no quote; Word runs nothing.
"""

from __future__ import annotations

import datetime as dt

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as SheetCell

from bot.interchange.cell_quoting import neutralise
from bot.pages.colours import DONE
from bot.services.exports import Cell

DONE_COLOUR = DONE.lstrip("#").upper()  # the done green of the page, as Office writes colours


def as_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def csv_text(value: Cell) -> str:
    """A CSV cell: text that no spreadsheet opening the file runs as a formula."""
    return neutralise(as_text(value))


def put(cell: SheetCell, value: Cell) -> None:
    """An Excel cell: a date cell for a date, else a text cell whatever the text opens with.

    openpyxl makes any string opening with "=" a formula; the type is set after the value to
    keep it text. Control characters other than tab and line breaks cannot be stored in .xlsx
    (openpyxl refuses them): they are left out.
    """
    if value is None:
        cell.value = None
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
