"""Which plan an exported file came from, so that importing it again updates that plan.

Every export carries one line of text naming the plan:

    commplan plan #12 team skole key 3f9a1c2b

the plan's id, its team and a key made from the id and the moment the plan was created, so a
file exported by another installation (where #12 is some other plan) does not match by chance.
Word and Excel files carry it as a custom document property named ``commplan plan`` (File >
Info > Properties > Advanced > Custom; Word, Excel and LibreOffice keep it when the file is
edited and saved). A CSV file has no properties: it carries the line as its first row, which
the CSV reader recognises and leaves out of the table.

The line is a hint, not a key to anything: it says which plan to update, and an import that
names a plan (``--plan``) or a team that is not the plan's ignores it.

An export also says how far the plan was when it was made, so that importing an older file
cannot undo newer work (docs/importing.md): the plan's change counter (``plans.changes``) and
each exported activity's id with its version (``activities.sequence``):

    commplan plan #12 team skole key 3f9a1c2b changes 57 rows 14.3 15.0 16.2

A line without them (an export made before they were written) is still read.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

PROPERTY = "commplan plan"
_LINE = re.compile(
    r"^commplan plan #(\d{1,18}) team ([a-z0-9-]{1,64}) key ([0-9a-f]{8})"
    r"(?: changes (\d{1,18})(?: rows((?: \d{1,18}\.\d{1,18})*))?)?$"
)
_CUSTOM = "docProps/custom.xml"
# Custom properties of an Office file are a few hundred bytes; more is not ours to read.
_MAX_CUSTOM_BYTES = 64 * 1024
_VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"


@dataclass(frozen=True, slots=True)
class PlanIdentity:
    plan_id: int
    team: str  # the team's slug
    key: str
    # How far the plan was when exported (None: not said): its change counter, and each
    # exported activity's id and version.
    changes: int | None = None
    rows: tuple[tuple[int, int], ...] = ()

    def same_plan(self, other: PlanIdentity) -> bool:
        """Both name the same plan (whatever each says of how far it was)."""
        return (self.plan_id, self.team, self.key) == (other.plan_id, other.team, other.key)

    def at(self, changes: int, rows: tuple[tuple[int, int], ...]) -> PlanIdentity:
        return PlanIdentity(self.plan_id, self.team, self.key, changes, rows)

    @property
    def versions(self) -> dict[int, int]:
        """Activity id -> its version when exported."""
        return dict(self.rows)

    @classmethod
    def of(cls, plan_id: int, team: str, created: str) -> PlanIdentity:
        """``created``: the plan's creation moment as text, to the second."""
        digest = hashlib.sha256(f"{plan_id}:{created}".encode()).hexdigest()[:8]
        return cls(plan_id, team, digest)

    @property
    def line(self) -> str:
        line = f"commplan plan #{self.plan_id} team {self.team} key {self.key}"
        if self.changes is None:
            return line
        rows = "".join(f" {activity}.{version}" for activity, version in self.rows)
        return f"{line} changes {self.changes} rows{rows}"


def parse(text: str | None) -> PlanIdentity | None:
    match = _LINE.match((text or "").strip())
    if match is None:
        return None
    changes = int(match[4]) if match[4] is not None else None
    rows = tuple(
        (int(activity), int(version))
        for activity, _, version in (pair.partition(".") for pair in (match[5] or "").split())
    )
    return PlanIdentity(int(match[1]), match[2], match[3], changes, rows)


def package_identity(content: bytes) -> PlanIdentity | None:
    """The identity in a Word or Excel file's custom properties, if it has one."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            try:
                info = package.getinfo(_CUSTOM)
            except KeyError:
                return None
            if info.file_size > _MAX_CUSTOM_BYTES:
                return None
            xml = package.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error):
        return None  # an unreadable part: no identity (the reader has judged the rest already)
    # No DTD, no entities, no network: the part is read as plain elements or not at all.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return None
    for prop in root:
        if prop.get("name") == PROPERTY:
            value = prop.find(f"{_VT}lpwstr")
            return parse(value.text if value is not None else None)
    return None
