"""The calendar page and its PNG behind a signed link: the table's numbers are the service's
counts, a person sees only the plans they may read, refused links say one line, the picture
is a real PNG whose cells are shaded by count; weeks across the clock change and a year end."""

from __future__ import annotations

import datetime as dt
import io
from html.parser import HTMLParser

import pytest
import time_machine
from PIL import Image
from sqlalchemy import select, update

from bot.pages.heat import SHADES, contrast, legend, level
from bot.pages.heatmap import Layout
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from bot.web.calendar_page import CalendarLinks
from bot.web.signed_links import LinkSigner
from storage.models import AuditEntry, Origin, Person
from tests.coordination.test_calendar import ADMIN, NOW, organisation
from tests.web.test_plan_page import client_for


class Tables(HTMLParser):
    """The page's tables as read: table id -> [(row heading, [cells])], and the week headings."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[tuple[str, list[str]]]] = {}
        self.weeks: list[str] = []
        self.table: str | None = None
        self.cell: list[str] | None = None
        self.row: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.table = found.get("id") or ""
            self.tables[self.table] = []
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
            if found.get("data-week") and self.table == "by-audience":
                self.weeks.append(str(found["data-week"]))

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.table is not None and self.row:
            self.tables[self.table].append((self.row[0], self.row[1:]))
        elif tag == "table":
            self.table = None


def read_tables(html: str) -> Tables:
    parser = Tables()
    parser.feed(html)
    return parser


def path_of(services: Services, actor: Actor, *, weeks: int = 3, days: int = 90) -> str:
    grant = services.calendar.grant(actor, weeks=weeks, audience=None, days=days)
    return "/calendar/" + CalendarLinks(services.context).token(grant)


def counts(html: str, table: str) -> dict[str, tuple[int, ...]]:
    """Name -> the weekly counts (the total, last, checked against their sum)."""
    found = {}
    for name, cells in read_tables(html).tables[table][1:]:  # the first row: the headings
        numbers = tuple(int(cell) for cell in cells)
        assert numbers[-1] == sum(numbers[:-1])
        found[name] = numbers[:-1]
    return found


@time_machine.travel(NOW, tick=False)
def test_the_tables_are_the_services_counts_for_each_reader(services: Services) -> None:
    mads = organisation(services)
    client = client_for(services)
    for actor in (ADMIN, mads):
        response = client.get(path_of(services, actor))
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        assert "script-src" not in response.headers["content-security-policy"]
        view = services.calendar.grid(actor, weeks=3)
        audiences = {
            ("(no audience)" if name == "(no audience)" else name): row
            for name, row in counts(response.text, "by-audience").items()
        }
        assert audiences == {row.name: row.counts for row in view.audiences}
        assert counts(response.text, "by-channel") == {r.name: r.counts for r in view.channels}
        assert read_tables(response.text).weeks == view.week_names
    # Mads reads the school plan only: the care plan's activity to citizens is not counted,
    # not named; of its activity in the overlap he sees its team, its owner (how the two
    # owners find each other), the week and the channel, never its title or plan (issue 28).
    page = client.get(path_of(services, mads)).text
    assert "(no audience)" not in page and "Senere" not in page
    assert "Mads" in page
    assert "Omsorgsplan" not in page and "Nyhed (Skoleplan)" in page
    assert "a plan of team" in page
    admins = client.get(path_of(services, ADMIN)).text
    assert "Nyhed (Omsorgsplan)" in admins
    assert 'scope="row">Medarbejdere</th>' in page
    # Moving to the next weeks without JavaScript: a link with the week.
    later = client.get(path_of(services, mads) + "?from=2027-W15")
    assert read_tables(later.text).weeks == [] and "2027-W15" in later.text
    garbage = client.get(path_of(services, mads) + "?from=yesterday%3Cscript%3E")
    assert garbage.status_code == 200 and "<script" not in garbage.text


@time_machine.travel(NOW, tick=False)
def test_refused_links_say_one_line_and_nothing_else(services: Services) -> None:
    mads = organisation(services)
    client = client_for(services)
    good = path_of(services, mads, days=1)
    altered = good[:-3] + ("abc" if not good.endswith("abc") else "xyz")
    foreign = "/calendar/" + LinkSigner(services.context.settings, "email-action").sign(
        {"p": mads.person_id, "w": 3, "g": None, "e": 2_000_000_000}
    )
    for path in (altered, foreign, "/calendar/nothing", "/calendar/nothing.png", altered + ".png"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.text == "Not found: the link is not valid.\n"
    with time_machine.travel(NOW + dt.timedelta(days=1, seconds=1), tick=False):
        for path in (good, good + ".png"):
            expired = client.get(path)
            assert expired.status_code == 410
            assert expired.text.count("\n") == 1 and "expired" in expired.text
    # A person no longer active: their link opens nothing.
    assert client.get(good).status_code == 200
    with services.context.sessions() as session:
        session.execute(update(Person).where(Person.id == mads.person_id).values(active=False))
        session.commit()
    assert client.get(good).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_a_chat_user_linked_to_nobody_lends_no_link(services: Services) -> None:
    organisation(services)
    stranger = Actor(Origin.SLACK, None, "stranger", surface_user="U404")
    with pytest.raises(Invalid) as refused:
        services.calendar.grant(stranger, weeks=3, audience=None, days=5)
    assert refused.value.key == "calendar.link_needs_person"
    with services.context.sessions() as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id.desc()))
        assert actions.first() == "calendar.link.refused"


@time_machine.travel(NOW, tick=False)
def test_the_picture_is_a_png_of_the_stated_size_shaded_by_count(services: Services) -> None:
    organisation(services)
    response = client_for(services).get(path_of(services, ADMIN) + ".png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    picture = Image.open(io.BytesIO(response.content))
    assert picture.format == "PNG"
    view = services.calendar.grid(ADMIN, weeks=3)
    layout = Layout(3, (len(view.audiences), len(view.channels)))
    assert picture.size == layout.size == (2 * 16 + 260 + 64 * 3 + 72, layout.height)
    pixels = picture.convert("RGB")
    for section, rows in enumerate((view.audiences, view.channels)):
        top = max(count for row in rows for count in row.counts)
        for index, row in enumerate(rows):
            for week, count in enumerate(row.counts):
                left, upper, _, _ = layout.cell(section, index, week)
                shade = SHADES[level(count, top)][0]
                expected = tuple(int(shade[i : i + 2], 16) for i in (1, 3, 5))
                # Inside the cell's border, away from its number.
                assert pixels.getpixel((left + 3, upper + 3)) == expected, (row.name, week)


def test_every_shade_reads_and_the_legend_names_its_counts() -> None:
    for background, text in SHADES:
        assert contrast(background, text) >= 4.5, background
    for top in range(1, 40):
        steps = legend(top)
        for count in range(top + 1):
            (step,) = [s for s in steps if s.low <= count <= s.high]
            assert step.level == level(count, top)
        assert level(top, top) == len(SHADES) - 1  # the largest count is the darkest


WEEK_53 = dt.datetime(2026, 12, 28, 8, 0, tzinfo=dt.UTC)  # Monday of ISO week 53 of 2026


@time_machine.travel(WEEK_53, tick=False)
def test_weeks_across_the_year_end_and_the_clock_change(services: Services) -> None:
    services.audiences.add("Medarbejdere", ADMIN, language="da", slug="staff")
    services.teams.add("Skole", ADMIN, slug="skole")
    services.plans.create("Skoleplan", "skole", ADMIN, language="da")
    for title, when in (
        ("Nytår", "31. december 2026"),  # 2026-W53
        ("Første", "4. januar 2027"),  # 2027-W01
        ("Søndag", "28. marts 2027"),  # the clock goes forward: still 2027-W12
        ("Mandag", "29. marts 2027"),  # 2027-W13
    ):
        fields = {"target_group": "Medarbejdere", "channel": "Intranet", "when": when}
        services.activities.add("Skoleplan", title, ADMIN, fields=fields)
    client = client_for(services)
    path = path_of(services, ADMIN, weeks=2, days=120)
    page = client.get(path).text
    assert read_tables(page).weeks == ["2026-W53", "2027-W01"]
    assert counts(page, "by-audience") == {"Medarbejdere": (1, 1)}
    assert "28 Dec 2026" in page and "4 Jan 2027" in page  # the year at the change
    spring = client.get(path + "?from=2027-W12").text
    assert read_tables(spring).weeks == ["2027-W12", "2027-W13"]
    assert counts(spring, "by-audience") == {"Medarbejdere": (1, 1)}
    # A 90-day link made in winter still opens after the clock change, and not a second after.
    with time_machine.travel(WEEK_53 + dt.timedelta(days=120) - dt.timedelta(seconds=1)):
        assert client.get(path).status_code == 200
    with time_machine.travel(WEEK_53 + dt.timedelta(days=120)):
        assert client.get(path).status_code == 410
