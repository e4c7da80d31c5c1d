"""Calendar feeds: a 5,000-activity team feed in full, the 304 path, and the 404 paths.

Run: .venv/bin/python -m bench.feeds [--activities 5000] [--rounds 50] [--url postgresql://...]

A child process serves the real app (create_app with the feed router) under uvicorn on a free
port; this process is the calendar app, on one kept-alive HTTP connection. The team's feed has
``activities`` activities (dates, windows, monthly recurrences, done and recently cancelled ones,
each with a responsible person); four other teams hold as many again, so the query has to pick.
Times are wall-clock per request as the client sees them, and (on Linux) the serving process's
CPU time per request, steadier on a shared machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import multiprocessing
import os
import random
import resource
import secrets
import socket
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, insert, select, text, update

from storage.database import make_engine
from storage.migrate import upgrade
from storage.models import Activity, ActivityResponsible, Person, Plan, Team
from storage.rules.timing import TimingKind
from storage.tokens import new_token, token_digest

TEAMS = 5
PLANS_PER_TEAM = 5
PEOPLE_PER_TEAM = 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def seed(engine: Engine, per_team: int, today: dt.date) -> list[str]:
    """``per_team`` activities in each of five teams; returns the teams' feed tokens."""
    rng = random.Random(11)
    now = dt.datetime.now(dt.UTC)
    tokens = [secrets.token_urlsafe(32) for _ in range(TEAMS)]
    with engine.begin() as connection:
        connection.execute(
            insert(Team),
            [
                {
                    "id": team + 1,
                    "slug": f"team-{team}",
                    "name": f"Team {team}",
                    "feed_token_hash": token_digest(token),
                    "created_at": now,
                }
                for team, token in enumerate(tokens)
            ],
        )
        people = TEAMS * PEOPLE_PER_TEAM
        connection.execute(
            insert(Person),
            [
                {"id": p + 1, "name": f"Medarbejder {p} Østergård", "active": True}
                | {"created_at": now}
                for p in range(people)
            ],
        )
        plans = TEAMS * PLANS_PER_TEAM
        connection.execute(
            insert(Plan),
            [
                {
                    "id": n + 1,
                    "team_id": n // PLANS_PER_TEAM + 1,
                    "name": f"Kommunikationsplan {n}",
                    "country": "DK",
                    "time_zone": "Europe/Copenhagen",
                    "language": "da",
                    "status": "active",
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(plans)
            ],
        )
        rows, links = [], []
        for n in range(per_team * TEAMS):
            plan = n % plans
            team = plan // PLANS_PER_TEAM
            due = today + dt.timedelta(days=rng.randint(-60, 400))
            kind, start, rrule = TimingKind.DATE, due, None
            roll = rng.random()
            if roll < 0.2:
                kind, start = TimingKind.WINDOW, due - dt.timedelta(days=rng.randint(5, 90))
            elif roll < 0.3:
                kind, start, rrule = TimingKind.RECURRING, due, "FREQ=MONTHLY"
            status = "planned"
            if rng.random() < 0.25:
                status = "done"
            elif rng.random() < 0.05:
                status = "cancelled"
            rows.append(
                {
                    "id": n + 1,
                    "plan_id": plan + 1,
                    "position": n,
                    "title": f"Nyhedsbrev {n}: status på udbuddet, næste skridt",
                    "target_group": "Medarbejdere på plejecentre; ledere, tillidsrepræsentanter",
                    "message": "Hvad udbuddet betyder for hverdagen, og hvornår det sker",
                    "channel": "Intranet og personalemøde",
                    "when_text": due.isoformat(),
                    "timing_kind": kind.value,
                    "timing_start": start,
                    "timing_due": None if rrule else due,
                    "timing_rrule": rrule,
                    "timing_tentative": rng.random() < 0.1,
                    "next_due": due,
                    "status": status,
                    "cancelled_at": now if status == "cancelled" else None,
                    "responsible_steering_group": False,
                    "requires_approval": False,
                    "sequence": rng.randint(0, 5),
                    "created_at": now,
                    "updated_at": now,
                }
            )
            person = team * PEOPLE_PER_TEAM + rng.randrange(PEOPLE_PER_TEAM) + 1
            links.append({"activity_id": n + 1, "person_id": person})
            if len(rows) == 5000:
                connection.execute(insert(Activity), rows)
                connection.execute(insert(ActivityResponsible), links)
                rows, links = [], []
        if rows:
            connection.execute(insert(Activity), rows)
            connection.execute(insert(ActivityResponsible), links)
    return tokens


def serve(url: str, port: int, public_url: str | None = None) -> None:
    import uvicorn  # noqa: PLC0415 - the child process only

    from bot.services import Services  # noqa: PLC0415
    from bot.web.app import create_app  # noqa: PLC0415
    from bot.web.feeds import feed_router  # noqa: PLC0415
    from config import load_settings  # noqa: PLC0415

    extra = {"COMMPLAN_PUBLIC_URL": public_url} if public_url else {}
    settings = load_settings(COMMPLAN_DATABASE_URL=url, **extra)
    services = Services.create(settings, make_engine(url))
    app = create_app(settings, services.context.engine, [feed_router(services.feeds)])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def timed(
    connection: http.client.HTTPConnection, path: str, headers: dict[str, str]
) -> tuple[float, int, bytes, dict[str, str]]:
    start = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, response.status, body, dict(response.getheaders())


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):7.2f} ms   p99 {p99:7.2f} ms"


def wait_for(port: int) -> http.client.HTTPConnection:
    deadline = time.monotonic() + 30
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return connection
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def server_cpu_ms(pid: int | None) -> float:
    """The serving process's CPU time so far (Linux; 0 elsewhere): steadier than wall time
    on a shared machine, and what a replica pays per request."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def cpu_per_request(pid: int | None, requests: Callable[[], list[float]]) -> list[float]:
    """Run ``requests`` and print the server's CPU time per request beside the wall times."""
    before = server_cpu_ms(pid)
    times = requests()
    spent = server_cpu_ms(pid) - before
    if spent:
        print(f"    (server CPU {spent / len(times):.2f} ms a request)")
    return times


def measure(
    connection: http.client.HTTPConnection, token: str, rounds: int, pid: int | None = None
) -> None:
    path = f"/ical/{token}.ics"
    full: list[float] = []
    etag = ""
    size = events = 0
    for round_ in range(rounds + 3):
        elapsed, status, body, headers = timed(connection, path, {})
        assert status == 200, status
        if round_ >= 3:  # the first requests warm the child's caches and imports
            full.append(elapsed)
        etag, size, events = headers["etag"], len(body), body.count(b"BEGIN:VEVENT")
    many = rounds * 10
    near = f"/ical/{token[:-1]}{'A' if token[-1] != 'A' else 'B'}.ics"
    print(f"  {events} events in the measured feed ({size / 1e6:.2f} MB)")
    print(f"  full feed (200), {rounds} requests:        {summary(full)}")
    not_modified = cpu_per_request(
        pid,
        lambda: [
            _expect(timed(connection, path, {"If-None-Match": etag}), 304) for _ in range(many)
        ],
    )
    print(f"  unchanged (304), {many} requests:       {summary(not_modified)}")
    unknown = cpu_per_request(
        pid,
        lambda: [
            _expect(timed(connection, f"/ical/{secrets.token_urlsafe(32)}.ics", {}), 404)
            for _ in range(many)
        ],
    )
    print(f"  unknown token (404), {many} requests:   {summary(unknown)}")
    near_miss = [_expect(timed(connection, near, {}), 404) for _ in range(many)]
    print(f"  near-miss token (404), {many} requests: {summary(near_miss)}")
    baseline = cpu_per_request(
        pid, lambda: [_expect(timed(connection, "/healthz", {}), 200) for _ in range(many)]
    )
    print(f"  /healthz (the HTTP stack and one query): {summary(baseline)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=5000, help="in the measured feed")
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: a new SQLite file")
    parser.add_argument(
        "--public-url",
        help="serve with this COMMPLAN_PUBLIC_URL and a page for every plan (since revision 0012"
        " events carry no page links: the same work as without)",
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="commplan-bench-"))
    url = args.url or f"sqlite:///{folder / 'feeds.db'}"
    engine = make_engine(url)
    if args.url:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    tokens = seed(engine, args.activities, dt.date.today())
    if args.public_url:
        with engine.begin() as connection:
            for (plan_id,) in connection.execute(select(Plan.id)).all():
                token = new_token()
                connection.execute(
                    update(Plan)
                    .where(Plan.id == plan_id)
                    .values(view_token_hash=token_digest(token))
                )
    if args.url:
        # As autovacuum would have by the time anyone polls: statistics, and the visibility map
        # that lets the feed's version come from the index alone.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()

    port = free_port()
    child = multiprocessing.get_context("spawn").Process(
        target=serve, args=(url, port, args.public_url)
    )
    child.start()
    try:
        links = f", public at {args.public_url}" if args.public_url else ""
        print(f"feeds on {'postgresql' if args.url else 'sqlite'}, served by uvicorn{links}:")
        print(f"  {args.activities * (TEAMS - 1)} more activities in four other teams")
        measure(wait_for(port), tokens[0], args.rounds, child.pid)
    finally:
        child.terminate()
        child.join()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak RSS of the serving process: {peak:.0f} MB")


def _expect(result: tuple[float, int, bytes, dict[str, str]], status: int) -> float:
    assert result[1] == status, result[1]
    return result[0]


if __name__ == "__main__":
    main()
