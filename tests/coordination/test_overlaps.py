"""Overlaps across plans: found once across replicas, told once to each owner, intended ones
silent, a channel's weekly budget per audience, shown to whom, and in the weekly digest.

Time is frozen in Easter week 2027 in Copenhagen: Maundy Thursday, Good Friday and Easter
Monday are holidays, and summer time starts on Easter Sunday (28 March).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator

import pytest
import time_machine
from sqlalchemy import Engine, select

from bot.chat.caller import Caller
from bot.chat.digests import digest_text
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.services.calendar import CalendarReader
from bot.services.errors import NotFound
from bot.services.permissions import Forbidden
from bot.web.calendar_page import render_calendar
from scheduler.outbox.kinds import NoticeKind
from scheduler.outbox.reading import notice_of
from scheduler.overlaps import OverlapPlanner
from storage.database import make_engine, session_factory
from storage.models import AuditEntry, Origin, OutboxMessage, OutboxStatus
from storage.repositories.overlaps import find_overlaps

ADMIN = Actor(Origin.CLI, None, "cli:test", admin=True)
# Monday 22 March 2027, 08:00 in Copenhagen (winter time).
NOW = dt.datetime(2027, 3, 22, 7, 0, tzinfo=dt.UTC)


def plans(services: Services) -> dict[str, Actor]:
    """Three teams, a plan each with its own owner; the audience "staff" in two languages."""
    owners: dict[str, Actor] = {}
    for team, owner, plan, language in (
        ("skole", "Olga", "Skoleplan", "da"),
        ("omsorg", "Sven", "Omsorgsplan", "sv"),
        ("kultur", "Karin", "Kulturplan", "da"),
    ):
        services.teams.add(team.title(), ADMIN, slug=team)
        view = services.people.add(owner, ADMIN, team=team)
        services.plans.create(plan, team, ADMIN, language=language, owner=owner)
        owners[plan] = Actor(Origin.CLI, view.id, owner)
    services.audiences.add("Medarbejdere", ADMIN, language="da", slug="staff")
    services.audiences.alias("staff", "Anställda", ADMIN, language="sv")
    return owners


def add(services: Services, plan: str, title: str, when: str, **fields: str) -> int:
    target = "Anställda" if plan == "Omsorgsplan" else "Medarbejdere"
    saved = services.activities.add(
        plan, title, ADMIN, fields={"target_group": target, "when": when, **fields}
    )
    return saved.activity.id


def collide(services: Services) -> None:
    """Two plans to staff on the Wednesday before Easter and the Friday after: 4 working days."""
    add(services, "Skoleplan", "Nyhed om skolen", "24. marts 2027")
    add(services, "Omsorgsplan", "Nyhet om omsorgen", "2 april 2027")


def told(engine: Engine) -> list[tuple[str, int | None, str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.kind, OutboxMessage.person_id, OutboxMessage.status)
            .where(OutboxMessage.kind == NoticeKind.OVERLAP)
            .order_by(OutboxMessage.person_id)
        ).all()
    return [(row[0], row[1], OutboxStatus(row[2]).value) for row in rows]


@pytest.fixture
def planner(db_url: str) -> Iterator[Callable[[], OverlapPlanner]]:
    """Each call: another replica's planner, on an engine of its own."""
    engines: list[Engine] = []

    def replica() -> OverlapPlanner:
        engines.append(make_engine(db_url))
        sessions = session_factory(engines[-1])
        return OverlapPlanner(sessions, apart=5, horizon_days=90, zone="Europe/Copenhagen")

    yield replica
    for engine in engines:
        engine.dispose()


@time_machine.travel(NOW, tick=False)
def test_two_plans_within_five_working_days_across_easter_collide(services: Services) -> None:
    plans(services)
    first = add(services, "Skoleplan", "Nyhed om skolen", "24. marts 2027")  # Wednesday
    # Nine calendar days on, over three holidays and the clock change: the 4th working day.
    second = add(services, "Omsorgsplan", "Nyhet om omsorgen", "2 april 2027")
    add(services, "Kulturplan", "Nyhed om kultur", "13. april 2027")  # 12 working days on
    found = services.overlaps.list(ADMIN)
    assert len(found) == 1
    overlap = found[0].overlap
    assert overlap.kind == "near"
    assert [entry.activity_id for entry in overlap.entries] == [first, second]
    assert {entry.plan_name for entry in overlap.entries} == {"Skoleplan", "Omsorgsplan"}
    assert found[0].intended is False


@time_machine.travel(NOW, tick=False)
def test_one_plans_own_activities_close_together_are_no_overlap(services: Services) -> None:
    plans(services)
    add(services, "Skoleplan", "Nyhed 1", "23. marts 2027")
    add(services, "Skoleplan", "Nyhed 2", "24. marts 2027")
    add(services, "Kulturplan", "Nyhed om kultur", "6. april 2027")  # 6th working day on
    assert services.overlaps.list(ADMIN) == []


@time_machine.travel(NOW, tick=False)
def test_each_owner_is_told_once_across_replicas(
    services: Services, planner: Callable[[], OverlapPlanner], engine: Engine
) -> None:
    owners = plans(services)
    collide(services)
    first, second = planner(), planner()
    assert first() == 2  # one notice to each of the two owners
    assert second() == 0  # the other replica finds the same overlap: already told
    assert first(NOW + dt.timedelta(hours=1)) == 0  # and so does a later tick
    olga, sven = owners["Skoleplan"].person_id, owners["Omsorgsplan"].person_id
    assert told(engine) == [("overlap", olga, "pending"), ("overlap", sven, "pending")]


@time_machine.travel(NOW, tick=False)
def test_an_intended_overlap_is_silent_and_only_an_owner_may_say_so(
    services: Services, planner: Callable[[], OverlapPlanner], engine: Engine
) -> None:
    owners = plans(services)
    collide(services)
    [view] = services.overlaps.list(ADMIN)
    karin = owners["Kulturplan"]
    # Karin's plan is not in it: she neither sees it nor may mark it.
    assert services.overlaps.list(karin) == []
    with pytest.raises(Forbidden):
        services.overlaps.mark_intended(view.overlap.key, karin)
    with pytest.raises(NotFound):
        services.overlaps.mark_intended("near:1:nope", owners["Skoleplan"])
    marked = services.overlaps.mark_intended(view.overlap.key, owners["Omsorgsplan"], note="ok")
    assert marked.intended
    assert planner()() == 0  # nobody is told of it
    assert told(engine) == []
    [seen] = services.overlaps.list(owners["Skoleplan"])
    assert seen.intended
    with engine.connect() as connection:
        actions = connection.execute(
            select(AuditEntry.action).where(AuditEntry.action.like("overlap%"))
        ).scalars()
        assert list(actions) == ["overlap.intended"]


@time_machine.travel(NOW, tick=False)
def test_marking_intended_after_telling_cancels_what_is_not_sent_yet(
    services: Services, planner: Callable[[], OverlapPlanner], engine: Engine
) -> None:
    owners = plans(services)
    collide(services)
    planner()()
    [view] = services.overlaps.list(ADMIN)
    services.overlaps.mark_intended(view.overlap.key, owners["Skoleplan"])
    assert [status for _, _, status in told(engine)] == ["cancelled", "cancelled"]


@time_machine.travel(NOW, tick=False)
def test_a_channel_beyond_the_audiences_weekly_budget(services: Services) -> None:
    plans(services)
    services.audiences.budget("staff", "Intranet", 2, ADMIN)
    for day in ("5. april 2027", "7. april 2027", "9. april 2027"):
        add(services, "Skoleplan", f"Nyhed {day}", day, channel="intranet")
    add(services, "Kulturplan", "Andet", "8. april 2027", channel="Nyhedsbrev")
    budget = [v.overlap for v in services.overlaps.list(ADMIN) if v.overlap.kind == "budget"]
    assert len(budget) == 1
    assert budget[0].channel == "Intranet" and budget[0].per_week == 2
    assert len(budget[0].entries) == 3  # one plan alone breaks the budget
    assert budget[0].key.endswith(":2027-W14")
    services.audiences.budget("staff", "Intranet", 3, ADMIN)
    assert all(v.overlap.kind == "near" for v in services.overlaps.list(ADMIN))
    with pytest.raises(Forbidden):
        services.audiences.budget("staff", "Intranet", 1, Actor(Origin.CLI, None, "nobody"))


@time_machine.travel(NOW, tick=False)
def test_the_weekly_digest_names_the_plans_overlaps(services: Services) -> None:
    plans(services)
    collide(services)
    digest = services.digests.weekly("Kulturplan", ADMIN)
    assert digest.overlaps == ()
    digest = services.digests.weekly("Skoleplan", ADMIN)
    [overlap] = digest.overlaps
    assert overlap["kind"] == "near"
    text = digest_text(digest, "en")
    assert "Overlaps with other plans:" in text
    assert "Medarbejdere: 2 plans reach the same audience within 5 working days." in text
    # The digest goes to the steering group: of a plan not visible to the organisation only
    # its team, owner, week and channel (issue 28, item 4).
    assert "week 13: a plan of team Omsorg (owner: Sven), on –" in text
    assert "Omsorg" not in text.replace("team Omsorg", "")
    services.plans.set_visibility("Omsorgsplan", "organisation", ADMIN)
    text = digest_text(services.digests.weekly("Skoleplan", ADMIN), "en")
    assert "Nyhet om omsorgen (Omsorgsplan)" in text


@time_machine.travel(NOW, tick=False)
def test_one_plans_overlaps_read_alone_equal_those_of_the_whole_organisation(
    services: Services,
) -> None:
    """The digest reads only the audiences its plan addresses: the overlaps it finds are the
    ones a reading of every audience finds for that plan (same windows, same keys)."""
    plans(services)
    services.audiences.add("Borgerne", ADMIN, language="da", slug="public")
    services.audiences.budget("staff", "Intranet", 1, ADMIN)
    collide(services)
    for day in ("5. april 2027", "6. april 2027", "12. april 2027", "13. april 2027"):
        add(services, "Kulturplan", f"Kultur {day}", day, channel="intranet")
        services.activities.add(
            "Omsorgsplan", f"Borger {day}", ADMIN, fields={"target_group": "Borgerne", "when": day}
        )
    add(services, "Skoleplan", "Skole", "7. april 2027", channel="intranet")
    services.activities.add(
        "Kulturplan",
        "Borgermøde",
        ADMIN,
        fields={"target_group": "Borgerne", "when": "6. april 2027"},
    )
    first, last = dt.date(2027, 3, 22), dt.date(2027, 4, 30)
    with services.context.sessions() as session:
        every = find_overlaps(session, first, last, apart=5)
        plan_ids = {plan_id for overlap in every for plan_id in overlap.plan_ids}
        assert len(plan_ids) == 3 and {o.kind for o in every} == {"near", "budget"}
        for plan_id in plan_ids:
            alone = find_overlaps(session, first, last, apart=5, plan_id=plan_id)
            theirs = [o for o in every if plan_id in o.plan_ids]
            mine = [o for o in alone if plan_id in o.plan_ids]
            assert [(o.key, o.entries) for o in mine] == [(o.key, o.entries) for o in theirs]


@time_machine.travel(NOW, tick=False)
def test_the_owner_reads_what_collides_and_what_to_do_in_their_language(
    services: Services, planner: Callable[[], OverlapPlanner], engine: Engine
) -> None:
    owners = plans(services)
    collide(services)
    planner()()
    sven = owners["Omsorgsplan"]
    with session_factory(engine)() as session:
        row = session.scalars(
            select(OutboxMessage).where(OutboxMessage.person_id == sven.person_id)
        ).one()
    reply = reminder_reply(services, notice_of(row), Caller(sven, "sv"))
    assert reply.text == "Medarbejdere: 2 planer når samma målgrupp inom 5 arbetsdagar."
    # Sven may not read Skoleplan: its team, its owner to ask, the week and the channel.
    assert reply.notes[:2] == (
        "  vecka 12: en plan från team Skole (ägare: Olga), i –",
        "  2 april 2027: Nyhet om omsorgen (Omsorgsplan)",
    )
    assert reply.notes[2].startswith("Överväg att slå ihop dem")
    key = notice_of(row).payload["key"]
    assert reply.notes[2].endswith(f"commplan overlaps intended {key}")


@time_machine.travel(NOW, tick=False)
def test_other_plans_titles_stay_hidden_from_who_may_not_read_them(
    services: Services, planner: Callable[[], OverlapPlanner], engine: Engine
) -> None:
    """Issue 28, item 4: "Reorganisation: 40 jobs cut in IT" in a plan Olga may not read
    reached her in `overlaps`, in the overlap notice and on her calendar page. Now she learns
    only that a plan of team Omsorg (Sven, to contact) addresses staff that week, on that
    channel; an organisation-visible plan shows as before, and the admin sees everything."""
    owners = plans(services)
    secret = "Reorganisation: 40 jobs cut in IT"
    add(services, "Skoleplan", "Nyhed om skolen", "24. marts 2027", channel="Intranet")
    add(services, "Omsorgsplan", secret, "2 april 2027", channel="Intranet", message="40 jobs")
    olga = owners["Skoleplan"]

    def everything_olga_reads() -> str:
        listed = json.dumps([view.as_json() for view in services.overlaps.list(olga)])
        sheet = services.calendar.sheet(CalendarReader(olga, "en", "Olga"), weeks=4, audience=None)
        page = render_calendar(sheet, overlap_days=5, picture="p.png")
        planner()()
        with session_factory(engine)() as session:
            rows = session.scalars(
                select(OutboxMessage).where(OutboxMessage.person_id == olga.person_id)
            ).all()
        notices = [json.dumps(row.payload) for row in rows]
        told = [reminder_reply(services, notice_of(r), Caller(olga, "en")).notes for r in rows]
        return "\n".join([listed, page, *notices, *(line for n in told for line in n)])

    seen = everything_olga_reads()
    assert secret not in seen and "Reorganisation" not in seen
    assert "Omsorgsplan" not in seen and "40 jobs" not in seen
    assert "week 13: a plan of team Omsorg (owner: Sven), on Intranet" in seen
    assert "Nyhed om skolen" in seen  # her own plan, as before
    [view] = services.overlaps.list(ADMIN)
    assert secret in json.dumps(view.as_json())  # the admin reads every plan
    services.plans.set_visibility("Omsorgsplan", "organisation", ADMIN)
    [view] = services.overlaps.list(olga)
    assert secret in json.dumps(view.as_json())
