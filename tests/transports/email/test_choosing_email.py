"""Who gets e-mail: the person who prefers it, anyone with an address and no chat link; a
steering group's notice goes to each member and the chair with an address. (What a notice whose
lease is running out does, nothing, is the notifier contract's: tests/transports/contract/.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.surfaces import SurfaceNotifier
from scheduler.notifier import Delivery, Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import Origin, Surface
from storage.types import utcnow
from tests.fakes.slack_api import FakeSlack
from tests.transports.email.conftest import Mailbox, Served, body_of, serve_email

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


@pytest.fixture
def with_slack(sqlite_url: str, mailbox: Mailbox) -> Iterator[tuple[Served, FakeSlack]]:
    slack = FakeSlack().start()
    extra = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "secret",
        "COMMPLAN_SLACK_API_URL": slack.url,
    }
    for served in serve_email(sqlite_url, mailbox, **extra):
        yield served, slack
    slack.stop()


def test_each_reminder_once_on_the_chosen_surface(with_slack: tuple[Served, FakeSlack]) -> None:
    served, slack = with_slack
    services = served.services
    assert isinstance(served.notifier, SurfaceNotifier)
    services.teams.add("Udbud", CLI)
    # On Slack with an address (Slack first); on Slack but prefers e-mail; an address only.
    services.people.add(
        "Mette", CLI, team="udbud", email="mette@kommune.dk", addresses={Surface.SLACK: "UM"}
    )
    services.people.add(
        "Frida", CLI, team="udbud", email="frida@kommune.dk", addresses={Surface.SLACK: "UF"}
    )
    services.people.add("Anna", CLI, team="udbud", email="anna@kommune.dk")
    services.people.prefer("Frida", Surface.EMAIL, CLI)
    services.plans.create("Plan", "udbud", CLI, language="en")
    for name in ("Mette", "Frida", "Anna"):
        services.activities.add(
            "Plan", f"News by {name}", CLI, fields={"when": "2 April 2027", "responsible": name}
        )
    services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        make_tick(services, served.notifier)()
        make_tick(services, served.notifier)()
    assert {m.channel for m in slack.posted} == {"DUM"}
    assert sorted(to for _, recipients, _ in served.mailbox.received for to in recipients) == [
        "anna@kommune.dk",
        "frida@kommune.dk",
    ]


def _group_world(services: Services) -> tuple[int, int, int]:
    services.teams.add("Udbud", CLI)
    services.people.add("Carl", CLI, team="udbud", email="carl@kommune.dk", locale="sv")
    services.people.add("Sofie", CLI, team="udbud", email="sofie@kommune.dk", locale="da")
    services.people.add("Bo", CLI, team="udbud")  # no address: nothing to send him
    services.plans.create("Plan", "udbud", CLI, language="en")
    group = services.steering.create(
        "Styregruppen", "udbud", CLI, chair="Carl", members=("Sofie", "Bo", "Carl")
    )
    services.steering.assign("Styregruppen", "Plan", CLI)
    activity = services.activities.add("Plan", "Plakat", CLI, fields={"when": "2 April 2027"})
    return group.id, activity.activity.id, services.plans.get("Plan").id


def test_a_group_notice_goes_to_each_member_with_an_address(served_email: Served) -> None:
    services = served_email.services
    group, activity, plan = _group_world(services)
    notice = Notice(
        key=f"escalation:{activity}:2027-04-02:steering:{group}",
        kind=NoticeKind.ESCALATION,
        due_at=utcnow(),
        activity_id=activity,
        plan_id=plan,
        payload={"steering_group_id": group},
    )
    served_email.notifier.deliver(notice)
    box = served_email.mailbox
    to_carl, to_sofie = box.messages("carl@kommune.dk"), box.messages("sofie@kommune.dk")
    assert len(box.received) == 2 and len(to_carl) == len(to_sofie) == 1
    assert to_carl[0]["Content-Language"] == "sv" and to_sofie[0]["Content-Language"] == "da"
    assert "Plakat" in body_of(to_sofie[0], "plain")
    assert to_carl[0]["Message-ID"] != to_sofie[0]["Message-ID"]
    assert served_email.notifier.remove(notice, Delivery(to_carl[0]["Message-ID"])) is False
