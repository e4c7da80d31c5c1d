"""The plan page of a large plan: server-side render time (goal p50 <= 200 ms at 10,000).

Run: .venv/bin/python -m bench.page [--activities 2000] [--rounds 30] [--url postgresql://...]

Times what `GET /plans/{token}` does in the server: find the plan by token, read its table in
the plan's own columns, lay out the timeline, render the template. Also the PNG picture.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, text

from bench.seed import resync_sequences
from bot.services import Services
from bot.services.actor import Actor
from bot.web.heap import settle_heap
from bot.web.plan_page import render_page
from config import load_settings
from storage.database import make_engine
from storage.migrate import upgrade
from storage.models import Activity, Origin
from storage.rules.timing import TimingKind

CLI = Actor(Origin.CLI, None, "bench", admin=True)


def seed_plan(services: Services, count: int) -> int:
    services.teams.add("Bench", CLI)
    plan = services.plans.create("Stor plan", "bench", CLI, language="da", purpose="At måle")
    rng = random.Random(3)
    today = services.context.today()
    now = dt.datetime.now(dt.UTC)
    rows = []
    for n in range(count):
        due = today + dt.timedelta(days=rng.randint(-90, 300))
        window = rng.random() < 0.3
        rows.append(
            {
                "plan_id": plan.id,
                "position": n,
                "title": f"Aktivitet {n}: nyhedsbrev om udbuddet",
                "target_group": rng.choice(["Medarbejdere", "Ledere", "Borgere", "Pressen"]),
                "message": "Hvad udbuddet betyder for hverdagen",
                "channel": rng.choice(["Intranet", "Nyhedsbrev", "Møde", "LinkedIn"]),
                "when_text": due.isoformat(),
                "timing_kind": (TimingKind.WINDOW if window else TimingKind.DATE).value,
                "timing_start": due - dt.timedelta(days=30) if window else due,
                "timing_due": due,
                "timing_tentative": False,
                "next_due": due,
                "responsible_text": rng.choice(["Projektleder", "FC", "Kommunikation"]),
                "responsible_steering_group": False,
                "status": rng.choice(["planned", "planned", "done", "in_progress"]),
                "requires_approval": False,
                "sequence": 0,
                "created_at": now,
                "updated_at": now,
            }
        )
    with services.context.engine.begin() as connection:
        connection.execute(insert(Activity), rows)
    return plan.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: a new SQLite file")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'page.db'}"
    engine = make_engine(url)
    if args.url:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    services = Services.create(load_settings(COMMPLAN_DATABASE_URL=url), engine)
    plan_id = seed_plan(services, args.activities)
    resync_sequences(engine)
    url = services.pages.link(f"#{plan_id}", CLI)  # a new plan: its page is made and shown now
    assert url is not None
    token = url.rsplit("/", 1)[1]
    # As `commplan serve` does at start-up (bot/web/heap.py): the collector no longer walks
    # what start-up made, on every full collection a 10,000-row page triggers.
    settle_heap()

    def once() -> int:
        page = services.pages.page(token, {})
        assert page is not None
        return len(render_page(page))

    size = once()
    times = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        once()
        times.append((time.perf_counter() - started) * 1000)
    pictures = []
    for _ in range(5):
        started = time.perf_counter()
        services.pages.picture(f"#{plan_id}", Actor.cli())
        pictures.append((time.perf_counter() - started) * 1000)
    backend = "postgresql" if args.url else "sqlite"
    ordered = sorted(times)
    print(f"plan page on {backend}, {args.activities} activities, {size / 1e6:.2f} MB of HTML:")
    p90 = ordered[int(0.9 * len(ordered))]
    print(f"  render p50 {statistics.median(times):.1f} ms, p90 {p90:.1f} ms")
    print(f"  PNG picture (next 8 weeks) median {statistics.median(pictures):.1f} ms")


if __name__ == "__main__":
    main()
