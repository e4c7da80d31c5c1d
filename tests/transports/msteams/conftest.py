"""Fixtures of the Teams tests: a fake Bot Connector, the services configured for it, the app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from bot.services import Services
from config import load_settings
from storage.database import make_engine
from tests.fakes.msteams_connector import FakeConnector
from tests.transports.msteams.harness import APP_ID, TENANT, TOKEN, MsTeamsHarness, build

# Wednesday 24 March 2027, 10:00 in Copenhagen, four days before the spring DST change (the
# activities fall after it); time moves on from there.
START = "2027-03-24T09:00:00+00:00"


@pytest.fixture
def connector() -> Iterator[FakeConnector]:
    fake = FakeConnector(TOKEN).start()
    yield fake
    fake.stop()


@pytest.fixture
def msteams_services(db_url: str, connector: FakeConnector) -> Iterator[Services]:
    settings = load_settings(
        COMMPLAN_DATABASE_URL=db_url,
        COMMPLAN_LANGUAGE="en",
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
        COMMPLAN_PUBLIC_URL="https://commplan.example.dk",
        TEAMS_APP_ID=APP_ID,
        TEAMS_APP_PASSWORD="not-used-the-tests-give-a-token",
        TEAMS_TENANT_ID=TENANT,
        COMMPLAN_TEAMS_SERVICE_URL=connector.url,
    )
    engine = make_engine(db_url)
    yield Services.create(settings, engine)
    engine.dispose()


@pytest.fixture
def msteams(msteams_services: Services, connector: FakeConnector) -> Iterator[MsTeamsHarness]:
    with time_machine.travel(START, tick=True):
        built = build(msteams_services, connector)
        with built.client:
            yield built
