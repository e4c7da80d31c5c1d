"""A person's data: every table that names them is found by the metadata, exported, forgotten."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

import pytest
import time_machine
from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, func, inspect, select

from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from scheduler.outbox.kinds import NoticeKind
from storage.models import (
    Activity,
    ActivityStatus,
    ApprovalDecision,
    ApprovalVersion,
    AuditEntry,
    Base,
    Capacity,
    Decision,
    Delegation,
    Deviation,
    IntendedOverlap,
    Origin,
    OutboxMessage,
    PendingUpload,
    Person,
    Plan,
    PlanName,
    SteeringGroup,
    Surface,
)
from storage.personal_data import (
    FOR_THE_RECORD,
    person_references,
    unhandled_references,
)

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2027, 3, 26, 9, 0, tzinfo=dt.UTC)
NAME, EMAIL, SLACK = "Mette Holm", "mette.holm@example.dk", "U0METTE01"


def test_every_key_to_people_has_a_rule_for_forgetting() -> None:
    # A new table with a key to people must say, by its ondelete, what forgetting does to it
    # (or be part of the decision record). A key without one is listed here and fails.
    assert unhandled_references() == []
    assert set(Base.metadata.tables) >= FOR_THE_RECORD


def test_the_walk_finds_a_table_it_was_never_told_about() -> None:
    metadata = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(metadata)
    Table(
        "plan_reviewers",
        metadata,
        Column("plan_id", Integer, primary_key=True),
        Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    )
    Table(
        "careless",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("who", ForeignKey("people.id")),
    )
    names = {reference.name for reference in person_references(metadata)}
    assert {"plan_reviewers.person_id", "careless.who"} <= names
    assert unhandled_references(metadata) == ["careless.who"]


def test_the_walk_matches_the_migrated_database(engine: Any) -> None:
    # What the migration made, read back from the database itself, not from the models.
    inspector = inspect(engine)
    in_database = {
        f"{table}.{column}"
        for table in inspector.get_table_names()
        for key in inspector.get_foreign_keys(table)
        if key["referred_table"] == "people"
        for column in key["constrained_columns"]
    }
    assert in_database == {reference.name for reference in person_references()}


def world(services: Services) -> tuple[int, int]:
    """Mette named in every table that can name a person. Returns (open, done) activity ids."""
    services.teams.add("Udbud", CLI)
    services.people.add(
        NAME, CLI, email=EMAIL, aliases=["MH"], addresses={Surface.SLACK: SLACK}, team="udbud"
    )
    for name in ("Anna Berg", "Bo Dahl"):
        services.people.add(name, CLI, team="udbud")
    services.plans.create("Plan", "udbud", CLI, language="en", owner=NAME)
    services.steering.create(
        "Styregruppen", "udbud", CLI, chair=NAME, members=(NAME, "Anna Berg", "Bo Dahl")
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    # Mette decides on her own request below: her group allows it (four eyes off).
    services.steering.configure("Styregruppen", CLI, allow_self_approval=True)
    services.roles.grant("editor", NAME, CLI, plan="Plan")
    fields = {"when": "6 April 2027", "responsible": NAME}
    open_id = services.activities.add("Plan", "Nyhedsbrev", CLI, fields=fields).activity.id
    done_id = services.activities.add(
        "Plan", "Pressemeddelelse", CLI, fields={**fields, "remarks": f"Spørg {NAME}"}
    ).activity.id
    mette = services.people.get(NAME)
    bo = services.people.get("Bo Dahl")
    anna = services.people.get("Anna Berg")
    me = Actor(Origin.CLI, mette.id, NAME)
    request = services.approvals.request(open_id, me, text="Udkast")
    services.approvals.decide(request.id, Decision.APPROVE, me, comment="OK")
    with services.context.sessions.begin() as session:
        activity = session.get(Activity, done_id)
        assert activity is not None
        activity.status = ActivityStatus.DONE
        activity.done_at = activity.reaction_at = NOW
        activity.done_by_id = activity.reaction_by_id = mette.id
        version = session.scalars(select(ApprovalVersion)).one()
        session.add(
            ApprovalDecision(
                request_id=request.id,
                version_id=version.id,
                person_id=bo.id,
                capacity=Capacity.DEPUTY,
                on_behalf_of_id=mette.id,
                decision=Decision.APPROVE,
                surface="cli",
            )
        )
        group = session.scalars(select(SteeringGroup)).one()
        for member, deputy in ((mette.id, bo.id), (anna.id, mette.id)):
            session.add(
                Delegation(
                    group_id=group.id,
                    member_id=member,
                    deputy_id=deputy,
                    starts_at=NOW,
                    ends_at=NOW + dt.timedelta(days=7),
                )
            )
        # She cancelled an activity: a deviation from the plan (docs/coordination.md).
        session.add(
            Deviation(
                activity_id=done_id,
                plan_id=activity.plan_id,
                kind="cancelled",
                person_id=mette.id,
                by_text="",
            )
        )
        # She marked an overlap of her plan with another plan intended (docs/coordination.md).
        session.add(IntendedOverlap(key="near:1:x", plan_id=activity.plan_id, person_id=mette.id))
        # A plan's file she sent in a chat, waiting for her Import or Cancel.
        session.add(
            PendingUpload(
                person_id=mette.id,
                surface="slack",
                file_name=f"Plan ({NAME}).csv",
                content=f"HVAD;ANSVARLIG\nNyhedsbrev;{NAME}\n".encode(),
                plan_id=activity.plan_id,
            )
        )
        # Her plan's owner picked her for a name the plan uses (a name of that plan alone).
        session.add(
            PlanName(plan_id=activity.plan_id, person_id=mette.id, alias="Chef", alias_key="chef")
        )
        session.add(
            OutboxMessage(
                key="reminder:x",
                kind=NoticeKind.REMINDER,
                person_id=mette.id,
                due_at=NOW,
                payload={"to": NAME},
            )
        )
    return open_id, done_id


def naming(services: Services, person_id: int) -> dict[str, int]:
    with services.context.sessions() as session:
        return {
            reference.name: session.scalar(
                select(func.count())
                .select_from(reference.table)
                .where(reference.column == person_id)
            )
            or 0
            for reference in person_references()
        }


def texts_mentioning(services: Services, *needles: str) -> list[str]:
    """Every cell of every table, text and JSON alike, that contains one of ``needles``."""
    found = []
    with services.context.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(table.select()):
                for column, value in row._mapping.items():
                    text = json.dumps(value, ensure_ascii=False, default=str)
                    if any(needle.casefold() in text.casefold() for needle in needles):
                        found.append(f"{table.name}.{column}")
    return found


@time_machine.travel(NOW, tick=False)
def test_forget_refuses_open_responsibilities_then_hands_them_over_and_forgets(
    services: Services,
) -> None:
    open_id, _ = world(services)
    mette = services.people.get(NAME).id
    before = naming(services, mette)
    missing = [name for name, count in before.items() if count == 0]
    assert missing == [], f"add a row naming the person to world() for {missing}"

    with pytest.raises(Invalid) as refused:
        services.personal_data.forget(NAME, CLI)
    assert refused.value.key == "people.forget_busy"
    assert "--reassign-to" in refused.value.message("en")
    assert naming(services, mette) == before  # nothing changed ...
    with services.context.sessions() as session:  # ... but the refusal is on record
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-1] == "person.forget_refused"

    result = services.personal_data.forget(NAME, CLI, reassign_to="Anna Berg")
    pseudonym = result.forgotten.pseudonym
    after = naming(services, mette)
    for reference in person_references():
        if reference.for_the_record:
            assert after[reference.name] == before[reference.name], reference.name
        else:
            assert after[reference.name] == 0, reference.name
    assert texts_mentioning(services, NAME, EMAIL, SLACK) == []

    with services.context.sessions() as session:
        person = session.get(Person, mette)
        assert person is not None
        assert (person.name, person.email, person.chat_addresses, person.active) == (
            pseudonym,
            None,
            [],
            False,
        )
        assert person.aliases == []
        # The trail keeps that a steering member decided, under the same pseudonym throughout.
        chair_decision = session.scalars(
            select(ApprovalDecision).where(ApprovalDecision.person_id == mette)
        ).one()
        assert chair_decision.capacity is Capacity.CHAIR
        decided = session.scalars(
            select(AuditEntry.actor_text).where(AuditEntry.action.like("approval.%"))
        ).all()
        assert pseudonym in decided
        anna = services.people.get("Anna Berg").id
        assert [p.id for p in session.get_one(Activity, open_id).responsibles] == [anna]
        assert session.scalars(select(Plan.owner_id)).one() == anna
        assert session.scalars(select(SteeringGroup.chair_id)).one() == anna
        forgot = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "person.forget")
        ).one()
        assert forgot.entity_id == mette and forgot.details is not None
        assert forgot.details["reassigned_to"] == anna

    with pytest.raises(Invalid) as again:
        services.personal_data.forget(f"#{mette}", CLI)
    assert again.value.key == "people.already_forgotten"


@time_machine.travel(NOW, tick=False)
def test_export_holds_every_row_that_names_the_person(services: Services) -> None:
    world(services)
    mette = services.people.get(NAME).id
    services.feeds.person_link(NAME, CLI)  # a calendar feed token: a secret, not exported
    counts = naming(services, mette)
    export = services.personal_data.export("MH", CLI, fmt="zip")
    sections = export.sections
    for name, count in counts.items():
        assert len(sections[name]) == count, name
    [profile] = sections["people"]
    assert (profile["name"], profile["email"]) == (NAME, EMAIL)
    # Chat ids are rows of their own, found by their key to the person like any other.
    [chat] = sections["chat_addresses.person_id"]
    assert (chat["surface"], chat["address"]) == ("slack", SLACK)
    assert profile["feed_token_hash"] == "[secret]"
    assert [row["alias"] for row in sections["person_aliases.person_id"]] == ["MH"]
    assert any(row["action"] == "person.add" for row in sections["audit_log.named"])
    with zipfile.ZipFile(io.BytesIO(export.as_zip())) as archive:
        assert json.loads(archive.read("person.json"))["sections"]["people"] == [profile]
        assert "sections/approval_decisions.person_id.json" in archive.namelist()
    with services.context.sessions() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert (last.action, last.entity_id) == ("person.export", mette)
