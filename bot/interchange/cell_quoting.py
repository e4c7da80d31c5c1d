"""Text a spreadsheet would run as a formula: how a CSV export quotes it, how an import reads
it back (OWASP "CSV injection").

Excel, LibreOffice and Google Sheets treat a cell opening with ``=``, ``+``, ``-`` or ``@``
as a formula (``=HYPERLINK(...)``, ``+1+cmd|' /C calc'!A0``, ``@SUM(A1:A2)``), and a leading
tab or carriage return can hide such an opening. A CSV export puts a ``'`` in front of such a
cell, so the program shows it as text; an import takes that one ``'`` off again, so the round
trip gives the original text. A text that itself opens with quotes before such a character
(``'=x``) gets one more quote, so the rule can always be undone.

Not defusedcsv: it rewrites ``|`` to ``\\|`` inside the cell (not undone on reading), leaves tab
and carriage return alone, and does not quote a text that already opens with ``'``, so its
output cannot be read back as the text that went in.
"""

from __future__ import annotations

TRIGGERS = frozenset("=+-@\t\r")
QUOTE = "'"


def _opens_formula(text: str) -> bool:
    return text.lstrip(QUOTE)[:1] in TRIGGERS


def neutralise(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs."""
    return QUOTE + text if _opens_formula(text) else text


def restore(text: str) -> str:
    """The text ``neutralise`` was given, from a CSV cell (other cells are left as they are)."""
    if text.startswith(QUOTE) and _opens_formula(text[1:]):
        return text[1:]
    return text
