"""The calendar page and its PNG at 200 plans and 100k activities (docs/coordination.md).

Run: .venv/bin/python -m bench.calendar_page [--url postgresql://...] [--rounds 20]
The database of bench/overlaps.py (bench/seed.py's 20 teams of 10 plans, deadlines from 60
days ago to 22 months ahead, 12 audiences, one or two per activity). Timed through the real app
(FastAPI's test client, in this process): ``GET /calendar/{token}`` (8 weeks: the tables, the
heat map's shades and the overlaps of those weeks) and ``GET /calendar/{token}.png``, each as
the admin's link (every plan) and as a team member's (the permission gate: 10 of the 200 plans).

Each is timed twice: **made** (a plan's change counter moved before each request, as after
any edit: the counts, the overlaps and the drawing are done anew) and **kept** (opened again
with nothing changed: the page kept per reader, bot/web/calendar_page.py ``PageCache``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import tempfile

from fastapi.testclient import TestClient
from sqlalchemy import update

from bench.overlaps import TEAMS, add_audiences
from bench.seed import analyze, fresh_engine, seed
from bench.upcoming import measure
from bot.cli.serve import surfaces
from bot.services import Services
from bot.services.actor import Actor
from bot.web.app import create_app
from bot.web.calendar_page import CalendarLinks
from config import load_settings
from storage.models import Origin, Plan


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: a new SQLite file")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--activities", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = fresh_engine(args.url, folder)
        seed(engine, args.activities, dt.date.today(), teams=TEAMS)
        add_audiences(engine)
        analyze(engine)
        url = engine.url.render_as_string(hide_password=False)
        settings = load_settings(
            COMMPLAN_DATABASE_URL=url, COMMPLAN_LINK_SECRET="bench-calendar-link-secret"
        )
        services = Services.create(settings, engine)
        client = TestClient(create_app(settings, engine, surfaces(services)))
        links = CalendarLinks(services.context)
        member = Actor(Origin.SLACK, 1, "member", surface_user="U1")
        print(f"{engine.dialect.name}, {args.activities} activities, {TEAMS * 10} plans")
        print(f"load average before: {os.getloadavg()}")

        def change() -> None:
            """What any edit does to the page's stamp: a plan's counter moves."""
            with engine.begin() as connection:
                connection.execute(
                    update(Plan).where(Plan.id == 1).values(changes=Plan.changes + 1)
                )

        for who, actor in (("admin", Actor.cli()), ("member", member)):
            grant = services.calendar.grant(actor, weeks=8, audience=None, days=1)
            path = "/calendar/" + links.token(grant)
            for what, suffix in (("page", ""), ("PNG", ".png")):

                def get(address: str = path + suffix) -> int:
                    response = client.get(address)
                    assert response.status_code == 200, response.text
                    return len(response.content)

                size = get()
                # Kept: nothing happened since the last request.
                for how, step in (("made", change), ("kept", None)):
                    p50, p99 = measure(get, args.rounds, before=step)
                    print(
                        f"calendar {what:4} 8 weeks, {who:6}, {how}: {size:>7} bytes  "
                        f"p50 {p50:7.1f} ms  p99 {p99:7.1f} ms"
                    )
        engine.dispose()
    print(f"load average after: {os.getloadavg()}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
