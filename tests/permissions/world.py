"""One organisation with a person in every role, and a look at what a request changed.

The plan "Plan" (team udbud) has an owner, an editor, a steering group (its chair and a member),
activities one person is responsible for and one naming "Direktør", whom no person is (as does
the plan "Andet" of another team, without an owner); a member of the team, an outsider from another
team, the organisation's admin, and a chat user linked to nobody complete the cast. Each role is
known to every surface: a Slack user id, a Teams (Entra) user, a console person.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from bot.services import Services
from bot.services.actor import Actor
from scheduler.outbox.kinds import NoticeKind
from storage.models import AuditEntry, Base, ChatAddress, Origin, OutboxMessage, Surface

ADMIN = Actor(Origin.CLI, None, "cli:test", admin=True)

# role -> the person's name (None: a chat user linked to nobody)
CAST: dict[str, str | None] = {
    "admin": "Ada Admin",
    "owner": "Olga Ejer",
    "editor": "Erik Redaktør",
    "member": "Mads Medlem",
    "responsible": "Rikke Ansvarlig",
    "steering": "Sofie Styre",
    "outsider": "Otto Udenfor",
    "unlinked": None,
}
ROLES = tuple(CAST)
UNMAPPED = "Direktør"  # a responsible name no person has

# A file of the plan "Plan" (its name is the file's), as a person sends it to the bot.
PLAN_FILE = (
    "HVEM;HVAD;HVORDAN;HVORNÅR;ANSVARLIG\n"
    "Alle;Nyhedsbrev om udbuddet;Intranet;2. april 2027;Rikke Ansvarlig\n"
    "Ledere;Lederbrev;Mail;Hver måned;Rikke Ansvarlig\n"
).encode()


def slack_user(role: str) -> str:
    return f"U{role.upper()}"


def teams_user(role: str) -> str:
    """The Teams user as the harness sends it (29:…); its Entra id is aad-29:…"""
    return f"29:{role}"


@dataclass(frozen=True)
class World:
    plan: int
    upcoming: int  # open, responsible: Rikke, needs approval
    done: int  # done, responsible: Rikke
    request: int  # an approval request Rikke made, waiting for the steering group
    deviation: int  # an activity the admin cancelled, its reason not yet given
    people: dict[str, int]  # role -> person id (the unlinked has none)
    upload: int  # a file of "Plan" the owner sent, previewed, waiting for Import or Cancel


def build_world(
    services: Services, addresses: Callable[[str], Mapping[Surface, str]] = lambda role: {}
) -> World:
    """The world; ``addresses``: where a role's person is on a surface besides Slack and Teams
    (the surface's matrix driver says)."""
    services.teams.add("Udbud", ADMIN)
    services.teams.add("Andet", ADMIN)
    people: dict[str, int] = {}
    for role, name in CAST.items():
        if name is None:
            continue
        team = {"member": "udbud", "outsider": "andet"}.get(role)
        view = services.people.add(
            name,
            ADMIN,
            team=team,
            email=f"{role}@kommune.dk",
            addresses={
                Surface.SLACK: slack_user(role),
                Surface.MSTEAMS: f"aad-{teams_user(role)}",
                **addresses(role),
            },
            locale="en",
        )
        people[role] = view.id
    services.people.add("Carl Formand", ADMIN, locale="en")
    services.roles.grant("admin", "Ada Admin", ADMIN)
    services.plans.create("Plan", "udbud", ADMIN, language="en", owner="Olga Ejer")
    services.roles.grant("editor", "Erik Redaktør", ADMIN, plan="Plan")
    services.steering.create(
        "Styregruppen", "udbud", ADMIN, chair="Carl Formand", rule="any", members=("Sofie Styre",)
    )
    services.steering.assign("Styregruppen", "Plan", ADMIN)
    fields = {"responsible": "Rikke Ansvarlig", "channel": "Intranet"}
    upcoming = services.activities.add(
        "Plan", "Nyhedsbrev", ADMIN, fields={**fields, "when": "2. april 2027"}
    ).activity.id
    done = services.activities.add(
        "Plan", "Pressemeddelelse", ADMIN, fields={**fields, "when": "20. marts 2027"}
    ).activity.id
    services.activities.done(done, ADMIN)
    asked = services.activities.add(
        "Plan", "Intranetartikel", ADMIN, fields={**fields, "when": "9. april 2027"}
    ).activity.id
    rikke = Actor(Origin.CLI, people["responsible"], "Rikke Ansvarlig")
    request = services.approvals.request(asked, rikke, text="Udkast").id
    plan = services.plans.get("Plan").id
    dropped = services.activities.add("Plan", "Plakat", ADMIN, fields=fields).activity.id
    services.activities.cancel(dropped, ADMIN)
    # A name nobody is mapped to yet, in Plan and in another team's plan (the picker's case).
    services.activities.add(
        "Plan", "Personalemøde", ADMIN, fields={**fields, "responsible": UNMAPPED}
    )
    services.plans.create("Andet", "andet", ADMIN, language="en")
    services.activities.add(
        "Andet", "Omstilling", ADMIN, fields={**fields, "responsible": UNMAPPED}
    )
    [deviation] = services.deviations.list("Plan", ADMIN)
    assert deviation.id is not None
    olga = Actor(Origin.CONSOLE, people["owner"], "Olga Ejer")
    upload = services.uploads.preview("Plan.csv", PLAN_FILE, olga, "console").upload_id
    return World(plan, upcoming, done, request, deviation.id, people, upload)


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the audit log (and the notices telling an owner of a
    stranger's attempt, which a refusal may add), as comparable tuples."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name == AuditEntry.__tablename__:
                continue
            query = select(table).order_by(*table.primary_key.columns)
            if table.name == OutboxMessage.__tablename__:
                query = query.where(table.c.kind != NoticeKind.UNLINKED_ATTEMPT)
            rows: list[tuple[Any, ...]] = [tuple(row) for row in connection.execute(query)]
            if table.name == ChatAddress.__tablename__:
                # Teams records a person's chat when they write; that is not the request's doing.
                keep = [c.name for c in table.columns if c.name not in ("conversation", "route")]
                index = [i for i, c in enumerate(table.columns) if c.name in keep]
                rows = [tuple(row[i] for i in index) for row in rows]
            found[table.name] = rows
    return found


def refusals(engine: Engine) -> list[tuple[str, str | None, int | None]]:
    """The refused attempts in the audit log: (action, surface user, person)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditEntry.action, AuditEntry.surface_user, AuditEntry.actor_id)
            .where(AuditEntry.action.in_(("permission.refused", "approval.refused")))
            .order_by(AuditEntry.id)
        ).all()
    return [(row[0], row[1], row[2]) for row in rows]
