"""The web app: /healthz and /metrics on real databases."""

from __future__ import annotations

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from bot.web.app import create_app
from config import load_settings
from storage.database import make_engine

TOKEN = "metrics-token-of-the-tests"
SCRAPER = {"Authorization": f"Bearer {TOKEN}"}


def client_for(url: str, **settings: str) -> TestClient:
    loaded = load_settings(COMMPLAN_DATABASE_URL=url, COMMPLAN_METRICS_TOKEN=TOKEN, **settings)
    return TestClient(create_app(loaded, make_engine(url)))


def test_healthz_ok_on_each_backend(db_url: str) -> None:
    response = client_for(db_url).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_503_without_database_and_says_nothing_secret() -> None:
    response = client_for("postgresql://user:s3cret@127.0.0.1:9/none").get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    assert "s3cret" not in response.text


def test_metrics_count_requests_by_route_template(sqlite_url: str) -> None:
    client = client_for(sqlite_url)
    for _ in range(3):
        client.get("/healthz")
    client.get("/no/such/page")
    families = {
        family.name: family
        for family in text_string_to_metric_families(client.get("/metrics", headers=SCRAPER).text)
    }
    requests = {
        (sample.labels["path"], sample.labels["status"]): sample.value
        for sample in families["commplan_http_requests"].samples
        if sample.name.endswith("_total")
    }
    assert requests[("/healthz", "200")] == 3
    assert requests[("unmatched", "404")] == 1
    assert families["commplan_database_up"].samples[0].value == 1
    assert families["commplan_build_info"].samples[0].labels["version"]


def test_two_apps_keep_separate_registries(sqlite_url: str) -> None:
    first, second = client_for(sqlite_url), client_for(sqlite_url)
    first.get("/healthz")
    assert 'path="/healthz"' not in second.get("/metrics", headers=SCRAPER).text
