"""Importing a 2,000-row plan from .xlsx, .docx and .csv, and a 2,000-row week grid (.xlsx):
time from file to committed rows.

Run: .venv/bin/python -m bench.importing [--rows 2000] [--runs 3] [--url postgresql://...]
Each format is written once by commplan's own exporters (the Danish sample's columns, varied
timing texts and responsible names), then imported `runs` times, each into a fresh database, as
`commplan import` does it: read the file, find the plan, read every timing, map the people,
write the rows and their audit entries in one transaction. The re-import of the same file (all
rows unchanged) is timed too, as is the file reading alone.

The week grid (issue 29) is the Gantt shape: the same rows without the "when" column, then a
column per week of 2027 ("Uge 1" ... "Uge 52", the year above them), an "x" on a fill in the
weeks each row runs: one to three runs a row, each run an activity of its own.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from bench.checks import require
from bot.exporting import WRITERS
from bot.interchange.grid_periods import WEEK, Period
from bot.interchange.tables import ExportRow, GridRow, GridTable, PlanTable
from bot.services import Services
from bot.services.actor import Actor
from config import load_settings
from storage.database import make_engine
from storage.migrate import upgrade

HEADINGS = (
    "HVEM\nMålgruppe/\nInteressenter",
    "HVAD\nKernebudskab",
    "HVORDAN\nKommunikations-form",
    "HVORNÅR\nTermin for handling",
    "ANSVARLIG",
    "FORVENTET REAKTION",
    "BEMÆRKNINGER",
)
WHEN = (
    "Hver måned",
    "1. marts 2027",
    "Uge {week} 2027",
    "Foråret 2027",
    "Primo {month} 2027",
    "Løbende",
    "Ved behov",
    "Q{quarter} 2027",
    "Senest 15. {month} 2027",
    "Prel. september 2027 (efter budget)",
)
MONTHS = ("marts", "april", "maj", "juni")
RESPONSIBLE = ("Projektleder", "FC og styregruppen", "Kommunikationsmedarbejder", "Ukendt Person")


def plan_table(rows: int) -> PlanTable:
    body = tuple(
        ExportRow(
            (
                f"Målgruppe {n % 40}",
                f"Budskab nummer {n}: status for projektet og næste skridt",
                f"Kanal {n % 12}",
                WHEN[n % len(WHEN)].format(week=1 + n % 52, month=MONTHS[n % 4], quarter=1 + n % 4),
                RESPONSIBLE[n % len(RESPONSIBLE)],
                "Modtagerne kender processen",
                "Godkendes af styregruppen først" if n % 5 == 0 else None,
            ),
            done=False,
        )
        for n in range(rows)
    )
    return PlanTable(
        name="Benchmarkplan",
        language="da",
        dated=None,
        purpose="At måle importen.",
        purpose_heading="Formål",
        fields=(
            "target_group",
            "message",
            "channel",
            "when",
            "responsible",
            "expected_reaction",
            "remarks",
        ),
        headings=HEADINGS,
        rows=body,
    )


def grid_table(rows: int) -> tuple[PlanTable, int]:
    """A week grid of ``rows`` rows over the weeks of 2027, and how many runs it marks."""
    periods = tuple(Period(WEEK, 2027, week) for week in range(1, 53))
    body = []
    runs = 0
    for n in range(rows):
        marks: set[int] = set()
        for run in range(1 + n % 3):
            start = (n * 7 + run * 17) % 48
            marks.update(range(start, start + 1 + (n + run) % 4))
        ordered = sorted(marks)
        runs += 1 + sum(1 for a, b in itertools.pairwise(ordered) if b != a + 1)
        body.append(
            GridRow(
                (
                    f"Målgruppe {n % 40}",
                    f"Budskab nummer {n}: status for projektet og næste skridt",
                    f"Kanal {n % 12}",
                    RESPONSIBLE[n % len(RESPONSIBLE)],
                    "Planlagt",
                    None,
                ),
                frozenset(marks),
                done=False,
            )
        )
    fields = ("target_group", "message", "channel", "responsible", "status", "next_due")
    headings = (HEADINGS[0], HEADINGS[1], HEADINGS[2], HEADINGS[4], "Status", "Næste dato")
    grid = GridTable(
        WEEK, periods, tuple(f"Uge {p.number}" for p in periods), fields, headings, tuple(body)
    )
    table = PlanTable(
        name="Benchmarkplan uger",
        language="da",
        dated=None,
        purpose=None,
        purpose_heading="Formål",
        fields=fields,
        headings=headings,
        rows=(),
        grid=grid,
    )
    return table, runs


def fresh_services(folder: Path, url: str | None) -> Services:
    database = url or f"sqlite:///{folder / f'bench-{time.perf_counter_ns()}.db'}"
    engine = make_engine(database)
    if url:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    services = Services.create(load_settings(COMMPLAN_DATABASE_URL=database), engine)
    services.teams.add("Bench", Actor.cli(), slug="bench")
    services.people.add("Mette Holm", Actor.cli(), aliases=("Projektleder", "FC"))
    return services


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url", help="a PostgreSQL URL (emptied!); default: new SQLite files")
    args = parser.parse_args()
    print(f"{args.rows} rows, {args.runs} runs each (median, max) in seconds")
    print(
        f"{'format':<6} {'size KB':>8} {'read file':>14} {'first import':>16} {'re-import':>14}"
        f" {'first, CPU':>12}"
    )
    table = plan_table(args.rows)
    grid, runs = grid_table(args.rows)
    cases = [
        ("xlsx", "xlsx", table, args.rows),
        ("docx", "docx", table, args.rows),
        ("csv", "csv", table, args.rows),
        ("grid", "xlsx", grid, runs),  # the week grid: one activity per run of marks
    ]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, fmt, source, expected in cases:
            path = folder / f"{label}.{fmt}"
            WRITERS[fmt](source, path)
            reads, firsts, agains, cpus = [], [], [], []
            for _ in range(args.runs):
                services = fresh_services(folder, args.url)
                cpu = time.process_time()
                started = time.perf_counter()
                imported = services.imports.read(path)
                read_done = time.perf_counter()
                report = services.imports.apply(imported, Actor.cli(), team="bench")
                first_done = time.perf_counter()
                # This process's CPU time: what a loaded machine changes least.
                cpus.append(time.process_time() - cpu)
                require(
                    len(report.added) == expected,
                    f"{label}: {len(report.added)} activities added, {expected} expected",
                )
                again = services.imports.apply(
                    services.imports.read(path), Actor.cli(), team="bench"
                )
                again_done = time.perf_counter()
                require(
                    again.unchanged == expected,
                    f"{label}: {again.unchanged} unchanged on re-import, {expected} expected",
                )
                reads.append(read_done - started)
                firsts.append(first_done - started)
                agains.append(again_done - first_done)
                services.context.engine.dispose()
            size = path.stat().st_size / 1024
            print(
                f"{label:<6} {size:>8.0f} {_fmt(reads):>14} {_fmt(firsts):>16} {_fmt(agains):>14}"
                f" {_fmt(cpus):>12}"
            )
        print(f"grid: {args.rows} rows, {runs} runs (activities)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


def _fmt(samples: list[float]) -> str:
    return f"{statistics.median(samples):.2f}, {max(samples):.2f}"


if __name__ == "__main__":
    main()
