"""The calendar page kept per reader by what it is made from: opened again with nothing
changed it is the same page for a few queries; a change in a plan the reader may read, the
reader leaving a team, or a new audience alias each make it anew (issue 31)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import time_machine
from sqlalchemy import event

from bot.services import Services
from tests.coordination.test_calendar import ADMIN, NOW, organisation
from tests.web.test_calendar_page import counts, path_of, read_tables
from tests.web.test_plan_page import client_for


@contextmanager
def statements(services: Services) -> Iterator[list[str]]:
    """The SQL statements the app sends meanwhile."""
    sent: list[str] = []

    def count(*args: Any) -> None:
        sent.append(str(args[2]))

    engine = services.context.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


@time_machine.travel(NOW, tick=False)
def test_a_page_opened_again_with_nothing_changed_costs_a_few_queries(
    services: Services,
) -> None:
    mads = organisation(services)
    client = client_for(services)
    for actor in (ADMIN, mads):
        for suffix in ("", ".png"):
            path = path_of(services, actor) + suffix
            with statements(services) as first:
                made = client.get(path)
            with statements(services) as again:
                kept = client.get(path)
            assert made.status_code == kept.status_code == 200
            assert kept.content == made.content
            # The reader, the plans they may read and the stamp: nothing is counted again.
            assert len(again) <= 5, again
            assert any("activities.next_due" in sql for sql in first)
            assert not any("activities.next_due" in sql for sql in again), again


@time_machine.travel(NOW, tick=False)
def test_a_change_in_a_plan_the_reader_may_read_makes_the_page_anew(
    services: Services,
) -> None:
    mads = organisation(services)
    client = client_for(services)
    path = path_of(services, mads)
    assert counts(client.get(path).text, "by-audience")["Medarbejdere"] == (1, 1, 0)
    fields = {"target_group": "Medarbejdere", "channel": "Intranet", "when": "23. marts 2027"}
    services.activities.add("Skoleplan", "Endnu en", ADMIN, fields=fields)
    assert counts(client.get(path).text, "by-audience")["Medarbejdere"] == (2, 1, 0)
    picture = client.get(path + ".png").content
    services.activities.add("Skoleplan", "Og en til", ADMIN, fields=fields)
    assert client.get(path + ".png").content != picture


@time_machine.travel(NOW, tick=False)
def test_a_reader_leaving_the_team_no_longer_sees_its_plans(services: Services) -> None:
    mads = organisation(services)
    client = client_for(services)
    path = path_of(services, mads)
    assert counts(client.get(path).text, "by-audience") == {
        "Medarbejdere": (1, 1, 0),
        "Pressen": (0, 1, 0),
    }
    services.roles.revoke("member", "Mads", ADMIN, team="skole")
    page = client.get(path).text
    assert read_tables(page).tables.get("by-audience", [])[1:] == []  # no row: nothing to read
    assert "Medarbejdere" not in page


@time_machine.travel(NOW, tick=False)
def test_a_new_audience_alias_makes_the_page_anew(services: Services) -> None:
    organisation(services)
    client = client_for(services)
    path = path_of(services, ADMIN)
    before = counts(client.get(path).text, "by-audience")
    assert before["Borgerne"] == (0, 0, 1)  # a name no audience holds, counted as written
    services.audiences.add("Borgere", ADMIN, language="da", slug="citizens")
    services.audiences.alias("citizens", "Borgerne", ADMIN, language="da")
    after = counts(client.get(path).text, "by-audience")
    assert "Borgerne" not in after
    assert after["Borgere"] == (0, 0, 1)
