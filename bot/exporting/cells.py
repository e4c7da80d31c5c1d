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
from bot.interchange.tables import Cell
from bot.pages.colours import DONE

DONE_COLOUR = DONE.lstrip("#").upper()  # the done green of the page, as Office writes colours


# What a file's cell may hold: a plan's cells, and the numbers and moments of the deviations
# and the audit (a moment already in the zone the file's heading names).
FileCell = Cell | int | float | dt.datetime


def as_text(value: FileCell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"  # local, to the minute: the heading names the zone
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    return value


def csv_text(value: FileCell) -> str:
    """A CSV cell: text that no spreadsheet opening the file runs as a formula."""
    return neutralise(as_text(value))


def put(cell: SheetCell, value: FileCell) -> None:
    """An Excel cell typed as its value: a date (or date-and-time) cell for a day (a moment), a
    number cell for a number, else a text cell whatever the text opens with.

    openpyxl makes any string opening with "=" a formula; the type is set after the value to
    keep it text. Control characters other than tab and line breaks cannot be stored in .xlsx
    (openpyxl refuses them): they are left out.
    """
    if value is None:
        cell.value = None
    elif isinstance(value, dt.datetime):
        cell.value = value.replace(tzinfo=None)  # local: the heading names the zone
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, bool):
        cell.value = str(value)
        cell.data_type = "s"
    elif isinstance(value, int | float):
        cell.value = value
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
