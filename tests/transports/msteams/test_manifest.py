"""The Teams app package: Microsoft's schemas accept it, its icons and commands are right.

The manifest and localization schemas are Microsoft's own, as the npm package
``@microsoft/app-manifest`` (Microsoft 365 Agents Toolkit) ships them for every manifest version;
``tests/js`` installs it. Without it these tests fail in CI and skip elsewhere.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from jsonschema import validators
from PIL import Image, ImageChops

from bot.cli.msteams_app import PACKAGE_FILES, AppValues, app_files, app_values, filled_manifest
from bot.texts.words import help_lines
from config import load_settings
from config.msteams import make_icons
from tests.cli import in_process
from tests.cli.in_process import Result

REPO = Path(__file__).resolve().parents[3]
TEAMS = REPO / "config" / "msteams"
SCHEMAS = (
    REPO / "tests" / "js" / "node_modules" / "@microsoft" / "app-manifest" / "build"
) / "json-schemas"
APP_ID = "4b1e6a52-0f4c-4d58-9a8e-2f0c1e3b5a77"
PUBLIC_URL = "https://commplan.example.dk"
# Commands of the help text the Teams command menu leaves out: they answer a reminder or a
# digest, and their buttons do the same.
# Commands about one activity by its number: typed, or its buttons, not picked from a menu.
# Teams shows at most 10 commands a list: these are typed from a reply that names them;
# "why" answers the question a move far from the plan's date asks (docs/coordination.md).
# `import` is a file sent to the chat on Teams (its word is the console's), not a typed command.
NOT_IN_MENU = {
    "followup",
    "replan",
    "digest",
    "reopen",
    "move",
    "revise",
    "withdraw",
    "why",
    "close",  # typed after `done` on an ongoing activity (the answer says so), rare in a menu
    "import",
}
_COMMAND_KEY = re.compile(r"^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.description$")


def load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((TEAMS / name).read_text(encoding="utf-8"))
    return loaded


def template() -> dict[str, Any]:
    return load("manifest.json")


def values() -> AppValues:
    settings = load_settings(
        TEAMS_APP_ID=APP_ID, TEAMS_APP_PASSWORD="not-used", COMMPLAN_PUBLIC_URL=PUBLIC_URL
    )
    return app_values(settings)


def schema(kind: str) -> dict[str, Any]:
    """Microsoft's schema of the version the manifest declares: "" for the manifest itself,
    "Localization" for a translation file."""
    version = template()["manifestVersion"]
    name = "MicrosoftTeams.schema.json" if not kind else f"MicrosoftTeams.{kind}.schema.json"
    path = SCHEMAS / "teams" / f"v{version}" / name
    if not path.is_file():
        message = (
            f"{path.relative_to(REPO)} missing: npm ci --prefix tests/js "
            "(@microsoft/app-manifest ships Microsoft's Teams manifest schemas)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8-sig"))
    return loaded


def schema_errors(document: dict[str, Any], kind: str) -> list[str]:
    checked = schema(kind)
    validator_class = validators.validator_for(checked)
    validator_class.check_schema(checked)
    validator = validator_class(checked, format_checker=validator_class.FORMAT_CHECKER)
    return sorted(
        f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message[:200]}"
        for error in validator.iter_errors(document)
    )


def help_commands() -> set[str]:
    """The first word of each command line of the chat help in English (the Teams menu's
    words; the Danish and Swedish words of the help work too, bot/texts/words.py)."""
    return {line.split()[0] for line in help_lines("en")}


def rgba_pixels(image: Image.Image) -> list[tuple[int, ...]]:
    data = image.convert("RGBA").tobytes()
    return [tuple(data[start : start + 4]) for start in range(0, len(data), 4)]


def commands(manifest: dict[str, Any]) -> list[tuple[int, int, dict[str, str]]]:
    return [
        (list_index, index, command)
        for list_index, command_list in enumerate(manifest["bots"][0]["commandLists"])
        for index, command in enumerate(command_list["commands"])
    ]


def run(tmp_path: Path, *args: str, **env: str) -> Result:
    """`commplan ARGS` in ``tmp_path`` (in this process: tests/cli/in_process.py)."""
    return in_process.run(tmp_path / "commplan.db", *args, env=env)


def configured(tmp_path: Path, *args: str) -> Result:
    return run(
        tmp_path,
        *args,
        TEAMS_APP_ID=APP_ID,
        TEAMS_APP_PASSWORD="not-used",
        COMMPLAN_PUBLIC_URL=PUBLIC_URL,
    )


# -- the manifest and its translations against Microsoft's schemas


def test_the_filled_manifest_is_valid_for_the_schema_version_it_declares() -> None:
    manifest = filled_manifest(values())
    assert schema_errors(manifest, "") == []


def test_the_schema_url_and_the_manifest_version_agree() -> None:
    manifest = template()
    version = manifest["manifestVersion"]
    assert manifest["$schema"] == (
        f"https://developer.microsoft.com/en-us/json-schemas/teams/v{version}/"
        "MicrosoftTeams.schema.json"
    )
    for name in ("da.json", "sv.json"):
        assert load(name)["$schema"] == manifest["$schema"].replace(
            "MicrosoftTeams.schema.json", "MicrosoftTeams.Localization.schema.json"
        )


@pytest.mark.parametrize("name", ["da.json", "sv.json"])
def test_a_translation_is_valid_for_the_localization_schema(name: str) -> None:
    assert schema_errors(load(name), "Localization") == []


# -- what commplan's bot needs from the manifest


def test_the_bot_converses_in_personal_chats_team_channels_and_group_chats() -> None:
    manifest = template()
    [bot] = manifest["bots"]
    assert bot["botId"] == manifest["id"] == "{{TEAMS_APP_ID}}"
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    # A plan's file sent in the personal chat is previewed (bot/transports/msteams/files.py).
    assert bot["supportsFiles"] is True
    assert bot["isNotificationOnly"] is False
    assert {scope for command_list in bot["commandLists"] for scope in command_list["scopes"]} == {
        "personal",
        "team",
        "groupChat",
    }
    assert manifest["name"]["short"] == "commplan"
    assert manifest["validDomains"] == ["{{PUBLIC_DOMAIN}}"]
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert re.fullmatch(r"#[0-9A-Fa-f]{6}", manifest["accentColor"])


def test_every_manifest_command_is_a_command_of_the_bots_help() -> None:
    manifest = template()
    listed = {command["title"] for _, _, command in commands(manifest)}
    known = help_commands()
    assert listed - known == set(), "in the Teams menu but not in the bot's help"
    assert known - listed == NOT_IN_MENU, "a command of the help is missing from the Teams menu"
    personal, team, group_chat = (
        {command["title"] for command in command_list["commands"]}
        for command_list in manifest["bots"][0]["commandLists"]
    )
    assert personal == known - NOT_IN_MENU - {"connect"}
    assert "connect" in team  # a steering group's channel is linked from inside it
    assert "connect" not in personal | group_chat


def test_command_descriptions_are_short_and_start_with_their_syntax() -> None:
    for _, _, command in commands(template()):
        assert len(command["title"]) <= 32 and " " not in command["title"]
        assert 0 < len(command["description"]) <= 128
        if ":" in command["description"]:  # "done ID: mark ..." starts with its syntax
            assert command["description"].split()[0] == command["title"]


def test_the_app_is_localized_into_danish_and_swedish() -> None:
    info = template()["localizationInfo"]
    assert info["defaultLanguageTag"] == "en"
    files = {item["languageTag"]: item["file"] for item in info["additionalLanguages"]}
    assert files == {"da": "da.json", "sv": "sv.json"}
    assert set(files.values()) <= set(PACKAGE_FILES)


@pytest.mark.parametrize("name", ["da.json", "sv.json"])
def test_a_translation_covers_every_command_and_keeps_the_command_words(name: str) -> None:
    manifest = template()
    translated = load(name)
    # The schema's lengths for these sit beside a $ref, which draft 4 ignores: checked here.
    limits = {"name.short": 30, "name.full": 100, "description.short": 80, "description.full": 4000}
    for key, limit in limits.items():
        assert 0 < len(translated[key]) <= limit, key
    assert translated["description.full"] != manifest["description"]["full"]
    positions = {
        (int(match.group(1)), int(match.group(2)))
        for key in translated
        if (match := _COMMAND_KEY.match(key))
    }
    assert positions == {(list_index, index) for list_index, index, _ in commands(manifest)}
    for list_index, index, command in commands(manifest):
        text = translated[f"bots[0].commandLists[{list_index}].commands[{index}].description"]
        assert 0 < len(text) <= 128
        # Titles are what Teams sends: they stay English; a syntax line keeps its command word.
        if ":" in command["description"]:
            assert text.split()[0] == command["title"], text
    assert not any(key.endswith(".title") for key in translated)


# -- icons


def test_the_colour_icon_is_192_pixels_in_colour() -> None:
    with Image.open(TEAMS / "color.png") as image:
        assert image.format == "PNG"
        assert image.size == (192, 192)
        colours = {pixel[:3] for pixel in rgba_pixels(image)}
    assert any(len({red, green, blue}) > 1 for red, green, blue in colours), "no colour"
    assert len(colours) > 2


def test_the_outline_icon_is_32_pixels_white_on_transparent() -> None:
    with Image.open(TEAMS / "outline.png") as image:
        assert image.format == "PNG"
        assert image.size == (32, 32)
        assert image.mode == "RGBA"
        pixels = rgba_pixels(image)
    assert {pixel[:3] for pixel in pixels if pixel[3] > 0} == {(255, 255, 255)}
    alphas = [pixel[3] for pixel in pixels]
    assert 0 in alphas and 255 in alphas
    assert pixels[0][3] == 0  # the background is transparent, not white


def test_the_icons_are_the_ones_the_script_draws(tmp_path: Path) -> None:
    make_icons.write(tmp_path)
    for name in ("color.png", "outline.png"):
        with Image.open(TEAMS / name) as kept, Image.open(tmp_path / name) as drawn:
            assert kept.size == drawn.size
            difference = ImageChops.difference(kept.convert("RGBA"), drawn.convert("RGBA"))
            assert max(difference.tobytes()) <= 8, name


# -- the package command


def test_the_files_are_found_where_commplan_is_installed() -> None:
    folder = app_files()
    for name in ("manifest.json", *PACKAGE_FILES):
        assert folder.joinpath(name).read_bytes() == (TEAMS / name).read_bytes()


def test_package_writes_the_zip_teams_takes(tmp_path: Path) -> None:
    result = configured(tmp_path, "msteams-app", "package")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "commplan-teams.zip"
    assert "commplan-teams.zip" in result.stdout
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == sorted(["manifest.json", *PACKAGE_FILES])
        contents = {name: archive.read(name) for name in archive.namelist()}
    for name in PACKAGE_FILES:
        assert contents[name] == (TEAMS / name).read_bytes()
    for name in ("manifest.json", "da.json", "sv.json"):
        assert b"{{" not in contents[name] and b"}}" not in contents[name], name
    manifest = json.loads(contents["manifest.json"])
    assert manifest == filled_manifest(values())
    assert manifest["id"] == manifest["bots"][0]["botId"] == APP_ID
    assert manifest["validDomains"] == ["commplan.example.dk"]
    assert manifest["developer"]["websiteUrl"] == PUBLIC_URL + "/"
    with Image.open(io.BytesIO(contents["outline.png"])) as outline:
        assert outline.size == (32, 32)


def test_package_to_a_named_file_is_the_same_zip_every_time(tmp_path: Path) -> None:
    # "teams-app" is the earlier name of "msteams-app": both make the same package.
    first = configured(tmp_path, "teams-app", "package", "-o", "out/first.zip")
    second = configured(tmp_path, "msteams-app", "package", "--output", "out/second.zip")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert (tmp_path / "out" / "first.zip").read_bytes() == (
        tmp_path / "out" / "second.zip"
    ).read_bytes()


def test_manifest_prints_the_filled_manifest(tmp_path: Path) -> None:
    result = configured(
        tmp_path,
        "msteams-app",
        "manifest",
        "--app-version",
        "2.3.4",
        "--privacy-url",
        "https://kommune.example.dk/privatliv",
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    assert manifest["version"] == "2.3.4"
    assert manifest["developer"]["privacyUrl"] == "https://kommune.example.dk/privatliv"
    assert manifest["developer"]["termsOfUseUrl"] == PUBLIC_URL + "/"
    assert "{{" not in result.stdout


def test_without_teams_app_id_package_says_so_and_writes_nothing(tmp_path: Path) -> None:
    result = run(tmp_path, "msteams-app", "package", COMMPLAN_PUBLIC_URL=PUBLIC_URL)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("commplan: configuration: TEAMS_APP_ID: required")
    assert not (tmp_path / "commplan-teams.zip").exists()


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"TEAMS_APP_ID": "my-bot"}, "TEAMS_APP_ID"),
        ({"TEAMS_APP_ID": APP_ID, "COMMPLAN_PUBLIC_URL": ""}, "COMMPLAN_PUBLIC_URL"),
        ({"TEAMS_APP_ID": APP_ID, "COMMPLAN_PUBLIC_URL": "http://x.dk"}, "COMMPLAN_PUBLIC_URL"),
    ],
)
def test_a_setting_teams_cannot_use_is_named(
    tmp_path: Path, env: dict[str, str], variable: str
) -> None:
    settings = {"COMMPLAN_PUBLIC_URL": PUBLIC_URL, "TEAMS_APP_PASSWORD": "not-used", **env}
    result = run(tmp_path, "msteams-app", "manifest", **settings)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"commplan: configuration: {variable}: ")
    assert result.stdout == ""
