"""The organisation's calendar: plans of several teams by audience and channel per week,
across the spring clock change, counted only where the reader may read."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import NotFound
from storage.models import Origin

ADMIN = Actor(Origin.CLI, None, "cli:test", admin=True)
NOW = dt.datetime(2027, 3, 22, 7, 0, tzinfo=dt.UTC)  # Monday of week 12


def organisation(services: Services) -> Actor:
    """Two teams' plans to staff and the press; returns a member of the first team only."""
    services.audiences.add("Medarbejdere", ADMIN, language="da", slug="staff")
    services.audiences.add("Pressen", ADMIN, language="da", slug="press")
    for team, plan in (("skole", "Skoleplan"), ("omsorg", "Omsorgsplan")):
        services.teams.add(team.title(), ADMIN, slug=team)
        services.plans.create(plan, team, ADMIN, language="da")
    member = services.people.add("Mads", ADMIN, team="skole")
    rows = (
        ("Skoleplan", "Nyhed", "Medarbejdere", "Intranet", "24. marts 2027"),  # week 12
        ("Skoleplan", "Møde", "Medarbejdere og pressen", "Pressemøde", "29. marts 2027"),  # 13
        ("Omsorgsplan", "Nyhed", "Medarbejdere", "intranet", "26. marts 2027"),  # week 12
        ("Omsorgsplan", "Aflyst", "Pressen", "Web", "25. marts 2027"),  # cancelled below
        # Week 14: a name no audience holds counts under its own name (issue 31).
        ("Omsorgsplan", "Senere", "Borgerne", "Web", "7. april 2027"),
        ("Omsorgsplan", "Uden", "", "Web", "8. april 2027"),  # week 14, no audience at all
    )
    for plan, title, target, channel, when in rows:
        fields = {"target_group": target, "channel": channel, "when": when}
        saved = services.activities.add(plan, title, ADMIN, fields=fields)
        if title == "Aflyst":
            services.activities.cancel(saved.activity.id, ADMIN)
    return Actor(Origin.CLI, member.id, "Mads")


@time_machine.travel(NOW, tick=False)
def test_the_admin_sees_every_plan_by_audience_and_channel(services: Services) -> None:
    organisation(services)
    view = services.calendar.grid(ADMIN, weeks=3)
    assert view.week_names == ["2027-W12", "2027-W13", "2027-W14"]
    assert {row.name: row.counts for row in view.audiences} == {
        "(no audience)": (0, 0, 1),
        "Borgerne": (0, 0, 1),
        "Medarbejdere": (2, 1, 0),
        "Pressen": (0, 1, 0),  # the cancelled one does not count
    }
    # "Intranet" and "intranet" are one channel; the two-audience activity counts once here.
    assert {row.name: row.counts for row in view.channels} == {
        "Intranet": (2, 0, 0),
        "Pressemøde": (0, 1, 0),
        "Web": (0, 0, 2),
    }


@time_machine.travel(NOW, tick=False)
def test_a_member_counts_only_what_they_may_read(services: Services) -> None:
    mads = organisation(services)
    view = services.calendar.grid(mads, weeks=3)
    assert {row.name: row.counts for row in view.audiences} == {
        "Medarbejdere": (1, 1, 0),
        "Pressen": (0, 1, 0),
    }
    only_staff = services.calendar.grid(ADMIN, weeks=2, audience="staff")
    assert [(row.name, row.counts) for row in only_staff.audiences] == [("Medarbejdere", (2, 1))]
    with pytest.raises(NotFound):
        services.calendar.grid(ADMIN, audience="Nobody")
