"""Lead times: the latest day to send an activity for approval, over Easter and the clock
change; flagged at import, add and move; the reminder to send it, once across replicas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine, select

from bot.chat.caller import Caller
from bot.chat.commands.handler import CommandHandler
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import Invalid
from scheduler.leadtimes import LeadTimePlanner
from scheduler.outbox.reading import notice_of
from storage.database import make_engine, session_factory
from storage.models import Origin, OutboxMessage
from storage.rules.leadtimes import latest_send_day
from tests.importing.documents import write_csv

ADMIN = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2027, 3, 22, 7, 0, tzinfo=dt.UTC)  # Monday 22 March, 08:00 in Copenhagen
TUESDAY_AFTER_EASTER = dt.date(2027, 4, 6)


def test_the_latest_day_counts_working_days_back_over_easter() -> None:
    # Decided by Monday 5 April; 5 working days before it, Easter Monday, Good Friday and
    # Maundy Thursday left out: Wednesday 24 March, in winter time still.
    latest = latest_send_day(TUESDAY_AFTER_EASTER, "DK", lead_days=5, meeting_weekday=None)
    assert latest == dt.date(2027, 3, 24)
    # A group meeting on Thursdays decides on 1 April: papers 5 working days before that.
    latest = latest_send_day(TUESDAY_AFTER_EASTER, "DK", lead_days=5, meeting_weekday=3)
    assert latest == dt.date(2027, 3, 22)
    # A meeting day that is a holiday is no meeting: Good Friday's group met on the 19th.
    latest = latest_send_day(dt.date(2027, 3, 29), "DK", lead_days=0, meeting_weekday=4)
    assert latest == dt.date(2027, 3, 19)
    # In Sweden Easter Monday is a holiday too, and the day before Good Friday is not.
    assert latest_send_day(TUESDAY_AFTER_EASTER, "SE", lead_days=5, meeting_weekday=None) == (
        dt.date(2027, 3, 25)
    )


@pytest.fixture
def plan(services: Services) -> Actor:
    """A plan whose steering group needs 5 working days and meets on Thursdays."""
    services.teams.add("Skole", ADMIN, slug="skole")
    rikke = services.people.add("Rikke", ADMIN, team="skole")
    services.people.add("Carl", ADMIN)
    services.plans.create("Plan", "skole", ADMIN, language="da")
    services.steering.create("Styregruppen", "skole", ADMIN, chair="Carl")
    services.steering.assign("Styregruppen", "Plan", ADMIN)
    services.steering.configure("Styregruppen", ADMIN, lead_days=5, meets=3)
    return Actor(Origin.CLI, rikke.id, "Rikke")


@time_machine.travel(NOW, tick=False)
def test_an_import_flags_what_is_too_late_for_the_steering_group(
    services: Services, plan: Actor, tmp_path: Path
) -> None:
    rows = [
        ["Målgruppe", "Budskab", "Kanal", "Hvornår", "Ansvarlig", "Bemærkninger"],
        ["Medarbejdere", "Ny skole", "Intranet", "30. marts 2027", "Rikke", "Godkendes af SG"],
        ["Pressen", "Ny skole", "Pressemøde", "6. april 2027", "Rikke", "Godkendes af SG"],
        ["Forældre", "Ny skole", "Brev", "30. marts 2027", "Rikke", ""],  # needs no approval
    ]
    path = write_csv(tmp_path / "plan.csv", rows)
    report = services.imports.apply(services.imports.read(path), ADMIN, plan_name="Plan")
    # The 30 March one: decided at the meeting on 25 March? A holiday; 18 March, 5 working
    # days after papers on 11 March. Past. The 6 April one: papers by today, 22 March: in time.
    assert [late.as_json() for late in report.late_for_approval] == [
        {
            "activity_id": report.added[0].activity_id,
            "activity": "Intranet – Medarbejdere",
            "due": "2027-03-30",
            "latest": "2027-03-11",
        }
    ]


@time_machine.travel(NOW, tick=False)
def test_adding_or_moving_is_flagged_and_chat_says_so(services: Services, plan: Actor) -> None:
    fields = {"when": "14. april 2027", "responsible": "Rikke"}
    saved = services.activities.add("Plan", "Artikel", ADMIN, fields=fields, requires_approval=True)
    activity = saved.activity.id
    assert services.lead_times.check(activity, ADMIN) is None  # in time
    reply = CommandHandler(services).handle(f"move {activity} 1. april 2027", Caller(ADMIN, "en"))
    assert reply.notes[0] == (
        "Too late for the steering group: Artikel (#1, 1 April 2027) had to be sent for approval "
        "by 11 March 2027."
    )
    late = services.lead_times.check(activity, ADMIN)
    assert late is not None and late.latest == dt.date(2027, 3, 11)
    services.approvals.request(activity, ADMIN, text="Udkast")
    assert services.lead_times.check(activity, ADMIN) is None  # sent: nothing to flag
    with pytest.raises(Invalid):
        services.steering.configure("Styregruppen", ADMIN, meets=7)


@pytest.fixture
def replica(db_url: str) -> Iterator[LeadTimePlanner]:
    engine = make_engine(db_url)
    yield LeadTimePlanner(session_factory(engine), default_lead=5)
    engine.dispose()


def test_the_reminder_to_send_comes_two_working_days_early_once(
    services: Services, plan: Actor, engine: Engine, replica: LeadTimePlanner
) -> None:
    with time_machine.travel(NOW, tick=False):
        fields = {"when": "6. april 2027", "responsible": "Rikke"}
        services.activities.add("Plan", "Artikel", ADMIN, fields=fields, requires_approval=True)
    # Latest day Monday 22 March (the meeting on 1 April, 5 working days): reminded Thursday 18
    # March at 09:00 Copenhagen time, 08:00 UTC.
    assert replica(dt.datetime(2027, 3, 18, 7, 59, tzinfo=dt.UTC)) == 0
    other = LeadTimePlanner(session_factory(engine), default_lead=5)
    at_nine = dt.datetime(2027, 3, 18, 8, 0, tzinfo=dt.UTC)
    assert replica(at_nine + dt.timedelta(hours=1)) == 1
    assert other(at_nine + dt.timedelta(hours=2)) == 0  # the other replica: already written
    with session_factory(engine)() as session:
        row = session.scalars(select(OutboxMessage)).one()
        notice = notice_of(row)
    assert (row.kind, row.person_id, row.due_at) == ("send_for_approval", plan.person_id, at_nine)
    with time_machine.travel(at_nine, tick=False):
        reply = reminder_reply(services, notice, Caller(plan, "en"))
    assert reply.text == (
        "Send Artikel for approval by 22 March 2027: the steering group needs the time."
    )
