"""The surface registry: what the settings turn on is what `serve` sends through, in the
registry's order; every entry's notifier factory exists; people type surfaces by name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot import registry
from bot.cli.serve import choose_notifier, surfaces
from bot.services import Services
from bot.texts import t
from bot.transports.console.notifier import ConsoleNotifier
from bot.transports.email.notifier import EmailNotifier
from bot.transports.msteams.notifier import MsTeamsNotifier
from bot.transports.slack.notifier import SlackNotifier
from bot.transports.surfaces import SurfaceNotifier
from config import LANGUAGES, SettingsError, load_settings
from scheduler.notifier import Notifier
from storage.database import make_engine
from storage.models import Origin, Surface
from tests.permissions.drivers import Driver

SLACK = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s" * 32}
MSTEAMS = {"TEAMS_APP_ID": "app", "TEAMS_APP_PASSWORD": "secret", "TEAMS_TENANT_ID": "t1"}
EMAIL = {
    "COMMPLAN_SMTP_URL": "smtp://127.0.0.1:2525",
    "COMMPLAN_MAIL_FROM": "commplan@kommune.example",
    "COMMPLAN_LINK_SECRET": "a-secret-of-sixteen-or-more",
}


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


def services_with(engine: Engine, **variables: str) -> Services:
    settings = load_settings(COMMPLAN_DATABASE_URL=str(engine.url), **variables)
    return Services.create(settings, engine)


def test_serve_sends_through_what_the_settings_enable(engine: Engine) -> None:
    assert isinstance(_chosen(services_with(engine)), ConsoleNotifier)
    assert isinstance(_chosen(services_with(engine, **SLACK)), SlackNotifier)
    every = services_with(engine, **SLACK, **MSTEAMS, **EMAIL)
    chosen = _chosen(every)
    assert isinstance(chosen, SurfaceNotifier)
    assert list(chosen.notifiers) == [Surface.SLACK, Surface.MSTEAMS, Surface.EMAIL]
    assert isinstance(chosen.notifiers[Surface.MSTEAMS], MsTeamsNotifier)
    assert isinstance(chosen.notifiers[Surface.EMAIL], EmailNotifier)
    # The e-mail's link pages are mounted because its entry names them; no other change.
    paths = {route.path for router in surfaces(every) for route in router.routes}  # type: ignore[attr-defined]
    assert any(path.startswith("/email/") for path in paths)


def _chosen(services: Services) -> Notifier:
    return choose_notifier(services.context.settings, services)


def test_registry_entries_name_real_factories_and_distinct_surfaces() -> None:
    surfaces = [spec.surface for spec in registry.SURFACES]
    assert len(set(surfaces)) == len(surfaces)
    for spec in registry.SURFACES:
        assert registry.spec_of(spec.surface) is spec
    # The command line, the web app, the scheduler and an import are origins, never surfaces.
    doors = (Origin.CLI, Origin.WEB, Origin.SCHEDULER, Origin.IMPORT)
    assert set(doors).isdisjoint(set(Surface))
    assert [origin.surface for origin in doors] == [None] * 4
    assert [origin.surface for origin in Origin if origin not in doors] == list(Surface)
    assert registry.chat_surfaces() == (Surface.SLACK, Surface.MSTEAMS)


def test_every_entry_names_what_exists() -> None:
    """What an entry names as text is there: its notifier and app factories, its settings
    check, its line on `/` in every language, its permission-matrix driver."""
    for spec in registry.SURFACES:
        assert callable(registry.resolve(spec.notifier)), spec.notifier
        assert callable(registry.resolve(spec.app)), spec.app
        if spec.settings_check is not None:
            assert callable(registry.resolve(spec.settings_check)), spec.settings_check
        assert all(t(spec.home_line, language) for language in LANGUAGES), spec.home_line
        assert issubclass(registry.resolve(spec.matrix_driver), Driver), spec.matrix_driver
        assert spec.max_body >= 16 * registry.KB


def test_checked_settings_runs_the_checks_of_the_enabled_surfaces_only() -> None:
    with pytest.raises(SettingsError, match="COMMPLAN_MAIL_FROM: required"):
        registry.checked_settings(COMMPLAN_SMTP_URL="smtp://127.0.0.1:2525")
    # Teams' client secret is checked where Teams is served, not at every command's start.
    assert registry.checked_settings(TEAMS_APP_ID="app").msteams_enabled


@pytest.mark.parametrize(
    ("typed", "surface"),
    [
        ("slack", Surface.SLACK),
        (" Teams ", Surface.MSTEAMS),
        ("teams", Surface.MSTEAMS),
        ("msteams", Surface.MSTEAMS),
        ("MSTEAMS", Surface.MSTEAMS),
    ],
)
def test_a_surface_is_typed_by_its_stored_name_or_its_code_name(
    typed: str, surface: Surface
) -> None:
    assert registry.parse(typed) is surface


def test_an_unknown_surface_is_none_and_the_known_are_listed() -> None:
    assert registry.parse("fax") is None
    assert registry.parse("cli") is None
    assert registry.names() == "slack, teams, email"
