"""The feed's ETag (from the plans' change counters, revision 0007) through the real app, on
SQLite and PostgreSQL: every kind of change gives a new one, no change the same, whatever the
clock says; and the 304 answer reads no activity.

Time stands still through most of these on purpose: no ``updated_at`` moves, so only the
counters can tell a change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import delete, event, update

from bot.cli.serve import surfaces
from bot.services import Services
from bot.services.actor import Actor
from bot.web.app import create_app
from scheduler.approvals import ApprovalPlanner
from storage.models import Activity, Person, Plan
from tests.services.test_approvals import NOW, request, setup
from tests.shown import shown

CLI = Actor.cli()


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    context = services.context
    with TestClient(create_app(context.settings, context.engine, surfaces(services))) as client:
        yield client


class Poller:
    """A calendar app polling one feed with If-None-Match, as Outlook and Google do."""

    def __init__(self, client: TestClient, url: str | None) -> None:
        self.client = client
        self.path = "/ical/" + shown(url).rsplit("/ical/", 1)[1]
        response = client.get(self.path)
        assert response.status_code == 200
        self.etag: str = response.headers["etag"]
        self.body = str(response.text)

    def unchanged(self) -> None:
        response = self.client.get(self.path, headers={"If-None-Match": self.etag})
        assert response.status_code == 304
        assert response.headers["etag"] == self.etag
        assert response.content == b""

    def changed(self) -> str:
        response = self.client.get(self.path, headers={"If-None-Match": self.etag})
        assert response.status_code == 200
        assert response.headers["etag"] != self.etag
        # Unfolded (RFC 5545 3.1), so that a long line reads whole.
        self.etag = response.headers["etag"]
        self.body = str(response.text).replace("\r\n ", "")
        self.unchanged()  # and asked again, nothing more has changed
        return self.body


def write(services: Services, change: Callable[[Any], Any]) -> None:
    """A write outside the services, as a console session or a later tool might make it."""
    with services.context.sessions.begin() as session:
        change(session)


def test_every_kind_of_change_gives_a_new_etag_and_no_change_the_same(
    client: TestClient, services: Services, tmp_path: Path
) -> None:
    with time_machine.travel(NOW, tick=False):
        first = setup(services, rule="all")
        feed = Poller(client, services.feeds.team_link("udbud", CLI).url)
        feed.unchanged()

        services.activities.edit(first, {"activity": "Nyhedsbrev om udbuddet"}, CLI)
        assert "Nyhedsbrev om udbuddet" in feed.changed()
        services.activities.snooze(first, 2, CLI)  # the reminders' business, not the event's
        feed.unchanged()
        second = services.activities.add("Plan", "Borgermøde", CLI, fields={"when": "1 May 2027"})
        feed.changed()
        services.activities.edit(second.activity.id, {"responsible": "Anna Berg"}, CLI)
        assert "Anna Berg" in feed.changed()
        services.activities.edit(second.activity.id, {"responsible": "Bo Dahl"}, CLI)
        assert "Anna Berg" not in feed.changed()
        services.activities.done(second.activity.id, CLI)
        feed.changed()
        third = services.activities.add("Plan", "Pressemøde", CLI, fields={"when": "3 May 2027"})
        feed.changed()
        services.activities.cancel(third.activity.id, CLI)
        feed.changed()
        request(services, first)  # awaiting approval
        feed.changed()
        write(
            services, lambda s: s.execute(delete(Activity).where(Activity.id == third.activity.id))
        )
        feed.changed()

    # The scheduler's write: the request expires at midnight (local) of the deadline day.
    midnight = dt.datetime(2027, 4, 5, 22, 0, tzinfo=dt.UTC)
    with time_machine.travel(midnight - dt.timedelta(minutes=1), tick=False):
        feed.changed()  # another day
        ApprovalPlanner(services.context.sessions)(midnight - dt.timedelta(minutes=1))
        feed.unchanged()
    with time_machine.travel(midnight, tick=False):
        ApprovalPlanner(services.context.sessions)(midnight)
        assert services.activities.get(first).status == "planned"
        feed.changed()
        csv = tmp_path / "plan.csv"
        csv.write_text(
            "HVEM;HVAD;HVORDAN;HVORNÅR;ANSVARLIG\n"
            "Alle medarbejdere;Intranetnyhed;Intranet;20 april 2027;Carl Ek\n",
            encoding="utf-8",
        )
        # An import into the plan: its row is added, the activities it lacks are cancelled.
        services.imports.apply(services.imports.read(csv), CLI, plan_name="Plan", team="udbud")
        assert "SUMMARY:Intranet – Alle medarbejdere" in feed.changed()

        write(services, lambda s: s.execute(update(Plan).values(name="Udbudsplan")))
        assert "Udbudsplan" in feed.changed()
        # A responsible person renamed: their events name them.
        write(
            services,
            lambda s: s.execute(
                update(Person).where(Person.name == "Frida Carlsson").values(name="Frida Holm")
            ),
        )
        assert "Frida Holm" in feed.changed()
        assert "Frida Carlsson" not in feed.body


def test_a_change_stamped_by_a_clock_behind_still_changes_the_etag(
    client: TestClient, services: Services
) -> None:
    with time_machine.travel(NOW, tick=False):
        first = setup(services)
        feed = Poller(client, services.feeds.team_link("udbud", CLI).url)
    # A replica whose clock is an hour behind: its updated_at is older than the last one.
    with time_machine.travel(NOW - dt.timedelta(hours=1), tick=False):
        write(
            services,
            lambda s: s.execute(update(Activity).where(Activity.id == first).values(title="X")),
        )
    with time_machine.travel(NOW, tick=False):
        assert "SUMMARY:X" in feed.changed()


def test_a_persons_feed_follows_their_responsibilities(
    client: TestClient, services: Services
) -> None:
    with time_machine.travel(NOW, tick=False):
        first = setup(services)
        services.plans.create("Plan 2", "udbud", CLI, language="en")
        other = services.activities.add(
            "Plan 2", "Skolemøde", CLI, fields={"when": "2 April 2027"}
        ).activity.id
        feed = Poller(client, services.feeds.person_link("Anna Berg", CLI).url)
        assert "Skolemøde" not in feed.body

        services.activities.edit(other, {"responsible": "Anna Berg"}, CLI)  # a plan joins
        assert "Skolemøde" in feed.changed()
        services.activities.edit(other, {"activity": "Skolemøde 2"}, CLI)
        feed.changed()
        services.activities.edit(first, {"activity": "Nyt i en plan hun ikke har"}, CLI)
        feed.unchanged()
        services.activities.edit(other, {"responsible": "Bo Dahl"}, CLI)  # the plan leaves
        assert "Skolemøde" not in feed.changed()


@time_machine.travel(NOW, tick=False)
def test_the_304_reads_no_activity(client: TestClient, services: Services) -> None:
    setup(services)
    feed = Poller(client, services.feeds.team_link("udbud", CLI).url)
    statements: list[str] = []
    in_transaction: list[bool] = []

    def seen(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)
        dbapi = conn.connection.dbapi_connection
        if engine.dialect.name == "postgresql":  # psycopg: BEGIN is sent unless autocommit
            in_transaction.append(not dbapi.autocommit)

    engine = services.context.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        feed.unchanged()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert statements  # the owner and the plans were read
    assert not [s for s in statements if "activit" in s.lower()]
    # Each statement on its own: no BEGIN and ROLLBACK round trips around them.
    assert not any(in_transaction)
