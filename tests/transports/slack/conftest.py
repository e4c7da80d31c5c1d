"""Fixtures of the Slack app tests: a fake Slack, the services configured for it, the app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from bot.services import Services
from config import load_settings
from storage.database import make_engine
from tests.fakes.slack_api import FakeSlack
from tests.transports.slack.harness import SECRET, Harness, build

# Wednesday 24 March 2027, 10:00 in Copenhagen, four days before the spring DST change (the
# activities fall after it); time moves on from there (requests are signed with that clock).
START = "2027-03-24T09:00:00+00:00"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    slack = FakeSlack(locales={"UDA": "da-DK", "USV": "sv-SE"}).start()
    yield slack
    slack.stop()


@pytest.fixture
def slack_services(db_url: str, fake: FakeSlack) -> Iterator[Services]:
    settings = load_settings(
        COMMPLAN_DATABASE_URL=db_url,
        COMMPLAN_LANGUAGE="en",
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
        COMMPLAN_PUBLIC_URL="https://commplan.example.dk",
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SECRET,
        COMMPLAN_SLACK_API_URL=fake.url,
    )
    engine = make_engine(db_url)
    yield Services.create(settings, engine)
    engine.dispose()


@pytest.fixture
def harness(slack_services: Services, fake: FakeSlack) -> Iterator[Harness]:
    with time_machine.travel(START, tick=True):
        built = build(slack_services, fake)
        with built.client:
            yield built
