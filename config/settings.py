"""commplan's settings: one object, read from the environment (and an optional ``.env``).

Checked at start-up: an invalid value stops the process with one message naming the variable
(STYLE.md, 10). Any secret may instead be given as ``NAME_FILE``, a path whose content is the
value, as container secrets are mounted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from config.languages import Language

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
# Where proactive Teams messages go before a conversation has told its own region.
DEFAULT_MSTEAMS_SERVICE_URL = "https://smba.trafficmanager.net/teams"


class SettingsError(Exception):
    """A setting is missing or invalid; ``str()`` is the one line to show the operator."""


class Settings(BaseSettings):
    """Every setting, named by its environment variable."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
        populate_by_name=True,
    )

    database_url: str = Field("sqlite:///./commplan.db", alias="COMMPLAN_DATABASE_URL")
    host: str = Field("127.0.0.1", alias="COMMPLAN_HOST")
    port: int = Field(3000, alias="COMMPLAN_PORT", ge=1, le=65535)
    public_url: str | None = Field(None, alias="COMMPLAN_PUBLIC_URL")
    # Where the operator's copy of the documentation is published; `GET /` links it.
    docs_url: str | None = Field(None, alias="COMMPLAN_DOCS_URL")
    timezone: str = Field("Europe/Copenhagen", alias="COMMPLAN_TIMEZONE")
    language: Language = Field("da", alias="COMMPLAN_LANGUAGE")
    # The person the command line acts as when no --as names one (name, alias, e-mail or #id):
    # notices and audit views then name them; unset, "the administrator" (docs/cli.md).
    cli_person: str | None = Field(None, alias="COMMPLAN_CLI_PERSON")
    tick_seconds: int = Field(30, alias="COMMPLAN_TICK_SECONDS", ge=1, le=3600)
    # How long a claimed message is one process's to send; after it, another may take it over.
    # At least 4 s: a post needs its HTTP timeout (a quarter of the lease, 1 s at least) and a
    # second of safety left (scheduler/outbox/drain.py).
    claim_lease_seconds: int = Field(120, alias="COMMPLAN_CLAIM_LEASE_SECONDS", ge=4, le=3600)
    # How many recipients one process sends to at once (a chat API call takes 100-300 ms).
    send_workers: int = Field(8, alias="COMMPLAN_SEND_WORKERS", ge=1, le=64)
    log_level: str = Field("INFO", alias="COMMPLAN_LOG_LEVEL")
    max_import_bytes: int = Field(20_000_000, alias="COMMPLAN_MAX_IMPORT_BYTES", ge=1)
    # Rows of a plan file an import reads before it stops with a message (all tables together).
    max_import_rows: int = Field(10_000, alias="COMMPLAN_MAX_IMPORT_ROWS", ge=1)
    # Bytes a .docx/.xlsx may unpack to, by its zip directory, before any part is opened.
    max_import_unpacked_bytes: int = Field(
        100_000_000, alias="COMMPLAN_MAX_IMPORT_UNPACKED_BYTES", ge=1
    )
    # Rendered calendar events kept per process, so a feed re-renders only what changed.
    feed_cache_mb: int = Field(32, alias="COMMPLAN_FEED_CACHE_MB", ge=0, le=4096)
    # Overlaps across plans (docs/coordination.md): activities of two plans to one audience at
    # most this many working days apart collide. The tick and `overlaps` look as far ahead as
    # any active plan has dated open activities (at most 18 months); set, this many days.
    overlap_working_days: int = Field(5, alias="COMMPLAN_OVERLAP_WORKING_DAYS", ge=0, le=60)
    overlap_horizon_days: int | None = Field(
        None, alias="COMMPLAN_OVERLAP_HORIZON_DAYS", ge=1, le=730
    )
    # Moving an activity more than this many working days from its baseline, or leaving it
    # overdue longer, is a deviation (docs/coordination.md).
    deviation_working_days: int = Field(5, alias="COMMPLAN_DEVIATION_WORKING_DAYS", ge=0, le=60)
    # Working days a steering group needs to decide on a request, when it has set none.
    approval_lead_days: int = Field(5, alias="COMMPLAN_APPROVAL_LEAD_DAYS", ge=0, le=120)
    # Whether chat users linked to nobody may read the plans marked visible to the whole
    # organisation (docs/permissions.md); by default they may only ask for help.
    unlinked_may_read: bool = Field(False, alias="COMMPLAN_UNLINKED_MAY_READ")
    # /metrics is served only to a scraper that knows this token (Authorization: Bearer ...)...
    metrics_token: SecretStr | None = Field(None, alias="COMMPLAN_METRICS_TOKEN")
    # ...or on a port of its own (for a network only the scraper reaches); neither: not at all.
    metrics_port: int | None = Field(None, alias="COMMPLAN_METRICS_PORT", ge=1, le=65535)
    # Signs the links that act without a login (e-mail's Done/Approve, the calendar page). All
    # replicas need the same one; unset, each process makes its own and its links die with it.
    link_secret: SecretStr | None = Field(None, alias="COMMPLAN_LINK_SECRET")
    # How long a calendar page link (`commplan calendar --link`) opens the page, unless --days says.
    calendar_link_days: int = Field(90, alias="COMMPLAN_CALENDAR_LINK_DAYS", ge=1, le=366)
    # Retention (docs/data-protection.md). Outbox rows: at least 31 days, longer than any planner
    # may write a row late, or a deleted reminder could be written and sent again.
    retention_outbox_days: int = Field(90, alias="COMMPLAN_RETENTION_OUTBOX_DAYS", ge=31)
    retention_delegation_days: int = Field(365, alias="COMMPLAN_RETENTION_DELEGATION_DAYS", ge=1)
    retention_audit_years: int = Field(10, alias="COMMPLAN_RETENTION_AUDIT_YEARS", ge=1)
    retention_batch: int = Field(500, alias="COMMPLAN_RETENTION_BATCH", ge=1, le=100_000)
    # text: one readable line per record; json: one JSON object per line (docs/deploy.md).
    log_format: str = Field("text", alias="COMMPLAN_LOG_FORMAT")

    slack_bot_token: SecretStr | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(DEFAULT_SLACK_API_URL, alias="COMMPLAN_SLACK_API_URL")

    msteams_app_id: str | None = Field(None, alias="TEAMS_APP_ID")
    msteams_app_password: SecretStr | None = Field(None, alias="TEAMS_APP_PASSWORD")
    msteams_tenant_id: str | None = Field(None, alias="TEAMS_TENANT_ID")
    # The Entra tenants whose Teams activities are answered, comma-separated; empty: only
    # TEAMS_TENANT_ID's (a single-tenant app). Serving Teams needs one of the two, or
    # COMMPLAN_TEAMS_ANY_TENANT=true said explicitly (require_msteams_ready).
    msteams_tenants_text: str = Field("", alias="COMMPLAN_TEAMS_TENANTS")
    msteams_any_tenant: bool = Field(False, alias="COMMPLAN_TEAMS_ANY_TENANT")
    msteams_service_url: str = Field(
        DEFAULT_MSTEAMS_SERVICE_URL, alias="COMMPLAN_TEAMS_SERVICE_URL"
    )

    # E-mail (docs/email.md): smtp://user:pass@host:587 (STARTTLS when offered; required with
    # ?starttls=required) or smtps://user:pass@host:465 (TLS from the first byte). A secret: it
    # holds the password (COMMPLAN_SMTP_URL_FILE works too).
    smtp_url: SecretStr | None = Field(None, alias="COMMPLAN_SMTP_URL")
    mail_from: str | None = Field(None, alias="COMMPLAN_MAIL_FROM")
    # How long an e-mail's Done / Approve link may be used (once).
    email_link_hours: int = Field(72, alias="COMMPLAN_EMAIL_LINK_HOURS", ge=1, le=24 * 31)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(f"not an IANA time zone: {value!r}") from err
        return value

    @field_validator("public_url", "docs_url", "slack_api_url", "msteams_service_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None if value == "" else value
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"must start with http:// or https://, got {value!r}")
        return value

    @field_validator("metrics_token", "link_secret")
    @classmethod
    def _long_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("must be at least 16 characters (it is a password)")
        return value

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        if not value.get_secret_value().startswith(("smtp://", "smtps://")):
            raise ValueError("must start with smtp:// or smtps:// (the URL is not shown: a secret)")
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        upper = value.upper()
        if upper not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return upper

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        lower = value.lower()
        if lower not in {"text", "json"}:
            raise ValueError("must be text or json")
        return lower

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def slack_enabled(self) -> bool:
        return self.slack_bot_token is not None

    @property
    def msteams_enabled(self) -> bool:
        return self.msteams_app_id is not None

    @property
    def email_enabled(self) -> bool:
        return self.smtp_url is not None

    @property
    def msteams_tenants(self) -> frozenset[str]:
        listed = {part.strip() for part in self.msteams_tenants_text.split(",") if part.strip()}
        if not listed and self.msteams_tenant_id:
            listed = {self.msteams_tenant_id}
        return frozenset(listed)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, _FileVariables(settings_cls), dotenv_settings)


class _FileVariables(PydanticBaseSettingsSource):
    """Reads ``NAME_FILE`` for each variable ``NAME``: that file's content is the value."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        name = field.alias or field_name
        path = os.environ.get(f"{name}_FILE")
        if path is None:
            return None, name, False
        try:
            return Path(path).read_text(encoding="utf-8").strip(), name, False
        except OSError as err:
            raise SettingsError(f"{name}_FILE: cannot read {path}: {err.strerror}") from err

    def __call__(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for field_name, field in self.settings_cls.model_fields.items():
            value, name, _ = self.get_field_value(field, field_name)
            if value is not None:
                if name in os.environ:
                    raise SettingsError(f"{name} and {name}_FILE are both set: use one")
                values[name] = value
        return values


def load_settings(**overrides: Any) -> Settings:
    """Read and check the settings, or raise ``SettingsError`` naming the first bad variable."""
    try:
        settings = Settings(**overrides)
    except ValidationError as err:
        first = err.errors()[0]
        variable = str(first["loc"][0]) if first["loc"] else "settings"
        raise SettingsError(f"{variable}: {first['msg']}") from None
    if settings.slack_bot_token is not None and settings.slack_signing_secret is None:
        # Without it no request from Slack can be told from a forged one.
        raise SettingsError(
            "SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set "
            "(Slack app → Basic Information → Signing Secret)"
        )
    if settings.smtp_url is not None and not settings.mail_from:
        raise SettingsError("COMMPLAN_MAIL_FROM: required when COMMPLAN_SMTP_URL is set")
    if settings.smtp_url is not None and settings.link_secret is None:
        # The e-mails' links are made by whichever process sends and read by the web app's.
        raise SettingsError("COMMPLAN_LINK_SECRET: required when COMMPLAN_SMTP_URL is set")
    if settings.metrics_port is not None and settings.metrics_port == settings.port:
        raise SettingsError("COMMPLAN_METRICS_PORT: must differ from COMMPLAN_PORT")
    return settings


def require_msteams_ready(settings: Settings) -> None:
    """What serving Teams needs: the client secret, and whom to answer. Without a tenant list
    the bot would answer (and link by e-mail) users of any organisation's tenant, so that is
    refused unless COMMPLAN_TEAMS_ANY_TENANT=true says it is meant."""
    require_msteams_secret(settings)
    if (
        settings.msteams_app_id is not None
        and not settings.msteams_tenants
        and not settings.msteams_any_tenant
    ):
        raise SettingsError(
            "COMMPLAN_TEAMS_TENANTS: required when TEAMS_APP_ID is set and TEAMS_TENANT_ID is "
            "not (the Entra tenants to answer; COMMPLAN_TEAMS_ANY_TENANT=true answers any)"
        )


def require_msteams_secret(settings: Settings) -> None:
    """Serving Teams needs the bot's client secret (no reminder can be sent without it);
    packaging the Teams app needs only its id, so this is checked where Teams is served."""
    if settings.msteams_app_id is not None and settings.msteams_app_password is None:
        raise SettingsError(
            "TEAMS_APP_PASSWORD: required when TEAMS_APP_ID is set "
            "(Azure portal → the bot's app registration → Certificates & secrets)"
        )
