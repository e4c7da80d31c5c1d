"""A long plan's page: its table in pages of PAGE_ROWS, the pages keep the filters, the counts
and the timeline are of every row shown, not of one page."""

from __future__ import annotations

import datetime as dt
import html
import re

import time_machine
from sqlalchemy import insert

from bot.services import Services
from bot.services.pages import PAGE_ROWS, TIMELINE_ROWS
from storage.models import Activity
from tests.shown import shown
from tests.web.test_plan_page import CLI, NOW, client_for, rows_of

COUNT = 2 * PAGE_ROWS + 3  # three pages, the last of three rows


def long_plan(services: Services) -> str:
    """A plan of COUNT dated activities (every other one on the web); its page's path."""
    services.teams.add("Udbud", CLI)
    plan = services.plans.create("Lang plan", "udbud", CLI, language="en")
    first = dt.date(2026, 12, 1)
    rows = [
        {
            "plan_id": plan.id,
            "position": n,
            "title": f"Item {n}",
            "channel": "Web" if n % 2 else "Print",
            "when_text": (first + dt.timedelta(days=n)).isoformat(),
            "timing_kind": "date",
            "timing_start": first + dt.timedelta(days=n),
            "timing_due": first + dt.timedelta(days=n),
            "next_due": first + dt.timedelta(days=n),
            "created_at": NOW,
            "updated_at": NOW,
        }
        for n in range(COUNT)
    ]
    with services.context.engine.begin() as connection:
        connection.execute(insert(Activity), rows)
    return shown(services.pages.link(f"#{plan.id}", CLI)).split("127.0.0.1:3000", 1)[1]


def link(page: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', page)
    return html.unescape(found.group(1)) if found else None


@time_machine.travel(NOW, tick=False)
def test_the_table_is_paged_and_the_pages_keep_the_filters(services: Services) -> None:
    path = long_plan(services)
    client = client_for(services)
    first = client.get(path).text
    assert rows_of(first) == PAGE_ROWS
    assert f"{COUNT} of {COUNT} activities" in first  # the count is of every page
    assert f"Page 1 of 3: activities 1–{PAGE_ROWS}" in first
    assert link(first, "prev") is None
    assert link(first, "next") == "?page=2#activities"
    # The timeline draws the first shown, and says how many more the table has.
    assert f"and {COUNT - TIMELINE_ROWS} more activities" in first
    last = client.get(path + "?page=3").text
    assert rows_of(last) == 3
    assert 'id="activity-' in last and "Item 1002" in last
    assert link(last, "next") is None
    assert link(last, "prev") == "?page=2#activities"

    web = client.get(path, params={"channel": "Web"}).text
    assert f"{COUNT // 2} of {COUNT} activities" in web
    following = link(web, "next")
    assert following == "?channel=Web&page=2#activities"
    second = client.get(path + following.split("#")[0]).text
    assert rows_of(second) == COUNT // 2 - PAGE_ROWS
    assert "Item 1001" in second and "Item 1002" not in second


@time_machine.travel(NOW, tick=False)
def test_a_page_number_out_of_range_or_not_a_number_shows_the_nearest_page(
    services: Services,
) -> None:
    path = long_plan(services)
    client = client_for(services)
    assert "Page 3 of 3" in client.get(path + "?page=99").text
    assert "Page 1 of 3" in client.get(path + "?page=-4").text
    assert "Page 1 of 3" in client.get(path + "?page=two").text
