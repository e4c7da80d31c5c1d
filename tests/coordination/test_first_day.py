"""Coordination from the first day (issue 31): a new database ships a vocabulary, so the
issue's two plans to "Alle medarbejdere" three days apart collide with no curation; the same
name in two plans collides when no audience holds it, and each owner is offered the mapping
once; the overlaps look as far ahead as the plans go; ``audiences seed`` merges the shipped
vocabulary and never renames an admin's audience nor moves an alias an admin set; the shipped
vocabulary places the sample plans' target groups but for the organisation's own names."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine, create_engine, make_url, select, text

from bot.chat.caller import Caller
from bot.chat.overlaps import overlap_lines
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from config import load_settings
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.reading import notice_of
from scheduler.overlaps import OverlapPlanner
from storage.database import make_engine, session_factory
from storage.migrate import downgrade, upgrade
from storage.models import ActivityName, Audience, AudienceAlias, Origin, OutboxMessage
from storage.vocabulary import shipped
from tests.conftest import POSTGRES_URL, SAMPLES

ADMIN = Actor(Origin.CLI, None, "cli:test", admin=True)
# Monday 7 December 2026, 09:00 in Copenhagen: the clash is in March, beyond 90 days.
DECEMBER = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)


def _services(url: str, language: str = "da") -> Services:
    settings = load_settings(
        COMMPLAN_DATABASE_URL=url,
        COMMPLAN_LANGUAGE=language,
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
    )
    return Services.create(settings, make_engine(url))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database migrated from nothing, as a new install's first start makes it (the shared
    test databases are emptied of the vocabulary: tests/conftest.py)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'fresh.db'}"
        engine = make_engine(url)
        upgrade(engine, language="da")
        engine.dispose()
        yield url
        return
    request.getfixturevalue("postgres_migrated")  # skips (or fails in CI) without a server
    assert POSTGRES_URL is not None
    name = f"commplan_fresh_{os.getpid()}"
    server = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine, language="da")
    engine.dispose()
    yield url
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def two_teams(services: Services) -> dict[str, int]:
    """Two teams, a plan each with its owner; the owners' person ids by plan."""
    owners = {}
    for team, owner, plan in (("skole", "Olga", "Skoleplan"), ("omsorg", "Otto", "Omsorgsplan")):
        services.teams.add(team.title(), ADMIN, slug=team)
        person = services.people.add(owner, ADMIN, team=team)
        services.plans.create(plan, team, ADMIN, language="da", owner=owner)
        owners[plan] = person.id
    return owners


def both_write_to(services: Services, target: str) -> None:
    """The issue's clash: each plan an intranet news item to ``target``, three days apart."""
    for plan, title, when in (
        ("Skoleplan", "Nyhed om skolen", "15. marts 2027"),
        ("Omsorgsplan", "Nyhed om omsorgen", "18. marts 2027"),
    ):
        fields = {"target_group": target, "channel": "Intranet", "when": when}
        services.activities.add(plan, title, ADMIN, fields=fields)


@time_machine.travel(DECEMBER, tick=False)
def test_a_new_database_finds_the_issues_overlap_with_no_curation(fresh_url: str) -> None:
    services = _services(fresh_url)
    try:
        # The vocabulary came with the database: named in the organisation's language.
        slugs = {view.slug: view.name for view in services.audiences.list()}
        assert slugs["staff"] == "Medarbejdere"
        assert set(slugs) == {audience.slug for audience in shipped()}
        two_teams(services)
        both_write_to(services, "Alle medarbejdere")
        # Three months ahead, without --days: the horizon covers the plans.
        found = services.overlaps.list(ADMIN)
        assert [(o.overlap.kind, o.overlap.audience, o.overlap.plan_ids) for o in found] == [
            ("near", "Medarbejdere", (1, 2))
        ]
        assert [e.day for e in found[0].overlap.entries] == [
            dt.date(2027, 3, 15),
            dt.date(2027, 3, 18),
        ]
        # --days narrows it: 90 days from 7 December end before 15 March.
        assert services.overlaps.list(ADMIN, days=90) == []
        # The calendar counts both under the audience.
        grid = services.calendar.grid(ADMIN, weeks=1, first=dt.date(2027, 3, 15))
        assert [(row.name, row.counts) for row in grid.audiences] == [("Medarbejdere", (2,))]
    finally:
        services.context.engine.dispose()


@pytest.fixture
def planner(db_url: str) -> Iterator[Callable[[], OverlapPlanner]]:
    """Each call: another replica's planner, on an engine of its own."""
    engines: list[Engine] = []

    def replica() -> OverlapPlanner:
        engines.append(make_engine(db_url))
        sessions = session_factory(engines[-1])
        return OverlapPlanner(sessions, apart=5, horizon_days=None, zone="Europe/Copenhagen")

    yield replica
    for engine in engines:
        engine.dispose()


def kinds(engine: Engine) -> list[tuple[str, int | None]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.kind, OutboxMessage.person_id).order_by(
                OutboxMessage.kind, OutboxMessage.person_id
            )
        ).all()
    return [(row[0], row[1]) for row in rows]


@time_machine.travel(DECEMBER, tick=False)
def test_the_same_name_in_two_plans_collides_and_is_offered_once(
    services: Services, planner: Callable[[], OverlapPlanner], engine: Engine
) -> None:
    owners = two_teams(services)  # no audience at all: nobody curated anything
    both_write_to(services, "Netværk for kvalitetskoordinatorerne")
    found = services.overlaps.list(ADMIN)
    assert len(found) == 1
    overlap = found[0].overlap.as_json()
    assert (overlap["audience"], overlap["same_name"], overlap["plans"]) == (
        "Netværk for kvalitetskoordinatorerne",
        True,
        [1, 2],
    )
    heads = {language: overlap_lines(overlap, language, 5)[0] for language in ("da", "sv", "en")}
    assert heads == {
        "da": "»Netværk for kvalitetskoordinatorerne«: samme navn i 2 planer, inden for 5 "
        "arbejdsdage (ingen målgruppe har navnet endnu).",
        "sv": "”Netværk for kvalitetskoordinatorerne”: samma namn i 2 planer, inom 5 "
        "arbetsdagar (ingen målgrupp har namnet ännu).",
        "en": "“Netværk for kvalitetskoordinatorerne”: same name in 2 plans, within 5 working "
        "days (no audience holds the name yet).",
    }
    olga, otto = owners["Skoleplan"], owners["Omsorgsplan"]
    first = planner()
    assert first() == 4  # the overlap to each owner, and the offer to each
    assert planner()() == 0  # another replica: all told
    # A third activity joins: a new overlap is told, the name is not offered again.
    fields = {"target_group": "netværk for  kvalitetskoordinatorerne.", "when": "16. marts 2027"}
    services.activities.add("Skoleplan", "Møde", ADMIN, fields=fields)
    assert first(DECEMBER + dt.timedelta(hours=1)) == 2
    assert kinds(engine) == [
        ("overlap", olga),
        ("overlap", olga),
        ("overlap", otto),
        ("overlap", otto),
        ("same_name", olga),
        ("same_name", otto),
    ]
    with session_factory(engine)() as session:
        row = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.kind == NoticeKind.SAME_NAME, OutboxMessage.person_id == otto
            )
        ).one()
    reply = reminder_reply(services, notice_of(row), Caller(Actor(Origin.CLI, otto, "Otto"), "en"))
    assert reply.text == (
        "“Netværk for kvalitetskoordinatorerne” is a target group in your plan Omsorgsplan and "
        "in 1 other plan; no audience holds the name, so commplan reads it as one audience. "
        'Make it an audience (an admin): commplan audiences add "Netværk for '
        'kvalitetskoordinatorerne" --language da; or map it in your plan to an audience: '
        'commplan audiences map "Omsorgsplan" "Netværk for kvalitetskoordinatorerne" AUDIENCE '
        "(see commplan audiences list)."
    )
    # Once the admin adds it, it is an audience like any other: no name left to collide by.
    services.audiences.add("Netværk for kvalitetskoordinatorerne", ADMIN, language="da")
    with session_factory(engine)() as session:
        assert session.scalars(select(ActivityName)).all() == []
    found = services.overlaps.list(ADMIN)
    assert [(o.overlap.same_name, o.overlap.audience) for o in found] == [
        (None, "Netværk for kvalitetskoordinatorerne")
    ]


@time_machine.travel(DECEMBER, tick=False)
def test_seed_merges_and_never_renames_an_admins_audience(services: Services) -> None:
    two_teams(services)
    # The admin's own vocabulary, before the shipped one: "Personale" holds "Medarbejdere",
    # "press" is named otherwise, and "Ledelsen" means the board of directors.
    services.audiences.add("Personale", ADMIN, language="da", slug="personale")
    services.audiences.alias("personale", "Medarbejdere", ADMIN, language="da")
    services.audiences.add("Presse og medier", ADMIN, language="da", slug="press")
    services.audiences.add("Direktionen og ledelsen", ADMIN, language="da", slug="direktion")
    services.audiences.alias("direktion", "Ledelsen", ADMIN, language="da")
    fields = {"target_group": "Borgerne", "when": "15. marts 2027"}
    services.activities.add("Skoleplan", "Borgermøde", ADMIN, fields=fields)

    done = services.audiences.seed(ADMIN)
    assert "staff" not in done.added  # its names went to the admin's "personale"
    assert {"citizens", "managers", "unions"} <= set(done.added)
    assert ("da", "Ledelsen", "direktion") in done.kept
    assert done.relinked == 1  # "Borgerne" now means the citizens
    listed = {view.slug: view for view in services.audiences.list()}
    assert listed["personale"].name == "Personale"
    assert listed["press"].name == "Presse og medier"
    assert listed["direktion"].name == "Direktionen og ledelsen"
    aliases = {(a.language, a.name) for a in listed["personale"].aliases}
    assert {("da", "Alle medarbejdere"), ("sv", "Anställda"), ("en", "Staff")} <= aliases
    assert ("da", "Pressen") in {(a.language, a.name) for a in listed["press"].aliases}
    assert ("da", "Ledelsen") not in {(a.language, a.name) for a in listed["managers"].aliases}
    assert listed["citizens"].activities == 1

    again = services.audiences.seed(ADMIN)
    assert (again.added, again.aliases, again.relinked) == ((), 0, 0)
    with services.context.sessions() as session:
        names = dict(session.execute(select(Audience.slug, Audience.name)).tuples().all())
        count = len(session.scalars(select(AudienceAlias)).all())
    assert names["personale"] == "Personale"
    assert count == sum(len(v.aliases) for v in services.audiences.list())


def test_only_the_admin_seeds(services: Services) -> None:
    services.teams.add("Skole", ADMIN, slug="skole")
    mads = services.people.add("Mads", ADMIN, team="skole")
    with pytest.raises(Exception) as refused:
        services.audiences.seed(Actor(Origin.CLI, mads.id, "Mads"))
    assert type(refused.value).__name__ == "Forbidden"
    assert services.audiences.list() == []


# The sample plans' target groups the shipped vocabulary does not place: the organisation's own
# names (a circle of its managers, a network of its coordinators, one of its departments' staff,
# one region), which only that organisation can say what they mean (docs/coordination.md).
UNPLACED = {
    "OC-kredsen (områdechefer)": 1,
    "Netværk for kvalitetskoordinatorerne": 1,
    "Medarbejdere på Socialområdet": 1,
    "Region Midtjylland": 1,
}


@pytest.mark.parametrize("name", ["udbud-kommunikationsplan.csv", "udbud-kommunikationsplan.docx"])
def test_the_shipped_vocabulary_places_the_sample_plans(sqlite_url: str, name: str) -> None:
    services = _services(sqlite_url, "en")
    try:
        services.audiences.seed(ADMIN)
        services.teams.add("Udbud", ADMIN, slug="udbud")
        report = services.imports.apply(services.imports.read(SAMPLES / name), ADMIN, team="udbud")
        assert report.plan is not None
        assert dict(report.unplaced_audiences) == UNPLACED
        by_slug = {view.slug: view.activities for view in services.audiences.list()}
        # Styregruppen, HMU, Eksterne interessenter, Pressen.
        assert {slug: n for slug, n in by_slug.items() if n} == {
            "steering-group": 1,
            "unions": 1,
            "partners": 1,
            "press": 1,
        }
    finally:
        services.context.engine.dispose()


def test_the_swedish_sample_has_no_target_group_column(sqlite_url: str) -> None:
    """Mittköping's activity plan names its audiences inside its goals, not in a column: there
    is nothing to place (listed in docs/coordination.md)."""
    services = _services(sqlite_url, "sv")
    try:
        plan = services.imports.read(SAMPLES / "mittkoping-aktivitetsplan.xlsx")
        assert plan.activities
        assert {a.fields.get("target_group") for a in plan.activities} == {None}
    finally:
        services.context.engine.dispose()


@time_machine.travel(DECEMBER, tick=False)
def test_an_existing_database_keeps_its_vocabulary_and_collides_by_name_after_the_upgrade(
    db_url: str,
) -> None:
    """Revision 0010 on a database with plans: no shipped audience is added (the admin may
    merge them with ``audiences seed``), and the names no audience holds are read at once."""
    services = _services(db_url)
    try:
        two_teams(services)
        services.audiences.add("Pressen", ADMIN, language="da", slug="press")
        both_write_to(services, "Alle medarbejdere og pressen")
        engine = services.context.engine
        downgrade(engine, "0008")
        upgrade(engine, language="da")
        assert [view.slug for view in services.audiences.list()] == ["press"]
        with services.context.sessions() as session:
            names = session.execute(select(ActivityName.activity_id, ActivityName.name)).all()
        assert sorted((row[0], row[1]) for row in names) == [
            (1, "Alle medarbejdere"),
            (2, "Alle medarbejdere"),
        ]
        found = services.overlaps.list(ADMIN)
        assert sorted((o.overlap.audience, o.overlap.same_name is not None) for o in found) == [
            ("Alle medarbejdere", True),
            ("Pressen", False),
        ]
    finally:
        services.context.engine.dispose()
