"""The Teams app under load: `upcoming` with 100k activities, and 50 approval clicks at once.

Run: .venv/bin/python -m bench.msteams [--activities 100000] [--rounds 300] [--url postgresql://...]

A child process serves the real app (create_app with the Teams surface, the SDK's token
validation on) under uvicorn; a fake Bot Connector runs in this process, serving the signing
keys too, so every request carries an RS256 token the SDK verifies as in production.

1. Command: "upcoming" from a linked person in their personal chat, end to end: the activity
   posted to /api/messages until its 200, which Teams' SDK gives after the answer card has been
   posted to the Bot Connector. ``rounds`` times on one kept-alive connection.
2. Clicks: 10 approval requests (rule "any") in the steering channel, each clicked Approve by 5
   members at the same moment (50 invokes from 50 threads): the time to each invoke's answer
   (the decision recorded, the channel card rewritten), and the decisions per request.
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import json
import multiprocessing
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from sqlalchemy import Engine, insert, text, update

from bench.feeds import free_port, summary, wait_for
from bench.seed import decisions_per_request, resync_sequences, seed
from bot.cli.serve import make_tick
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.msteams.notifier import MsTeamsNotifier
from bot.transports.msteams.sdk import msteams_app
from bot.transports.msteams.sender import MsTeamsSender
from bot.web.heap import settle_heap
from config import load_settings
from storage.database import make_engine
from storage.migrate import upgrade
from storage.models import Base, ChatAddress, Origin, Person, Surface
from tests.fakes.msteams_connector import FakeConnector
from tests.transports.msteams.harness import APP_ID, TENANT, TOKEN, actions_of, token_source

CLI = Actor(Origin.CLI, None, "bench", admin=True)
CHANNEL = "19:bench@thread.tacv2"
REQUESTS = 10


def settings_for(url: str, connector_url: str) -> dict[str, str]:
    return {
        "COMMPLAN_DATABASE_URL": url,
        "COMMPLAN_LANGUAGE": "en",
        "TEAMS_APP_ID": APP_ID,
        "TEAMS_APP_PASSWORD": "unused-the-bench-gives-a-token",
        "TEAMS_TENANT_ID": TENANT,
        "COMMPLAN_TEAMS_SERVICE_URL": connector_url,
        "COMMPLAN_LOG_LEVEL": "WARNING",
    }


def serve(values: dict[str, str], port: int) -> None:
    import uvicorn  # noqa: PLC0415 - the child process only
    from microsoft_teams.api.auth.cloud_environment import PUBLIC  # noqa: PLC0415

    from bot.cli.serve import surfaces  # noqa: PLC0415
    from bot.transports.msteams.app import MsTeamsSurface  # noqa: PLC0415
    from bot.web.app import create_app  # noqa: PLC0415

    settings = load_settings(**values)
    services = Services.create(settings, make_engine(values["COMMPLAN_DATABASE_URL"]))
    keys = f"{values['COMMPLAN_TEAMS_SERVICE_URL']}v1/.well-known/openidconfiguration"
    cloud = dataclasses.replace(PUBLIC, openid_metadata_url=keys)
    msteams = MsTeamsSurface(services, settings, token=token_source, cloud=cloud)
    routers = surfaces(services, [msteams])
    app = create_app(settings, services.context.engine, routers, settle=True)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


class Signer:
    """Signs inbound tokens as the Bot Framework would, with a key the fake publishes."""

    def __init__(self, fake: FakeConnector) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        fake.jwks = {"keys": [public | {"kid": "bench", "use": "sig", "alg": "RS256"}]}
        self.pem = self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        self.service_url = fake.url

    def header(self) -> str:
        now = int(time.time())
        claims = {
            "iss": "https://api.botframework.com",
            "aud": APP_ID,
            "serviceurl": self.service_url,
            "nbf": now - 60,
            "exp": now + 3600,
        }
        return "Bearer " + jwt.encode(claims, self.pem, algorithm="RS256", headers={"kid": "bench"})


def activity(service_url: str, user: str, conversation: str, **fields: Any) -> dict[str, Any]:
    kind = "channel" if conversation.startswith("19:") else "personal"
    return {
        "id": f"bench-{time.perf_counter_ns()}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "locale": "en-US",
        "from": {"id": user, "name": user, "aadObjectId": f"aad-{user}"},
        "recipient": {"id": f"28:{APP_ID}", "name": "commplan"},
        "conversation": {"id": conversation, "conversationType": kind, "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}},
        **fields,
    }


def post(
    connection: http.client.HTTPConnection, body: dict[str, Any], authorization: str
) -> tuple[float, int, bytes]:
    data = json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "Authorization": authorization}
    started = time.perf_counter()
    connection.request("POST", "/api/messages", body=data, headers=headers)
    response = connection.getresponse()
    answer = response.read()
    return (time.perf_counter() - started) * 1000, response.status, answer


def prepare(services: Services, fake: FakeConnector, members: int, requests: int) -> list[int]:
    """People linked to Teams, a steering group deciding by "any", requests to click."""
    with services.context.engine.begin() as connection:
        for person_id in range(1, members + 1):
            connection.execute(update(Person).where(Person.id == person_id).values(locale="en"))
            connection.execute(
                insert(ChatAddress).values(
                    person_id=person_id,
                    surface=Surface.MSTEAMS.value,
                    address=f"aad-29:b{person_id}",
                    conversation=f"a:b{person_id}",
                    route=fake.url,
                )
            )
    services.steering.create(
        "Bench group",
        "team-0",
        CLI,
        rule="any",
        members=tuple(f"#{n}" for n in range(1, members + 1)),
    )
    services.steering.configure("Bench group", CLI, channels={Surface.MSTEAMS: CHANNEL})
    services.steering.assign("Bench group", "Plan 0", CLI)
    activities = [
        services.activities.add("Plan 0", f"Bench {n}", CLI, fields={"when": "1 June 2030"})
        for n in range(requests)
    ]
    return [services.approvals.request(a.activity.id, CLI, text="Udkast").id for a in activities]


def post_requests(services: Services, fake: FakeConnector) -> list[tuple[dict[str, Any], str]]:
    """One scheduler tick posts the request cards in the channel: (Approve action, message id)."""
    sender = MsTeamsSender(msteams_app(services.context.settings, token=token_source))
    try:
        make_tick(services, MsTeamsNotifier(services, sender))()
    finally:
        sender.close()
    found: list[tuple[dict[str, Any], str]] = []
    for call in fake.posted(CHANNEL):
        approve = [a for a in actions_of(call.cards[0]) if a.get("verb") == "approve"]
        found.extend((action, call.activity_id or "") for action in approve)
    if len(found) != REQUESTS:
        raise SystemExit(f"expected {REQUESTS} request cards in the channel, found {len(found)}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: a new SQLite file")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="commplan-bench-"))
    url = args.url or f"sqlite:///{folder / 'teams.db'}"
    engine = make_engine(url)
    if args.url:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    fake = FakeConnector(TOKEN).start()
    signer = Signer(fake)
    values = settings_for(url, fake.url)
    services = Services.create(load_settings(**values), engine)
    seed(engine, args.activities, services.context.today())
    resync_sequences(engine)
    prepare(services, fake, members=50, requests=REQUESTS)
    targets = post_requests(services, fake)
    if args.url:
        with engine.begin() as connection:
            for table in Base.metadata.sorted_tables:
                connection.execute(text(f'ANALYZE "{table.name}"'))

    port = free_port()
    child = multiprocessing.get_context("spawn").Process(target=serve, args=(values, port))
    child.start()
    try:
        backend = "postgresql" if args.url else "sqlite"
        print(f"teams on {backend}, {args.activities} activities, served by uvicorn:")
        # The fake Bot Connector answers from this process: its own collector must not pause
        # it (it walks the seed's objects), or the pause shows up as commplan's.
        settle_heap()
        command(wait_for(port), signer, args.rounds)
        clicks(port, signer, targets, engine, fake)
    finally:
        child.terminate()
        child.join()
        fake.stop()


def command(connection: http.client.HTTPConnection, signer: Signer, rounds: int) -> None:
    def body() -> dict[str, Any]:
        return activity(signer.service_url, "29:b1", "a:b1", type="message", text="upcoming")

    for _ in range(5):  # warm: the signing keys, imports, statement caches
        post(connection, body(), signer.header())
    times = []
    for _ in range(rounds):
        elapsed, status, _ = post(connection, body(), signer.header())
        assert status == 200, status
        times.append(elapsed)
    print(f"  upcoming, {rounds} signed activities (answer card posted): {summary(times)}")
    slowest = ", ".join(f"{ms:.0f}" for ms in sorted(times)[-5:])
    print(f"    the 5 slowest: {slowest} ms; over 100 ms: {sum(ms > 100 for ms in times)}")


def click(
    port: int,
    signer: Signer,
    user: str,
    target: tuple[dict[str, Any], str],
    barrier: threading.Barrier,
) -> float:
    action, message = target
    value = {"action": {"type": "Action.Execute", "verb": "approve", "data": action["data"]}}
    body = activity(
        signer.service_url,
        user,
        CHANNEL,
        type="invoke",
        name="adaptiveCard/action",
        value=value,
        replyToId=message,
    )
    authorization = signer.header()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    barrier.wait()
    elapsed, status, _ = post(connection, body, authorization)
    assert status == 200, status
    return elapsed


def clicks(
    port: int,
    signer: Signer,
    targets: list[tuple[dict[str, Any], str]],
    engine: Engine,
    fake: FakeConnector,
) -> None:
    barrier = threading.Barrier(50)
    answers: list[float] = []
    threads = []
    for index in range(50):
        target = targets[index % len(targets)]
        user = f"29:b{index + 1}"
        thread = threading.Thread(
            target=lambda u=user, t=target: answers.append(click(port, signer, u, t, barrier))
        )
        threads.append(thread)
        thread.start()
    for thread in threads:
        thread.join()
    requests = [int(action["data"]["value"].split(":")[0]) for action, _ in targets]
    per_request = decisions_per_request(engine, requests)
    print(f"  50 approval clicks at once (10 requests x 5 members): answers {summary(answers)}")
    print(f"    slowest {max(answers):.1f} ms, median {statistics.median(answers):.1f} ms")
    print(f"    decisions recorded per request: {per_request}")
    updated = len({call.activity_id for call in fake.updated()})
    print(f"    channel cards rewritten: {updated}")


if __name__ == "__main__":
    main()
