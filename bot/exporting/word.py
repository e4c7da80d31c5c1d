"""Word export: the plan's title, date and purpose, then its table on landscape A4 pages with
the header row repeated on each page and done rows in the done colour (and said so in the
Status column); the plan's identity as a custom document property.

Word runs no formulas: cell text is written as it is.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from bot.exporting.cells import DONE_COLOUR, as_text
from bot.interchange.identity import PROPERTY, PlanIdentity
from bot.interchange.tables import PlanTable


def write_docx(table: PlanTable, path: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    document.add_heading(table.name, level=0)
    if table.dated:
        document.add_paragraph(table.dated.isoformat())
    if table.purpose:
        document.add_heading(table.purpose_heading, level=1)
        for line in table.purpose.split("\n"):
            document.add_paragraph(line)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.headings))
    grid.style = "Table Grid"
    rows = grid.rows
    _repeat_header(rows[0])
    for cell, heading in zip(rows[0].cells, table.headings, strict=True):
        _write(cell, heading, bold=True)
    done = RGBColor.from_string(DONE_COLOUR)
    for row, values in zip(rows[1:], table.rows, strict=True):
        for cell, value in zip(row.cells, values.cells, strict=True):
            _write(cell, as_text(value), colour=done if values.done else None)
    if table.identity is not None:
        _add_identity(document, table.identity)
    document.save(str(path))


def _write(
    cell: docx.table._Cell, text: str, *, bold: bool = False, colour: RGBColor | None = None
) -> None:
    """One paragraph per line, as people write multi-line cells ("HVEM / Målgruppe")."""
    for number, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(9)
        if colour is not None:
            run.font.color.rgb = colour


def _repeat_header(row: docx.table._Row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


# docProps/custom.xml as Office writes it; the fmtid is Office's for user-defined properties.
_CUSTOM_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{name}">'
    "<vt:lpwstr>{value}</vt:lpwstr></property></Properties>"
)


def _add_identity(document: docx.document.Document, identity: PlanIdentity) -> None:
    """A custom property with the plan's identity (python-docx writes core properties only)."""
    blob = _CUSTOM_XML.format(
        name=escape(PROPERTY, {'"': "&quot;"}), value=escape(identity.line)
    ).encode("utf-8")
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
