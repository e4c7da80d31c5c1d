"""E-mail under load: a burst of 2,000 reminders to 2,000 people through a local SMTP server.

Run: .venv/bin/python -m bench.email [--count 2000] [--workers 8] [--url postgresql://...]
     [--profile]

An aiosmtpd server runs as its own process on a loopback port and records each message's
Message-ID; this process runs the real tick (planner, outbox claim, ``EmailNotifier`` with its
one kept-alive SMTP connection) as `commplan reminders run` does. Each message is built whole:
the Reply, the text and HTML parts, four signed links, the .ics of the deadline.

Reported: throughput (messages per second over the tick), the SMTP connections opened, lost
and duplicate messages (by Message-ID), and this process's peak RSS. With ``--profile`` the
tick runs under cProfile on one sending thread, and what a message costs is split by where
the time went (the database, SMTP's round trips, the ``email`` package, signing links, the
.ics, the rest of commplan): CPU and waiting of this process, per message.
"""

from __future__ import annotations

import argparse
import cProfile
import multiprocessing
import pstats
import resource
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import delete, text, update

from bench.reminders import fresh
from bot.services import Services
from bot.transports.email.links import ActionLinks
from bot.transports.email.notifier import EmailNotifier
from bot.transports.email.smtp import SmtpSender, parse_smtp_url
from config import load_settings
from scheduler.outbox.drain import OutboxDrain
from scheduler.reminders import ReminderPlanner
from scheduler.tick import Tick
from storage.models import ChatAddress, Person
from tests.fakes.burst import seed


def smtp_server(ready: multiprocessing.synchronize.Event, port_file: Path, log: Path) -> None:
    """The child: aiosmtpd, appending each accepted message's Message-ID to ``log``."""
    from aiosmtpd.controller import Controller  # noqa: PLC0415 - the child only

    class Recorder:
        def __init__(self) -> None:
            self.out = log.open("a", encoding="utf-8")

        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            content = envelope.original_content or b""  # type: ignore[attr-defined]
            head = content.split(b"\r\n\r\n", 1)[0]
            found = [
                line.split(b":", 1)[1].strip()
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"message-id:")
            ]
            self.out.write((found[0] if found else b"?").decode() + "\n")
            self.out.flush()
            return "250 OK"

    import socket  # noqa: PLC0415

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(Recorder(), hostname="127.0.0.1", port=port)
    controller.start()
    port_file.write_text(str(port))
    ready.set()
    while True:
        time.sleep(3600)


# Where a function's own time is counted, by its file and name (first match wins; a C
# function has no file, its name says whose it is: "<method 'recv_into' of '_socket.socket'>").
AREAS = (
    ("database", ("sqlalchemy", "psycopg", "sqlite3", "/storage/")),
    ("SMTP round trips", ("smtplib", "socket", "ssl", "selectors")),
    ("email package", ("/email/", "quopri", "base64", "binascii")),
    ("signed links", ("itsdangerous", "hmac", "hashlib", "secrets", "/links.py")),
    (".ics", ("icalendar", "/feeds/", "/deadline.py")),
)


def split(profile: cProfile.Profile, messages: int) -> list[tuple[str, float]]:
    """Milliseconds per message by area, from the profile's own (not cumulative) times."""
    totals: dict[str, float] = {}
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    for (filename, _, function), (_, _, own, _, _) in stats.items():
        where = f"{filename}:{function}"
        area = next((name for name, marks in AREAS if any(m in where for m in marks)), "the rest")
        totals[area] = totals.get(area, 0.0) + own
    ranked = sorted(totals.items(), key=lambda item: -item[1])
    return [(area, seconds * 1000 / max(messages, 1)) for area, seconds in ranked]


def burst(folder: Path, url: str | None, count: int, workers: int, profile: bool = False) -> None:
    engine, _ = fresh(folder, url, "email-burst")
    seed(engine, count, people=count)
    with engine.begin() as connection:
        connection.execute(update(Person).values(email=text("'p' || id || '@bench.invalid'")))
        connection.execute(delete(ChatAddress))  # on no chat: every notice goes by e-mail
    log, port_file = folder / "received.txt", folder / "port"
    ready = multiprocessing.Event()
    server = multiprocessing.get_context("fork").Process(
        target=smtp_server, args=(ready, port_file, log), daemon=True
    )
    server.start()
    ready.wait(30)
    port = int(port_file.read_text())
    settings = load_settings(
        COMMPLAN_DATABASE_URL=str(engine.url.render_as_string(hide_password=False)),
        COMMPLAN_SMTP_URL=f"smtp://127.0.0.1:{port}",
        COMMPLAN_MAIL_FROM="commplan <commplan@bench.invalid>",
        COMMPLAN_LINK_SECRET="a-benchmark-link-secret-only",
        COMMPLAN_PUBLIC_URL="https://commplan.bench.invalid",
    )
    services = Services.create(settings, engine)
    sender = SmtpSender(parse_smtp_url(f"smtp://127.0.0.1:{port}"), timeout=15)
    links = ActionLinks(settings, settings.public_url or "")
    notifier = EmailNotifier(services, sender, links)
    drain = OutboxDrain(services.context.sessions, notifier, batch=200, workers=workers)
    planner = ReminderPlanner(services.context.sessions)
    # Profiled: planned beforehand, so that the profile is the send path's alone.
    tick = Tick(planner, drain, budget_seconds=3600, leads=(lambda: False) if profile else None)
    profiler = cProfile.Profile() if profile else None
    if profile:
        planner()
    try:
        began = time.perf_counter()
        result = profiler.runcall(tick) if profiler is not None else tick()
        elapsed = time.perf_counter() - began
        sender.close()
        time.sleep(0.5)  # the server's last appends
    finally:
        server.terminate()
        server.join(10)
    ids = Counter(line for line in log.read_text().splitlines() if line)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"e-mail burst: {count} reminders to {count} people, {engine.dialect.name}, "
        f"{workers} sending threads, one SMTP connection per process"
    )
    sent = result.drained.sent
    what = "sending only" if profile else "planning included"
    print(f"  sent {sent} in {elapsed:.1f} s ({what}): {sent / elapsed:.0f} messages/s")
    print(f"  SMTP connections opened: {sender.connections}")
    print(f"  lost {count - len(ids)}, duplicates {sum(ids.values()) - len(ids)}")
    print(f"  peak RSS of the sending process: {peak_mb:.0f} MB")
    if profiler is not None:
        print("  per message, by where the time went (cProfile, sending only):")
        for area, ms in split(profiler, sent):
            print(f"    {area:<18} {ms:6.2f} ms")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--url", help="a PostgreSQL URL (default: a SQLite file)")
    parser.add_argument(
        "--profile", action="store_true", help="split a message's time (one sending thread)"
    )
    arguments = parser.parse_args()
    workers = 1 if arguments.profile else arguments.workers  # cProfile sees one thread
    with tempfile.TemporaryDirectory() as folder:
        burst(Path(folder), arguments.url, arguments.count, workers, arguments.profile)


if __name__ == "__main__":
    main()
