"""Audiences: the organisation's target groups, one vocabulary every plan's rows are read by.

A plan keeps its own words in ``Activity.target_group``; what those words mean is an
``Audience`` found through its aliases ("Medarbejdere", "Alle medarbejdere", "Personale" in
Danish, "Anställda" in Swedish are one audience "staff"). Names an import cannot place are
told to the plan's owner (in the import report and once in chat), who maps them to an existing
audience (``map``). Who may do what:

- adding an audience or an alias (``add``, ``alias``): the organisation's admin, since every
  plan's reading changes;
- mapping a name of their plan (``map``): whoever may change that plan, and only a name the
  plan uses that means nothing yet; an existing alias is never moved, so one plan's owner
  cannot change how another plan is read;
- the list of audiences and their aliases: anyone (it names no activity);
- the names left unplaced: per plan, to whoever may read the plan.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.errors import Invalid, NotFound
from bot.services.permissions import Gate, Permission
from bot.services.plans import require_plan
from config.languages import LANGUAGES
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.rows import insert_rows, outbox_row
from storage.database import transaction
from storage.models import (
    Activity,
    ActivityAudience,
    Audience,
    AudienceAlias,
    AudienceBudget,
    Plan,
)
from storage.repositories import audiences, audit
from storage.repositories.audiences import AudienceReading, Vocabulary, fold
from storage.repositories.keys import slugify
from storage.types import utcnow
from storage.vocabulary import seed as seed_vocabulary

# A chat message asks about at most this many names (Slack: one picker each, 50 blocks); the
# rest are counted.
MAX_ASKED = 20


@dataclass(frozen=True, slots=True)
class AliasView:
    language: str
    name: str


@dataclass(frozen=True, slots=True)
class AudienceView:
    id: int
    slug: str
    name: str
    aliases: tuple[AliasView, ...]
    activities: int  # how many activities address it
    budgets: tuple[tuple[str, int], ...] = ()  # (channel, at most this many a week)

    @classmethod
    def of(cls, audience: Audience, activities: int = 0) -> AudienceView:
        aliases = tuple(AliasView(alias.language, alias.name) for alias in audience.aliases)
        budgets = tuple((b.channel, b.per_week) for b in audience.budgets)
        return cls(audience.id, audience.slug, audience.name, aliases, activities, budgets)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "slug": self.slug,
            "name": self.name,
            "aliases": [{"language": a.language, "name": a.name} for a in self.aliases],
            "activities": self.activities,
            "budgets": [{"channel": c, "per_week": n} for c, n in self.budgets],
        }


@dataclass(frozen=True, slots=True)
class Relinked:
    """After a change to the vocabulary: how many activities now address other audiences."""

    audience: AudienceView
    relinked: int


@dataclass(frozen=True, slots=True)
class SeedReport:
    """What ``audiences seed`` did: the audiences and how many aliases it added, the shipped
    names left with the audience that already holds them (language, name, its short name), and
    how many activities now address other audiences."""

    added: tuple[str, ...]
    aliases: int
    kept: tuple[tuple[str, str, str], ...]
    relinked: int

    def as_json(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "aliases": self.aliases,
            "kept": [{"language": k[0], "name": k[1], "audience": k[2]} for k in self.kept],
            "relinked": self.relinked,
        }


def unknown_names(readings: Iterable[AudienceReading]) -> dict[str, int]:
    """Each name no audience answers to, with how many rows use it (first spelling kept)."""
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for reading in readings:
        for name in reading.unknown:
            key = fold(name)
            spelling.setdefault(key, name)
            counts[spelling[key]] = counts.get(spelling[key], 0) + 1
    return dict(sorted(counts.items(), key=lambda item: item[0].casefold()))


def read_plan_audiences(session: Session, plan: Plan) -> dict[str, int]:
    """Link the plan's activities to the audiences their target groups name (after an import
    or an edit); the names left unplaced, with their row counts."""
    readings, _ = audiences.relink(
        session, audiences.texts_of(session, plan.id), Vocabulary.load(session)
    )
    return unknown_names(readings.values())


def read_activity_audiences(session: Session, activity: Activity) -> tuple[str, ...]:
    """Link one added or edited activity to its audiences; the names left unplaced."""
    row = (activity.id, activity.target_group, activity.plan.language)
    readings, _ = audiences.relink(session, [row], Vocabulary.load(session))
    return readings[activity.id].unknown


def ask_owner_once(
    session: Session, plan: Plan, names: Sequence[str], *, kind: NoticeKind, prefix: str
) -> None:
    """Tell the plan's owner once of ``names`` an import could not place (a notice of
    ``kind``): keyed by plan and names, so importing the same file again tells nothing new."""
    if plan.owner_id is None or not names:
        return
    asked = list(names[:MAX_ASKED])
    digest = hashlib.sha256("\n".join(asked).encode("utf-8")).hexdigest()[:16]
    insert_rows(
        session,
        [
            outbox_row(
                f"{prefix}:{plan.id}:{digest}",
                kind,
                utcnow(),
                plan_id=plan.id,
                activity_id=None,
                person_id=plan.owner_id,
                payload={"names": asked, "more": len(names) - len(asked)},
            )
        ],
    )


class AudienceService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def add(
        self, name: str, actor: Actor, *, language: str | None = None, slug: str | None = None
    ) -> Relinked:
        """A new audience; its name is its first alias (in ``language``, default the
        organisation's)."""
        name = " ".join(name.split())
        if not name:
            raise Invalid("error.empty_name")
        language = self._language(language)
        slug = slugify(slug or name)
        with transaction(self.context.sessions) as session:
            self._administer(session, actor, "audience.add")
            if audiences.by_slug(session, slug) is not None:
                self._refuse(actor, "audience.add", "audience.error.exists", slug=slug)
            self._free(session, actor, "audience.add", language, name)
            audience = Audience(slug=slug, name=name[:200])
            audience.aliases.append(AudienceAlias(language=language, name=name, key=fold(name)))
            session.add(audience)
            session.flush()
            audit.record(
                session,
                action="audience.add",
                entity="audience",
                entity_id=audience.id,
                **actor.audit_fields(),
                details={"slug": slug, "name": name, "language": language},
            )
            return self._relinked(session, audience)

    def seed(self, actor: Actor) -> SeedReport:
        """Merge the vocabulary commplan ships (storage/vocabulary.csv) into this database:
        the audiences and aliases missing are added (new audiences named in the organisation's
        language); an audience there is never renamed and an alias there never moved. Every
        activity is read again with the grown vocabulary."""
        with transaction(self.context.sessions) as session:
            self._administer(session, actor, "audience.seed")
            done = seed_vocabulary(session.connection(), self.context.settings.language)
            session.expire_all()
            _, changed = audiences.relink(
                session, audiences.texts_of(session), Vocabulary.load(session)
            )
            audit.record(
                session,
                action="audience.seed",
                entity="audience",
                entity_id=None,
                **actor.audit_fields(),
                details={
                    "audiences": done.audiences,
                    "aliases": done.aliases,
                    "kept": [list(kept) for kept in done.kept],
                },
            )
            return SeedReport(tuple(done.audiences), done.aliases, tuple(done.kept), changed)

    def alias(
        self, audience: str, name: str, actor: Actor, *, language: str | None = None
    ) -> Relinked:
        """Another name for the audience, in ``language``."""
        name = " ".join(name.split())
        if not name:
            raise Invalid("error.empty_name")
        language = self._language(language)
        with transaction(self.context.sessions) as session:
            self._administer(session, actor, "audience.alias")
            found = self._require(session, audience)
            self._add_alias(
                session, actor, "audience.alias", found, language=language, name=name, plan=None
            )
            return self._relinked(session, found)

    def map(self, plan: str, name: str, audience: str, actor: Actor) -> Relinked:
        """The plan's target group ``name`` means ``audience``: an alias in the plan's language."""
        name = " ".join(name.split())
        with transaction(self.context.sessions) as session:
            found_plan = require_plan(session, plan)
            self.gate.require(
                session, actor, Permission.CHANGE, action="audience.map", plan=found_plan
            )
            found = self._require(session, audience)
            unknown = read_plan_audiences(session, found_plan)
            spelled = {fold(known): known for known in unknown}
            if fold(name) not in spelled:
                self._refuse(
                    actor,
                    "audience.map",
                    "audience.error.not_unplaced",
                    plan_id=found_plan.id,
                    name=name,
                    plan=found_plan.name,
                )
            name, language = spelled[fold(name)], found_plan.language  # as the plan writes it
            self._add_alias(
                session, actor, "audience.map", found, language=language, name=name, plan=found_plan
            )
            return self._relinked(session, found)

    def budget(self, audience: str, channel: str, per_week: int, actor: Actor) -> AudienceView:
        """At most ``per_week`` activities a week on ``channel`` to the audience, across plans
        (0 or less: no budget)."""
        channel = " ".join(channel.split())
        if not channel:
            raise Invalid("error.empty_name")
        with transaction(self.context.sessions) as session:
            self._administer(session, actor, "audience.budget")
            found = self._require(session, audience)
            existing = session.get(AudienceBudget, (found.id, fold(channel)))
            if per_week <= 0:
                if existing is not None:
                    session.delete(existing)
            elif existing is None:
                session.add(
                    AudienceBudget(
                        audience_id=found.id,
                        channel_key=fold(channel),
                        channel=channel[:200],
                        per_week=per_week,
                    )
                )
            else:
                existing.per_week = per_week
            session.flush()
            session.expire(found, ["budgets"])
            audit.record(
                session,
                action="audience.budget",
                entity="audience",
                entity_id=found.id,
                **actor.audit_fields(),
                details={"channel": channel, "per_week": max(per_week, 0)},
            )
            session.flush()
            return AudienceView.of(found)

    def list(self) -> list[AudienceView]:
        with self.context.sessions() as session:
            counts = dict(
                session.execute(
                    select(ActivityAudience.audience_id, func.count()).group_by(
                        ActivityAudience.audience_id
                    )
                ).all()
            )
            return [
                AudienceView.of(audience, int(counts.get(audience.id, 0)))
                for audience in audiences.all_audiences(session)
            ]

    def unplaced(self, plan: str, actor: Actor) -> dict[str, int]:
        """The plan's target group names that mean no audience yet, with their row counts."""
        with transaction(self.context.sessions) as session:
            found_plan = require_plan(session, plan)
            self.gate.require(
                session, actor, Permission.READ, action="audience.unplaced", plan=found_plan
            )
            vocabulary = Vocabulary.load(session)
            texts = audiences.texts_of(session, found_plan.id)
            return unknown_names(vocabulary.read(text, language) for _, text, language in texts)

    # Helpers

    def _administer(self, session: Session, actor: Actor, action: str) -> None:
        """The vocabulary is the organisation's: its admin changes it."""
        self.gate.require(
            session, actor, Permission.ADMINISTER, action=action, entity=("audience", None)
        )

    def _language(self, language: str | None) -> str:
        chosen = (language or self.context.settings.language).strip().lower()
        if chosen not in LANGUAGES:
            raise Invalid("audience.error.language", language=chosen, known=", ".join(LANGUAGES))
        return chosen

    def _require(self, session: Session, slug: str) -> Audience:
        found = audiences.by_slug(session, slugify(slug))
        if found is None:
            raise NotFound("audience.error.unknown", name=slug)
        return found

    def _free(self, session: Session, actor: Actor, action: str, language: str, name: str) -> None:
        """Refuse a name that already means an audience in that language."""
        taken = audiences.alias(session, language, name)
        if taken is not None:
            self._refuse(
                actor,
                action,
                "audience.error.alias_taken",
                name=name,
                language=language,
                audience=taken.audience.name,
            )

    def _add_alias(
        self,
        session: Session,
        actor: Actor,
        action: str,
        audience: Audience,
        *,
        language: str,
        name: str,
        plan: Plan | None,
    ) -> None:
        self._free(session, actor, action, language, name)
        audience.aliases.append(AudienceAlias(language=language, name=name[:200], key=fold(name)))
        session.flush()
        audit.record(
            session,
            action=action,
            entity="audience",
            entity_id=audience.id,
            plan_id=plan.id if plan else None,
            **actor.audit_fields(),
            details={"name": name, "language": language, "audience": audience.slug},
        )

    def _relinked(self, session: Session, audience: Audience) -> Relinked:
        """Read every activity again with the grown vocabulary (an admin's rare change: one
        pass over the activities, a few statements)."""
        _, changed = audiences.relink(
            session, audiences.texts_of(session), Vocabulary.load(session)
        )
        session.flush()
        count = session.scalar(
            select(func.count())
            .select_from(ActivityAudience)
            .where(ActivityAudience.audience_id == audience.id)
        )
        return Relinked(AudienceView.of(audience, int(count or 0)), changed)

    def _refuse(
        self, actor: Actor, action: str, key: str, *, plan_id: int | None = None, **values: object
    ) -> NoReturn:
        """Record a refused change (in a transaction of its own) and raise its one line."""
        with transaction(self.context.sessions) as session:
            audit.record(
                session,
                action=f"{action}.refused",
                entity="audience",
                entity_id=None,
                plan_id=plan_id,
                **actor.audit_fields(),
                details={"reason": key, **{k: str(v) for k, v in values.items()}},
            )
        raise Invalid(key, **values)
