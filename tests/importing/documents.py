"""Building Word, Excel and CSV plans for tests, in the shapes real plans come in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl
import openpyxl.styles
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

UDBUD_HEADER = (
    "HVEM\nMålgruppe/\nInteressenter",
    "HVAD\nKernebudskab",
    "HVORDAN\nKommunikations-form",
    "HVORNÅR\nTermin for handling",
    "ANSVARLIG",
    "FORVENTET REAKTION",
    "BEMÆRKNINGER",
)


@dataclass
class WordTable:
    rows: Sequence[Sequence[str]]
    # (row, first column, last column): cells merged across, as Word's gridSpan
    spans: Sequence[tuple[int, int, int]] = ()
    # (column, first row, last row): cells merged downwards, as Word's vMerge
    down: Sequence[tuple[int, int, int]] = ()


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Text:
    text: str


WordBlock = WordTable | Heading | Text


def write_word(path: Path, blocks: Sequence[WordBlock]) -> Path:
    document = docx.Document()
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Text):
            document.add_paragraph(block.text)
        else:
            _word_table(document, block)
    document.save(str(path))
    return path


def _word_table(document: docx.document.Document, spec: WordTable) -> None:
    width = max(len(row) for row in spec.rows)
    table = document.add_table(rows=len(spec.rows), cols=width)
    for row, values in zip(table.rows, spec.rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            lines = value.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    for row_index, first, last in spec.spans:
        table.cell(row_index, first).merge(table.cell(row_index, last))
    for column, first, last in spec.down:
        _merge_down(table, column, first, last)


def _merge_down(table: docx.table.Table, column: int, first: int, last: int) -> None:
    """Mark cells as merged downwards in the XML, keeping each cell's own (ignored) text."""
    for index in range(first, last + 1):
        cell = table.rows[index].cells[column]
        properties = cell._tc.get_or_add_tcPr()
        merge = OxmlElement("w:vMerge")
        if index == first:
            merge.set(qn("w:val"), "restart")
        properties.append(merge)


@dataclass
class Sheet:
    title: str
    rows: Sequence[Sequence[object]]
    merged: Sequence[str] = ()
    hidden: bool = False
    extra: dict[str, object] = field(default_factory=dict)
    # Cells given a fill colour (a week grid's marks without text): "E5", ...
    fills: Sequence[str] = ()


def write_excel(path: Path, sheets: Sequence[Sheet]) -> Path:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        for row in spec.rows:
            sheet.append(list(row))
        for cells in spec.merged:
            sheet.merge_cells(cells)
        if spec.hidden:
            sheet.sheet_state = "hidden"
        for ref in spec.fills:
            sheet[ref].fill = openpyxl.styles.PatternFill("solid", fgColor="70AD47")
    workbook.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[str]], *, delimiter: str = ";", encoding: str = "utf-8"
) -> Path:
    text = "\r\n".join(delimiter.join(_quote(cell, delimiter) for cell in row) for row in rows)
    path.write_bytes(text.encode(encoding) + b"\r\n")
    return path


def _quote(cell: str, delimiter: str) -> str:
    if any(char in cell for char in (delimiter, '"', "\n")):
        return '"' + cell.replace('"', '""') + '"'
    return cell
