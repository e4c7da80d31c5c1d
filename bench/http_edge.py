"""The HTTP edge against hostile clients: 50 MB bodies, and 20,000 made-up HTTP methods.

Run: .venv/bin/python -m bench.http_edge [--bodies 5] [--megabytes 50] [--methods 20000]

A child process serves the real app (create_app with the Slack surface) under uvicorn on a
migrated SQLite file; this process is the client. The child's memory is read from
/proc/<pid>/status (VmRSS now, VmHWM the peak) before and after each part.

1. Bodies: ``bodies`` POSTs of ``megabytes`` MB to /slack/events, half with a Content-Length,
   half chunked: each must be 413 and the child's peak must not grow by the bodies' size.
2. Methods: ``methods`` requests to /healthz, each with a method of its own (X0, X1, ...), on
   one kept-alive connection; then a scrape of /metrics (with the token): the number of time
   series, the scrape's size and time.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import tempfile
import time
from pathlib import Path

from bench.feeds import free_port, wait_for
from tests.web.served import post_large

SECRET = "bench-signing-secret"
TOKEN = "bench-metrics-token-0123456789"


def serve(url: str, port: int) -> None:
    import uvicorn  # noqa: PLC0415 - in the child only

    from bot.cli.serve import surfaces  # noqa: PLC0415
    from bot.services import Services  # noqa: PLC0415
    from bot.transports.slack.app import SlackSurface  # noqa: PLC0415
    from bot.web.app import create_app  # noqa: PLC0415
    from config import load_settings  # noqa: PLC0415
    from storage.database import make_engine  # noqa: PLC0415

    settings = load_settings(
        COMMPLAN_DATABASE_URL=url,
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=SECRET,
        COMMPLAN_SLACK_API_URL="http://127.0.0.1:9/api/",
        COMMPLAN_METRICS_TOKEN=TOKEN,
    )
    engine = make_engine(url)
    services = Services.create(settings, engine)
    routers = surfaces(services, [SlackSurface(services, settings)])
    app = create_app(settings, engine, routers, settle=True)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def memory_mb(pid: int) -> tuple[float, float]:
    """The child's (RSS, peak RSS) in MB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) / 1024
    return found["VmRSS"], found["VmHWM"]


def bodies(port: int, pid: int, count: int, megabytes: int) -> None:
    rss, peak = memory_mb(pid)
    started = time.perf_counter()
    statuses = [
        post_large(port, "/slack/events", megabytes * 1024 * 1024, chunked=n % 2 == 1)
        for n in range(count)
    ]
    elapsed = time.perf_counter() - started
    after, after_peak = memory_mb(pid)
    print(f"{count} bodies of {megabytes} MB to /slack/events: statuses {sorted(set(statuses))}")
    print(f"  {elapsed:.2f} s in all; child RSS {rss:.0f} -> {after:.0f} MB,")
    print(f"  peak {peak:.0f} -> {after_peak:.0f} MB (growth {after_peak - peak:.1f} MB)")


def methods(port: int, pid: int, count: int) -> None:
    rss, _ = memory_mb(pid)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    for number in range(count):
        connection.request(f"X{number}", "/healthz")
        connection.getresponse().read()
    elapsed = time.perf_counter() - started
    after, _ = memory_mb(pid)
    scraped = time.perf_counter()
    connection.request("GET", "/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    text = connection.getresponse().read()
    scrape = time.perf_counter() - scraped
    series = [
        line
        for line in text.decode().splitlines()
        if line.startswith("commplan_http_requests_total")
    ]
    print(f"{count} requests with made-up methods: {elapsed:.1f} s")
    print(f"  child RSS {rss:.0f} -> {after:.0f} MB; /metrics {len(text) / 1024:.1f} KB")
    print(f"  in {scrape * 1000:.1f} ms, {len(series)} request series:")
    for line in series:
        print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", type=int, default=5)
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--methods", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        from storage.database import make_engine  # noqa: PLC0415
        from storage.migrate import upgrade  # noqa: PLC0415

        upgrade(make_engine(url))
        port = free_port()
        child = multiprocessing.get_context("spawn").Process(target=serve, args=(url, port))
        child.start()
        try:
            wait_for(port).close()
            assert child.pid is not None
            bodies(port, child.pid, args.bodies, args.megabytes)
            methods(port, child.pid, args.methods)
        finally:
            child.terminate()
            child.join()


if __name__ == "__main__":
    main()
