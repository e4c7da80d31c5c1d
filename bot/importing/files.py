"""Opening a file for import: checking its size and that it is what its name says.

An Office file is a zip package. Before any part is opened its directory is read: how many
parts, how large they unpack (the sizes zipfile holds every part to), how large the XML among
them; then the start of each XML part is read with defusedxml, so that a part declaring a DTD
(an entity bomb, an external entity) is refused before python-docx or openpyxl parse it.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse
from lxml.etree import XMLSyntaxError

from bot.importing.delimited import read_delimited
from bot.importing.document import Document
from bot.importing.errors import ImportFailed, Where
from bot.importing.excel import read_excel
from bot.importing.limits import Limits
from bot.importing.word import read_word
from bot.interchange.identity import package_identity

# The file types by what the name says; the content must agree.
SUFFIXES = frozenset({".docx", ".xlsx", ".csv", ".txt", ".tsv"})
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files and old .doc/.xls
_ZIP = b"PK\x03\x04"
_CONTENT_TYPES = "[Content_Types].xml"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def read_document(path: Path, max_bytes: int, limits: Limits | None = None) -> Document:
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
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
    return read_content(name, suffix, content, limits or Limits())


def read_content(name: str, suffix: str, content: bytes, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    if content.startswith(_OLE):
        raise ImportFailed("import.error.encrypted", Where(name))
    if suffix in (".docx", ".xlsx"):
        _check_package(name, suffix, content, limits)
        try:
            if suffix == ".docx":
                document = read_word(name, content, limits)
            else:
                document = read_excel(name, content, limits)
        except DefusedXmlException:
            raise _not_office(name, suffix) from None
        except (
            zipfile.BadZipFile,
            zlib.error,
            KeyError,
            ValueError,
            XMLSyntaxError,
            ParseError,
            OSError,
        ):
            raise ImportFailed("import.error.corrupt", Where(name)) from None
        # Our own exports name their plan in the package's properties.
        return replace(document, identity=package_identity(content))
    if content.startswith(_ZIP):
        raise ImportFailed("import.error.not_text", Where(name))
    if b"\x00" in content[:4096]:
        raise ImportFailed("import.error.not_text", Where(name))
    return read_delimited(name, content, max_rows=limits.max_rows, max_cells=limits.max_cells)


def _not_office(name: str, suffix: str) -> ImportFailed:
    key = "import.error.dtd_word" if suffix == ".docx" else "import.error.dtd_excel"
    return ImportFailed(key, Where(name))


def _check_package(name: str, suffix: str, content: bytes, limits: Limits) -> None:
    """A .docx must be a Word package and a .xlsx an Excel one, within the limits; say so when
    it is not. Nothing is unpacked but the first bytes of each XML part."""
    if not content.startswith(_ZIP):
        raise ImportFailed("import.error.not_package", Where(name), suffix=suffix)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            members = package.infolist()
            if len(members) > limits.max_members:
                raise ImportFailed(
                    "import.error.too_many_parts",
                    Where(name),
                    count=len(members),
                    limit=limits.max_members,
                )
            unpacked = sum(member.file_size for member in members)
            if unpacked > limits.max_unpacked:
                raise ImportFailed(
                    "import.error.unpacked_too_large",
                    Where(name),
                    size=unpacked,
                    limit=limits.max_unpacked,
                )
            names = {member.filename for member in members}
            _check_kind(name, suffix, names)
            xml_parts = _xml_parts(name, suffix, package, members, limits)
            xml_size = sum(member.file_size for member in xml_parts)
            if xml_size > limits.max_xml:
                raise ImportFailed(
                    "import.error.xml_too_large", Where(name), size=xml_size, limit=limits.max_xml
                )
            for member in xml_parts:
                if _declares_dtd(package, member):
                    raise _not_office(name, suffix)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        raise ImportFailed("import.error.corrupt", Where(name)) from None


def _check_kind(name: str, suffix: str, names: set[str]) -> None:
    if "word/document.xml" in names and suffix != ".docx":
        raise ImportFailed("import.error.mistyped", Where(name), actual=".docx")
    if "xl/workbook.xml" in names and suffix != ".xlsx":
        raise ImportFailed("import.error.mistyped", Where(name), actual=".xlsx")
    if "word/document.xml" not in names and "xl/workbook.xml" not in names:
        raise ImportFailed("import.error.corrupt", Where(name))


def _xml_parts(
    name: str,
    suffix: str,
    package: zipfile.ZipFile,
    members: list[zipfile.ZipInfo],
    limits: Limits,
) -> list[zipfile.ZipInfo]:
    """The parts python-docx or openpyxl may parse as XML: those named .xml, .rels or .vml,
    and those [Content_Types].xml gives an XML type under another name (pictures aside: an
    SVG may carry a DOCTYPE, and no reader parses it)."""
    xml_types, by_extension = _declared_types(name, suffix, package, members, limits)
    return [
        member
        for member in members
        if (extension := PurePosixPath(member.filename).suffix.casefold()) in _XML_SUFFIXES
        or member.filename in xml_types
        or _is_xml_type(by_extension.get(extension.lstrip("."), ""))
    ]


def _declared_types(
    name: str,
    suffix: str,
    package: zipfile.ZipFile,
    members: list[zipfile.ZipInfo],
    limits: Limits,
) -> tuple[set[str], dict[str, str]]:
    """What [Content_Types].xml declares: the parts it gives an XML type by name, and the
    content type of each file extension. Checked first like any XML part: its size, no DTD."""
    types = next((m for m in members if m.filename == _CONTENT_TYPES), None)
    if types is None:
        return set(), {}
    if types.file_size > limits.max_xml:
        raise ImportFailed(
            "import.error.xml_too_large",
            Where(name),
            size=types.file_size,
            limit=limits.max_xml,
        )
    if _declares_dtd(package, types):
        raise _not_office(name, suffix)
    try:
        root = fromstring(package.read(types))
    except ParseError:
        return set(), {}
    by_extension = {
        (entry.get("Extension") or "").casefold(): entry.get("ContentType") or ""
        for entry in root.iter(f"{_TYPES_NS}Default")
    }
    xml_types = {
        (entry.get("PartName") or "").lstrip("/")
        for entry in root.iter(f"{_TYPES_NS}Override")
        if _is_xml_type(entry.get("ContentType") or "")
    }
    return xml_types, by_extension


def _is_xml_type(content_type: str) -> bool:
    return content_type.endswith("xml") and not content_type.startswith("image/")


def _declares_dtd(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the part declares a DTD; read up to its first element only (a DTD must come
    before it). A part that is not well-formed is left to the reader to judge."""
    with package.open(member) as stream:
        try:
            for _event in iterparse(stream, events=("start",), forbid_dtd=True):
                return False
        except DefusedXmlException:
            return True
        except ParseError:
            return False
    return False
