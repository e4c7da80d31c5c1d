"""`commplan msteams-app ...` (or `teams-app`, its earlier name): the Microsoft Teams app
package to upload to Teams.

The manifest and its files live in ``config/msteams/`` with placeholders
(``{{TEAMS_APP_ID}}``, ...); these commands fill them from the settings. ("teams" alone in this
CLI means commplan's own teams of people; this is Microsoft Teams.)
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer

from bot.cli import context, gate
from bot.cli.output import say

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from config import Settings

app = typer.Typer(
    help="The Microsoft Teams app: its manifest and the package to upload to Teams.",
    no_args_is_help=True,
)

MANIFEST = "manifest.json"
# Beside the manifest at the package's root, as Teams wants them.
PACKAGE_FILES = ("color.png", "outline.png", "da.json", "sv.json")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_SEMVER = re.compile(r"^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# Fixed entry times: the same settings give the same zip, byte for byte.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class AppValues:
    """What fills the manifest's placeholders."""

    app_id: str
    version: str
    public_domain: str
    website_url: str
    privacy_url: str
    terms_url: str

    def placeholders(self) -> dict[str, str]:
        return {
            "TEAMS_APP_ID": self.app_id,
            "VERSION": self.version,
            "PUBLIC_DOMAIN": self.public_domain,
            "WEBSITE_URL": self.website_url,
            "PRIVACY_URL": self.privacy_url,
            "TERMS_URL": self.terms_url,
        }


def app_files() -> Traversable:
    """``config/msteams/``: the manifest template, icons and translations (installed with
    config)."""
    return resources.files("config").joinpath("msteams")


def app_values(
    settings: Settings,
    *,
    version: str | None = None,
    privacy_url: str | None = None,
    terms_url: str | None = None,
) -> AppValues:
    """The values from the settings; ``SettingsError`` naming the variable that is missing."""
    from config import SettingsError

    app_id = (settings.msteams_app_id or "").strip()
    if not app_id:
        raise SettingsError(
            "TEAMS_APP_ID: required for the Teams app package "
            "(the Application (client) ID of the bot's Entra app registration)"
        )
    if not _GUID.match(app_id):
        raise SettingsError(
            "TEAMS_APP_ID: must be a GUID like 00000000-0000-0000-0000-000000000000, "
            f"got {app_id!r}"
        )
    public = settings.public_url
    if not public:
        raise SettingsError(
            "COMMPLAN_PUBLIC_URL: required for the Teams app package "
            "(the https:// address Teams reaches commplan at)"
        )
    parts = urlsplit(public)
    if parts.scheme != "https" or not parts.hostname:
        raise SettingsError(f"COMMPLAN_PUBLIC_URL: Teams needs an https:// address, got {public!r}")
    website = public if public.endswith("/") else public + "/"
    for option, url in (("--privacy-url", privacy_url), ("--terms-url", terms_url)):
        if url is not None and not url.startswith("https://"):
            raise typer.BadParameter(f"must start with https://, got {url!r}", param_hint=option)
    chosen = version or _commplan_version()
    if not _SEMVER.match(chosen):
        raise typer.BadParameter(
            f"must be three numbers like 1.2.3, got {chosen!r}", param_hint="--app-version"
        )
    return AppValues(
        app_id=app_id,
        version=chosen,
        public_domain=parts.hostname,
        website_url=website,
        privacy_url=privacy_url or website,
        terms_url=terms_url or website,
    )


def _commplan_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("commplan")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def filled_manifest(values: AppValues) -> dict[str, Any]:
    """The manifest with every placeholder replaced."""
    template: dict[str, Any] = json.loads(
        app_files().joinpath(MANIFEST).read_text(encoding="utf-8")
    )
    table = values.placeholders()

    def fill(value: Any) -> Any:
        if isinstance(value, str):
            return _PLACEHOLDER.sub(lambda match: table[match.group(1)], value)
        if isinstance(value, list):
            return [fill(item) for item in value]
        if isinstance(value, dict):
            return {key: fill(item) for key, item in value.items()}
        return value

    filled: dict[str, Any] = fill(template)
    return filled


def manifest_json(values: AppValues) -> str:
    return json.dumps(filled_manifest(values), ensure_ascii=False, indent=2) + "\n"


def write_package(values: AppValues, output: Path) -> None:
    """The zip Teams takes: manifest.json, both icons and the translations at its root."""
    entries = [(MANIFEST, manifest_json(values).encode("utf-8"))]
    entries += [(name, app_files().joinpath(name).read_bytes()) for name in PACKAGE_FILES]
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


AppVersion = Annotated[
    str | None,
    typer.Option(
        "--app-version",
        help="The app's version (x.y.z); raise it for each upload. Default: commplan's version.",
    ),
]
PrivacyUrl = Annotated[
    str | None,
    typer.Option(help="Your privacy statement (https://). Default: COMMPLAN_PUBLIC_URL."),
]
TermsUrl = Annotated[
    str | None,
    typer.Option(help="Your terms of use (https://). Default: COMMPLAN_PUBLIC_URL."),
]


@app.command("package")
@gate.admin_only
def package(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The zip to write.", dir_okay=False)
    ] = Path("commplan-teams.zip"),
    app_version: AppVersion = None,
    privacy_url: PrivacyUrl = None,
    terms_url: TermsUrl = None,
) -> None:
    """Write the app package (a zip) to upload in Teams or the Teams admin center."""
    values = app_values(
        context.settings(), version=app_version, privacy_url=privacy_url, terms_url=terms_url
    )
    write_package(values, output)
    say(
        f"{output}: Teams app {values.app_id}, version {values.version}, for {values.public_domain}"
    )
    say(
        "Upload it in the Teams admin center (Teams apps → Manage apps → Upload new app) "
        "or in Teams (Apps → Manage your apps → Upload an app)."
    )


@app.command("manifest")
@gate.admin_only
def manifest(
    app_version: AppVersion = None,
    privacy_url: PrivacyUrl = None,
    terms_url: TermsUrl = None,
) -> None:
    """Print the filled manifest.json."""
    values = app_values(
        context.settings(), version=app_version, privacy_url=privacy_url, terms_url=terms_url
    )
    sys.stdout.write(manifest_json(values))
