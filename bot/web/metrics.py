"""Prometheus metrics, in a registry owned by one app (tests build several apps)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from importlib.metadata import PackageNotFoundError, version

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.requests import Request
from starlette.responses import Response

from storage.database import DatabaseUnavailable

# Label values come from a fixed set: a client choosing its own method (any token is a valid
# HTTP method) or path must not add a time series per request.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER = "other"
UNMATCHED = "unmatched"


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
        path = route_template(request)
        method = request.method if request.method in METHODS else OTHER
        self.requests.labels(method, path, str(response.status_code)).inc()
        self.latency.labels(method, path).observe(time.perf_counter() - started)
        return response


def route_template(request: Request) -> str:
    """The template of the route that answered (``/ical/{token}.ics``), never the raw path: a
    token must not make a time series per caller. The router records the route it chose in
    the scope, routers included with ``include_router`` too; none chosen: ``unmatched``."""
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED


def _safely(check: Callable[[], bool]) -> bool:
    try:
        return check()
    except DatabaseUnavailable:
        return False
