"""The Slack app: `/commplan`, buttons, modals, the App Home, on slack-bolt's AsyncApp.

Mounted on the FastAPI app at ``POST /slack/events`` (commands, interactivity and events share
it), or run over Socket Mode when ``SLACK_APP_TOKEN`` is set. Bolt checks every request's
signature and timestamp (older than 5 minutes: refused) before any handler runs. Each handler
acknowledges first: a command's answer *is* its acknowledgement (it is computed well inside
Slack's 3 seconds), a button's acknowledgement is empty and the message is updated after.

Handlers call the same services as every surface. The services are synchronous (SQLAlchemy):
they run in worker threads (``asyncio.to_thread``) so the event loop keeps answering.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading

from fastapi import APIRouter, Request, Response
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.internals import parse_body
from slack_sdk.web.async_client import AsyncWebClient

from bot import registry
from bot.chat.actions import ActionHandler
from bot.chat.commands.handler import CommandHandler
from bot.services import Services
from bot.transports.slack.blocks import ACTION_PREFIX
from bot.transports.slack.buttons import SlackButtons
from bot.transports.slack.commands import SlackCommands
from bot.transports.slack.files import SlackFiles
from bot.transports.slack.home import SlackAppHome
from bot.transports.slack.modals import SlackModals
from bot.transports.slack.views import (
    ADD_CALLBACK,
    COMMENT_CALLBACK,
    EDIT_CALLBACK,
    FOLLOWUP_CALLBACK,
    REPLAN_CALLBACK,
    REQUEST_CALLBACK,
    REVISE_CALLBACK,
    STEERING_CALLBACK,
)
from bot.web.logs import bolt_logger
from config import Settings
from config.languages import Language
from storage.models import Surface

log = logging.getLogger(__name__)


def slack_async_client(settings: Settings) -> AsyncWebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return AsyncWebClient(token=token, base_url=settings.slack_api_url, timeout=15)


def build(services: Services) -> SlackSurface:
    """The registry's app factory (bot/registry.py): the Slack app from the settings."""
    return SlackSurface(services, services.context.settings)


class SlackSurface(SlackCommands, SlackButtons, SlackModals, SlackAppHome):
    """The bolt app with commplan's handlers (by role: commands.py, buttons.py, modals.py,
    home.py); ``router()`` mounts it on FastAPI."""

    def __init__(
        self, services: Services, settings: Settings, client: AsyncWebClient | None = None
    ) -> None:
        if settings.slack_signing_secret is None:
            # config.settings refuses to start without it; this guards other constructions.
            raise ValueError("SLACK_SIGNING_SECRET is required for the Slack app")
        self.services = services
        self.settings = settings
        self.commands = CommandHandler(services)
        self.actions = ActionHandler(services)
        self.client = client or slack_async_client(settings)
        self._locales: dict[str, Language | None] = {}
        self.app = AsyncApp(
            client=self.client,
            signing_secret=settings.slack_signing_secret.get_secret_value(),
            # bolt writes whole request bodies at INFO (a bad signature, an unhandled
            # request): its loggers let only warnings through (bot/web/logs.py).
            logger=bolt_logger(),
        )
        self.app.command("/commplan")(self.on_command)
        self.app.action(re.compile(f"^{ACTION_PREFIX}"))(self.on_action)
        self.app.view(ADD_CALLBACK)(self.on_add)
        self.app.view(EDIT_CALLBACK)(self.on_edit)
        self.app.view(REQUEST_CALLBACK)(self.on_request)
        self.app.view(COMMENT_CALLBACK)(self.on_comment)
        self.app.view(FOLLOWUP_CALLBACK)(self.on_followup)
        self.app.view(REPLAN_CALLBACK)(self.on_replan)
        self.app.view(REVISE_CALLBACK)(self.on_revise)
        self.app.view(STEERING_CALLBACK)(self.on_steering)
        self.app.event("app_home_opened")(self.on_home)
        self.app.event("message")(self.on_message)
        self.files = SlackFiles(settings)
        self.handler = AsyncSlackRequestHandler(self.app)

    def start(self) -> None:
        """Slack over Socket Mode (no public URL needed) when SLACK_APP_TOKEN is set, in a
        thread with its own event loop; /slack/events stays mounted but Slack does not call
        it."""
        if self.settings.slack_app_token is None:
            return
        from slack_bolt.adapter.socket_mode.async_handler import (  # noqa: PLC0415 - used by few
            AsyncSocketModeHandler,
        )

        handler = AsyncSocketModeHandler(self.app, self.settings.slack_app_token.get_secret_value())
        thread = threading.Thread(
            target=asyncio.run,
            args=(handler.start_async(),),  # type: ignore[no-untyped-call]
            name="slack-socket-mode",
            daemon=True,
        )
        thread.start()

    def router(self) -> APIRouter:
        router = APIRouter()

        # A larger body is refused (413) before it is read, let alone checked or logged.
        @router.post("/slack/events", max_body_size=registry.spec(Surface.SLACK).max_body)
        async def slack_events(request: Request) -> Response:
            body = await request.body()
            # Slack's SSL check carries no payload; one that does is not Slack's.
            if b"ssl_check=1" in body and b"payload=" in body:
                return Response(status_code=401, content="refused\n", media_type="text/plain")
            try:
                # What bolt will parse, parsed first: a body that is no form or JSON would
                # make it raise (500 and a traceback) before the signature is checked.
                parse_body(body.decode("utf-8"), request.headers.get("content-type"))
            except ValueError:
                return Response(status_code=400, content="not a Slack request\n")
            answer: Response = await self.handler.handle(request)
            return answer

        return router
