"""The organisation's audiences: several plans across teams and languages read by one
vocabulary, unplaced names told to the owner once, and who may grow the vocabulary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from bot.chat.caller import Caller
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from bot.services.permissions import Forbidden
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.reading import notice_of
from storage.models import ActivityAudience, Audience, AuditEntry, Origin, OutboxMessage
from tests.importing.documents import write_csv

ADMIN = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
DA_HEADER = ["Målgruppe", "Budskab", "Kanal", "Hvornår", "Ansvarlig"]
SV_HEADER = ["Målgrupp", "Budskap", "Kanal", "När", "Ansvarig"]
DANISH_PLAN = [
    DA_HEADER,
    ["Alle medarbejdere", "Ny struktur", "Intranet", "Uge 14 2027", "Olga"],
    ["Personale og pressen", "Ny skole", "Pressemeddelelse", "April 2027", "Olga"],
    ["Borgerne", "Ny skole", "Hjemmeside", "Maj 2027", "Olga"],
]
SWEDISH_PLAN = [
    SV_HEADER,
    ["Anställda", "Ny organisation", "Intranät", "Vecka 14 2027", "Sven"],
    ["Medborgare", "Ny organisation", "Webben", "Maj 2027", "Sven"],
]


@pytest.fixture
def people(services: Services) -> dict[str, Actor]:
    """Two teams, each with a member who imports (and so owns) a plan, and an outsider."""
    services.teams.add("Skole", ADMIN, slug="skole")
    services.teams.add("Omsorg", ADMIN, slug="omsorg")
    actors: dict[str, Actor] = {}
    for name, team in (("Olga", "skole"), ("Sven", "omsorg"), ("Otto", None)):
        view = services.people.add(name, ADMIN, team=team)
        actors[name] = Actor(Origin.CLI, view.id, name)
    return actors


@pytest.fixture
def vocabulary(services: Services) -> None:
    services.audiences.add("Medarbejdere", ADMIN, language="da", slug="staff")
    services.audiences.alias("staff", "Alle medarbejdere", ADMIN, language="da")
    services.audiences.alias("staff", "Anställda", ADMIN, language="sv")
    services.audiences.add("Pressen", ADMIN, language="da", slug="press")


def imported(
    services: Services, tmp_path: Path, name: str, rows: list[list[str]], *, team: str, actor: Actor
) -> int:
    path = write_csv(tmp_path / f"{name}.csv", rows)
    report = services.imports.apply(services.imports.read(path), actor, team=team)
    assert report.plan is not None
    return report.plan.id


def links(services: Services) -> dict[str, set[str]]:
    """Each linked activity's title -> the slugs of its audiences."""
    with services.context.sessions() as session:
        rows = session.execute(
            select(ActivityAudience.activity_id, Audience.slug).join(
                Audience, Audience.id == ActivityAudience.audience_id
            )
        ).all()
    found: dict[str, set[str]] = {}
    for activity_id, slug in rows:
        found.setdefault(services.activities.get(activity_id).title, set()).add(slug)
    return found


def notices(services: Services) -> list[OutboxMessage]:
    with services.context.sessions() as session:
        return list(
            session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == NoticeKind.UNMAPPED_AUDIENCES)
            )
        )


def audit_actions(services: Services, prefix: str) -> list[str]:
    with services.context.sessions() as session:
        return list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.action.startswith(prefix))
                .order_by(AuditEntry.id)
            )
        )


@time_machine.travel(NOW, tick=False)
def test_plans_of_two_teams_in_two_languages_address_one_audience(
    services: Services, people: dict[str, Actor], vocabulary: None, tmp_path: Path
) -> None:
    imported(services, tmp_path, "skole", DANISH_PLAN, team="skole", actor=people["Olga"])
    imported(services, tmp_path, "omsorg", SWEDISH_PLAN, team="omsorg", actor=people["Sven"])
    assert links(services) == {
        "Intranet – Alle medarbejdere": {"staff"},
        "Pressemeddelelse – Personale og pressen": {"press"},  # "Personale" is not known yet
        "Intranät – Anställda": {"staff"},
    }
    counts = {view.slug: view.activities for view in services.audiences.list()}
    assert counts == {"press": 1, "staff": 2}
    # The plan keeps its own words.
    titles = [view.target_group for view in services.activities.list("skole", ADMIN)]
    assert titles == ["Alle medarbejdere", "Personale og pressen", "Borgerne"]


@time_machine.travel(NOW, tick=False)
def test_an_import_tells_the_owner_of_unplaced_names_once(
    services: Services, people: dict[str, Actor], vocabulary: None, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "skole.csv", DANISH_PLAN)
    dry = services.imports.apply(
        services.imports.read(path), people["Olga"], team="skole", dry_run=True
    )
    assert dry.unplaced_audiences == {"Borgerne": 1, "Personale": 1}
    assert notices(services) == []  # a dry run tells nobody
    first = services.imports.apply(services.imports.read(path), people["Olga"], team="skole")
    assert first.as_json("en")["unplaced_audiences"] == [
        {"name": "Borgerne", "rows": 1},
        {"name": "Personale", "rows": 1},
    ]
    services.imports.apply(services.imports.read(path), people["Olga"], team="skole")
    told = notices(services)
    assert len(told) == 1  # the same names again: nothing new to tell
    assert told[0].person_id == people["Olga"].person_id
    assert told[0].payload == {"names": ["Borgerne", "Personale"], "more": 0}


@time_machine.travel(NOW, tick=False)
def test_the_owner_maps_a_name_and_every_plan_reads_it(
    services: Services, people: dict[str, Actor], vocabulary: None, tmp_path: Path
) -> None:
    skole = imported(services, tmp_path, "skole", DANISH_PLAN, team="skole", actor=people["Olga"])
    # Another team's plan in Danish uses the same word before it means anything.
    other = [DA_HEADER, ["Personale", "Nyt system", "Intranet", "Uge 15 2027", "Sven"]]
    imported(services, tmp_path, "system", other, team="omsorg", actor=people["Sven"])
    done = services.audiences.map(f"#{skole}", "personale", "staff", people["Olga"])
    assert done.relinked == 2  # "Personale og pressen" gains staff; the other plan's row too
    assert links(services)["Intranet – Personale"] == {"staff"}
    assert links(services)["Pressemeddelelse – Personale og pressen"] == {"staff", "press"}
    assert services.audiences.unplaced(f"#{skole}", people["Olga"]) == {"Borgerne": 1}
    aliases = {(a.language, a.name) for a in services.audiences.list()[1].aliases}
    assert ("da", "Personale") in aliases
    assert audit_actions(services, "audience.map") == ["audience.map"]


@time_machine.travel(NOW, tick=False)
def test_who_may_not_grow_the_vocabulary_changes_nothing_and_is_on_record(
    services: Services, people: dict[str, Actor], vocabulary: None, tmp_path: Path
) -> None:
    skole = imported(services, tmp_path, "skole", DANISH_PLAN, team="skole", actor=people["Olga"])
    before = links(services)
    with pytest.raises(Forbidden):  # another team's member: not their plan
        services.audiences.map(f"#{skole}", "Borgerne", "press", people["Sven"])
    with pytest.raises(Forbidden):  # the vocabulary is the organisation's admin's
        services.audiences.add("Borgere", people["Olga"])
    with pytest.raises(Forbidden):
        services.audiences.alias("staff", "Borgerne", people["Olga"])
    with pytest.raises(Invalid) as taken:  # an alias is never moved to another audience
        services.audiences.alias("press", "alle Medarbejdere", ADMIN, language="da")
    assert taken.value.message("en") == (
        "“alle Medarbejdere” (da) already means the audience Medarbejdere."
    )
    with pytest.raises(Invalid) as not_in_plan:  # a plan maps only a name it uses, unplaced
        services.audiences.map(f"#{skole}", "Alle medarbejdere", "press", people["Olga"])
    assert "no target group “Alle medarbejdere” waiting" in not_in_plan.value.message("en")
    with pytest.raises(Invalid):
        services.audiences.add("Medarbejdere", ADMIN, language="xx")
    assert links(services) == before
    assert len(services.audiences.list()) == 2
    assert audit_actions(services, "permission.refused") == ["permission.refused"] * 3
    assert audit_actions(services, "audience.alias.refused") == ["audience.alias.refused"]
    assert audit_actions(services, "audience.map.refused") == ["audience.map.refused"]


@time_machine.travel(NOW, tick=False)
def test_adding_and_editing_an_activity_reads_its_target_group(
    services: Services, vocabulary: None
) -> None:
    services.teams.add("Skole", ADMIN, slug="skole")
    services.plans.create("Plan", "skole", ADMIN, language="da")
    saved = services.activities.add(
        "Plan", "Artikel", ADMIN, fields={"target_group": "Medarbejdere", "when": "Uge 14 2027"}
    )
    assert links(services) == {"Artikel": {"staff"}}
    services.activities.edit(saved.activity.id, {"target_group": "Pressen"}, ADMIN)
    assert links(services) == {"Artikel": {"press"}}
    services.activities.edit(saved.activity.id, {"target_group": ""}, ADMIN)
    assert links(services) == {}


@time_machine.travel(NOW, tick=False)
def test_the_owner_reads_the_unplaced_names_and_how_to_map_them(
    services: Services, people: dict[str, Actor], vocabulary: None, tmp_path: Path
) -> None:
    imported(services, tmp_path, "skole", DANISH_PLAN, team="skole", actor=people["Olga"])
    [row] = notices(services)
    reply = reminder_reply(services, notice_of(row), Caller(people["Olga"], "da"))
    assert reply.text == "Målgrupper i skole, som commplan ikke kender: Borgerne, Personale."
    assert reply.notes == (
        "Kobl dem til en målgruppe: commplan audiences map PLAN NAVN MÅLGRUPPE "
        "(eller bed en administrator tilføje en ny).",
    )
