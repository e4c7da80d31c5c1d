"""Calendar feeds through the real app on SQLite and PostgreSQL, read by three readers.

Time is frozen in March 2027, around the spring DST change (28 March), on purpose: deadlines
and recurrences are whole days and must not move by an hour, nor the alarms' 09:00.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import icalendar
import pytest
import recurring_ical_events
import time_machine
from fastapi.testclient import TestClient

from bot.cli.serve import surfaces
from bot.services import Services
from bot.services.actor import Actor
from bot.web.app import create_app
from storage.models import Origin
from tests.feeds.readers import as_ical, ical_js_raw, read_three_ways
from tests.shown import shown

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
# 10 March 2027, 10:00 in Copenhagen: before the spring change of 28 March.
MARCH = dt.datetime(2027, 3, 10, 9, 0, tzinfo=dt.UTC)
NASTY = 'Møde, budget; plan\nnæste linje "citat" \\ backslash – 🗓 Åsa Öberg, Malmö'


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    context = services.context
    with TestClient(create_app(context.settings, context.engine, surfaces(services))) as client:
        yield client


def token_of(url: str | None) -> str:
    return shown(url).rsplit("/", 1)[1].removesuffix(".ics")


def setup_team(services: Services, slug: str, person: str) -> None:
    services.teams.add(slug.title(), CLI, slug=slug)
    services.people.add(person, CLI, team=slug, aliases=[person.split(maxsplit=1)[0]])
    services.plans.create(f"Plan {slug}", slug, CLI, language="en")


def add(services: Services, slug: str, title: str, **fields: str) -> int:
    return services.activities.add(f"Plan {slug}", title, CLI, team=slug, fields=fields).activity.id


def feed_path(services: Services, slug: str) -> str:
    """The team feed's path: made now, or (a URL is shown only once) rotated to a new one."""
    url = services.feeds.team_link(slug, Actor.cli()).url
    return shown(url or services.feeds.rotate_team(slug, CLI).url).split("127.0.0.1:3000", 1)[1]


def feed_body(client: TestClient, services: Services, slug: str) -> str:
    response = client.get(feed_path(services, slug))
    assert response.status_code == 200
    return str(response.text)


@time_machine.travel(MARCH, tick=False)
def test_three_readers_read_the_same_feed(client: TestClient, services: Services) -> None:
    setup_team(services, "udbud", "Frida Carlsson")
    dated = add(
        services,
        "udbud",
        NASTY,
        when="1 April 2027",
        responsible="Frida",
        target_group="Alle medarbejdere; ledere, OC",
        channel="Intranet",
        message="Line one\nLine two, with a comma; and a semicolon",
    )
    window = add(services, "udbud", "Spring newsletter", when="Week 12 2027")
    weekly = add(services, "udbud", "Weekly status", when="Every week")
    monthly = add(services, "udbud", "Monthly letter", when="Every month")
    long_title = "Lang titel" + " æøå" * 60
    add(services, "udbud", long_title, when="2 April 2027")
    body = feed_body(client, services, "udbud")

    events = {event["uid"].split(".", 1)[0]: event for event in read_three_ways(body)}
    assert set(events) == {str(dated), str(window), str(weekly), str(monthly), str(dated + 4)}

    nasty = events[str(dated)]
    assert nasty["summary"] == NASTY
    assert nasty["start"] == "2027-04-01"
    assert nasty["end"] == "2027-04-02"
    assert "Target group: Alle medarbejdere; ledere, OC" in nasty["description"]
    assert "Message: Line one\nLine two, with a comma; and a semicolon" in nasty["description"]
    assert "Responsible: Frida Carlsson" in nasty["description"]
    assert f"commplan activity #{dated}" in nasty["description"]
    assert nasty["status"] == "CONFIRMED"
    # 7 days and 1 day before, at 09:00 of the (floating, all-day) calendar day.
    assert nasty["triggers"] == ["-P6DT15H", "-PT15H"]
    assert events[str(dated + 4)]["summary"] == long_title

    # A window is shown on its due day, its last working day (Thursday 25 and Friday 26 March
    # are Easter in Denmark), and named in the description.
    spring = events[str(window)]
    assert (spring["start"], spring["end"]) == ("2027-03-24", "2027-03-25")
    assert "Period: 2027-03-22 – 2027-03-28" in spring["description"]

    # "Every week" written on Wednesday 10 March: the first working day of each week from the
    # next, weekly across the DST change. Calendars get Mondays: on Easter Monday (29 March)
    # they show the Monday, the reminders count Tuesday 30 (docs/timing.md).
    weekly_event = events[str(weekly)]
    assert weekly_event["start"] == "2027-03-15"
    assert weekly_event["rrule"] == "FREQ=WEEKLY;BYDAY=MO"

    expected = ["2027-03-15", "2027-03-22", "2027-03-29", "2027-04-05"]
    calendar = icalendar.Calendar.from_ical(body)
    expanded = [
        event["DTSTART"].dt.isoformat()
        for event in recurring_ical_events.of(calendar).between(
            dt.date(2027, 3, 1), dt.date(2027, 4, 10)
        )
        if str(event["UID"]).startswith(f"{weekly}.")
    ]
    assert sorted(expanded) == expected
    js = {event["uid"]: event for event in ical_js_raw(body, dt.date(2027, 4, 10))["events"]}
    assert js[weekly_event["uid"]]["occurrences"] == expected

    # "Every month": each month's first working day from April, as the scheduler has them
    # (1 May 2027 is a Saturday), read alike by both expanding readers.
    monthly_event = events[str(monthly)]
    assert monthly_event["rrule"] == "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"
    months = ["2027-04-01", "2027-05-03", "2027-06-01"]
    expanded = [
        event["DTSTART"].dt.isoformat()
        for event in recurring_ical_events.of(calendar).between(
            dt.date(2027, 3, 1), dt.date(2027, 6, 10)
        )
        if str(event["UID"]).startswith(f"{monthly}.")
    ]
    assert sorted(expanded) == months
    js = {event["uid"]: event for event in ical_js_raw(body, dt.date(2027, 6, 10))["events"]}
    assert js[monthly_event["uid"]]["occurrences"] == months


@time_machine.travel(MARCH, tick=False)
def test_the_body_is_crlf_folded_at_75_octets(client: TestClient, services: Services) -> None:
    setup_team(services, "udbud", "Frida Carlsson")
    add(services, "udbud", "Ø" * 200, when="1 April 2027", message="🗓" * 100)
    raw = feed_body(client, services, "udbud").encode("utf-8")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # no line ends inside a character
    assert any(line.startswith(b" ") for line in lines)


@time_machine.travel(MARCH, tick=False)
def test_calendar_properties_and_http_headers(client: TestClient, services: Services) -> None:
    setup_team(services, "udbud", "Frida Carlsson")
    add(services, "udbud", "Nyhed", when="1 April 2027")
    url = shown(services.feeds.team_link("udbud", Actor.cli()).url)
    response = client.get(url.split("127.0.0.1:3000", 1)[1])
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["etag"].startswith('W/"')
    assert response.headers["last-modified"] == "Wed, 10 Mar 2027 09:00:00 GMT"
    assert response.headers["cache-control"] == "private, no-cache"
    parsed = ical_js_raw(response.text)
    assert parsed["method"] == "PUBLISH"
    assert parsed["name"] == "commplan – Udbud"
    assert parsed["refresh"] == "PT1H"
    assert parsed["ttl"] == "PT1H"
    calendar = icalendar.Calendar.from_ical(response.text)
    assert "VTIMEZONE" not in response.text
    assert as_ical(calendar["REFRESH-INTERVAL"]) == "PT1H"


def test_changes_bump_sequence_and_etag_and_done_is_marked(
    client: TestClient, services: Services
) -> None:
    with time_machine.travel(MARCH, tick=False):
        setup_team(services, "udbud", "Frida Carlsson")
        activity = add(services, "udbud", "Pressemeddelelse", when="1 April 2027")
        path = feed_path(services, "udbud")
        first = client.get(path)
        etag = first.headers["etag"]
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
        assert client.get(path, headers={"If-None-Match": 'W/"other"'}).status_code == 200
        [before] = read_three_ways(first.text)
    # After the DST change: a day later in local time, an hour less from UTC.
    with time_machine.travel(dt.datetime(2027, 3, 29, 8, 0, tzinfo=dt.UTC), tick=False):
        services.activities.edit(activity, {"when": "2 April 2027"}, CLI)
        moved = client.get(path, headers={"If-None-Match": etag})
        assert moved.status_code == 200
        [after] = read_three_ways(moved.text)
        assert after["uid"] == before["uid"]
        assert after["sequence"] == before["sequence"] + 1
        assert after["start"] == "2027-04-02"
        services.activities.done(activity, CLI)
        done = client.get(path)
        [marked] = read_three_ways(done.text)
        assert marked["uid"] == before["uid"]
        assert marked["sequence"] == before["sequence"] + 2
        assert marked["summary"] == "✓ Pressemeddelelse"
        assert "Status: Done" in marked["description"]
        assert marked["triggers"] == []  # nobody is reminded of what is done
        assert "LAST-MODIFIED:20270329T080000Z" in done.text
        assert len({first.headers["etag"], moved.headers["etag"], done.headers["etag"]}) == 3


def test_cancelled_activities_stay_30_days_then_leave(
    client: TestClient, services: Services
) -> None:
    with time_machine.travel(MARCH, tick=False):
        setup_team(services, "udbud", "Frida Carlsson")
        activity = add(services, "udbud", "Borgermøde", when="1 April 2027")
        services.activities.cancel(activity, CLI)
        [event] = read_three_ways(feed_body(client, services, "udbud"))
        assert event["status"] == "CANCELLED"
        assert event["summary"] == "Cancelled: Borgermøde"
        assert event["triggers"] == []
    # 30 days later (across the DST change) it is still there; the day after, gone.
    with time_machine.travel(dt.datetime(2027, 4, 9, 10, 0, tzinfo=dt.UTC), tick=False):
        assert [e["status"] for e in read_three_ways(feed_body(client, services, "udbud"))] == [
            "CANCELLED"
        ]
    with time_machine.travel(dt.datetime(2027, 4, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        assert read_three_ways(feed_body(client, services, "udbud")) == []


@time_machine.travel(MARCH, tick=False)
def test_a_team_feed_never_shows_another_teams_activities(
    client: TestClient, services: Services
) -> None:
    setup_team(services, "udbud", "Frida Carlsson")
    setup_team(services, "social", "Sven Ek")
    ours = add(services, "udbud", "Vores nyhed", when="1 April 2027")
    theirs = add(services, "social", "Deres nyhed", when="1 April 2027")
    udbud = read_three_ways(feed_body(client, services, "udbud"))
    social = read_three_ways(feed_body(client, services, "social"))
    assert [e["uid"].split(".")[0] for e in udbud] == [str(ours)]
    assert [e["uid"].split(".")[0] for e in social] == [str(theirs)]
    assert "Deres nyhed" not in feed_body(client, services, "udbud")


@time_machine.travel(MARCH, tick=False)
def test_a_person_feed_shows_their_activities_only(client: TestClient, services: Services) -> None:
    setup_team(services, "udbud", "Frida Carlsson")
    services.people.add("Mette Holm", CLI, team="udbud", aliases=["MH"])
    hers = add(services, "udbud", "Fridas opgave", when="1 April 2027", responsible="Frida")
    add(services, "udbud", "Mettes opgave", when="1 April 2027", responsible="MH")
    link = services.feeds.person_link("Frida Carlsson", CLI)
    # Made once and shown then; asked again, only that it exists (its token is not kept).
    assert services.feeds.person_link("Frida Carlsson", CLI).url is None
    assert link.url is not None
    response = client.get(f"/ical/{token_of(link.url)}.ics")
    [event] = read_three_ways(response.text)
    assert event["uid"].startswith(f"{hers}.")
    assert ical_js_raw(response.text)["name"] == "commplan – Frida Carlsson"


@time_machine.travel(MARCH, tick=False)
def test_unknown_and_rotated_tokens_are_404_at_once(client: TestClient, services: Services) -> None:
    setup_team(services, "udbud", "Frida Carlsson")
    add(services, "udbud", "Nyhed", when="1 April 2027")
    old = token_of(services.feeds.team_link("udbud", Actor.cli()).url)
    assert len(old) >= 22  # >= 128 bits in URL-safe base64
    assert client.get(f"/ical/{old}.ics").status_code == 200
    assert client.head(f"/ical/{old}.ics").status_code == 200

    near = old[:-1] + ("A" if old[-1] != "A" else "B")
    for wrong in (near, "x" * 43, "a", "%00", "x" * 500):
        response = client.get(f"/ical/{wrong}.ics")
        assert response.status_code == 404
        assert "calendar" not in response.headers["content-type"]

    new = token_of(services.feeds.rotate_team("udbud", CLI).url)
    assert new != old
    assert client.get(f"/ical/{old}.ics").status_code == 404
    assert client.get(f"/ical/{new}.ics").status_code == 200

    person_old = token_of(services.feeds.person_link("Frida Carlsson", CLI).url)
    person_new = token_of(services.feeds.person_link("Frida Carlsson", CLI, rotate=True).url)
    assert client.get(f"/ical/{person_old}.ics").status_code == 404
    assert client.get(f"/ical/{person_new}.ics").status_code == 200
    # A person's token never opens a team's feed, nor the other way round.
    assert person_new != new


@time_machine.travel(MARCH, tick=False)
def test_tentative_dates_and_plan_policy_reach_the_feed(
    client: TestClient, services: Services
) -> None:
    setup_team(services, "udbud", "Frida Carlsson")
    services.reminders.set_policy("Plan udbud", {"before_days": "3", "hour": "10"}, CLI)
    add(services, "udbud", "Måske", when="Ca. 1 April 2027")
    [event] = read_three_ways(feed_body(client, services, "udbud"))
    assert event["status"] == "TENTATIVE"
    assert event["triggers"] == ["-P2DT14H"]


def test_a_plan_policy_change_reaches_events_already_rendered(
    client: TestClient, services: Services
) -> None:
    with time_machine.travel(MARCH, tick=False):
        setup_team(services, "udbud", "Frida Carlsson")
        add(services, "udbud", "Nyhed", when="1 April 2027")
        [before] = read_three_ways(feed_body(client, services, "udbud"))
        assert before["triggers"] == ["-P6DT15H", "-PT15H"]
    # A minute later: the plan's last change moves, and with it every event's cache key.
    with time_machine.travel(MARCH + dt.timedelta(minutes=1), tick=False):
        services.reminders.set_policy("Plan udbud", {"before_days": "2"}, CLI)
        [after] = read_three_ways(feed_body(client, services, "udbud"))
        assert after["triggers"] == ["-P1DT15H"]
