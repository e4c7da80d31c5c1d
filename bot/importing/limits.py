"""How much a file may hold before it is refused, checked before the work it would cost.

A 5 KB .xlsx can name a cell at XFD1048576 and a 3 MB .docx can unpack to gigabytes of XML:
the size of the file says little. So an Office file's zip directory is summed before any part is
opened, and the readers count rows and cells as they go, stopping at the first one over.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class Limits:
    # Rows of all tables together (COMMPLAN_MAX_IMPORT_ROWS): a plan has tens to hundreds.
    max_rows: int = DEFAULT_MAX_ROWS
    # Cells of one table as a grid, last used row x last used column: 10,000 rows of 100
    # columns. A plan has about ten columns; a stray cell far to the right makes every row wide.
    max_cells: int = 1_000_000
    # Bytes of all parts of a .docx/.xlsx unpacked, pictures included, by the zip directory.
    max_unpacked: int = 100_000_000
    # Bytes of the XML parts unpacked: a parsed tree takes up to 12 times its text, and a
    # 2,000-row Word plan has about 5 MB of XML.
    max_xml: int = 25_000_000
    # Parts of a .docx/.xlsx: Word writes about 15, a workbook with 50 sheets about 150.
    max_members: int = 2_000
