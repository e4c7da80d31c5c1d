"""Audiences: reading a plan's target group text as the organisation's audiences.

A target group cell names one audience ("Alle medarbejdere") or several ("Medarbejdere og
ledere", "Borgere, pressen"). The whole text is looked up first, so an alias may itself contain
"og"; failing that, each part between separators is looked up on its own. A name is looked up
in the plan's language first, then in the others when only one audience answers to it there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from storage.models import (
    Activity,
    ActivityAudience,
    ActivityName,
    Audience,
    AudienceAlias,
    Plan,
)
from storage.repositories.keys import name_key

# Between audiences in one cell: punctuation, and "and" in the three languages.
_SEPARATORS = re.compile(r"\s*(?:[,;/+&\n]|\s(?:og|och|and|samt|sowie)\s)\s*", re.IGNORECASE)


def fold(name: str) -> str:
    """How names are compared: "Alle medarbejdere.", "alle  Medarbejdere" are one name."""
    return name_key(name)[:200]


def parts(text: str) -> list[str]:
    """The names a target group cell holds, in order, each once."""
    seen: dict[str, str] = {}
    for part in _SEPARATORS.split(text):
        key = fold(part)
        if key and key not in seen:
            seen[key] = part.strip()
    return list(seen.values())


@dataclass(frozen=True, slots=True)
class AudienceReading:
    """What a target group text names: the audiences found, and the names matching none."""

    audience_ids: tuple[int, ...]
    unknown: tuple[str, ...]


class Vocabulary:
    """Every alias, read once: an import of 2,000 rows looks each name up in memory."""

    def __init__(self, aliases: Iterable[AudienceAlias]) -> None:
        self._by_language: dict[tuple[str, str], int] = {}
        self._any: dict[str, set[int]] = {}
        for alias in aliases:
            self._add(alias.audience_id, alias.language, alias.key)

    def _add(self, audience_id: int, language: str, key: str) -> None:
        self._by_language[(language, key)] = audience_id
        self._any.setdefault(key, set()).add(audience_id)

    @classmethod
    def of_rows(cls, rows: Iterable[tuple[int, str, str]]) -> Vocabulary:
        """From (audience id, language, folded name) rows (a migration reads them with Core)."""
        vocabulary = cls(())
        for audience_id, language, key in rows:
            vocabulary._add(audience_id, language, key)
        return vocabulary

    @classmethod
    def load(cls, session: Session) -> Vocabulary:
        rows = session.execute(
            select(AudienceAlias.audience_id, AudienceAlias.language, AudienceAlias.key)
        )
        return cls.of_rows((row[0], row[1], row[2]) for row in rows)

    def find(self, name: str, language: str) -> int | None:
        key = fold(name)
        found = self._by_language.get((language, key))
        if found is not None:
            return found
        others = self._any.get(key, set())
        return next(iter(others)) if len(others) == 1 else None

    def read(self, text: str | None, language: str) -> AudienceReading:
        if not text or not text.strip():
            return AudienceReading((), ())
        whole = self.find(text, language)
        if whole is not None:
            return AudienceReading((whole,), ())
        found: list[int] = []
        unknown: list[str] = []
        for part in parts(text):
            audience_id = self.find(part, language)
            if audience_id is None:
                unknown.append(part)
            elif audience_id not in found:
                found.append(audience_id)
        return AudienceReading(tuple(found), tuple(unknown))


def by_slug(session: Session, slug: str) -> Audience | None:
    return session.scalars(select(Audience).where(Audience.slug == slug)).one_or_none()


def all_audiences(session: Session) -> Sequence[Audience]:
    return session.scalars(select(Audience).order_by(Audience.slug)).all()


def alias(session: Session, language: str, name: str) -> AudienceAlias | None:
    return session.scalars(
        select(AudienceAlias).where(
            AudienceAlias.language == language, AudienceAlias.key == fold(name)
        )
    ).one_or_none()


def linked(session: Session, activity_ids: Sequence[int]) -> dict[int, list[int]]:
    """Each activity's audiences."""
    found: dict[int, list[int]] = {}
    if not activity_ids:
        return found
    rows = session.execute(
        select(ActivityAudience.activity_id, ActivityAudience.audience_id).where(
            ActivityAudience.activity_id.in_(activity_ids)
        )
    )
    for activity_id, audience_id in rows:
        found.setdefault(activity_id, []).append(audience_id)
    return found


def named(session: Session, activity_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """Each activity's names no audience answers to: folded name, as written."""
    found: dict[int, dict[str, str]] = {}
    if not activity_ids:
        return found
    rows = session.execute(
        select(ActivityName.activity_id, ActivityName.key, ActivityName.name).where(
            ActivityName.activity_id.in_(activity_ids)
        )
    )
    for activity_id, key, name in rows:
        found.setdefault(activity_id, {})[key] = name
    return found


def name_rows(reading: AudienceReading) -> dict[str, str]:
    """The ``activity_names`` of a reading: each unknown name folded, as first written."""
    found: dict[str, str] = {}
    for name in reading.unknown:
        found.setdefault(fold(name), name[:200])
    found.pop("", None)
    return found


def relink(
    session: Session, rows: Iterable[tuple[int, str | None, str]], vocabulary: Vocabulary
) -> tuple[dict[int, AudienceReading], int]:
    """Link each (activity id, target group text, plan language) to the audiences its text
    names, and keep the names no audience answers to beside them (``activity_names``: the same
    name in two plans is one audience before anyone curates), in a few statements for any
    number of rows; each activity's reading, and how many activities' audience links
    changed."""
    readings = {
        activity_id: vocabulary.read(text, language) for activity_id, text, language in rows
    }
    current: dict[int, list[int]] = {}
    current_names: dict[int, dict[str, str]] = {}
    ids = list(readings)
    for start in range(0, len(ids), 5000):  # bound the IN list (PostgreSQL: 65,535 parameters)
        current.update(linked(session, ids[start : start + 5000]))
        current_names.update(named(session, ids[start : start + 5000]))
    _rename(session, readings, current_names)
    added: list[dict[str, int]] = []
    changed = 0
    for activity_id, reading in readings.items():
        have = set(current.get(activity_id, []))
        want = set(reading.audience_ids)
        changed += have != want
        for audience_id in have - want:
            session.execute(
                delete(ActivityAudience).where(
                    ActivityAudience.activity_id == activity_id,
                    ActivityAudience.audience_id == audience_id,
                )
            )
        added.extend(
            {"activity_id": activity_id, "audience_id": audience_id}
            for audience_id in sorted(want - have)
        )
    if added:
        session.execute(insert(ActivityAudience), added)
    return readings, changed


def _rename(
    session: Session, readings: dict[int, AudienceReading], current: dict[int, dict[str, str]]
) -> None:
    """Bring ``activity_names`` to the readings: the activities whose names changed have theirs
    written anew (a few statements however many: an alias added reads every activity)."""
    changed = [
        activity_id
        for activity_id, reading in readings.items()
        if name_rows(reading) != current.get(activity_id, {})
    ]
    for start in range(0, len(changed), 5000):  # bound the IN list, as above
        chunk = changed[start : start + 5000]
        session.execute(delete(ActivityName).where(ActivityName.activity_id.in_(chunk)))
    added = [
        {"activity_id": activity_id, "key": key, "name": name}
        for activity_id in changed
        for key, name in name_rows(readings[activity_id]).items()
    ]
    if added:
        session.execute(insert(ActivityName), added)


def texts_of(session: Session, plan_id: int | None = None) -> list[tuple[int, str | None, str]]:
    """(activity id, target group text, plan language) of a plan's activities, or of all."""
    query = select(Activity.id, Activity.target_group, Plan.language).join(
        Plan, Plan.id == Activity.plan_id
    )
    if plan_id is not None:
        query = query.where(Activity.plan_id == plan_id)
    return [(row[0], row[1], row[2]) for row in session.execute(query)]
