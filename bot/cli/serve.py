"""What `commplan serve` and `commplan demo` start (bot/cli/serve_commands.py): the web app and
the scheduler in one process."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import logging.config
import sys
import threading
from typing import TYPE_CHECKING
from wsgiref.simple_server import WSGIServer

import uvicorn
from fastapi import APIRouter, FastAPI
from prometheus_client import start_http_server

from bot import registry
from bot.cli.output import say
from bot.services import Services
from bot.transports.console.notifier import ConsoleNotifier
from bot.transports.surfaces import SurfaceNotifier
from bot.web.app import create_app
from bot.web.calendar_page import calendar_page_router
from bot.web.feeds import feed_router
from bot.web.logs import log_config
from bot.web.plan_page import plan_page_router
from bot.web.request_id import RequestIdMiddleware
from config import Settings
from config.logs import use_json
from config.settings import require_msteams_ready
from scheduler.approvals import ApprovalPlanner
from scheduler.breaker import BreakerNotifier
from scheduler.deviations import OverduePlanner
from scheduler.followups import LoopPlanner
from scheduler.leadership import SchedulingLease
from scheduler.leadtimes import LeadTimePlanner
from scheduler.logged import LoggedNotifier
from scheduler.notifier import Notice, Notifier
from scheduler.outbox.drain import OutboxDrain, call_timeout
from scheduler.overlaps import OverlapPlanner
from scheduler.reminders import ReminderPlanner
from scheduler.retention import Retention
from scheduler.runner import SchedulerRunner
from scheduler.tick import Tick
from storage.models import Surface

if TYPE_CHECKING:
    from bot.transports.msteams.app import MsTeamsSurface
    from bot.transports.slack.app import SlackSurface

log = logging.getLogger(__name__)


def choose_notifier(settings: Settings, services: Services) -> Notifier:
    """The transport reminders go out through.

    With a Slack bot token: Slack direct messages; with a Teams app id: Teams personal chats;
    with COMMPLAN_SMTP_URL: e-mail; with more than one, each notice on the recipient's surface
    (``SurfaceNotifier``). With none of them: the console, which prints each message.
    """
    # Every call must end inside the outbox's lease (scheduler/outbox/drain.py).
    timeout = call_timeout(dt.timedelta(seconds=settings.claim_lease_seconds))
    notifiers: dict[Surface, Notifier] = {
        spec.surface: spec.build_notifier(services, timeout) for spec in registry.enabled(settings)
    }
    if len(notifiers) > 1:
        return SurfaceNotifier(services, notifiers)
    if notifiers:
        return next(iter(notifiers.values()))
    return ConsoleNotifier(services, sys.stdout)


def configure_logging(settings: Settings) -> None:
    # One line per record, tokens out of the access log, no request bodies (bot/web/logs.py);
    # with COMMPLAN_LOG_FORMAT=json the same records as JSON lines (config/logs.py).
    logging.config.dictConfig(log_config(settings.log_level))
    if settings.log_format == "json":
        use_json()
        use_json(logging.getLogger("uvicorn.access"))
    # APScheduler logs every run of the tick at INFO, and a skipped run (the previous tick is
    # still draining a burst, which is by design) as a warning: neither says anything.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    # Every HTTP request to Slack at INFO would drown the log.
    logging.getLogger("slack_sdk").setLevel(logging.WARNING)


def breaker(services: Services, notifier: Notifier) -> Notifier:
    """``notifier`` with its messages held back while their surface is down
    (scheduler/breaker.py): each recipient's surface where there are several, else the one."""
    if isinstance(notifier, SurfaceNotifier):
        chosen = notifier

        def surface_of(notice: Notice) -> str:
            return chosen.surface_of(notice).value

        return BreakerNotifier(notifier, services.context.sessions, surface_of)
    return BreakerNotifier(notifier, services.context.sessions)


def make_tick(services: Services, notifier: Notifier | None = None) -> Tick:
    """The scheduler's tick: plan reminders, then deliver them through ``notifier``."""
    settings = services.context.settings
    sessions = services.context.sessions
    drain = OutboxDrain(
        sessions,
        LoggedNotifier(breaker(services, notifier or choose_notifier(settings, services))),
        lease=dt.timedelta(seconds=settings.claim_lease_seconds),
        workers=settings.send_workers,
        batch=200,
    )
    return Tick(
        ReminderPlanner(sessions),
        drain,
        budget_seconds=settings.tick_seconds,
        extras=(
            ApprovalPlanner(sessions),
            LoopPlanner(sessions),
            OverlapPlanner(
                sessions,
                apart=settings.overlap_working_days,
                horizon_days=settings.overlap_horizon_days,
                zone=settings.timezone,
            ),
            OverduePlanner(
                sessions, threshold=settings.deviation_working_days, zone=settings.timezone
            ),
            LeadTimePlanner(sessions, default_lead=settings.approval_lead_days),
        ),
        housekeeping=retention(services),
        # A lapsed planner is replaced within three ticks (or 10 s, for very short ticks).
        leads=SchedulingLease(
            sessions, ttl=dt.timedelta(seconds=max(3 * settings.tick_seconds, 10))
        ).holds,
    )


def retention(services: Services) -> Retention:
    settings = services.context.settings
    return Retention(
        services.context.sessions,
        outbox_days=settings.retention_outbox_days,
        delegation_days=settings.retention_delegation_days,
        batch=settings.retention_batch,
    )


def surfaces(
    services: Services, slack: SlackSurface | None = None, msteams: MsTeamsSurface | None = None
) -> list[APIRouter]:
    """The HTTP surfaces beside /healthz and /metrics."""
    routers = [
        feed_router(services.feeds),
        plan_page_router(services.pages),
        calendar_page_router(services.calendar, services.context.settings),
    ]
    for spec in registry.enabled(services.context.settings):
        routes = spec.build_routes(services)  # e-mail's action links
        if routes is not None:
            routers.append(routes)
    if slack is not None:
        routers.append(slack.router())
    if msteams is not None:
        routers.append(msteams.router())
    return routers


def msteams_surface(services: Services) -> MsTeamsSurface | None:
    """The Teams app at /api/messages when a Teams app id is configured."""
    settings = services.context.settings
    if not settings.msteams_enabled:
        return None
    require_msteams_ready(settings)
    from bot.transports.msteams.app import MsTeamsSurface

    return MsTeamsSurface(services, settings)


def slack_surface(services: Services) -> SlackSurface | None:
    """The Slack app when a bot token is configured (the signing secret is then required)."""
    settings = services.context.settings
    if not settings.slack_enabled:
        return None
    # Imported here: slack-bolt's async stack (aiohttp) is a second of every CLI start otherwise.
    from bot.transports.slack.app import SlackSurface

    return SlackSurface(services, settings)


def start_socket_mode(slack: SlackSurface, app_token: str) -> None:
    """Slack over Socket Mode (no public URL needed), in a thread with its own event loop;
    /slack/events stays mounted but Slack does not call it."""
    from slack_bolt.adapter.socket_mode.async_handler import (
        AsyncSocketModeHandler,
    )

    handler = AsyncSocketModeHandler(slack.app, app_token)
    thread = threading.Thread(
        target=asyncio.run,
        args=(handler.start_async(),),  # type: ignore[no-untyped-call]
        name="slack-socket-mode",
        daemon=True,
    )
    thread.start()


def run_server(services: Services) -> None:
    """Start the scheduler (refused if another process has this SQLite file), then serve HTTP."""
    settings = services.context.settings
    configure_logging(settings)
    tick = make_tick(services)
    runner = SchedulerRunner(services.context.engine, tick, settings.tick_seconds)
    runner.start()
    slack = slack_surface(services)
    if slack is not None and settings.slack_app_token is not None:
        start_socket_mode(slack, settings.slack_app_token.get_secret_value())
    try:
        say(f"commplan serving on http://{settings.host}:{settings.port} (Ctrl-C to stop)")
        routers = surfaces(services, slack, msteams_surface(services))
        app = create_app(settings, services.context.engine, routers, settle=True)
        serve_metrics(settings, app)
        uvicorn.run(
            RequestIdMiddleware(app),
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level.lower(),
            log_config=None,  # configure_logging's, above
        )
    finally:
        runner.shutdown()


def serve_metrics(settings: Settings, app: FastAPI) -> WSGIServer | None:
    """/metrics on COMMPLAN_METRICS_PORT when set (a port only the scraper's network reaches);
    with COMMPLAN_METRICS_TOKEN it is on the app's port too, behind the token; neither: none."""
    if settings.metrics_port is None:
        if settings.metrics_token is None:
            log.info("no /metrics: set COMMPLAN_METRICS_TOKEN or COMMPLAN_METRICS_PORT to serve it")
        return None
    registry = app.state.metrics.registry
    server, _ = start_http_server(settings.metrics_port, addr=settings.host, registry=registry)
    say(f"metrics on http://{settings.host}:{settings.metrics_port}/metrics")
    return server
