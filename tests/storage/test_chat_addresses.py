"""Chat addresses: revision 0004 moves every chat id into one table (and back), on SQLite and
PostgreSQL; the repository's lookups."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.database import make_engine, session_factory
from storage.migrate import downgrade, upgrade
from storage.models import ChatAddress, Owner, OwnerKind, Person, PersonAlias, Surface, Team
from storage.repositories import addresses
from tests.conftest import POSTGRES_URL

NOW = "'2026-01-01 00:00:00'"
# A 0003 database as Slack and Teams left it: a person on both (Teams with a personal chat), one
# on Slack only, a group with both channels, a team with a Slack channel.
ROWS_0003 = (
    "INSERT INTO teams (id, slug, name, slack_channel_id, teams_conversation_id, feed_token,"
    f" feed_token_hash, created_at) VALUES (1, 'udbud', 'Udbud', 'CTEAM', NULL, 't', 'h', {NOW})",
    "INSERT INTO people (id, name, slack_user_id, teams_user_id, teams_conversation_id,"
    " teams_service_url, active, weekly_digest, is_admin, created_at) VALUES"
    f" (7, 'Mette Holm', 'UMETTE', 'aad-mette', 'a:mette', 'https://smba.example/emea', true,"
    f" false, false, {NOW}),"
    f" (8, 'Bo Berg', 'UBO', NULL, NULL, NULL, true, false, false, {NOW}),"
    f" (9, 'Ny Person', NULL, NULL, NULL, NULL, true, false, false, {NOW})",
    "INSERT INTO person_aliases (id, person_id, alias, alias_key) VALUES (1, 7, 'MH', 'mh')",
    "INSERT INTO team_members (team_id, person_id, is_admin) VALUES (1, 7, true)",
    "INSERT INTO steering_groups (id, team_id, name, chair_id, decision_rule, slack_channel_id,"
    " teams_conversation_id, teams_service_url, allow_self_approval, created_at) VALUES"
    f" (1, 1, 'Styregruppen', 7, 'any', 'CSTEER', '19:steer', 'https://smba.example/emea', false,"
    f" {NOW})",
    "INSERT INTO steering_members (group_id, person_id) VALUES (1, 7), (1, 8)",
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def at_0003(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database at revision 0003 holding ``ROWS_0003``. PostgreSQL's shared test database is
    put back at the newest revision afterwards."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    else:
        request.getfixturevalue("postgres_migrated")  # skips without PostgreSQL
        assert POSTGRES_URL is not None
        engine = make_engine(POSTGRES_URL)
        _empty_schema(engine)
    try:
        upgrade(engine, "0003")
        with engine.begin() as connection:
            for statement in ROWS_0003:
                connection.execute(text(statement))
        yield engine
    finally:
        if request.param != "sqlite":
            _empty_schema(engine)
            upgrade(engine)
        engine.dispose()


def _empty_schema(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


def _rows(engine: Engine) -> set[tuple[object, ...]]:
    with engine.connect() as connection:
        found = connection.execute(
            select(
                ChatAddress.person_id,
                ChatAddress.steering_group_id,
                ChatAddress.team_id,
                ChatAddress.surface,
                ChatAddress.address,
                ChatAddress.conversation,
                ChatAddress.route,
            )
        )
        return {tuple(row) for row in found}


def test_0004_moves_every_chat_id_into_chat_addresses_and_back(at_0003: Engine) -> None:
    upgrade(at_0003)
    emea = "https://smba.example/emea"
    assert _rows(at_0003) == {
        (7, None, None, "slack", "UMETTE", None, None),
        (7, None, None, "msteams", "aad-mette", "a:mette", emea),
        (8, None, None, "slack", "UBO", None, None),
        (None, 1, None, "slack", "CSTEER", None, None),
        (None, 1, None, "msteams", "19:steer", None, emea),
        (None, None, 1, "slack", "CTEAM", None, None),
    }
    columns = {
        table: {c["name"] for c in inspect(at_0003).get_columns(table)}
        for table in ("people", "steering_groups", "teams")
    }
    assert not {name for names in columns.values() for name in names if "slack" in name}
    assert not {name for names in columns.values() for name in names if name.startswith("teams_")}
    with at_0003.connect() as connection:
        # Copying the tables on SQLite deleted nothing that points at them.
        assert connection.scalar(select(PersonAlias.alias)) == "MH"
        assert connection.execute(text("SELECT count(*) FROM steering_members")).scalar() == 2
        assert connection.execute(text("SELECT count(*) FROM team_members")).scalar() == 1

    downgrade(at_0003, "0003")
    with at_0003.connect() as connection:
        people = connection.execute(
            text(
                "SELECT id, slack_user_id, teams_user_id, teams_conversation_id,"
                " teams_service_url FROM people ORDER BY id"
            )
        ).all()
        group = connection.execute(
            text(
                "SELECT slack_channel_id, teams_conversation_id, teams_service_url"
                " FROM steering_groups"
            )
        ).one()
        team = connection.execute(text("SELECT slack_channel_id FROM teams")).scalar()
        aliases = connection.execute(text("SELECT count(*) FROM person_aliases")).scalar()
    assert [tuple(row) for row in people] == [
        (7, "UMETTE", "aad-mette", "a:mette", emea),
        (8, "UBO", None, None, None),
        (9, None, None, None, None),
    ]
    assert tuple(group) == ("CSTEER", "19:steer", emea)
    assert (team, aliases) == ("CTEAM", 1)


def _person(session: Session, name: str) -> int:
    person = Person(name=name)
    session.add(person)
    session.flush()
    return person.id


def test_lookups_by_owner_by_address_and_for_many(engine: Engine) -> None:
    with session_factory(engine)() as session:
        mette, bo = _person(session, "Mette Holm"), _person(session, "Bo Berg")
        team = Team(slug="udbud", name="Udbud")
        session.add(team)
        session.flush()
        addresses.put(session, Owner.person(mette), Surface.SLACK, "UMETTE")
        addresses.put(
            session, Owner.person(mette), Surface.MSTEAMS, "aad-m", conversation="a:m", route="r"
        )
        addresses.put(session, Owner.person(bo), Surface.SLACK, "UBO")
        addresses.put(session, Owner.team(team.id), Surface.SLACK, "CTEAM")

        assert addresses.person_at(session, Surface.SLACK, "UBO") == bo
        assert addresses.person_at(session, Surface.SLACK, "CTEAM") is None  # a team's channel
        many = addresses.of_many(session, OwnerKind.PERSON, [mette, bo, 999])
        assert {owner: [row.address for row in rows] for owner, rows in many.items()} == {
            mette: ["UMETTE", "aad-m"],
            bo: ["UBO"],
        }
        assert addresses.has_any(session, Owner.team(team.id))
        assert not addresses.has_any(session, Owner.steering_group(1))

        # A new Teams user forgets the old one's chat; the same user keeps it.
        addresses.put(session, Owner.person(mette), Surface.MSTEAMS, "aad-m")
        row = addresses.on(session, Owner.person(mette), Surface.MSTEAMS)
        assert row is not None and (row.conversation, row.route) == ("a:m", "r")
        addresses.put(session, Owner.person(mette), Surface.MSTEAMS, "aad-other")
        assert (row.conversation, row.route) == (None, None)
        assert addresses.remove(session, Owner.person(mette), Surface.MSTEAMS)
        assert addresses.on(session, Owner.person(mette), Surface.MSTEAMS) is None
        session.commit()


def test_a_chat_user_is_one_person_and_an_address_has_one_owner(engine: Engine) -> None:
    with session_factory(engine)() as session:
        mette, bo = _person(session, "Mette Holm"), _person(session, "Bo Berg")
        addresses.put(session, Owner.person(mette), Surface.SLACK, "USAME")
        session.commit()
        with pytest.raises(IntegrityError):
            addresses.put(session, Owner.person(bo), Surface.SLACK, "USAME")
        session.rollback()
        # A group's channel may be a person's DM id on another owner kind: no clash.
        session.add(
            ChatAddress(person_id=bo, steering_group_id=None, surface="slack", address="U1")
        )
        session.add(ChatAddress(person_id=None, team_id=None, surface="slack", address="CX"))
        with pytest.raises(IntegrityError):  # an address with no owner
            session.flush()
        session.rollback()


def test_sqlite_checks_keys_again_once_migrated(tmp_path: Path) -> None:
    """Migrations run with SQLite's keys off; the pooled connection gets them back."""
    engine = make_engine(f"sqlite:///{tmp_path / 'keys.db'}", pool_size=1)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
