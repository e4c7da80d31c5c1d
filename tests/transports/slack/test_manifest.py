"""The Slack app manifest under config/ asks for what the code uses, and no less."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[3]
# Each Web API method commplan calls, and the bot scope Slack requires for it.
SCOPES = {
    "chat_postMessage": "chat:write",
    "chat_update": "chat:write",
    "chat_postEphemeral": "chat:write",
    "conversations_open": "im:write",
    "conversations_history": "im:history",
    "users_info": "users:read",
    "users_lookupByEmail": "users:read.email",
    "files_upload_v2": "files:write",
}


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (REPO / "config" / "slack-manifest.yaml").read_text(encoding="utf-8")
    )
    return loaded


def test_every_method_the_code_calls_has_its_scope() -> None:
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in (REPO / "bot" / "transports" / "slack").glob("*.py")
    )
    called = set(re.findall(r'(?:client\.|_call\(\s*")(\w+)', source))
    called &= set(SCOPES) | {name for name in called if name.startswith(("views_", "auth_"))}
    assert "chat_postMessage" in called and "chat_update" in called
    missing = {SCOPES[name] for name in called if name in SCOPES} - scopes
    assert missing == set()
    assert "commands" in scopes
    # The plan files people send are fetched with the bot token (bot/transports/slack/files.py).
    if "url_private_download" in source:
        assert {"files:read", "im:history"} <= scopes


def test_command_interactivity_and_events_all_reach_slack_events() -> None:
    data = manifest()
    [command] = data["features"]["slash_commands"]
    assert command["command"] == "/commplan"
    settings = data["settings"]
    urls = {
        command["url"],
        settings["interactivity"]["request_url"],
        settings["event_subscriptions"]["request_url"],
    }
    assert {url.rsplit("/", 2)[-2:] == ["slack", "events"] for url in urls} == {True}
    assert settings["event_subscriptions"]["bot_events"] == ["app_home_opened", "message.im"]
    # A file sent to the app's DM is a plan to preview: people must be able to write there.
    assert data["features"]["app_home"]["messages_tab_read_only_enabled"] is False
    assert data["features"]["app_home"]["home_tab_enabled"] is True
