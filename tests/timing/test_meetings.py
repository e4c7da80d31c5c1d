"""Issue 29, item 4: meeting calendars. "Før hvert udvalgsmøde", "Inför kommunfullmäktiges
sammanträde", "After each board meeting" are dated by the body's meetings (before: the
policy's working days before; after: the working day after), move on when done, and move when a
meeting is added or moved (from dates, and from an .ics file read again); without a calendar
they stay on trigger and an import asks the plan's owner; a steering group's meeting day is a
calendar too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from bot.chat.caller import Caller
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from bot.services.permissions import Forbidden
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.reading import notice_of
from storage.models import Origin, OutboxMessage
from tests.importing.documents import write_csv

ADMIN = Actor(Origin.CLI, None, "cli:test", admin=True)
D = dt.date
NOW = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.UTC)  # Monday 1 February 2027


def _plan(services: Services, name: str = "Plan", language: str = "da") -> None:
    if not services.teams.list():
        services.teams.add("Skole", ADMIN, slug="skole")
        services.people.add("Mette", ADMIN, team="skole")
    country = "SE" if language == "sv" else "DK"
    services.plans.create(name, "skole", ADMIN, language=language, country=country)


def _add(services: Services, plan: str, when: str) -> int:
    fields = {"when": when, "responsible": "Mette"}
    return services.activities.add(plan, "Orientering", ADMIN, fields=fields).activity.id


def _reminder_days(services: Services, activity_id: int) -> list[D]:
    rows = services.reminders.preview(start=D(2027, 2, 1), end=D(2027, 6, 30))
    mine = (
        row for row in rows if row.activity_id == activity_id and row.kind == NoticeKind.REMINDER
    )
    return sorted({row.local.date() for row in mine})


@time_machine.travel(NOW, tick=False)
def test_meetings_from_dates_date_the_activity_and_a_new_meeting_moves_it(
    services: Services,
) -> None:
    _plan(services)
    activity = _add(services, "Plan", "Før hvert udvalgsmøde")
    view = services.activities.get(activity)
    assert (view.timing.kind.value, view.next_due) == ("on_trigger", None)  # no calendar yet
    added = services.meetings.add(
        "Børne- og Skoleudvalget",
        ADMIN,
        dates=["2027-03-04,4. april 2027"],
        aliases=["udvalgsmøde"],
    )
    assert added.replanned == 1 and added.days == (D(2027, 3, 4), D(2027, 4, 4))
    view = services.activities.get(activity)
    # two working days before Thursday 4 March
    assert (view.timing.kind.value, view.next_due) == ("date", D(2027, 3, 2))
    assert _reminder_days(services, activity) == [D(2027, 2, 23), D(2027, 3, 1)]
    # an earlier meeting is added: the deadline and its reminders move to it
    services.meetings.add("udvalgsmøde", ADMIN, dates=["2027-02-18"])
    assert services.activities.get(activity).next_due == D(2027, 2, 16)
    assert _reminder_days(services, activity) == [D(2027, 2, 9), D(2027, 2, 15)]
    # done: on to the next meeting, as a recurrence moves on
    done = services.activities.done(activity, ADMIN)
    assert (done.status, done.next_due) == ("planned", D(2027, 3, 2))
    [body] = services.meetings.list()
    assert body.aliases == ("Børne- og Skoleudvalget", "udvalgsmøde")
    assert body.days == (D(2027, 2, 18), D(2027, 3, 4), D(2027, 4, 4))


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Mittkoping//Sammantraden//SV
BEGIN:VEVENT
UID:kf-1@mittkoping.se
DTSTAMP:20270101T000000Z
DTSTART;TZID=Europe/Stockholm:{first}T180000
SUMMARY:Kommunfullmäktige
END:VEVENT
BEGIN:VEVENT
UID:kf-2@mittkoping.se
DTSTAMP:20270101T000000Z
DTSTART;TZID=Europe/Stockholm:20270414T180000
SUMMARY:Kommunfullmäktige
END:VEVENT
END:VCALENDAR
"""


@time_machine.travel(NOW, tick=False)
def test_an_ics_calendar_read_again_moves_a_moved_meeting(
    services: Services, tmp_path: Path
) -> None:
    _plan(services, "Plan", "sv")
    activity = _add(services, "Plan", "Inför kommunfullmäktiges sammanträde")
    path = tmp_path / "kf.ics"
    path.write_text(ICS.format(first="20270310"), encoding="utf-8")
    view = services.meetings.add("Kommunfullmäktige", ADMIN, ical=str(path))
    assert view.days == (D(2027, 3, 10), D(2027, 4, 14)) and view.replanned == 1
    assert services.activities.get(activity).next_due == D(2027, 3, 8)  # Monday before
    # the council moves its March meeting a week: same UID, new day
    path.write_text(ICS.format(first="20270317"), encoding="utf-8")
    moved = services.meetings.add("Kommunfullmäktige", ADMIN, ical=str(path))
    assert moved.days == (D(2027, 3, 17), D(2027, 4, 14)) and moved.replanned == 1
    assert services.activities.get(activity).next_due == D(2027, 3, 15)
    assert _reminder_days(services, activity)[:2] == [D(2027, 3, 8), D(2027, 3, 12)]


@time_machine.travel(NOW, tick=False)
def test_after_each_board_meeting_is_due_the_working_day_after(services: Services) -> None:
    _plan(services, "Plan", "en")
    services.meetings.add("The board", ADMIN, dates=["2027-03-05"], aliases=["board meeting"])
    activity = _add(services, "Plan", "After each board meeting")
    assert services.activities.get(activity).next_due == D(2027, 3, 8)  # Friday -> Monday


@time_machine.travel(NOW, tick=False)
def test_a_steering_groups_meeting_day_is_a_calendar(services: Services) -> None:
    _plan(services)
    services.steering.create("Styregruppen", "skole", ADMIN)
    services.steering.configure("Styregruppen", ADMIN, meets=2)  # Wednesdays
    services.steering.assign("Styregruppen", "Plan", ADMIN)
    activity = _add(services, "Plan", "Før hvert styregruppemøde")
    assert services.activities.get(activity).next_due == D(2027, 2, 1)  # Monday before Wed 3


@time_machine.travel(NOW, tick=False)
def test_without_a_calendar_an_import_asks_the_owner_once(
    services: Services, tmp_path: Path
) -> None:
    services.teams.add("Skole", ADMIN, slug="skole")
    olga = Actor(Origin.CLI, services.people.add("Olga", ADMIN, team="skole").id, "Olga")
    rows = [
        ["Aktivitet", "Målgruppe", "Hvornår", "Ansvarlig"],
        ["Orientering", "Udvalget", "Før hvert udvalgsmøde", "Olga"],
        ["Referat", "Alle", "Efter hvert byrådsmøde", "Olga"],
    ]
    path = write_csv(tmp_path / "plan.csv", rows)
    for _ in range(2):
        report = services.imports.apply(services.imports.read(path), olga, team="skole")
    assert report.plan is not None
    with services.context.sessions() as session:
        told = list(
            session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == NoticeKind.MEETINGS_MISSING)
            )
        )
    assert len(told) == 1 and told[0].person_id == olga.person_id
    assert told[0].payload == {"names": ["byrådsmøde", "udvalgsmøde"], "more": 0}
    reply = reminder_reply(services, notice_of(told[0]), Caller(olga, "da"))
    assert "byrådsmøde, udvalgsmøde" in reply.text and "ingen påmindelser" in reply.text
    assert reply.notes[0].startswith("Tilføj møderne: commplan meetings add ORGAN")
    kinds = {
        view.timing.kind.value for view in services.activities.list(f"#{report.plan.id}", olga)
    }
    assert kinds == {"on_trigger"}


@time_machine.travel(NOW, tick=False)
def test_bad_meeting_input_changes_nothing(services: Services, tmp_path: Path) -> None:
    with pytest.raises(Invalid) as bad:
        services.meetings.add("KF", ADMIN, dates=["asdf"])
    assert bad.value.key == "meeting.error.bad_date"
    not_ics = tmp_path / "x.ics"
    not_ics.write_text("hello", encoding="utf-8")
    with pytest.raises(Invalid):
        services.meetings.add("KF", ADMIN, ical=str(not_ics))
    big = tmp_path / "big.ics"
    big.write_bytes(b"x" * 2_000_001)
    with pytest.raises(Invalid) as large:
        services.meetings.add("KF", ADMIN, ical=str(big))
    assert large.value.key == "meeting.error.too_large"
    person = services.people.add("Otto", ADMIN)
    with pytest.raises(Forbidden):
        services.meetings.add("KF", Actor(Origin.CLI, person.id, "Otto"), dates=["2027-03-04"])
    assert services.meetings.list() == []


@time_machine.travel(NOW, tick=False)
def test_a_new_meeting_day_for_the_steering_group_dates_its_activities_again(
    services: Services,
) -> None:
    _plan(services)
    services.steering.create("Styregruppen", "skole", ADMIN)
    services.steering.configure("Styregruppen", ADMIN, meets=2)  # Wednesdays
    services.steering.assign("Styregruppen", "Plan", ADMIN)
    activity = _add(services, "Plan", "Før hvert styregruppemøde")
    assert services.activities.get(activity).next_due == D(2027, 2, 1)  # Monday before Wed 3
    services.steering.configure("Styregruppen", ADMIN, meets=4)  # Fridays from now on
    assert services.activities.get(activity).next_due == D(2027, 2, 3)  # Wednesday before Fri 5
    assert _reminder_days(services, activity)[:1] == [D(2027, 2, 2)]
    services.steering.configure("Styregruppen", ADMIN, meets=-1)  # decides whenever
    view = services.activities.get(activity)
    assert (view.timing.kind.value, view.next_due) == ("on_trigger", None)


@time_machine.travel(NOW, tick=False)
def test_a_meeting_change_never_brings_back_an_occurrence_marked_done(
    services: Services,
) -> None:
    _plan(services)
    services.meetings.add(
        "Udvalget", ADMIN, dates=["2027-03-04,2027-04-08"], aliases=["udvalgsmøde"]
    )
    activity = _add(services, "Plan", "Før hvert udvalgsmøde")
    assert services.activities.get(activity).next_due == D(2027, 3, 2)
    assert services.activities.done(activity, ADMIN).next_due == D(2027, 4, 6)  # done early
    # the April meeting moves a week earlier: the activity follows it, March stays done
    services.meetings.add("Udvalget", ADMIN, dates=["2027-04-01"])
    assert services.activities.get(activity).next_due == D(2027, 3, 30)
    # a meeting added after the one done is owed
    services.meetings.add("Udvalget", ADMIN, dates=["2027-03-18"])
    assert services.activities.get(activity).next_due == D(2027, 3, 16)


@time_machine.travel(NOW, tick=False)
def test_a_when_in_capitals_with_letters_beyond_ascii_is_dated_again(
    services: Services,
) -> None:
    # SQLite's LIKE folds ASCII letters only: "%møde%" would miss "MØDE"
    _plan(services)
    shouting = _add(services, "Plan", "FØR HVERT UDVALGSMØDE")
    swedish = _add(services, "Plan", "INFÖR VARJE NÄMNDMÖTE")
    services.meetings.add("Udvalget", ADMIN, dates=["2027-03-04"], aliases=["udvalgsmøde"])
    view = services.meetings.add("Nämnden", ADMIN, dates=["2027-03-11"], aliases=["nämndmöte"])
    assert view.replanned == 1
    assert services.activities.get(shouting).next_due == D(2027, 3, 2)
    assert services.activities.get(swedish).next_due == D(2027, 3, 9)
