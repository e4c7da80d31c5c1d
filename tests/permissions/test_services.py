"""The permission gate at the services, on SQLite and PostgreSQL: what each role reads, four
eyes, a stranger's attempt told once, roles from the command line, and existing data migrated."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine
from sqlalchemy import create_engine, select, text

from bot.services import Services
from bot.services.actor import Actor
from bot.services.permissions import Forbidden
from scheduler.outbox.kinds import NoticeKind
from storage.database import make_engine
from storage.migrate import upgrade
from storage.models import AuditEntry, Decision, Origin, OutboxMessage, Plan, Surface
from tests.permissions.world import ADMIN, World, build_world, slack_user

START = "2027-03-24T09:00:00+00:00"


def person(world: World, role: str, origin: Origin = Origin.SLACK) -> Actor:
    return Actor(origin, world.people[role], role, surface_user=slack_user(role))


@pytest.fixture
def world(services: Services) -> World:
    with time_machine.travel(START, tick=False):
        return build_world(services)


@time_machine.travel(START, tick=False)
def test_upcoming_shows_only_readable_plans_and_buttons_only_where_one_may_act(
    services: Services, world: World
) -> None:
    services.teams.add("Skole", ADMIN)
    services.plans.create("Skoleplan", "skole", ADMIN)
    services.activities.add("Skoleplan", "Forældrebrev", ADMIN, fields={"when": "1. april 2027"})

    def titles(actor: Actor) -> tuple[set[str], set[int]]:
        found = services.upcoming.query(actor=actor, days=30)
        return {v.title for v in (*found.overdue, *found.coming)}, set(found.actionable)

    everything, acts = titles(ADMIN)
    assert {"Nyhedsbrev", "Forældrebrev"} <= everything
    assert len(acts) == len(everything)
    member_sees, member_acts = titles(person(world, "member"))
    assert "Nyhedsbrev" in member_sees
    assert "Forældrebrev" not in member_sees
    assert member_acts == set()  # a member reads the plan; acting is for its people
    _, responsible_acts = titles(person(world, "responsible"))
    assert world.upcoming in responsible_acts
    assert titles(person(world, "outsider")) == (set(), set())
    # Marked visible to the whole organisation, the outsider reads it (and still may not act).
    services.plans.set_visibility("Plan", "organisation", ADMIN)
    outsider_sees, outsider_acts = titles(person(world, "outsider"))
    assert "Nyhedsbrev" in outsider_sees
    assert outsider_acts == set()


@time_machine.travel(START, tick=False)
def test_a_refusal_is_one_line_changes_nothing_and_names_the_chat_user(
    services: Services, world: World
) -> None:
    outsider = person(world, "outsider")
    with pytest.raises(Forbidden) as refused:
        services.activities.done(world.upcoming, outsider)
    # The outsider may not read the plan: the refusal does not name it (issue 28, item 4).
    assert refused.value.message("da") == (
        "Det kan du ikke: planen er ikke en, du kan se (den er for dens team, ejer, "
        "redaktører, styregruppe og ansvarlige)."
    )
    assert "Plan" not in refused.value.message("en")
    assert services.activities.get(world.upcoming).status == "planned"
    with services.context.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "permission.refused")
        ).one()
    assert (entry.actor_id, entry.surface_user, entry.origin) == (
        world.people["outsider"],
        "UOUTSIDER",
        "slack",
    )
    assert entry.details == {
        "attempted": "activity.done",
        "permission": "act",
        "reason": "permission",
    }


@time_machine.travel(START, tick=False)
def test_someone_linked_to_nobody_is_told_who_links_and_the_owner_hears_once(
    services: Services, world: World
) -> None:
    stranger = Actor(Origin.SLACK, None, "", surface_user="USTRANGER")
    for _ in range(2):
        with pytest.raises(Forbidden) as refused:
            services.activities.done(world.upcoming, stranger)
        assert "Ada Admin" in refused.value.message("en")
    with services.context.sessions() as session:
        told = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == NoticeKind.UNLINKED_ATTEMPT)
        ).all()
        refusals = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "permission.refused")
        ).all()
    assert [(row.person_id, (row.payload or {}).get("user")) for row in told] == [
        (world.people["owner"], "USTRANGER")
    ]
    assert [(entry.actor_id, entry.surface_user) for entry in refusals] == [
        (None, "USTRANGER"),
        (None, "USTRANGER"),
    ]


@time_machine.travel(START, tick=False)
def test_four_eyes_the_requester_never_decides_unless_the_group_allows_it(
    services: Services, world: World
) -> None:
    # Sofie sits in the steering group; she asks, so she may not decide, even as its chair.
    sofie = person(world, "steering")
    request = services.approvals.request(world.upcoming, ADMIN, text="Udkast").id
    services.approvals.withdraw(request, ADMIN)
    services.roles.grant("editor", "Sofie Styre", ADMIN, plan="Plan")
    own = services.approvals.request(world.upcoming, sofie, text="Mit udkast").id
    with pytest.raises(Exception, match="four eyes"):
        services.approvals.decide(own, Decision.APPROVE, sofie)
    services.steering.configure("Styregruppen", ADMIN, chair="Sofie Styre")
    with pytest.raises(Exception, match="four eyes"):
        services.approvals.decide(
            own, Decision.APPROVE, sofie
        )  # the chair alone: still not her own
    assert services.approvals.get(own).status == "pending"
    waiting = services.approvals.waiting_for(sofie.person_id or 0)
    assert own not in {view.id for view in waiting}
    services.steering.configure("Styregruppen", ADMIN, allow_self_approval=True)
    result = services.approvals.decide(own, Decision.APPROVE, sofie)
    assert result.request.status == "approved"
    [entry] = [e for e in services.approvals.log(ADMIN) if e["action"] == "approval.decide"]
    assert entry["details"]["self_approval"] is True


@time_machine.travel(START, tick=False)
def test_roles_are_granted_listed_and_revoked_by_who_may(services: Services, world: World) -> None:
    owner, editor = person(world, "owner"), person(world, "editor")
    # The owner names an editor; an editor may not, nor hand the plan on.
    services.roles.grant("editor", "Mads Medlem", owner, plan="Plan")
    with pytest.raises(Forbidden):
        services.roles.grant("editor", "Otto Udenfor", editor, plan="Plan")
    with pytest.raises(Forbidden):
        services.roles.grant("admin", "Otto Udenfor", owner)
    listed = {(v.role, v.person, v.scope) for v in services.roles.list(ADMIN)}
    assert {
        ("admin", "Ada Admin", ""),
        ("owner", "Olga Ejer", "plan Plan"),
        ("editor", "Erik Redaktør", "plan Plan"),
        ("editor", "Mads Medlem", "plan Plan"),
        ("member", "Mads Medlem", "team udbud"),
        ("member", "Otto Udenfor", "team andet"),
    } <= listed
    services.roles.revoke("editor", "Mads Medlem", owner, plan="Plan")
    mads = person(world, "member")
    with pytest.raises(Forbidden):
        services.activities.add("Plan", "Ny", mads)
    with pytest.raises(Forbidden):
        services.roles.list(mads)  # everyone's roles are the admin's to see
    assert {v.person for v in services.roles.list(mads, plan="Plan")} == {
        "Olga Ejer",
        "Erik Redaktør",
    }


@time_machine.travel(START, tick=False)
def test_plan_links_and_rotation(services: Services, world: World) -> None:
    member, owner = person(world, "member"), person(world, "owner")
    url = services.pages.link("Plan", member)
    assert url is not None and url.startswith("http")
    with pytest.raises(Forbidden):
        services.pages.link("Plan", person(world, "steering"))
    with pytest.raises(Forbidden):
        services.pages.link("Plan", member, rotate=True)
    assert services.pages.link("Plan", owner, rotate=True) not in (url, None)


def test_revision_0002_gives_each_plan_its_creator_as_owner(tmp_path: Path) -> None:
    """A database made before the roles: its plans get owners, its people keep acting."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = make_engine(url)
    upgrade(old, "0001")
    with old.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO teams (id, slug, name, feed_token, feed_token_hash, created_at)"
                " VALUES (1, 'udbud', 'Udbud', 't', 'h', '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO people (id, name, active, weekly_digest, created_at)"
                " VALUES (7, 'Mette Holm', 1, 0, '2026-01-01 00:00:00')"
            )
        )
        for plan_id, name in ((1, "Importeret"), (2, "Fra CLI")):
            connection.execute(
                text(
                    "INSERT INTO plans (id, team_id, name, country, time_zone, language,"
                    " status, created_at, updated_at) VALUES (:id, 1, :name, 'DK',"
                    " 'Europe/Copenhagen', 'da', 'active', '2026-01-01 00:00:00',"
                    " '2026-01-01 00:00:00')"
                ),
                {"id": plan_id, "name": name},
            )
        connection.execute(
            text(
                "INSERT INTO audit_log (at, actor_id, actor_text, surface, action, entity,"
                " entity_id, plan_id) VALUES ('2026-01-02 00:00:00', 7, 'Mette Holm', 'cli',"
                " 'plan.import', 'activity', 3, 1)"
            )
        )
    old.dispose()
    upgraded = create_engine(url)
    upgrade(upgraded)
    with upgraded.connect() as connection:
        owners = dict(connection.execute(select(Plan.id, Plan.owner_id)).all())
    upgraded.dispose()
    assert owners == {1: 7, 2: None}


@time_machine.travel(START, tick=False)
def test_reading_most_plans_leaves_out_exactly_the_others(services: Services, world: World) -> None:
    """Past a few plans the query names those left out instead (docs/performance.md): the
    answer must be the same."""
    for number in range(24):
        name = f"Plan {number:02d}"
        services.plans.create(name, "andet", ADMIN)
        services.activities.add(name, f"Aktivitet {number:02d}", ADMIN, fields={"when": "1/4 2027"})
    outsider = person(world, "outsider")  # a member of "andet": its 24 plans, not "Plan"
    found = services.upcoming.query(actor=outsider, days=30)
    titles = {view.title for view in (*found.overdue, *found.coming)}
    assert titles == {f"Aktivitet {number:02d}" for number in range(24)}
    services.plans.set_visibility("Plan", "organisation", ADMIN)
    found = services.upcoming.query(actor=outsider, days=30)
    assert "Nyhedsbrev" in {view.title for view in (*found.overdue, *found.coming)}


@time_machine.travel(START, tick=False)
def test_a_steering_groups_channel_is_connected_by_its_chair_or_the_plan_owner(
    services: Services, world: World
) -> None:
    """Not by any member: the channel every approval request goes to (issue 28, item 8)."""

    def connect(actor: Actor, channel: str) -> None:
        services.steering.connect_channel(
            "Styregruppen", actor, surface=Surface.SLACK, conversation_id=channel
        )

    def channel() -> str | None:
        return dict(services.steering.show("Styregruppen").addresses).get("slack")

    for role in ("steering", "member", "editor", "outsider"):
        with pytest.raises(Forbidden) as refused:
            connect(person(world, role), f"C{role.upper()}")
        assert "Only the chair of Styregruppen" in refused.value.message("en")
    assert channel() is None
    connect(person(world, "owner"), "COWNER")
    assert channel() == "COWNER"
    carl = services.people.get("Carl Formand")
    connect(Actor(Origin.SLACK, carl.id, carl.name, surface_user="UCARL"), "CCHAIR")
    assert channel() == "CCHAIR"


@time_machine.travel(START, tick=False)
def test_a_refusal_names_only_a_plan_one_may_read(services: Services, world: World) -> None:
    """`plan #2` and `done 3` by someone who may not read the plan do not name it (issue 28,
    item 4); someone who reads it is told which plan, as before."""
    outsider = person(world, "outsider")
    for attempt in (
        lambda: services.plans.summary(f"#{world.plan}", outsider),
        lambda: services.activities.done(world.upcoming, outsider),
        lambda: services.activities.move(world.upcoming, "1. maj 2027", outsider),
    ):
        with pytest.raises(Forbidden) as refused:
            attempt()
        for language in ("da", "sv", "en"):
            assert "Plan" not in refused.value.message(language)
    with pytest.raises(Forbidden) as named:
        services.activities.done(world.upcoming, person(world, "member"))
    assert named.value.message("en") == (
        "Only the activity's responsible people and the plan's owner and editors can do that "
        "(plan Plan)."
    )
