"""The Teams route's body cap (256 KB) on a real server, a chunked body included: 413 before
it is read, held, validated or logged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot import registry
from bot.cli.serve import surfaces
from bot.services import Services
from bot.transports.msteams.app import MsTeamsSurface
from bot.web.app import create_app
from config import load_settings
from storage.database import make_engine
from storage.models import Surface
from tests.fakes.msteams_connector import FakeConnector
from tests.transports.msteams.harness import APP_ID, TENANT, token_source
from tests.web.served import peak_kb, post_large, reset_peak, rss_kb, served

MB = 1024 * 1024

LIMIT = registry.spec(Surface.MSTEAMS).max_body


@pytest.fixture
def msteams_port(sqlite_url: str, connector: FakeConnector) -> Iterator[int]:
    settings = load_settings(
        COMMPLAN_DATABASE_URL=sqlite_url,
        TEAMS_APP_ID=APP_ID,
        TEAMS_APP_PASSWORD="not-used-the-tests-give-a-token",
        TEAMS_TENANT_ID=TENANT,
        COMMPLAN_TEAMS_SERVICE_URL=connector.url,
    )
    engine = make_engine(sqlite_url)
    services = Services.create(settings, engine)
    msteams = MsTeamsSurface(services, settings, token=token_source)  # validation on
    with served(create_app(settings, engine, surfaces(services, [msteams]))) as port:
        yield port
    engine.dispose()


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_body_over_the_cap_is_413_before_the_token_is_looked_at(
    msteams_port: int, connector: FakeConnector, chunked: bool
) -> None:
    before = rss_kb()
    reset_peak()
    assert post_large(msteams_port, "/api/messages", 50 * MB, chunked=chunked) == 413
    assert (peak_kb() - before) < 20 * 1024
    assert connector.calls == []


def test_a_body_at_the_cap_is_read_and_one_byte_more_is_not(msteams_port: int) -> None:
    # At the cap it is read (and is no JSON: 400); one byte over is 413.
    assert post_large(msteams_port, "/api/messages", LIMIT, chunked=True) == 400
    assert post_large(msteams_port, "/api/messages", LIMIT + 1, chunked=True) == 413
