"""The Teams SDK's ``App``, configured from commplan's settings.

The bot's Entra app id and secret come from TEAMS_APP_ID / TEAMS_APP_PASSWORD (single-tenant
apps also TEAMS_TENANT_ID), passed explicitly: the SDK would otherwise read CLIENT_ID and friends
from the environment. Inbound tokens are always validated; ``authenticate=False`` exists for the
tests alone (a separate test checks the 401 with validation on), and is passed explicitly so the
SDK's DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS variable cannot switch validation off in
production.
"""

from __future__ import annotations

import asyncio
import threading

from microsoft_teams.api.auth.cloud_environment import CloudEnvironment
from microsoft_teams.api.auth.credentials import TokenProvider
from microsoft_teams.apps import App

from bot.transports.msteams.adapter import RouterAdapter, token_validator
from config import Settings


def msteams_app(
    settings: Settings,
    adapter: RouterAdapter | None = None,
    *,
    token: TokenProvider | None = None,
    authenticate: bool = True,
    cloud: CloudEnvironment | None = None,
) -> App:
    """The app; ``token`` replaces the client secret (a test's token source); ``cloud`` the
    SDK's Microsoft endpoints (its CLOUD variable picks a sovereign cloud; tests point the
    signing keys at a local fake)."""
    secret = (
        settings.msteams_app_password.get_secret_value() if settings.msteams_app_password else None
    )
    if adapter is None:
        validator = None
        if authenticate and settings.msteams_app_id is not None:
            validator = token_validator(settings.msteams_app_id, cloud)
        adapter = RouterAdapter(settings.msteams_tenants, validator)
    return App(
        client_id=settings.msteams_app_id,
        client_secret=None if token is not None else secret,
        tenant_id=settings.msteams_tenant_id,
        token=token,
        http_server_adapter=adapter,
        dangerously_allow_unauthenticated_requests=not authenticate,
        service_url=settings.msteams_service_url,
        state=False,
        cloud=cloud,
    )


def initialize(app: App) -> None:
    """Run the SDK's async set-up (it registers the messaging route) from synchronous code,
    on a thread of its own so it works whether or not the caller has an event loop running."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(app.initialize())
        except BaseException as err:  # re-raised in the caller's thread
            failure.append(err)

    thread = threading.Thread(target=run, name="teams-initialize")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
