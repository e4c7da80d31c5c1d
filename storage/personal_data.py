"""Everything commplan holds about one person: finding it, exporting it, forgetting it.

Where a person is named is found by walking the metadata, not by a list of tables: every
foreign key to ``people.id`` on any table registered on ``Base.metadata`` is a place, so a table
added later (plan editors, roles) is exported and forgotten without a change here. What a key
cannot show, text that holds a name, is every text and JSON column (also found by the walk),
the record's included (the audit log's ``actor_text``, ``surface_user`` and ``details``), but
for the few texts the record keeps as they were (``KEPT_RECORD_TEXT``).

Forgetting leaves nothing of the person in a dump of the database, whatever the case it was
written in: their name, e-mail address, chat ids and aliases are replaced by the pseudonym
case-insensitively (Unicode case folding, done here in Python: SQLite's LIKE and lower() fold
ASCII only, so SQL only narrows the rows to read). A word of five characters or more goes
wherever it stands ("Call METTE HOLM", "Mette Holms plan"); a shorter one (an alias "MH") only
as a whole word, so that other words keep their letters. The kept texts that still name the
person are listed in the result (``kept_texts``: row ids, never the text).

Forgetting follows each key's own ``ondelete``, which says what the schema's author meant the
row to be without the person: CASCADE rows are theirs and are deleted (aliases, memberships,
responsibilities, messages to them), SET NULL columns are cleared. The tables in
``FOR_THE_RECORD`` are the decision trail that public-records law keeps: their rows stay and
point at the person's row, which stays too, its name replaced by a stable pseudonym and every
other column cleared. ``tests/ops/test_personal_data.py`` fails for a key with no ``ondelete``
outside those tables, so that whoever adds one decides.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Column, MetaData, String, Table, delete, func, or_, select, update
from sqlalchemy import Enum as SQLEnum
from sqlalchemy.orm import Session

from storage.models import (
    Activity,
    ActivityResponsible,
    AuditEntry,
    Base,
    Person,
    Plan,
    PlanStatus,
    SteeringGroup,
    SteeringMember,
)

# The decision trail: who requested, wrote and decided an approval, and the audit log. Their
# rows are kept when a person is forgotten, naming the pseudonym (docs/data-protection.md).
FOR_THE_RECORD = frozenset(
    {"approval_requests", "approval_versions", "approval_decisions", "audit_log"}
)

# The record's texts kept as they were when a person is forgotten, as the law keeps them
# (docs/data-protection.md): a draft as approved (its content hash must still match what was
# decided) and a decision's comment. Every other text column, the record's included, is
# searched (``text_columns``); these are only listed in the result where they name the person.
KEPT_RECORD_TEXT: frozenset[tuple[str, str]] = frozenset(
    {
        ("approval_versions", "text"),
        ("approval_versions", "link"),
        ("approval_versions", "file_ref"),
        ("approval_decisions", "comment"),
    }
)
# A word shorter than this is replaced only as a whole word (see the module's docstring).
_SUBSTRING_LENGTH = 5

# Columns of ``people`` a forgotten person keeps: the key the trail points at, and when the
# row was made. Every other column is cleared, so a column added later is cleared too.
KEPT_PERSON_COLUMNS = frozenset({"id", "created_at"})

# Secrets are not handed out in an export (a feed token is a password for a calendar).
_SECRET_SUFFIXES = ("token", "token_hash")


@dataclass(frozen=True, slots=True)
class Reference:
    """A column that holds a person's id, and what deleting the person would do to its row."""

    table: Table
    column: Column[Any]
    ondelete: str  # CASCADE, SET NULL, RESTRICT or NO ACTION

    @property
    def name(self) -> str:
        return f"{self.table.name}.{self.column.name}"

    @property
    def for_the_record(self) -> bool:
        return self.table.name in FOR_THE_RECORD


def person_references(metadata: MetaData = Base.metadata) -> list[Reference]:
    """Every foreign key to ``people.id`` in ``metadata``, in a stable order."""
    people = metadata.tables["people"]
    found = [
        Reference(table, key.parent, (key.ondelete or "NO ACTION").upper())
        for table in metadata.sorted_tables
        for key in table.foreign_keys
        if key.column.table is people
    ]
    return sorted(found, key=lambda reference: reference.name)


def unhandled_references(metadata: MetaData = Base.metadata) -> list[str]:
    """Keys to people that forgetting would not know what to do with: outside the record
    and neither CASCADE nor SET NULL."""
    return [
        reference.name
        for reference in person_references(metadata)
        if not reference.for_the_record and reference.ondelete not in ("CASCADE", "SET NULL")
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        # A file the person sent (pending_uploads): theirs, as base64 in a JSON export.
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _row_json(table: Table, row: Any) -> dict[str, Any]:
    mapping = row._mapping
    return {
        column.name: "[secret]"
        if column.name.endswith(_SECRET_SUFFIXES) and mapping[column] is not None
        else _plain(mapping[column])
        for column in table.columns
    }


def _audit_naming(person: Person) -> Any:
    """Audit rows about the person that no key shows: made by them under their name, or about
    them (``person.add`` and the like)."""
    return or_(
        # Not another person's entry who has the same name (there may be two Anne Hansens).
        (AuditEntry.actor_text == person.name)
        & (AuditEntry.actor_id.is_(None) | (AuditEntry.actor_id == person.id)),
        (AuditEntry.entity == "person") & (AuditEntry.entity_id == person.id),
    )


def export_rows(session: Session, person: Person) -> dict[str, list[dict[str, Any]]]:
    """Every row that names ``person``: ``{"people": [...], "TABLE.COLUMN": [...], ...}``."""
    people = Base.metadata.tables["people"]
    sections: dict[str, list[dict[str, Any]]] = {
        "people": [
            _row_json(people, row)
            for row in session.execute(select(people).where(people.c.id == person.id))
        ]
    }
    for reference in person_references():
        order = list(reference.table.primary_key.columns)
        rows = session.execute(
            select(reference.table).where(reference.column == person.id).order_by(*order)
        )
        sections[reference.name] = [_row_json(reference.table, row) for row in rows]
    audit = Base.metadata.tables["audit_log"]
    named = session.execute(
        select(audit)
        .where(
            _audit_naming(person), or_(audit.c.actor_id.is_(None), audit.c.actor_id != person.id)
        )
        .order_by(audit.c.id)
    )
    sections["audit_log.named"] = [_row_json(audit, row) for row in named]
    return sections


@dataclass(frozen=True, slots=True)
class OpenResponsibilities:
    """What someone must hand over before they can be forgotten."""

    activities: tuple[int, ...] = ()
    plans: tuple[int, ...] = ()
    chairs: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.activities or self.plans or self.chairs)


def open_responsibilities(session: Session, person_id: int) -> OpenResponsibilities:
    activities = session.scalars(
        select(ActivityResponsible.activity_id)
        .join(Activity, Activity.id == ActivityResponsible.activity_id)
        .where(
            ActivityResponsible.person_id == person_id,
            Activity.status.not_in(["done", "cancelled"]),
        )
        .order_by(ActivityResponsible.activity_id)
    ).all()
    plans = session.scalars(
        select(Plan.id)
        .where(Plan.owner_id == person_id, Plan.status != PlanStatus.ARCHIVED)
        .order_by(Plan.id)
    ).all()
    chairs = session.scalars(
        select(SteeringGroup.id)
        .where(SteeringGroup.chair_id == person_id)
        .order_by(SteeringGroup.id)
    ).all()
    return OpenResponsibilities(tuple(activities), tuple(plans), tuple(chairs))


def reassign(session: Session, held: OpenResponsibilities, person_id: int, to: Person) -> None:
    """Hand ``held`` over from ``person_id`` to ``to``: open activities, plans, chairs."""
    for activity_id in held.activities:
        already = session.get(ActivityResponsible, (activity_id, to.id))
        if already is None:
            session.add(ActivityResponsible(activity_id=activity_id, person_id=to.id))
        session.execute(
            delete(ActivityResponsible).where(
                ActivityResponsible.activity_id == activity_id,
                ActivityResponsible.person_id == person_id,
            )
        )
        # A change the reminder planner and the calendar feeds notice.
        session.execute(
            update(Activity)
            .where(Activity.id == activity_id)
            .values(sequence=Activity.sequence + 1)
        )
    if held.plans:
        session.execute(update(Plan).where(Plan.id.in_(held.plans)).values(owner_id=to.id))
    for group_id in held.chairs:
        session.execute(
            update(SteeringGroup).where(SteeringGroup.id == group_id).values(chair_id=to.id)
        )
        if session.get(SteeringMember, (group_id, to.id)) is None:
            session.add(SteeringMember(group_id=group_id, person_id=to.id))
    session.flush()


@dataclass(slots=True)
class Forgotten:
    """What forgetting did, by ``TABLE.COLUMN``: counts only, never a value."""

    pseudonym: str
    deleted: dict[str, int] = field(default_factory=dict)
    cleared: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    rewritten: dict[str, int] = field(default_factory=dict)
    # The record's texts kept as they were that still name the person: row ids by column.
    kept_texts: dict[str, list[int]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "pseudonym": self.pseudonym,
            "deleted": self.deleted,
            "cleared": self.cleared,
            "kept": self.kept,
            "rewritten": self.rewritten,
            "kept_texts": self.kept_texts,
        }


def forget(session: Session, person: Person, pseudonym: str) -> Forgotten:
    """Remove or pseudonymise every row that names ``person``, in the caller's transaction.

    The caller has handed over open responsibilities first (``reassign``).
    """
    result = Forgotten(pseudonym)
    words = _identifiers(person)  # before their aliases and chat addresses go
    for reference in person_references():
        where = reference.column == person.id
        if reference.for_the_record:
            count = session.scalar(select(func.count()).select_from(reference.table).where(where))
            if count:
                result.kept[reference.name] = count
        elif reference.ondelete == "CASCADE":
            done = session.execute(delete(reference.table).where(where))
            if done.rowcount:  # type: ignore[attr-defined]
                result.deleted[reference.name] = done.rowcount  # type: ignore[attr-defined]
        else:
            done = session.execute(
                update(reference.table).where(where).values({reference.column.name: None})
            )
            if done.rowcount:  # type: ignore[attr-defined]
                result.cleared[reference.name] = done.rowcount  # type: ignore[attr-defined]
    # Then the text of what is left (their own rows gone first: nothing to rewrite there).
    _rewrite_text(session, person, words=words, pseudonym=pseudonym, result=result)
    _clear_person(session, person, pseudonym)
    return result


def _identifiers(person: Person) -> list[str]:
    """What names the person in free text: name, e-mail, chat user ids and personal chats,
    aliases (longest first, so a name is replaced before a shorter part of it)."""
    found = [
        person.name,
        person.email,
        *(row.address for row in person.chat_addresses),
        *(row.conversation for row in person.chat_addresses),
        *(alias.alias for alias in person.aliases),
        *(named.alias for named in person.plan_names),  # names one plan uses for them
    ]
    unique = {value.strip().casefold(): value.strip() for value in found if value and value.strip()}
    return sorted(unique.values(), key=len, reverse=True)


def naming_pattern(words: list[str]) -> re.Pattern[str]:
    """Any of ``words`` in any case: a long one anywhere, a short one as a whole word."""
    parts = [
        re.escape(word) if len(word) >= _SUBSTRING_LENGTH else rf"(?<!\w){re.escape(word)}(?!\w)"
        for word in sorted(words, key=len, reverse=True)
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


def _clear_person(session: Session, person: Person, pseudonym: str) -> None:
    people = Base.metadata.tables["people"]
    values: dict[str, Any] = {}
    for column in people.columns:
        if column.name in KEPT_PERSON_COLUMNS:
            continue
        if column.nullable:
            values[column.name] = None
        elif column.default is not None and getattr(column.default, "is_scalar", False):
            values[column.name] = column.default.arg  # type: ignore[attr-defined]
    values.update(name=pseudonym, active=False)
    session.execute(update(people).where(people.c.id == person.id).values(values))
    session.expire(person)


def text_columns(metadata: MetaData = Base.metadata) -> list[tuple[Table, Column[Any]]]:
    """Where free text may hold a person's name: every text and JSON column but ``people``'s
    own (cleared), keys, enums, secrets and the record's ``KEPT_RECORD_TEXT``. Found by
    walking the metadata, as the keys are."""
    found: list[tuple[Table, Column[Any]]] = []
    for table in metadata.sorted_tables:
        if table.name == "people":
            continue
        for column in table.columns:
            plain_text = isinstance(column.type, String | JSON) and not isinstance(
                column.type, SQLEnum
            )
            if (
                (table.name, column.name) in KEPT_RECORD_TEXT
                or not plain_text
                or column.primary_key
                or column.foreign_keys
                or column.name.endswith(_SECRET_SUFFIXES)
            ):
                continue
            found.append((table, column))
    return found


def _rewrite_text(
    session: Session, person: Person, *, words: list[str], pseudonym: str, result: Forgotten
) -> None:
    audit = Base.metadata.tables["audit_log"]
    # Made by them, or about them: the actor is the pseudonym.
    about = session.scalars(
        select(audit.c.id).where(or_(audit.c.actor_id == person.id, _audit_naming(person)))
    ).all()
    if about:
        session.execute(update(audit).where(audit.c.id.in_(about)).values(actor_text=pseudonym))
        result.rewritten["audit_log.actor_text"] = len(about)
    if not words:
        return
    pattern = naming_pattern(words)
    for table, column in text_columns():
        keys = list(table.primary_key.columns)
        changed = 0
        for row in _candidates(session, table, column, words):
            *key, value = row
            new = _replace(value, pattern, pseudonym)
            if new != value:
                match = [part == part_value for part, part_value in zip(keys, key, strict=True)]
                session.execute(update(table).where(*match).values({column.name: new}))
                changed += 1
        if changed:
            name = f"{table.name}.{column.name}"
            result.rewritten[name] = result.rewritten.get(name, 0) + changed
    for table_name, column_name in sorted(KEPT_RECORD_TEXT):
        record = Base.metadata.tables[table_name]
        found = [
            row[0]  # the row's id (these tables have one)
            for row in _candidates(session, record, record.c[column_name], words)
            if isinstance(row[-1], str) and pattern.search(row[-1])
        ]
        if found:
            result.kept_texts[f"{table_name}.{column_name}"] = found


def _ascii_part(word: str) -> str:
    """The longest run of ASCII in ``word``, lower-cased: what SQL can match in any case on
    both databases (SQLite folds ASCII only)."""
    runs = re.findall(r"[\x00-\x7f]+", word.lower())
    return max(runs, key=len, default="")


def _candidates(
    session: Session, table: Table, column: Column[Any], words: list[str]
) -> Iterator[tuple[Any, ...]]:
    """Rows whose ``column`` may hold one of ``words`` in any case: text is narrowed in SQL by
    each word's ASCII part, lower-cased (a word with none, or of one letter, reads every row);
    JSON (stored with escaped non-ASCII letters) is read through; in pages of a thousand. The
    caller decides on each row with the exact pattern."""
    keys = list(table.primary_key.columns)
    query = select(*keys, column).where(column.is_not(None)).order_by(*keys)
    parts = [_ascii_part(word) for word in words]
    if not isinstance(column.type, JSON) and all(len(part) >= 2 for part in parts):
        lowered = func.lower(column)
        query = query.where(or_(*(lowered.contains(part, autoescape=True) for part in parts)))
    if len(keys) != 1:
        yield from (tuple(row) for row in session.execute(query).all())
        return
    last: Any = None
    while True:
        page = session.execute(
            (query if last is None else query.where(keys[0] > last)).limit(1000)
        ).all()
        if not page:
            return
        yield from (tuple(row) for row in page)
        last = page[-1][0]


def _replace(value: Any, pattern: re.Pattern[str], pseudonym: str) -> Any:
    """``value`` (text, or JSON of lists and objects, keys included) with every match of
    ``pattern`` replaced by ``pseudonym``."""
    if isinstance(value, str):
        return pattern.sub(lambda _: pseudonym, value)
    if isinstance(value, list):
        return [_replace(item, pattern, pseudonym) for item in value]
    if isinstance(value, dict):
        return {
            _replace(name, pattern, pseudonym): _replace(item, pattern, pseudonym)
            for name, item in value.items()
        }
    return value
