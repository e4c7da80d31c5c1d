"""The vocabulary commplan ships: Danish and Swedish public-sector audiences (staff, managers,
citizens, press, politicians, unions and staff bodies, businesses, associations, partners,
pupils, parents, patients, the steering group) with the names plans commonly give them in
Danish, Swedish and English (``vocabulary.csv`` beside this module, one alias a row; an
audience's first row in a language is its name in that language).

``seed`` merges it into a database: it adds the audiences and aliases missing, and never
renames an audience nor moves an alias that is there already (an admin's, or an earlier
seed's). It writes with Core on a connection, naming only the columns it needs, so that the
migration that loads it into a new database (revision 0010) stays valid as the models grow.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Connection

from storage.repositories.audiences import fold
from storage.types import UTCDateTime, utcnow

VOCABULARY = Path(__file__).with_name("vocabulary.csv")

_audiences = sa.table(
    "audiences",
    sa.column("id", sa.Integer),
    sa.column("slug", sa.String),
    sa.column("name", sa.String),
    sa.column("created_at", UTCDateTime()),
)
_aliases = sa.table(
    "audience_aliases",
    sa.column("id", sa.Integer),
    sa.column("audience_id", sa.Integer),
    sa.column("language", sa.String),
    sa.column("name", sa.String),
    sa.column("key", sa.String),
)


@dataclass(frozen=True, slots=True)
class ShippedAudience:
    slug: str
    names: dict[str, str]  # language: the audience's name in it
    aliases: tuple[tuple[str, str], ...]  # (language, name), in the file's order

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.slug


def shipped(path: Path = VOCABULARY) -> list[ShippedAudience]:
    """The shipped audiences, in the file's order."""
    names: dict[str, dict[str, str]] = {}
    aliases: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source):
            slug, language, name = row["slug"].strip(), row["language"].strip(), row["name"]
            names.setdefault(slug, {}).setdefault(language, name.strip())
            aliases.setdefault(slug, []).append((language, name.strip()))
    return [ShippedAudience(slug, names[slug], tuple(aliases[slug])) for slug in names]


@dataclass(slots=True)
class Seeded:
    """What a seed did: audiences and aliases added, and the shipped names left where they
    were because they already mean another audience (language, name, its audience's slug)."""

    audiences: list[str] = field(default_factory=list)
    aliases: int = 0
    kept: list[tuple[str, str, str]] = field(default_factory=list)


def seed(
    connection: Connection, language: str, vocabulary: Iterable[ShippedAudience] | None = None
) -> Seeded:
    """Merge the shipped vocabulary into the database; audiences new to it are named in
    ``language`` (the organisation's). An existing audience is the shipped one when it has
    its short name, else when it holds the shipped audience's name in a language (an admin's
    "personale" holding "Medarbejdere" takes the staff names still free); it is never renamed.
    Any other name already taken stays where it is (``kept``)."""
    done = Seeded()
    slugs: dict[str, int] = {
        row[0]: row[1] for row in connection.execute(sa.select(_audiences.c.slug, _audiences.c.id))
    }
    by_slug = {audience_id: slug for slug, audience_id in slugs.items()}
    taken: dict[tuple[str, str], int] = {
        (row[0], row[1]): row[2]
        for row in connection.execute(
            sa.select(_aliases.c.language, _aliases.c.key, _aliases.c.audience_id)
        )
    }
    now = utcnow()
    for audience in vocabulary if vocabulary is not None else shipped():
        audience_id = slugs.get(audience.slug)
        if audience_id is None:  # an audience holding its name in some language is it
            named = (taken.get((lang, fold(name))) for lang, name in audience.names.items())
            audience_id = next((holder for holder in named if holder is not None), None)
        if audience_id is None:
            audience_id = connection.execute(
                sa.insert(_audiences)
                .values(slug=audience.slug, name=audience.name(language)[:200], created_at=now)
                .returning(_audiences.c.id)
            ).scalar_one()
            slugs[audience.slug] = audience_id
            by_slug[audience_id] = audience.slug
            done.audiences.append(audience.slug)
        added = []
        for lang, name in audience.aliases:
            key = (lang, fold(name))
            holder = taken.get(key)
            if holder is None:
                taken[key] = audience_id
                added.append(
                    {
                        "audience_id": audience_id,
                        "language": lang,
                        "name": name[:200],
                        "key": key[1],
                    }
                )
            elif holder != audience_id:
                done.kept.append((lang, name, by_slug.get(holder, "?")))
        if added:
            connection.execute(sa.insert(_aliases), added)
            done.aliases += len(added)
    return done
