"""A file's content as the importer sees it: paragraphs and tables of plain text, in order.

Each reader (Word, Excel, CSV) produces this shape, so that finding the plan in it is written
once. A row carries the mark a person gave it (red, struck through), not its
formatting. Merged cells are already spread over the cells they cover, as a reader of the table sees
them: a target group merged down three rows is the target group of all three.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.interchange.identity import PlanIdentity


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    heading: bool = False  # a title or heading style, or a title row above a sheet's table


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # as a person finds it: the row within a Word table, a sheet's row, a CSV line
    cells: tuple[str, ...]
    # How the row is marked as done in the file, if it is: "red" (red text or shading of the
    # row or its first cell) or "struck" (struck through). CSV has no marks.
    mark: str | None = None
    # The columns (from 0) of empty cells with a fill colour: a week grid's marks can be
    # coloured cells without text (bot/importing/grids.py). Only Excel says.
    filled: frozenset[int] = frozenset()

    @property
    def empty(self) -> bool:
        return not any(self.cells) and not self.filled


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # "Table 2", a sheet's name
    rows: tuple[Row, ...]
    columns: tuple[str, ...] = ()  # how a person names column i: "C" in a sheet, else "3"

    def column_name(self, index: int) -> str:
        return self.columns[index] if index < len(self.columns) else str(index + 1)


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Document:
    name: str  # the file's name, for messages
    kind: str  # "docx", "xlsx" or "csv"
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    # The plan an export of ours came from (bot/interchange/identity.py), when the file says.
    identity: PlanIdentity | None = None

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(block for block in self.blocks if isinstance(block, Table))
