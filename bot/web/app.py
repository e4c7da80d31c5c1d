"""Building the FastAPI app that `commplan serve` runs."""

from __future__ import annotations

import hmac
from collections.abc import Sequence

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp

from bot.web.edge import DEFAULT_MAX_BODY, SecurityHeaders
from bot.web.heap import HeapSettler, settle_heap
from bot.web.home import home_router
from bot.web.metrics import Metrics, package_version
from config import Settings
from scheduler.breaker import down_surfaces
from storage.database import DatabaseUnavailable, check_connection, session_factory
from storage.models import surface_word


class CommplanApp(FastAPI):
    """FastAPI with ``SecurityHeaders`` outside everything: around the error middleware too,
    which answers a 500 (and the app-wide 413) outside every middleware an app may add."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


def create_app(
    settings: Settings,
    engine: Engine,
    routers: Sequence[APIRouter] = (),
    *,
    settle: bool = False,
) -> FastAPI:
    """The app; ``routers`` adds the surfaces (their apps, the feeds, the pages). ``settle``: keep
    the garbage collector's pauses short (bot/web/heap.py), for a serving process only, not
    for a test process that builds many apps."""
    app = CommplanApp(
        title="commplan",
        version=package_version(),
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        max_body_size=DEFAULT_MAX_BODY,  # each surface's routes set their registry entry's
    )

    def database_up() -> bool:
        try:
            check_connection(engine)
        except DatabaseUnavailable:
            return False
        return True

    sessions = session_factory(engine)

    def surfaces_down() -> dict[str, str]:
        with sessions() as session:
            return {
                surface_word(health.surface): health.down_since.isoformat()
                for health in down_surfaces(session)
                if health.down_since is not None
            }

    metrics = Metrics(database_up)
    app.middleware("http")(metrics.middleware)
    if settle:
        app.middleware("http")(HeapSettler().middleware)
    app.state.settings = settings
    app.state.engine = engine
    app.state.metrics = metrics

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        # No exception text and no URL in the answer: it is public.
        if await run_in_threadpool(database_up):
            # A surface that does not answer is named, with since when: the process is fine
            # (200), its messages wait (scheduler/breaker.py).
            down = await run_in_threadpool(surfaces_down)
            if down:
                return JSONResponse({"status": "ok", "database": "ok", "surfaces_down": down})
            return JSONResponse({"status": "ok", "database": "ok"})
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)

    if settings.metrics_token is not None:
        expected = f"Bearer {settings.metrics_token.get_secret_value()}".encode()

        # Only with the token: the metrics name routes, versions and traffic (COMMPLAN_METRICS_PORT
        # serves them on a port of their own instead, bot/cli/serve.py).
        @app.get("/metrics")
        async def metrics_text(request: Request) -> Response:
            given = request.headers.get("authorization", "").encode()
            if not hmac.compare_digest(given, expected):
                return PlainTextResponse(
                    "Unauthorized\n", status_code=401, headers={"WWW-Authenticate": "Bearer"}
                )
            body = await run_in_threadpool(generate_latest, metrics.registry)
            return PlainTextResponse(body, media_type=CONTENT_TYPE_LATEST)

    app.include_router(home_router(settings))
    for router in routers:
        app.include_router(router)
    if settle:
        settle_heap()  # everything start-up makes exists by now
    return app
