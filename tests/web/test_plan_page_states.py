"""The plan page's and the picture's states: one name each everywhere, approved and awaiting
shown, an overdue filter, a vertical timeline for phones, month labels that never overlap, and
a picture that says when its window is empty and includes what is overdue."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re

import time_machine
from PIL import Image

from bot.pages.colours import LABELS, STATES
from bot.pages.picture import timeline_png, window
from bot.pages.timeline import layout
from bot.services import Services
from bot.services.actor import Actor
from bot.texts import t
from bot.web.plan_page import SPAN_WIDTH, label_room_for
from storage.models import Decision
from tests.services.test_approvals import CLI, NOW, person, request, setup
from tests.shown import shown
from tests.web.test_plan_page import client_for

MONTHS = t("page.months", "da").split(",")


def test_month_labels_never_overlap_however_long_the_plan() -> None:
    room = label_room_for(MONTHS)
    today = dt.date(2026, 1, 1)
    for first, last in [
        (dt.date(2018, 3, 1), dt.date(2030, 12, 31)),  # the "mar 2018apr" plan: 12 years
        (dt.date(2026, 1, 1), dt.date(2027, 6, 30)),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),  # the shortest month
    ]:
        ticks = layout([], today, first=first, last=last, month_names=MONTHS, label_room=room)
        labelled = [tick for tick in ticks.ticks if tick.label]
        assert labelled[0].label.endswith(str(first.year))
        for left, right in itertools.pairwise(labelled):
            needed = len(left.label) * 6.6 + 4
            assert (right.at - left.at) * SPAN_WIDTH >= needed, (left, right)
    short = layout(
        [],
        today,
        first=dt.date(2026, 1, 1),
        last=dt.date(2026, 6, 30),
        month_names=MONTHS,
        label_room=room,
    )
    assert [tick.label for tick in short.ticks] == ["jan 2026", "feb", "mar", "apr", "maj", "jun"]


def plan_with_every_state(services: Services) -> dict[str, int]:
    """In "Plan" (English): awaiting approval, approved, in progress, planned, overdue, done."""
    waiting = setup(services)
    request(services, waiting)
    approved = services.activities.add(
        "Plan", "Pressemeddelelse", CLI, fields={"when": "8 April 2027"}
    ).activity.id
    decided = request(services, approved)
    services.approvals.decide(decided, Decision.APPROVE, person(services, "Bo Dahl"))
    planned = services.activities.add("Plan", "Intranet", CLI, fields={"when": "20 May 2027"})
    overdue = services.activities.add("Plan", "Gammel", CLI, fields={"when": "1 February 2027"})
    done = services.activities.add("Plan", "Afsluttet", CLI, fields={"when": "1 March 2027"})
    services.activities.done(done.activity.id, CLI)
    return {
        "waiting": waiting,
        "approved": approved,
        "planned": planned.activity.id,
        "overdue": overdue.activity.id,
        "done": done.activity.id,
    }


def status_cell(html: str, activity: int) -> str:
    row = re.search(rf'<tr id="activity-{activity}".*?</tr>', html, re.S)
    assert row is not None
    cell = re.search(
        r'<td class="status" data-label="[^"]*"><span class="kind kind-(\w+)">\S+ ([^<]+)</span>',
        row[0],
    )
    assert cell is not None
    return f"{cell[1]}:{cell[2]}"


@time_machine.travel(NOW, tick=False)
def test_every_state_has_one_name_in_legend_filter_and_table(services: Services) -> None:
    ids = plan_with_every_state(services)
    path = shown(services.pages.link("Plan", CLI)).split("127.0.0.1:3000", 1)[1]
    client = client_for(services)
    html = client.get(path).text
    names = {kind: t(LABELS[kind], "en") for kind in STATES}
    assert names["waiting"] == t("status.awaiting_approval", "en")
    for kind in STATES:  # the legend
        assert html.count(f'<li class="kind kind-{kind}">') == 1
        assert f"{names[kind]}</li>" in html
    for kind, activity in ids.items():  # the table
        assert status_cell(html, activity) == f"{kind}:{names[kind]}"
    # The status filter offers the same names, overdue among them, and narrows to it.
    options = re.search(r'<select name="status">(.*?)</select>', html, re.S)
    assert options is not None
    offered = re.findall(r'<option value="([^"]*)"', options[1])
    assert offered == ["", *(names[k] for k in STATES if k in ids)]
    overdue = client.get(path, params={"status": names["overdue"]}).text
    assert re.findall(r'<tr id="activity-(\d+)"', overdue) == [str(ids["overdue"])]
    assert "Overdue</span> (Planned)" in overdue  # its status is still said


@time_machine.travel(NOW, tick=False)
def test_a_vertical_timeline_lists_the_items_by_month(services: Services) -> None:
    ids = plan_with_every_state(services)
    path = shown(services.pages.link("Plan", CLI)).split("127.0.0.1:3000", 1)[1]
    html = client_for(services).get(path).text
    vertical = re.search(r'<div class="vertical">(.*?)</div>', html, re.S)
    assert vertical is not None
    months = re.findall(r"<h3>([^<]+)</h3>", vertical[1])
    assert months == ["Feb 2027", "Mar 2027", "Apr 2027", "May 2027"]
    assert '<span class="when">20 May 2027</span>' in vertical[1]
    assert f'href="#activity-{ids["planned"]}"' in vertical[1]
    assert "@media (max-width: 699px)" in html


@time_machine.travel(NOW, tick=False)
def test_the_picture_includes_overdue_and_says_when_its_window_is_empty(
    services: Services,
) -> None:
    ids = plan_with_every_state(services)
    views = services.activities.list("Plan", Actor.cli())
    today = dt.date(2027, 3, 26)
    timeline, more = window(views, today)
    kinds = {item.activity_id: item.kind for item in timeline.items}
    assert kinds[ids["overdue"]] == "overdue" and more == 0
    assert next(i for i in timeline.items if i.activity_id == ids["overdue"]).start == 0.0
    assert kinds[ids["approved"]] == "approved" and kinds[ids["waiting"]] == "waiting"
    assert ids["planned"] not in kinds  # 20 May is past the 8 weeks

    # Only done activities, none in the window: nothing to draw, and the picture says so.
    later = dt.date(2028, 1, 3)
    services.activities.done(ids["overdue"], CLI)
    views = [v for v in services.activities.list("Plan", Actor.cli()) if v.status == "done"]
    assert len(views) == 2
    empty, _ = window(views, later)
    assert empty.items == ()
    # The empty picture writes its sentence where the first row would be: dark pixels there.
    image = Image.open(io.BytesIO(timeline_png("Plan", views, later, "en"))).convert("L")
    darkest, _ = image.crop((16, 90, 400, 110)).getextrema()
    assert isinstance(darkest, int) and darkest < 100
