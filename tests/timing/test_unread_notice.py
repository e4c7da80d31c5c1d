"""Issue 29, item 6: an import keeps the "when" cells it cannot read, lists them, and queues
one notice to the plan's owner with the rows (once: the same file again tells nothing new);
the owner reads it in their language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import time_machine
from sqlalchemy import select

from bot.chat.caller import Caller
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.reading import notice_of
from storage.models import Origin, OutboxMessage
from tests.importing.documents import write_csv

ADMIN = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
PLAN = [
    ["Aktivitet", "Målgrupp", "Kanal", "När", "Ansvarig"],
    ["Nyhetsbrev", "Anställda", "Intranät", "Vecka 14 2027", "Sven"],
    ["Pressträff", "Pressen", "Möte", "när det passar KS-ordf", "Sven"],
    ["Enkät", "Medborgare", "Webben", "asdf 99", "Sven"],
]


def told(services: Services) -> list[OutboxMessage]:
    with services.context.sessions() as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == NoticeKind.UNREAD_TIMINGS)
        return list(session.scalars(query))


@time_machine.travel(NOW, tick=False)
def test_an_import_tells_the_owner_of_unreadable_timings_once(
    services: Services, tmp_path: Path
) -> None:
    services.teams.add("Omsorg", ADMIN, slug="omsorg")
    sven = Actor(Origin.CLI, services.people.add("Sven", ADMIN, team="omsorg").id, "Sven")
    path = write_csv(tmp_path / "plan.csv", PLAN)
    dry = services.imports.apply(services.imports.read(path), sven, team="omsorg", dry_run=True)
    assert told(services) == []  # a dry run tells nobody
    warnings = [notice.key for notice in dry.imported.warnings]
    assert warnings.count("import.warning.timing_unknown") == 1  # listed in the report
    report = services.imports.apply(services.imports.read(path), sven, team="omsorg")
    assert report.plan is not None
    # the unreadable cell is kept as written, with no date
    kept = {view.title: view for view in services.activities.list(f"#{report.plan.id}", ADMIN)}
    assert (kept["Enkät"].when, kept["Enkät"].timing.kind.value) == ("asdf 99", "unknown")
    services.imports.apply(services.imports.read(path), sven, team="omsorg")
    [row] = told(services)  # the same rows again: nothing new to tell
    assert row.person_id == sven.person_id and row.plan_id == report.plan.id
    assert row.payload == {"names": ["Table 1\t4\tEnkät\tasdf 99"], "more": 0}
    reply = reminder_reply(services, notice_of(row), Caller(sven, "sv"))
    assert reply.text.startswith("Importen av plan kunde inte läsa tiden på 1 rad(er)")
    assert reply.notes[0].endswith(": Enkät: \u201dasdf 99\u201d")
    assert ", rad 4: " in reply.notes[0]
    assert reply.notes[-1].startswith("Rätta dem med: commplan activities move ID TID")
