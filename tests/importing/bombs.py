"""Hostile and unlucky plan files, written by the tests: small on disk, huge when read naively.

- a 5 KB workbook with one cell at XFD1048576 (the last cell a sheet has);
- a workbook with a merged range from A5 to XFD1048576 (written into the sheet's XML: openpyxl
  itself would make a cell object for each of its 17 billion cells);
- a Word file whose document.xml unpacks to gigabytes: one megabyte of paragraphs deflated once
  with a full flush, so that the same compressed bytes can be repeated and still decompress;
  its CRC is the real one, so the file is a valid zip that a reader would unpack to the end;
- a Word file and a workbook whose XML declares nested entities (an entity bomb).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import openpyxl

from tests.importing.documents import WordTable, write_word

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PLAN = [["Målgruppe", "Kanal", "Hvornår"], ["Ledere", "Møde", "Marts 2027"]]


def far_cell_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in PLAN:
        sheet.append(row)
    sheet["XFD1048576"] = "x"
    workbook.save(path)
    return path


def far_merge_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in PLAN:
        sheet.append(row)
    sheet["A5"] = "Alle"
    buffer = io.BytesIO()
    workbook.save(buffer)
    merge = b'<mergeCells count="1"><mergeCell ref="A5:XFD1048576"/></mergeCells>'
    return _rewrite(
        buffer.getvalue(),
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + merge, 1),
    )


def entity_bomb(path: Path) -> Path:
    """A billion laughs in the main part: document.xml for .docx, the sheet for .xlsx."""
    entities = b'<!ENTITY a0 "laugh">' + b"".join(
        b'<!ENTITY a%d "%s">' % (level, b"&a%d;" % (level - 1) * 10) for level in range(1, 10)
    )
    if path.suffix == ".docx":
        source = io.BytesIO(write_word(path, [WordTable(PLAN)]).read_bytes())
        part, root = "word/document.xml", b"w:document"
    else:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        for row in PLAN:
            sheet.append(row)
        source = io.BytesIO()
        workbook.save(source)
        part, root = "xl/worksheets/sheet1.xml", b"worksheet"
    doctype = b"<!DOCTYPE " + root + b" [" + entities + b"]>"

    def declare(xml: bytes) -> bytes:
        start = xml.index(b"<" + root)
        body = xml[start:].replace(b"Ledere", b"&a9;", 1)
        return xml[:start] + doctype + body

    return _rewrite(source.getvalue(), path, part, declare)


def deflate_bomb(path: Path, megabytes: int = 2048) -> Path:
    """A .docx whose document.xml unpacks to ``megabytes`` MB of empty paragraphs."""
    source = io.BytesIO(write_word(path, [WordTable(PLAN)]).read_bytes())
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
    chunk = (b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 30_000)[: 1 << 20]
    tail = b"</w:body></w:document>"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    # After a full flush the compressed bytes refer to nothing before them: repeatable.
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    segment = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    document = _Member(
        "word/document.xml",
        start + segment * megabytes + end,
        len(head) + len(chunk) * megabytes + len(tail),
        crc,
    )
    with zipfile.ZipFile(io.BytesIO(source.getvalue())) as package:
        members = [
            _Member.deflated(info.filename, package.read(info))
            for info in package.infolist()
            if info.filename != document.name
        ]
    _write_zip(path, [*members, document])
    return path


class _Member:
    def __init__(self, name: str, data: bytes, size: int, crc: int) -> None:
        self.name, self.data, self.size, self.crc = name, data, size, crc

    @classmethod
    def deflated(cls, name: str, content: bytes) -> _Member:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        data = compressor.compress(content) + compressor.flush()
        return cls(name, data, len(content), zlib.crc32(content))


def _write_zip(path: Path, members: Iterable[_Member]) -> None:
    """A zip of deflated members, written by hand (zipfile cannot take compressed bytes)."""
    out = io.BytesIO()
    directory = []
    for member in members:
        name = member.name.encode()
        offset = out.tell()
        fields = (20, 0, 8, 0, 0x21, member.crc, len(member.data), member.size, len(name), 0)
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + name + member.data)
        directory.append(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, offset) + name
        )
    start = out.tell()
    out.write(b"".join(directory))
    size = out.tell() - start
    count = len(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, start, 0))
    path.write_bytes(out.getvalue())


def _rewrite(content: bytes, path: Path, part: str, change: object) -> Path:
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                data = change(data)  # type: ignore[operator]
            target.writestr(info.filename, data)
    return path
