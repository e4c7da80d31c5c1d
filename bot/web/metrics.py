"""Prometheus metrics, in a registry owned by one app (tests build several apps)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from importlib.metadata import PackageNotFoundError, version

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match

from storage.database import DatabaseUnavailable


def package_version() -> str:
    try:
        return version("commplan")
    except PackageNotFoundError:  # running from a checkout without installing
        return "unknown"


class Metrics:
    def __init__(self, database_up: Callable[[], bool]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "commplan_http_requests",
            "HTTP requests answered.",
            ["method", "path", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "commplan_http_request_seconds",
            "Time to answer an HTTP request.",
            ["method", "path"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
        )
        build = Gauge(
            "commplan_build_info", "The running version.", ["version"], registry=self.registry
        )
        build.labels(package_version()).set(1)
        up = Gauge(
            "commplan_database_up", "1 when the database answers, else 0.", registry=self.registry
        )
        up.set_function(lambda: 1.0 if _safely(database_up) else 0.0)

    async def middleware(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        # The route's template, not the raw path: a token in /ical/{token}.ics must not make
        # a new time series per caller.
        path = "unmatched"
        for route in request.app.router.routes:
            match, _ = route.matches(request.scope)
            if match is Match.FULL:
                path = getattr(route, "path", "unmatched")
                break
        self.requests.labels(request.method, path, str(response.status_code)).inc()
        self.latency.labels(request.method, path).observe(time.perf_counter() - started)
        return response


def _safely(check: Callable[[], bool]) -> bool:
    try:
        return check()
    except DatabaseUnavailable:
        return False
