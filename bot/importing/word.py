"""Reading a Word (.docx) file: its body's paragraphs and tables, in order.

The XML is walked directly (python-docx opens the package and resolves styles) because the
table API re-reads the whole grid for every cell, which is quadratic on a 2,000-row plan.
Merged cells are spread: a cell spanning two grid columns gives both the same text, a cell
merged downwards gives the rows below its text.

A row is marked done when its first cell with text (not one merged from above) is shaded red,
or all its text is red (font colour, red highlighter, red run shading) or struck through. Only
the formatting written on the runs and cells counts, not what a style gives them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn
from lxml import etree

from bot.importing.document import Block, Document, Paragraph, Row, Table
from bot.importing.errors import Where, too_many_cells, too_many_rows
from bot.importing.limits import Limits
from bot.importing.marks import RED, RED_HIGHLIGHTS, STRUCK, is_red

_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_SDT_CONTENT, _T, _TAB, _BR, _CR = (
    qn("w:sdtContent"),
    qn("w:t"),
    qn("w:tab"),
    qn("w:br"),
    qn("w:cr"),
)
_VAL = qn("w:val")
_R, _RPR, _TCPR, _SHD = qn("w:r"), qn("w:rPr"), qn("w:tcPr"), qn("w:shd")
_FILL, _COLOR, _HIGHLIGHT = qn("w:fill"), qn("w:color"), qn("w:highlight")
_STRIKES = (qn("w:strike"), qn("w:dstrike"))
_OFF = frozenset({"0", "false", "off"})


def read_word(name: str, content: bytes, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    document = docx.Document(io.BytesIO(content))
    headings = _heading_style_ids(document)
    blocks: list[Block] = []
    table_number = 0
    rows_left = limits.max_rows
    for element in _body_blocks(document.element.body):
        if element.tag == _P:
            text = _paragraph_text(element)
            if text.strip():
                blocks.append(Paragraph(text.strip(), heading=_style_id(element) in headings))
        else:
            table_number += 1
            where = Where(name, f"Table {table_number}")
            table = Table(where.table or "", tuple(_rows(element, where, limits, rows_left)))
            rows_left -= len(table.rows)
            blocks.append(table)
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


def _rows(table: etree._Element, where: Where, limits: Limits, rows_left: int) -> Iterator[Row]:
    above: dict[int, str] = {}  # grid column -> text of the cell there in the row above
    number = 0
    widest = 0
    for row in table.iter(_TR):
        if row.getparent() is not None and _enclosing_table(row) is not table:
            continue  # a row of a table nested in a cell: its text is in that cell already
        number += 1
        if number > rows_left:
            raise too_many_rows(Where(where.file, where.table, number), limits.max_rows)
        cells: list[str] = []
        mark: str | None = None
        marked = False  # whether the row's first cell with text of its own was seen
        for cell in row.iterchildren(_TC):
            properties = cell.find(_TCPR)
            span, continues = _merged(properties)
            column = len(cells)
            widest = max(widest, column + span)
            if widest * number > limits.max_cells:
                raise too_many_cells(
                    Where(where.file, where.table, number, str(widest)),
                    number,
                    widest,
                    limits.max_cells,
                )
            text = above.get(column, "") if continues else _cell_text(cell)
            if not continues and not marked and text:
                mark, marked = _cell_mark(cell, properties), True
            for offset in range(span):
                above[column + offset] = text
                cells.append(text)
        yield Row(number, tuple(cells), mark)


def _merged(properties: etree._Element | None) -> tuple[int, bool]:
    """How many grid columns a cell spans, and whether it continues the merged cell above."""
    if properties is None:
        return 1, False
    span = 1
    grid_span = properties.find(qn("w:gridSpan"))
    if grid_span is not None:
        span = max(1, int(grid_span.get(_VAL) or 1))
    v_merge = properties.find(qn("w:vMerge"))
    return span, v_merge is not None and v_merge.get(_VAL) in (None, "continue")


def _cell_mark(cell: etree._Element, properties: etree._Element | None) -> str | None:
    """How a cell marks its row as done: all its text struck through, else shaded red or all
    its text red."""
    runs = [run for run in cell.iter(_R) if any(text.strip() for text in run.itertext(_T))]
    if runs and all(_struck(run) for run in runs):
        return STRUCK
    shading = None if properties is None else properties.find(_SHD)
    if shading is not None and is_red(shading.get(_FILL)):
        return RED
    if runs and all(_red_run(run) for run in runs):
        return RED
    return None


def _struck(run: etree._Element) -> bool:
    properties = run.find(_RPR)
    if properties is None:
        return False
    for tag in _STRIKES:
        strike = properties.find(tag)
        if strike is not None and (strike.get(_VAL) or "true").casefold() not in _OFF:
            return True
    return False


def _red_run(run: etree._Element) -> bool:
    properties = run.find(_RPR)
    if properties is None:
        return False
    colour = properties.find(_COLOR)
    if colour is not None and is_red(colour.get(_VAL)):
        return True
    highlight = properties.find(_HIGHLIGHT)
    if highlight is not None and (highlight.get(_VAL) or "").casefold() in RED_HIGHLIGHTS:
        return True
    shading = properties.find(_SHD)
    return shading is not None and is_red(shading.get(_FILL))


def _enclosing_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent
