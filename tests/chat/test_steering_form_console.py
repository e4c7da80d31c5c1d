"""`steering` on the console: the form as one question a line; made by whoever may change the
plan, refused to anyone else with nothing made, and the chair told."""

from __future__ import annotations

import io

from sqlalchemy import select

from bot.chat.caller import Caller
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.session import ConsoleSession
from scheduler.outbox.kinds import NoticeKind
from storage.models import AuditEntry, Origin, OutboxMessage, Plan, SteeringGroup

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


def people(services: Services) -> dict[str, int]:
    services.teams.add("Udbud", CLI)
    ids = {}
    for name in ("Frida Carlsson", "Mette Holm", "Anna Berg", "Bo Berg"):
        ids[name] = services.people.add(name, CLI, team="udbud").id
    services.plans.create("Plan", "udbud", CLI, owner="Frida Carlsson")
    services.plans.create("Other", "udbud", CLI, owner="Bo Berg")
    return ids


def console(services: Services, person: int, name: str) -> tuple[ConsoleSession, io.StringIO]:
    out = io.StringIO()
    actor = Actor(Origin.CONSOLE, person, name, surface_user=f"console:{person}")
    return ConsoleSession(services, Caller(actor, "en"), out), out


def fill(session: ConsoleSession, *answers: str) -> None:
    session.handle_line("steering")
    for answer in answers:
        session.handle_line(answer)


def test_the_owner_sets_up_the_group_and_the_chair_is_told(services: Services) -> None:
    ids = people(services)
    session, out = console(services, ids["Frida Carlsson"], "Frida Carlsson")
    fill(session, "Plan", "Styregruppen", "Mette Holm", "Anna Berg, Mette Holm", "all", "Anna Berg")
    shown = out.getvalue()
    for question in ("Plan (name or #id):", "Chair (name or e-mail):", "Who must approve"):
        assert question in shown
    assert "The steering group Styregruppen is set up for Plan: chair Mette Holm, 1 members." in (
        shown
    )
    view = services.steering.show("Styregruppen")
    assert (view.chair, view.rule, view.members) == ("Mette Holm", "all", ("Anna Berg",))
    assert [(d.member, d.deputy) for d in view.delegations] == [("Mette Holm", "Anna Berg")]
    with services.context.sessions() as db:
        plan = db.scalars(select(Plan).where(Plan.name == "Plan")).one()
        assert plan.steering_group_id == view.id
        [told] = db.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == NoticeKind.STEERING_CHAIR)
        )
        assert told.person_id == ids["Mette Holm"]
        assert (told.payload or {}).get("group") == "Styregruppen"


def test_someone_who_may_not_change_the_plan_makes_nothing(services: Services) -> None:
    ids = people(services)
    # Bo owns another plan, so he gets the form; the plan he names is not his.
    session, out = console(services, ids["Bo Berg"], "Bo Berg")
    fill(session, "Plan", "Styregruppen", "Mette Holm", "", "", "")
    assert "Only the plan's owner and editors can change the plan Plan." in out.getvalue()
    # Anna may change no plan at all: no form.
    anna, said = console(services, ids["Anna Berg"], "Anna Berg")
    anna.handle_line("styregruppe")
    assert "You may change no plan yet: send your plan's file here first." in said.getvalue()
    assert anna.form is None
    with services.context.sessions() as db:
        assert db.scalars(select(SteeringGroup)).all() == []
        refused = db.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "permission.refused")
            .order_by(AuditEntry.id)
        ).all()
        attempted = [(e.details or {}).get("attempted") for e in refused]
        assert attempted == ["steering.create", "steering.form"]


def test_an_empty_required_answer_stops_the_form(services: Services) -> None:
    ids = people(services)
    session, out = console(services, ids["Frida Carlsson"], "Frida Carlsson")
    fill(session, "Plan", "")
    assert "Stopped: no steering group was made." in out.getvalue()
    assert session.form is None
    session.handle_line("help")  # back to commands
    assert "Commands:" in out.getvalue()
