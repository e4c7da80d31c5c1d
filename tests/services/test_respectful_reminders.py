"""Reminders that respect people's time: a snooze lands after the quiet hours on a working day;
snoozing or marking done an activity already done or cancelled says so and changes nothing; done
on an ongoing activity records this time and keeps it (``close`` ends it); the preview shows what
will still be sent; the responsible person moves their own activity, a far move still being a
deviation. Frozen time, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine

from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import ServiceError
from bot.transports.console.notifier import ConsoleNotifier
from scheduler.outbox.drain import OutboxDrain
from scheduler.reminders import ReminderPlanner
from storage.models import Origin

CLI = Actor.cli()
# Monday 7 December 2026, 05:09 in Copenhagen (CET): inside the quiet hours (18-08).
EARLY_MONDAY = dt.datetime(2026, 12, 7, 4, 9, tzinfo=dt.UTC)
# Friday 11 December 2026, 17:30 in Copenhagen.
FRIDAY_EVENING = dt.datetime(2026, 12, 11, 16, 30, tzinfo=dt.UTC)


def setup(services: Services, when: str = "18. december 2026") -> tuple[int, Actor]:
    services.teams.add("Komm", CLI, slug="komm")
    frida = services.people.add("Frida Carlsson", CLI, team="komm")
    services.people.add("Anne Ejer", CLI, team="komm")
    services.people.add("Bo Berg", CLI, team="komm")
    services.plans.create("Plan", "komm", CLI, owner="Anne Ejer", language="da")
    saved = services.activities.add(
        "Plan", "Nyhedsbrev", CLI, fields={"when": when, "responsible": "Frida Carlsson"}
    )
    return saved.activity.id, Actor(Origin.CLI, frida.id, frida.name)


def test_a_snooze_lands_after_the_quiet_hours_on_a_working_day(services: Services) -> None:
    with time_machine.travel(EARLY_MONDAY, tick=False):
        activity, frida = setup(services)
        # 05:09 tomorrow is quiet: 08:00 (CET, 07:00 UTC), not 05:09.
        until = services.activities.snooze(activity, 1, frida)
    assert until == dt.datetime(2026, 12, 8, 7, 0, tzinfo=dt.UTC)
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        # Saturday 17:30 is no working day: Monday 08:00.
        until = services.activities.snooze(activity, 1, frida)
        assert until == dt.datetime(2026, 12, 14, 7, 0, tzinfo=dt.UTC)
        # Tuesday 17:30 is allowed as it is.
        assert services.activities.snooze(activity, 4, frida) == FRIDAY_EVENING + dt.timedelta(
            days=4
        )


def test_done_or_cancelled_says_so_and_changes_nothing(services: Services) -> None:
    with time_machine.travel(EARLY_MONDAY, tick=False):
        activity, frida = setup(services)
        services.activities.done(activity, frida)
        before = services.activities.get(activity)
        with pytest.raises(ServiceError) as snoozed:
            services.activities.snooze(activity, 1, frida)
        assert snoozed.value.message("en") == f"Activity #{activity} is already done"
        with pytest.raises(ServiceError):
            services.activities.done(activity, frida)
        assert services.activities.get(activity) == before
        other = services.activities.add("Plan", "Opslag", CLI, fields={"when": "Maj 2027"})
        services.activities.cancel(other.activity.id, CLI)
        with pytest.raises(ServiceError, match="cancelled"):
            services.activities.snooze(other.activity.id, 1, CLI)


def test_done_on_an_ongoing_activity_keeps_it_and_close_ends_it(services: Services) -> None:
    with time_machine.travel(EARLY_MONDAY, tick=False):
        activity, frida = setup(services, when="Løbende")
        assert services.activities.get(activity).timing.kind.value == "ongoing"
        view = services.activities.done(activity, frida)
        assert view.status == "planned"  # this time is done; it goes on
        again = services.activities.done(activity, frida)  # and next time too
        assert again.status == "planned"
        closed = services.activities.close(activity, frida)
        assert closed.status == "done"


def test_the_preview_shows_only_what_will_still_be_sent(services: Services) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        setup(services)
    day = dt.date(2026, 12, 1)
    with time_machine.travel(dt.datetime(2026, 12, 11, 8, 0, 5, tzinfo=dt.UTC), tick=False):
        planned = services.reminders.preview(start=day, end=dt.date(2026, 12, 31))
        ReminderPlanner(services.context.sessions)()
        drain = OutboxDrain(services.context.sessions, ConsoleNotifier(services, io.StringIO()))
        assert drain().sent == 1  # the reminder a week before, at 09:00
        left = services.reminders.preview(start=day, end=dt.date(2026, 12, 31))
        everything = services.reminders.preview(
            start=day, end=dt.date(2026, 12, 31), include_sent=True
        )
    [sent] = [row for row in everything if row.sent]
    assert sent.key not in {row.key for row in left}
    assert [row.key for row in left] == [row.key for row in planned if row.key != sent.key]
    assert {row.key for row in everything} == {row.key for row in planned}


def test_the_responsible_person_moves_their_own_activity(services: Services) -> None:
    with time_machine.travel(EARLY_MONDAY, tick=False):
        activity, frida = setup(services)
        moved = services.activities.move(activity, "21. december 2026", frida)
        assert moved.next_due == dt.date(2026, 12, 21)
        bo = services.people.get("Bo Berg")
        with pytest.raises(ServiceError):
            services.activities.move(activity, "22. december 2026", Actor(Origin.CLI, bo.id, ""))
        # Far from the baseline: a deviation, the reason asked for, the owner told.
        services.activities.move(activity, "15. februar 2027", frida)
        [deviation] = [d for d in services.deviations.list("Plan", CLI) if d.kind == "moved"]
        assert deviation.by == "Frida Carlsson"
