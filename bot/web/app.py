"""Building the FastAPI app that `commplan serve` runs."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from bot.web.heap import HeapSettler, settle_heap
from bot.web.home import home_router
from bot.web.metrics import Metrics, package_version
from config import Settings
from storage.database import DatabaseUnavailable, check_connection


def create_app(
    settings: Settings,
    engine: Engine,
    routers: Sequence[APIRouter] = (),
    *,
    settle: bool = False,
) -> FastAPI:
    """The app; ``routers`` adds the surfaces (Slack, Teams, feeds, pages). ``settle``: keep
    the garbage collector's pauses short (bot/web/heap.py), for a serving process only, not
    for a test process that builds many apps."""
    app = FastAPI(
        title="commplan", version=package_version(), docs_url=None, redoc_url=None, openapi_url=None
    )

    def database_up() -> bool:
        try:
            check_connection(engine)
        except DatabaseUnavailable:
            return False
        return True

    metrics = Metrics(database_up)
    app.middleware("http")(metrics.middleware)
    if settle:
        app.middleware("http")(HeapSettler().middleware)
    app.state.settings = settings
    app.state.engine = engine

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        # No exception text and no URL in the answer: it is public.
        if await run_in_threadpool(database_up):
            return JSONResponse({"status": "ok", "database": "ok"})
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)

    @app.get("/metrics")
    async def metrics_text() -> PlainTextResponse:
        body = await run_in_threadpool(generate_latest, metrics.registry)
        return PlainTextResponse(body, media_type=CONTENT_TYPE_LATEST)

    app.include_router(home_router(settings))
    for router in routers:
        app.include_router(router)
    if settle:
        settle_heap()  # everything start-up makes exists by now
    return app
