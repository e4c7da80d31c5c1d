"""The Teams settings: who is answered, and what serving Teams needs."""

from __future__ import annotations

import pytest

from bot.transports.msteams.settings import require_msteams_secret
from config import SettingsError, load_settings


def test_the_tenant_allow_list_defaults_to_the_apps_own_tenant() -> None:
    assert load_settings(TEAMS_APP_ID="app").msteams_tenants == frozenset()
    single = load_settings(TEAMS_APP_ID="app", TEAMS_TENANT_ID="t1")
    assert single.msteams_tenants == {"t1"}
    listed = load_settings(TEAMS_TENANT_ID="t1", COMMPLAN_TEAMS_TENANTS=" t2 , t3,")
    assert listed.msteams_tenants == {"t2", "t3"}


def test_serving_teams_needs_the_secret_packaging_does_not() -> None:
    settings = load_settings(TEAMS_APP_ID="app")
    with pytest.raises(SettingsError, match="TEAMS_APP_PASSWORD"):
        require_msteams_secret(settings)
    require_msteams_secret(load_settings(TEAMS_APP_ID="app", TEAMS_APP_PASSWORD="secret"))


def test_a_bad_service_url_names_the_variable() -> None:
    with pytest.raises(SettingsError, match="COMMPLAN_TEAMS_SERVICE_URL"):
        load_settings(COMMPLAN_TEAMS_SERVICE_URL="smba.trafficmanager.net")
