"""Reading a Word (.docx) file: its body's paragraphs and tables, in order.

The XML is walked directly (python-docx opens the package and resolves styles) because the
table API re-reads the whole grid for every cell, which is quadratic on a 2,000-row plan.
Merged cells are spread: a cell spanning two grid columns gives both the same text, a cell
merged downwards gives the rows below its text.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn
from lxml import etree

from bot.importing.document import Block, Document, Paragraph, Row, Table

_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_SDT_CONTENT, _T, _TAB, _BR, _CR = (
    qn("w:sdtContent"),
    qn("w:t"),
    qn("w:tab"),
    qn("w:br"),
    qn("w:cr"),
)
_VAL = qn("w:val")


def read_word(name: str, content: bytes) -> Document:
    document = docx.Document(io.BytesIO(content))
    headings = _heading_style_ids(document)
    blocks: list[Block] = []
    table_number = 0
    for element in _body_blocks(document.element.body):
        if element.tag == _P:
            text = _paragraph_text(element)
            if text.strip():
                blocks.append(Paragraph(text.strip(), heading=_style_id(element) in headings))
        else:
            table_number += 1
            blocks.append(Table(f"Table {table_number}", tuple(_rows(element))))
    return Document(name, "docx", tuple(blocks))


def _body_blocks(parent: etree._Element) -> Iterator[etree._Element]:
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:  # a content control wrapping paragraphs or a table
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _body_blocks(content)


def _heading_style_ids(document: docx.document.Document) -> frozenset[str]:
    """Style ids of titles and headings, whatever the language of Word that wrote the file.

    A Danish Word calls Heading 1 "Overskrift1" in the id, but keeps the built-in English name.
    """
    ids = set()
    for style in document.styles:
        name = (style.name or "").casefold()
        if name.startswith(("heading", "title", "subtitle")):
            ids.add(style.style_id)
    return frozenset(ids)


def _style_id(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(_VAL)


def _paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell: etree._Element) -> str:
    lines = [_paragraph_text(p).strip() for p in cell.iter(_P)]
    return "\n".join(line for line in lines if line)


def _rows(table: etree._Element) -> Iterator[Row]:
    above: dict[int, str] = {}  # grid column -> text of the cell there in the row above
    number = 0
    for row in table.iter(_TR):
        if row.getparent() is not None and _enclosing_table(row) is not table:
            continue  # a row of a table nested in a cell: its text is in that cell already
        number += 1
        cells: list[str] = []
        for cell in row.iterchildren(_TC):
            properties = cell.find(qn("w:tcPr"))
            span, continues = 1, False
            if properties is not None:
                grid_span = properties.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = max(1, int(grid_span.get(_VAL) or 1))
                v_merge = properties.find(qn("w:vMerge"))
                continues = v_merge is not None and v_merge.get(_VAL) in (None, "continue")
            column = len(cells)
            text = above.get(column, "") if continues else _cell_text(cell)
            for offset in range(span):
                above[column + offset] = text
                cells.append(text)
        yield Row(number, tuple(cells))


def _enclosing_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent
