"""The Slack app under load: `/commplan upcoming` with 100k activities, and 50 clicks at once.

Run: .venv/bin/python -m bench.slack [--activities 100000] [--rounds 300] [--url postgresql://...]

A child process serves the real app (create_app with the Slack surface) under uvicorn; a fake
Slack Web API runs in this process (bolt's auth.test, the message updates). Requests are signed
as Slack signs them.

1. Slash command: `/commplan upcoming` from a linked user, end to end (signed request to the
   answer, which is the acknowledgement), ``rounds`` times on one kept-alive connection.
2. Clicks: 10 approval requests (rule "any"), each clicked Approve by 5 members at the same
   moment (50 clicks from 50 threads): the time to each acknowledgement, and the decisions
   recorded per request once every click has been handled.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import multiprocessing
import statistics
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from sqlalchemy import Engine, insert, text, update

from bench.feeds import free_port, summary, wait_for
from bench.seed import decisions_per_request, resync_sequences, seed
from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from config import load_settings
from storage.database import make_engine
from storage.migrate import upgrade
from storage.models import Base, ChatAddress, Origin, Person, Surface
from tests.fakes.slack_api import FakeSlack

SECRET = "bench-signing-secret"
CLI = Actor(Origin.CLI, None, "bench", admin=True)


def settings_for(url: str, slack_url: str) -> dict[str, str]:
    return {
        "COMMPLAN_DATABASE_URL": url,
        "COMMPLAN_LANGUAGE": "en",
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "COMMPLAN_SLACK_API_URL": slack_url,
        "COMMPLAN_LOG_LEVEL": "WARNING",
    }


def serve(values: dict[str, str], port: int) -> None:
    import uvicorn  # noqa: PLC0415 - the child process only

    from bot.cli.serve import surfaces  # noqa: PLC0415
    from bot.transports.slack.app import SlackSurface  # noqa: PLC0415
    from bot.web.app import create_app  # noqa: PLC0415

    settings = load_settings(**values)
    services = Services.create(settings, make_engine(values["COMMPLAN_DATABASE_URL"]))
    slack = SlackSurface(services, settings)
    app = create_app(settings, services.context.engine, surfaces(services, [slack]), settle=True)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def signed(body: bytes) -> dict[str, str]:
    stamp = str(int(time.time()))
    base = b"v0:" + stamp.encode() + b":" + body
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": "v0=" + hmac.new(SECRET.encode(), base, hashlib.sha256).hexdigest(),
    }


def post(connection: http.client.HTTPConnection, body: bytes) -> tuple[float, int]:
    started = time.perf_counter()
    connection.request("POST", "/slack/events", body=body, headers=signed(body))
    response = connection.getresponse()
    response.read()
    return (time.perf_counter() - started) * 1000, response.status


def prepare(services: Services, members: int, requests: int) -> list[tuple[int, int]]:
    """People linked to Slack, a steering group deciding by "any", requests to click."""
    with services.context.engine.begin() as connection:
        for person_id in range(1, members + 1):
            connection.execute(update(Person).where(Person.id == person_id).values(locale="en"))
            connection.execute(
                insert(ChatAddress).values(
                    person_id=person_id, surface=Surface.SLACK.value, address=f"UB{person_id}"
                )
            )
    services.steering.create(
        "Bench group",
        "team-0",
        CLI,
        rule="any",
        members=tuple(f"#{n}" for n in range(1, members + 1)),
        channels={Surface.SLACK: "CBENCH"},
    )
    services.steering.assign("Bench group", "Plan 0", CLI)
    activities = [
        services.activities.add("Plan 0", f"Bench {n}", CLI, fields={"when": "1 June 2030"})
        for n in range(requests)
    ]
    made = [services.approvals.request(a.activity.id, CLI, text="Udkast") for a in activities]
    return [(request.id, request.version) for request in made]


def post_requests(services: Services, fake: FakeSlack) -> dict[int, str]:
    """One scheduler tick posts the requests in the channel, as in production: request -> ts."""
    make_tick(services)()
    return {
        int(element["value"].split(":")[0]): message.ts
        for message in fake.posted
        if message.channel == "CBENCH"
        for block in message.blocks
        if block.get("type") == "actions"
        for element in block["elements"]
        if element["action_id"] == "commplan_approve"
    }


def click(port: int, user: str, request: tuple[int, int, str], barrier: threading.Barrier) -> float:
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "team": {"id": "T1"},
        "trigger_id": "t",
        "container": {"type": "message", "channel_id": "CBENCH", "message_ts": request[2]},
        "actions": [
            {
                "action_id": "commplan_approve",
                "value": f"{request[0]}:{request[1]}",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    barrier.wait()
    elapsed, status = post(connection, body)
    assert status == 200, status
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: a new SQLite file")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="commplan-bench-"))
    url = args.url or f"sqlite:///{folder / 'slack.db'}"
    engine = make_engine(url)
    if args.url:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    fake = FakeSlack().start()
    values = settings_for(url, fake.url)
    services = Services.create(load_settings(**values), engine)
    seed(engine, args.activities, services.context.today())
    resync_sequences(engine)
    pairs = prepare(services, members=50, requests=10)
    posted = post_requests(services, fake)
    targets = [(request, version, posted[request]) for request, version in pairs]
    if args.url:
        with engine.begin() as connection:
            for table in Base.metadata.sorted_tables:
                connection.execute(text(f'ANALYZE "{table.name}"'))

    port = free_port()
    child = multiprocessing.get_context("spawn").Process(target=serve, args=(values, port))
    child.start()
    try:
        backend = "postgresql" if args.url else "sqlite"
        print(f"slack on {backend}, {args.activities} activities, served by uvicorn:")
        slash_command(wait_for(port), args.rounds)
        clicks(port, targets, engine, fake)
    finally:
        child.terminate()
        child.join()
        fake.stop()


def slash_command(connection: http.client.HTTPConnection, rounds: int) -> None:
    form = {"command": "/commplan", "text": "upcoming", "user_id": "UB1", "team_id": "T1"}
    body = urllib.parse.urlencode(form).encode()
    for _ in range(5):  # warm: bolt's auth.test, imports, statement caches
        post(connection, body)
    times = []
    for _ in range(rounds):
        elapsed, status = post(connection, body)
        assert status == 200, status
        times.append(elapsed)
    print(f"  /commplan upcoming, {rounds} signed requests: {summary(times)}")


def clicks(port: int, pairs: list[tuple[int, int, str]], engine: Engine, fake: FakeSlack) -> None:
    barrier = threading.Barrier(50)
    acks: list[float] = []
    threads = []
    for index in range(50):
        request = pairs[index % len(pairs)]
        user = f"UB{index + 1}"
        thread = threading.Thread(
            target=lambda u=user, r=request: acks.append(click(port, u, r, barrier))
        )
        threads.append(thread)
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(3)  # the work after each acknowledgement (decide, update the message)
    per_request = decisions_per_request(engine, [request_id for request_id, _, _ in pairs])
    print(f"  50 approval clicks at once (10 requests x 5 members): acks {summary(acks)}")
    print(f"    slowest ack {max(acks):.1f} ms, median {statistics.median(acks):.1f} ms")
    print(f"    decisions recorded per request: {per_request}")
    updated = len({(c["channel"], c["ts"]) for c in fake.calls_of("chat.update")})
    refusals = len(fake.calls_of("chat.postEphemeral"))
    print(
        f"    channel messages updated: {updated}; ephemeral refusals (request closed): {refusals}"
    )


if __name__ == "__main__":
    main()
