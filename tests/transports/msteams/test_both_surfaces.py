"""One commplan on Slack and Teams at once: each reminder reaches a person once, on one surface."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.msteams.notifier import MsTeamsNotifier
from bot.transports.msteams.sdk import msteams_app
from bot.transports.msteams.sender import MsTeamsSender
from bot.transports.slack.notifier import SlackNotifier, slack_client
from bot.transports.surfaces import SurfaceNotifier
from config import load_settings
from storage.database import make_engine
from storage.models import Origin, Surface
from tests.fakes.msteams_connector import FakeConnector
from tests.fakes.slack_api import FakeSlack
from tests.transports.msteams.harness import APP_ID, TENANT, TOKEN, token_source

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


@pytest.fixture
def both(db_url: str) -> Iterator[tuple[Services, FakeSlack, FakeConnector, SurfaceNotifier]]:
    slack, connector = FakeSlack().start(), FakeConnector(TOKEN).start()
    settings = load_settings(
        COMMPLAN_DATABASE_URL=db_url,
        COMMPLAN_LANGUAGE="en",
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET="secret",
        COMMPLAN_SLACK_API_URL=slack.url,
        TEAMS_APP_ID=APP_ID,
        TEAMS_APP_PASSWORD="unused",
        TEAMS_TENANT_ID=TENANT,
        COMMPLAN_TEAMS_SERVICE_URL=connector.url,
    )
    engine = make_engine(db_url)
    services = Services.create(settings, engine)
    sender = MsTeamsSender(msteams_app(settings, token=token_source))
    notifier = SurfaceNotifier(
        services,
        {
            Surface.MSTEAMS: MsTeamsNotifier(services, sender),
            Surface.SLACK: SlackNotifier(services, slack_client(settings)),
        },
    )
    yield services, slack, connector, notifier
    sender.close()
    engine.dispose()
    slack.stop()
    connector.stop()


def test_each_reminder_once_on_the_preferred_surface(
    both: tuple[Services, FakeSlack, FakeConnector, SurfaceNotifier],
) -> None:
    services, slack, connector, notifier = both
    services.teams.add("Udbud", CLI)
    # Both linked, prefers Teams; both linked, no preference (Slack first); Teams only.
    services.people.add("Frida Carlsson", CLI, team="udbud", addresses={Surface.SLACK: "UFRIDA"})
    services.people.add("Mette Holm", CLI, team="udbud", addresses={Surface.SLACK: "UMETTE"})
    services.people.add("Anna Berg", CLI, team="udbud")
    for name, user in (("Frida Carlsson", "frida"), ("Mette Holm", "mette"), ("Anna Berg", "anna")):
        person = services.people.get(name)
        services.people.link(name, CLI, email=f"{user}@kommune.dk")
        services.people.chat_contact(
            Surface.MSTEAMS,
            f"aad-{user}",
            f"{user}@kommune.dk",
            CLI,
            conversation=f"a:{user}",
            route=connector.url,
            tenant=TENANT,
        )
        assert person.id
    services.people.prefer("Frida Carlsson", Surface.MSTEAMS, CLI)
    services.plans.create("Plan", "udbud", CLI, language="en", owner="Mette Holm")
    for name in ("Frida Carlsson", "Mette Holm", "Anna Berg"):
        services.activities.add(
            "Plan", f"Nyhed af {name}", CLI, fields={"when": "2 April 2027", "responsible": name}
        )
    services.reminders.set_policy("Plan", {"before_days": "9", "hour": "11"}, CLI)
    # 24 March 2027, four days before the spring DST change; the deadlines fall after it.
    with time_machine.travel("2027-03-24T10:00:30+00:00", tick=True):
        make_tick(services, notifier)()
        make_tick(services, notifier)()  # a second tick sends nothing again
    on_slack = {m.channel for m in slack.posted}
    on_msteams = [call.conversation for call in connector.posted()]
    assert on_slack == {"DUMETTE"}
    assert sorted(on_msteams) == ["a:anna", "a:frida"]
    assert len(slack.posted) == 1
