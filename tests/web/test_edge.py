"""The HTTP edge of every app: security headers, /metrics behind a token or its own port,
bounded metric labels, and log lines no client can forge or fill with a token."""

from __future__ import annotations

import logging
import logging.config
import urllib.request

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from bot.cli.serve import serve_metrics
from bot.web.app import create_app
from bot.web.edge import with_security_headers
from bot.web.logs import (
    OneLineFormatter,
    RedactTokens,
    bolt_logger,
    log_config,
    one_line,
    redact_path,
)
from config import load_settings
from storage.database import make_engine
from tests.web.served import free_port

TOKEN = "metrics-token-of-the-tests"
SCRAPER = {"Authorization": f"Bearer {TOKEN}"}


def things() -> APIRouter:
    """A router like the feeds' and the plan page's: a token in the path."""
    router = APIRouter()

    @router.get("/things/{token}")
    def thing(token: str) -> dict[str, int]:
        return {"length": len(token)}

    @router.get("/broken")
    def broken() -> None:
        raise RuntimeError("a bug")

    return router


def client_for(url: str, **values: str) -> TestClient:
    settings = load_settings(COMMPLAN_DATABASE_URL=url, **values)
    app = create_app(settings, make_engine(url), [things()])
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/healthz", 200),
        ("GET", "/no/such/page", 404),
        ("POST", "/healthz", 405),
        ("GET", "/things/abc", 200),
        ("GET", "/broken", 500),
    ],
)
def test_every_answer_carries_the_security_headers(
    sqlite_url: str, method: str, path: str, status: int
) -> None:
    response = client_for(sqlite_url).request(method, path)
    assert response.status_code == status
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["content-security-policy"] == "frame-ancestors 'none'"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_a_routes_own_policy_keeps_its_rules_and_gains_frame_ancestors() -> None:
    own = [(b"content-security-policy", b"default-src 'none'; img-src 'self'")]
    headers = dict(with_security_headers(own))
    assert headers[b"content-security-policy"] == (
        b"default-src 'none'; img-src 'self'; frame-ancestors 'none'"
    )


def test_metrics_are_not_served_without_a_token_or_port(sqlite_url: str) -> None:
    assert client_for(sqlite_url).get("/metrics").status_code == 404


@pytest.mark.parametrize("given", [None, "Bearer wrong-token-of-16-chars", f"Basic {TOKEN}"])
def test_metrics_refuse_a_scraper_without_the_token(sqlite_url: str, given: str | None) -> None:
    client = client_for(sqlite_url, COMMPLAN_METRICS_TOKEN=TOKEN)
    headers = {"Authorization": given} if given else {}
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "commplan_http_requests" not in response.text


def test_a_short_metrics_token_stops_start_up() -> None:
    from config import SettingsError  # noqa: PLC0415

    with pytest.raises(SettingsError, match="COMMPLAN_METRICS_TOKEN"):
        load_settings(COMMPLAN_METRICS_TOKEN="short")


def test_metrics_on_their_own_port_and_not_on_the_apps(sqlite_url: str) -> None:
    port = free_port()
    settings = load_settings(COMMPLAN_DATABASE_URL=sqlite_url, COMMPLAN_METRICS_PORT=str(port))
    app = create_app(settings, make_engine(sqlite_url))
    client = TestClient(app)
    client.get("/healthz")
    assert client.get("/metrics").status_code == 404
    server = serve_metrics(settings, app)
    assert server is not None
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
            text = answer.read().decode()
    finally:
        server.shutdown()
        server.server_close()
    assert 'path="/healthz"' in text


def series(client: TestClient) -> dict[tuple[str, str, str], float]:
    text = client.get("/metrics", headers=SCRAPER).text
    families = {family.name: family for family in text_string_to_metric_families(text)}
    return {
        (sample.labels["method"], sample.labels["path"], sample.labels["status"]): sample.value
        for sample in families["commplan_http_requests"].samples
        if sample.name.endswith("_total")
    }


@pytest.mark.parametrize("count", [100])  # bench/ has the 20,000 of the issue
def test_made_up_methods_share_one_label(sqlite_url: str, count: int) -> None:
    client = client_for(sqlite_url, COMMPLAN_METRICS_TOKEN=TOKEN)
    for number in range(count):
        client.request(f"X{number}", "/healthz")
        client.request(f"X{number}", f"/nothing/{number}")
    found = series(client)
    assert found[("other", "/healthz", "405")] == count
    assert found[("other", "unmatched", "404")] == count
    assert len(found) == 2


def test_router_mounted_routes_are_labelled_by_their_template(sqlite_url: str) -> None:
    client = client_for(sqlite_url, COMMPLAN_METRICS_TOKEN=TOKEN)
    for token in ("first-secret", "second-secret"):
        assert client.get(f"/things/{token}").status_code == 200
    found = series(client)
    assert found[("GET", "/things/{token}", "200")] == 2
    assert not [key for key in found if "secret" in key[1]]


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/ical/AbC-123_x.ics", "/ical/[token].ics"),
        ("/ical/AbC-123_x.ics?x=1", "/ical/[token].ics?x=1"),
        ("/plans/AbC-123_x", "/plans/[token]"),
        ("/plans/AbC-123_x?channel=Intranet", "/plans/[token]?channel=Intranet"),
        ("/plans/AbC-123_x/timeline.png", "/plans/[token]/timeline.png"),
        ("/email/eyJhIjoiZG9uZSJ9.a6OUPg.itlkYCcF-Zcj3o", "/email/[token]"),
        # A calendar link's payload can be guessed: its timestamp and signature must go too.
        ("/calendar/eyJwIjpudWxsfQ.Z2xH8g.kq3L-abc_def", "/calendar/[token]"),
        ("/calendar/eyJwIjpudWxsfQ.Z2xH8g.kq3L-abc_def.png", "/calendar/[token].png"),
        ("/calendar/eyJwIjo3fQ.Z2xH8g.kq3L?from=2027-W10", "/calendar/[token]?from=2027-W10"),
        ("/plans/picture/eyJwbGFuIjozfQ.Z2xH8g.kq3L.png", "/plans/picture/[token].png"),
        ("/healthz", "/healthz"),
        ("/slack/events", "/slack/events"),
    ],
)
def test_the_access_log_shows_no_token(path: str, shown: str) -> None:
    # As uvicorn writes an access record (protocols/http/h11_impl.py).
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", path, "1.1", 200),
        None,
    )
    assert RedactTokens().filter(record)
    line = OneLineFormatter("%(message)s").format(record)
    assert line == f'127.0.0.1:5000 - "GET {shown} HTTP/1.1" 200'
    assert redact_path(path) == shown


def test_a_newline_from_outside_cannot_forge_a_log_line() -> None:
    forged = "done\n2026-12-01 10:00:00,000 ERROR commplan: the database was dropped\x1b[2J"
    record = logging.LogRecord(
        "bot", logging.WARNING, __file__, 1, "slack: unknown action %s", (forged,), None
    )
    line = OneLineFormatter("%(levelname)s %(name)s: %(message)s").format(record)
    assert "\n" not in line and "\x1b" not in line
    assert line.endswith(
        "done\\n2026-12-01 10:00:00,000 ERROR commplan: the database was dropped\\x1b[2J"
    )


def test_a_huge_message_is_cut() -> None:
    text = one_line("x" * 100_000)
    assert len(text) < 4100 and text.endswith("(96000 more characters)")


def test_no_library_writes_request_bodies_even_at_debug() -> None:
    config = log_config("DEBUG")
    names = ["", *config["loggers"]]
    kept = [
        (logger, logger.level, logger.handlers[:], logger.propagate)
        for logger in map(logging.getLogger, names)
    ]
    try:
        logging.config.dictConfig(config)
        assert logging.getLogger().isEnabledFor(logging.DEBUG)
        # The Teams SDK writes each activity at DEBUG; bolt writes bodies at INFO.
        assert not logging.getLogger("microsoft_teams.apps.app_process").isEnabledFor(logging.DEBUG)
        assert not bolt_logger().isEnabledFor(logging.INFO)
    finally:
        for logger, level, handlers, propagate in kept:
            logger.setLevel(level)
            logger.handlers[:] = handlers
            logger.propagate = propagate
