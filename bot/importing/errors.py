"""A file that cannot be imported: one message naming the file and, where it applies, the
table, row and column; nothing is written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.texts import t
from bot.texts.errors import ServiceError
from config.languages import Language

_NUMBERED = re.compile(r"Table (\d+)")


@dataclass(frozen=True, slots=True)
class Where:
    file: str
    table: str | None = None
    row: int | None = None
    column: str | None = None

    def describe(self, language: Language) -> str:
        parts = [self.file]
        if self.table is not None:
            # The readers name a Word or CSV table "Table N"; a sheet keeps its own name.
            numbered = _NUMBERED.fullmatch(self.table)
            table = numbered.group(1) if numbered else self.table
            parts.append(t("import.where.table", language, table=table))
        if self.row is not None:
            parts.append(t("import.where.row", language, row=self.row))
        if self.column is not None:
            parts.append(t("import.where.column", language, column=self.column))
        return ", ".join(parts)


class ImportFailed(ServiceError):
    """The file cannot be read as a plan; ``where`` says which file, table, row and column."""

    def __init__(self, key: str, where: Where, **values: object) -> None:
        super().__init__(key, **values)
        self.where = where

    def message(self, language: Language) -> str:
        return f"{self.where.describe(language)}: {super().message(language)}"


def too_many_cells(where: Where, rows: int, columns: int, limit: int) -> ImportFailed:
    """A table whose rows × columns (to its last used cell) pass the cells limit, found before
    the rest is read; ``where`` names the row (and, in a sheet, the column) it was found at."""
    return ImportFailed(
        "import.error.too_many_cells",
        where,
        rows=rows,
        columns=columns,
        cells=rows * columns,
        limit=limit,
    )


def too_many_rows(where: Where, limit: int) -> ImportFailed:
    """The row past the limit (COMMPLAN_MAX_IMPORT_ROWS), found before the rest is read."""
    return ImportFailed("import.error.too_many_rows", where, limit=limit)
