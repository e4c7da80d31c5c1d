"""What serving Teams needs of the settings: checked where Teams is served (its app and its
notifier), not at every start, since packaging the Teams app needs only its id."""

from __future__ import annotations

from config import Settings, SettingsError


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
