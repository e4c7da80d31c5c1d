"""Settings: defaults, the environment, NAME_FILE secrets, one clear error per bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.registry import checked_settings
from config import SettingsError, load_settings
from config.languages import as_language

ALL_VARIABLES = (
    "COMMPLAN_DATABASE_URL",
    "COMMPLAN_HOST",
    "COMMPLAN_PORT",
    "COMMPLAN_PUBLIC_URL",
    "COMMPLAN_TIMEZONE",
    "COMMPLAN_LANGUAGE",
    "COMMPLAN_TICK_SECONDS",
    "COMMPLAN_LOG_LEVEL",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "COMMPLAN_SLACK_API_URL",
    "TEAMS_APP_ID",
    "TEAMS_APP_PASSWORD",
    "TEAMS_TENANT_ID",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ALL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"{name}_FILE", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite:///./commplan.db"
    assert (settings.host, settings.port, settings.tick_seconds) == ("127.0.0.1", 3000, 30)
    assert settings.timezone == "Europe/Copenhagen"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert not settings.slack_enabled
    assert not settings.msteams_enabled


def test_environment_and_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("COMMPLAN_PORT=4000\nCOMMPLAN_LANGUAGE=sv\n", encoding="utf-8")
    monkeypatch.setenv("COMMPLAN_LANGUAGE", "en")
    settings = load_settings()
    assert settings.port == 4000
    assert settings.language == "en"  # the environment wins over .env


def test_secret_from_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "token"
    secret.write_text("xoxb-from-file\n", encoding="utf-8")
    monkeypatch.setenv("SLACK_BOT_TOKEN_FILE", str(secret))
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    settings = load_settings()
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-from-file"
    assert "xoxb" not in repr(settings)


def test_a_bot_token_without_signing_secret_stops_start_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET: required"):
        checked_settings()


def test_secret_twice_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "token"
    secret.write_text("a", encoding="utf-8")
    monkeypatch.setenv("SLACK_SIGNING_SECRET_FILE", str(secret))
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "b")
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET and SLACK_SIGNING_SECRET_FILE"):
        load_settings()


def test_unreadable_secret_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TEAMS_APP_PASSWORD_FILE", str(tmp_path / "missing"))
    with pytest.raises(SettingsError, match="TEAMS_APP_PASSWORD_FILE: cannot read"):
        load_settings()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("COMMPLAN_PORT", "eighty"),
        ("COMMPLAN_PORT", "70000"),
        ("COMMPLAN_TIMEZONE", "Europe/Atlantis"),
        ("COMMPLAN_LANGUAGE", "de"),
        ("COMMPLAN_TICK_SECONDS", "0"),
        ("COMMPLAN_SLACK_API_URL", "slack.com/api"),
        ("COMMPLAN_LOG_LEVEL", "LOUD"),
    ],
)
def test_bad_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{name}: ")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("da-DK", "da"),
        ("sv_SE", "sv"),
        ("en-GB", "en"),
        ("nb-NO", "en"),
        (None, "en"),
        ("SV", "sv"),
    ],
)
def test_locale_tags(tag: str | None, language: str) -> None:
    assert as_language(tag) == language
