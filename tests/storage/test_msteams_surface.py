"""Revision 0016: every stored "teams" meaning Microsoft Teams becomes "msteams" (and back on a
downgrade), on SQLite and PostgreSQL; "teams" meaning a group of people stays; what a 0015
database held reads the same afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from bot import registry
from bot.services.views import PersonView, TeamView
from storage.database import make_engine
from storage.migrate import downgrade, upgrade
from storage.models import (
    Activity,
    ApprovalDecision,
    ApprovalRequest,
    ApprovalVersion,
    AuditEntry,
    Capacity,
    ChatAddress,
    Decision,
    OutboxMessage,
    PendingUpload,
    Person,
    Plan,
    Surface,
    SurfaceHealth,
    Team,
)
from tests.conftest import POSTGRES_URL
from tests.storage.test_chat_addresses import _empty_schema

AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LONG_USER = "u" * 240  # an unlinked user's key cut at 255 characters, as the code cuts it
DECISION_FACT = {"id": 1, "version": 1, "person": "Mette Holm", "surface": "teams"}


def _write_0015_rows(session: Session) -> None:
    """What a 0015 release wrote: Microsoft Teams as "teams" in every place that holds a
    surface, beside a team (a group of people) whose slug and name say "teams"."""
    team = Team(slug="teams", name="teams")
    mette = Person(name="Mette Holm", preferred_surface="teams")
    bo = Person(name="Bo Berg", preferred_surface="slack")
    session.add_all([team, mette, bo])
    session.flush()
    plan = Plan(team_id=team.id, name="Plan", owner_id=mette.id)
    session.add(plan)
    session.flush()
    activity = Activity(plan_id=plan.id, title="Nyhedsbrev")
    session.add(activity)
    session.flush()
    request = ApprovalRequest(activity_id=activity.id)
    session.add(request)
    session.flush()
    version = ApprovalVersion(request_id=request.id, number=1, content_hash="0" * 64)
    session.add(version)
    session.flush()
    session.add_all(
        [
            ChatAddress(person_id=mette.id, surface="teams", address="aad-mette"),
            ChatAddress(person_id=mette.id, surface="slack", address="UMETTE"),
            ChatAddress(team_id=team.id, surface="teams", address="19:team"),
            ApprovalDecision(
                request_id=request.id,
                version_id=version.id,
                person_id=mette.id,
                capacity=Capacity.MEMBER,
                decision=Decision.APPROVE,
                surface="teams",
                idempotency_key="teams:reply-1:aad-mette:approve",
            ),
            ApprovalDecision(
                request_id=request.id,
                version_id=version.id,
                person_id=bo.id,
                capacity=Capacity.MEMBER,
                decision=Decision.APPROVE,
                surface="slack",
                idempotency_key="slack:teams:1",
            ),
            PendingUpload(person_id=mette.id, surface="teams", file_name="p.csv", content=b"x"),
            SurfaceHealth(surface="teams", failures=3, probe_seconds=60),
            AuditEntry(
                actor_text="Mette Holm",
                origin="teams",
                action="people.prefer",
                entity="person",
                details={"preferred_surface": "teams"},
            ),
            AuditEntry(
                actor_text="cli:ops",
                origin="cli",
                action="team.connect",
                entity="team",
                details={"channels": {"teams": "19:team", "slack": "C1"}, "slug": "teams"},
            ),
            AuditEntry(
                actor_text="cli:ops",
                origin="cli",
                action="person.add",
                entity="person",
                details={"addresses": {"teams": "aad-mette"}, "name": "teams", "teams": "teams"},
            ),
            OutboxMessage(
                key=f"unlinked_attempt:teams:{LONG_USER}:1"[:255],
                kind="unlinked_attempt",
                due_at=AT,
                transport="teams",
                payload={"surface": "teams", "user": "aad-x", "plan": "teams"},
            ),
            OutboxMessage(
                key="approval_decided:1",
                kind="approval_decided",
                due_at=AT,
                transport="slack",
                payload={"facts": {"decisions": [DECISION_FACT], "team": "teams"}},
            ),
        ]
    )


TABLES = (
    ChatAddress,
    Person,
    Team,
    ApprovalDecision,
    PendingUpload,
    SurfaceHealth,
    AuditEntry,
    OutboxMessage,
)


def _dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as connection:
        return {
            model.__tablename__: sorted(
                (tuple(row) for row in connection.execute(select(model.__table__))), key=repr
            )
            for model in TABLES
        }


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def at_0015(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database at revision 0015 holding what ``_write_0015_rows`` writes."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    else:
        request.getfixturevalue("postgres_migrated")  # skips without PostgreSQL
        assert POSTGRES_URL is not None
        engine = make_engine(POSTGRES_URL)
        _empty_schema(engine)
    try:
        upgrade(engine, "0015")
        with Session(engine) as session, session.begin():
            _write_0015_rows(session)
        yield engine
    finally:
        if request.param != "sqlite":
            _empty_schema(engine)
            upgrade(engine)
        engine.dispose()


def test_0016_stores_msteams_everywhere_and_0015_gets_teams_back(at_0015: Engine) -> None:
    before = _dump(at_0015)
    upgrade(at_0015)
    with Session(at_0015) as session:
        _assert_surface_columns_say_msteams(session)
        _assert_keys_and_json_say_msteams(session)
        _assert_read_as_before(session)
    downgrade(at_0015, "0015")
    _assert_back_as_written(at_0015, before)


def _assert_surface_columns_say_msteams(session: Session) -> None:
    surfaces = {
        "chat_addresses": set(session.scalars(select(ChatAddress.surface))),
        "people": set(session.scalars(select(Person.preferred_surface))),
        "approval_decisions": set(session.scalars(select(ApprovalDecision.surface))),
        "pending_uploads": set(session.scalars(select(PendingUpload.surface))),
        "surface_health": set(session.scalars(select(SurfaceHealth.surface))),
        "audit_log": set(session.scalars(select(AuditEntry.origin))),
        "outbox": set(session.scalars(select(OutboxMessage.transport))),
    }
    assert surfaces == {
        "chat_addresses": {"msteams", "slack"},
        "people": {"msteams", "slack"},
        "approval_decisions": {"msteams", "slack"},
        "pending_uploads": {"msteams"},
        "surface_health": {"msteams"},
        "audit_log": {"msteams", "cli"},
        "outbox": {"msteams", "slack"},
    }
    # The team named "teams" is a group of people: untouched.
    assert session.scalars(select(Team.slug)).one() == "teams"


def _assert_keys_and_json_say_msteams(session: Session) -> None:
    keys = set(session.scalars(select(ApprovalDecision.idempotency_key)))
    assert keys == {"msteams:reply-1:aad-mette:approve", "slack:teams:1"}
    details = {entry.action: entry.details for entry in session.scalars(select(AuditEntry))}
    assert details == {
        "people.prefer": {"preferred_surface": "msteams"},
        "team.connect": {"channels": {"msteams": "19:team", "slack": "C1"}, "slug": "teams"},
        "person.add": {
            "addresses": {"msteams": "aad-mette"},
            "name": "teams",
            "teams": "teams",
        },
    }
    outbox = {row.kind: row for row in session.scalars(select(OutboxMessage))}
    unlinked = outbox["unlinked_attempt"]
    assert unlinked.key == f"unlinked_attempt:msteams:{LONG_USER}:1"[:255]
    assert len(unlinked.key) == 255
    assert unlinked.payload == {"surface": "msteams", "user": "aad-x", "plan": "teams"}
    decided = outbox["approval_decided"].payload
    assert decided == {
        "facts": {"decisions": [{**DECISION_FACT, "surface": "msteams"}], "team": "teams"}
    }


def _assert_read_as_before(session: Session) -> None:
    """Read as the code reads them: Microsoft Teams, shown as people have always read it."""
    mette = session.scalars(select(Person).where(Person.name == "Mette Holm")).one()
    assert Surface(mette.preferred_surface or "") is Surface.MSTEAMS
    assert PersonView.of(mette).as_json()["chat_addresses"] == {
        "teams": "aad-mette",
        "slack": "UMETTE",
    }
    assert PersonView.of(mette).address_on(Surface.MSTEAMS) == "aad-mette"
    team = TeamView.of(session.scalars(select(Team)).one())
    assert team.as_json()["teams_channel_id"] == "19:team"
    rows = session.scalars(select(ChatAddress).where(ChatAddress.surface == "msteams"))
    assert {registry.spec_of(Surface(row.surface)) for row in rows} == {
        registry.spec_of(Surface.MSTEAMS)
    }


def _assert_back_as_written(engine: Engine, before: dict[str, list[tuple[Any, ...]]]) -> None:
    after = _dump(engine)
    # A key cut at its column's length lost its last two characters on the way up (the code
    # computes the key "msteams" gives, cut the same way); every other value is back as it was.
    cut = f"unlinked_attempt:teams:{LONG_USER}:1"[:255]
    assert [row[1] for row in after["outbox"]] == [cut[:253], "approval_decided:1"]
    after["outbox"] = [(row[0], cut, *row[2:]) if row[0] == 1 else row for row in after["outbox"]]
    assert after == before
    with engine.connect() as connection:
        found = text("SELECT count(*) FROM chat_addresses WHERE surface = 'msteams'")
        assert connection.scalar(found) == 0
