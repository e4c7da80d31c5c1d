"""Reading a CSV file: UTF-8 with or without BOM, or cp1252 (Excel's "CSV" on Danish and
Swedish Windows); the delimiter is whichever of ; , tab | splits the header best.

Our own CSV exports are read back as they were written: the ``'`` an export put before a cell
that would run as a formula is taken off again (``cell_quoting``), and the plan's identity line
at the top is recognised and left out of the table (``identity``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from bot.importing.document import Document, Row, Table
from bot.importing.errors import ImportFailed, Where, too_many_cells, too_many_rows
from bot.interchange.cell_quoting import restore
from bot.interchange.identity import PlanIdentity, parse

DELIMITERS = (";", ",", "\t", "|")
_SNIFF = 65_536  # characters looked at to choose the delimiter: the first 30 lines are in them


def decode(name: str, content: bytes) -> str:
    bom = 3 if content.startswith(b"\xef\xbb\xbf") else 0
    content = content[bom:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as err:
        # Counted from 1, from the start of the file, as a hex editor shows it.
        raise ImportFailed(
            "import.error.encoding", Where(name), offset=bom + err.start + 1
        ) from None


def choose_delimiter(text: str) -> str:
    """The delimiter giving the most rows of one same width (>1) among the first lines."""
    lines = [line for line in text[:_SNIFF].splitlines()[:30] if line.strip()]
    best, best_score = ",", -1
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = widths.count(common) * (common > 1) * 1000 + common
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_delimited(
    name: str, content: bytes, *, max_rows: int | None = None, max_cells: int | None = None
) -> Document:
    text = decode(name, content)
    delimiter = choose_delimiter(text)
    rows: list[Row] = []
    identity: PlanIdentity | None = None
    lines: Iterable[str] = io.StringIO(text, newline="")
    if max_cells is not None:
        lines = _bounded(lines, name, delimiter, max_cells)
    reader = csv.reader(lines, delimiter=delimiter)
    first_line = 1  # a quoted cell may run over several lines: a row is named by its first
    try:
        for cells in reader:
            if max_rows is not None and len(rows) >= max_rows:
                raise too_many_rows(Where(name, "Table 1", first_line), max_rows)
            row = Row(first_line, tuple(restore(cell.strip()) for cell in cells))
            first_line = reader.line_num + 1
            if not rows and identity is None and (identity := _identity(row)) is not None:
                continue
            rows.append(row)
    except csv.Error as err:
        raise ImportFailed(
            "import.error.csv", Where(name, "Table 1", reader.line_num), detail=str(err)
        ) from None
    return Document(name, "csv", (Table("Table 1", tuple(rows)),), identity=identity)


def _identity(row: Row) -> PlanIdentity | None:
    """The identity line an export writes first (Excel may add empty cells after it)."""
    if not row.cells or any(row.cells[1:]):
        return None
    return parse(row.cells[0])


def _bounded(lines: Iterable[str], name: str, delimiter: str, max_cells: int) -> Iterator[str]:
    """The lines, refused at the first that makes lines x widest line over ``max_cells``.

    The csv module makes a whole row before it can be counted: one 20 MB line of "ab;ab;..."
    would be millions of strings. A line's separators bound its cells, counted at C speed.
    """
    widest = 0
    for number, line in enumerate(lines, 1):
        widest = max(widest, line.count(delimiter) + 1)
        if number * widest > max_cells:
            raise too_many_cells(Where(name, "Table 1", number), number, widest, max_cells)
        yield line
