"""Whom Teams answers and links (issue 28, item 5): serving Teams needs a tenant list or an
explicit "any tenant"; a user is linked by the e-mail Teams reports only from an allowed tenant,
and never to an admin."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from bot.services import Services
from bot.services.actor import Actor
from bot.transports.msteams.app import build as msteams_surface
from config import SettingsError, load_settings
from storage.database import make_engine
from storage.models import Origin, Surface
from tests.fakes.msteams_connector import FakeConnector
from tests.transports.msteams.conftest import START
from tests.transports.msteams.harness import APP_ID, TENANT, MsTeamsHarness, build

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)


def _services(db_url: str, connector: FakeConnector, **msteams: str) -> Services:
    settings = load_settings(
        COMMPLAN_DATABASE_URL=db_url,
        COMMPLAN_LANGUAGE="en",
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
        COMMPLAN_PUBLIC_URL="https://commplan.example.dk",
        TEAMS_APP_ID=APP_ID,
        TEAMS_APP_PASSWORD="not-used-the-tests-give-a-token",
        COMMPLAN_TEAMS_SERVICE_URL=connector.url,
        **msteams,
    )
    return Services.create(settings, make_engine(db_url))


def test_serving_teams_without_a_tenant_list_is_refused_in_one_line(
    db_url: str, connector: FakeConnector
) -> None:
    with pytest.raises(SettingsError) as refused:
        msteams_surface(_services(db_url, connector))
    line = str(refused.value)
    assert "\n" not in line
    assert line.startswith("COMMPLAN_TEAMS_TENANTS: required when TEAMS_APP_ID is set")
    assert "COMMPLAN_TEAMS_ANY_TENANT=true" in line
    assert msteams_surface(_services(db_url, connector, TEAMS_TENANT_ID=TENANT)) is not None
    assert msteams_surface(_services(db_url, connector, COMMPLAN_TEAMS_TENANTS="a,b")) is not None
    said = _services(db_url, connector, COMMPLAN_TEAMS_ANY_TENANT="true")
    assert msteams_surface(said) is not None


@pytest.fixture
def any_tenant(db_url: str, connector: FakeConnector) -> Iterator[MsTeamsHarness]:
    services = _services(db_url, connector, COMMPLAN_TEAMS_ANY_TENANT="true")
    with time_machine.travel(START, tick=True):
        built = build(services, connector)
        with built.client:
            yield built


def test_answering_any_tenant_links_nobody_by_email(any_tenant: MsTeamsHarness) -> None:
    """A foreign tenant's user whose Teams e-mail equals an unlinked person's is not them."""
    services = any_tenant.services
    services.people.add("Frida Carlsson", CLI, email="frida@kommune.dk")
    any_tenant.fake.emails["29:mallory"] = "frida@kommune.dk"
    answer = any_tenant.message("29:mallory", "upcoming", tenant="tenant-elsewhere")
    assert answer.status_code == 200
    assert services.people.by_chat_user(Surface.MSTEAMS, "aad-29:mallory") is None
    text = any_tenant.fake.posted("a:29:mallory")[-1].cards[0]["body"][0]["text"]
    assert "not linked" in text


def test_an_admin_is_never_linked_by_email(msteams: MsTeamsHarness) -> None:
    services = msteams.services
    services.people.add("Ada Admin", CLI, email="ada@kommune.dk")
    services.roles.grant("admin", "Ada Admin", CLI)
    services.people.add("Frida Carlsson", CLI, email="frida@kommune.dk")
    msteams.fake.emails["29:ada"] = "ada@kommune.dk"
    msteams.fake.emails["29:frida"] = "frida@kommune.dk"
    assert msteams.message("29:ada", "upcoming").status_code == 200
    assert msteams.message("29:frida", "upcoming").status_code == 200
    assert services.people.by_chat_user(Surface.MSTEAMS, "aad-29:ada") is None
    linked = services.people.by_chat_user(Surface.MSTEAMS, "aad-29:frida")
    assert linked is not None and linked.name == "Frida Carlsson"
    # The admin links their own Teams user: `commplan people link` (the CLI is the admin's).
    services.people.link("Ada Admin", CLI, addresses={Surface.MSTEAMS: "aad-29:ada"})
    ada = services.people.by_chat_user(Surface.MSTEAMS, "aad-29:ada")
    assert ada is not None and ada.name == "Ada Admin"
