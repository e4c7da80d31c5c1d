"""Opening a file for import: checking its size and that it is what its name says."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from xml.etree.ElementTree import ParseError

from lxml.etree import XMLSyntaxError

from bot.importing.delimited import read_delimited
from bot.importing.document import Document
from bot.importing.errors import ImportFailed, Where
from bot.importing.excel import read_excel
from bot.importing.word import read_word
from bot.interchange.identity import package_identity

# The file types by what the name says; the content must agree.
READERS: dict[str, Callable[[str, bytes], Document]] = {
    ".docx": read_word,
    ".xlsx": read_excel,
    ".csv": read_delimited,
    ".txt": read_delimited,
    ".tsv": read_delimited,
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files and old .doc/.xls
_ZIP = b"PK\x03\x04"


def read_document(path: Path, max_bytes: int) -> Document:
    name = path.name
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ImportFailed("import.error.file_type", Where(name), suffix=suffix or "-")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportFailed("import.error.too_large", Where(name), size=size, limit=max_bytes)
        content = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed("import.error.missing", Where(name)) from None
    except IsADirectoryError:
        raise ImportFailed("import.error.missing", Where(name)) from None
    except PermissionError:
        raise ImportFailed("import.error.unreadable", Where(name)) from None
    return read_content(name, suffix, content)


def read_content(name: str, suffix: str, content: bytes) -> Document:
    if content.startswith(_OLE):
        raise ImportFailed("import.error.encrypted", Where(name))
    if suffix in (".docx", ".xlsx"):
        _check_package(name, suffix, content)
        try:
            document = READERS[suffix](name, content)
        except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, ParseError, OSError):
            raise ImportFailed("import.error.corrupt", Where(name)) from None
        return replace(document, identity=package_identity(content))
    if content.startswith(_ZIP):
        raise ImportFailed("import.error.not_text", Where(name))
    if b"\x00" in content[:4096]:
        raise ImportFailed("import.error.not_text", Where(name))
    return READERS[suffix](name, content)


def _check_package(name: str, suffix: str, content: bytes) -> None:
    """A .docx must be a Word package and a .xlsx an Excel one; say so when it is not."""
    if not content.startswith(_ZIP):
        raise ImportFailed("import.error.not_package", Where(name), suffix=suffix)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile:
        raise ImportFailed("import.error.corrupt", Where(name)) from None
    if "word/document.xml" in names and suffix != ".docx":
        raise ImportFailed("import.error.mistyped", Where(name), actual=".docx")
    if "xl/workbook.xml" in names and suffix != ".xlsx":
        raise ImportFailed("import.error.mistyped", Where(name), actual=".xlsx")
    if "word/document.xml" not in names and "xl/workbook.xml" not in names:
        raise ImportFailed("import.error.corrupt", Where(name))
