"""Every table the CLI prints has one cell per heading, in every row.

The commands run in this process (typer's runner) on a real SQLite file, each with rows to show;
the printed table is read back from the terminal output. A table printed by a command this test
does not run fails ``test_every_table_is_run_here``, so a new table cannot skip the check.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
import time_machine
from typer.testing import CliRunner

from bot.cli.main import app
from bot.cli.output import print_table
from bot.services import Services
from bot.services.actor import Actor
from scheduler.outbox.kinds import NoticeKind
from storage.models import Origin, OutboxMessage, OutboxStatus

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
CLI_DIR = Path(__file__).resolve().parents[2] / "bot" / "cli"
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
PLAN_CSV = (
    "HVEM;HVAD;HVORDAN;HVORNÅR;ANSVARLIG\n"
    "Medarbejdere;Nyt system;Nyhed på intranettet;1. december 2026;FC\n"
    "Pressen;Kontrakten;Pressemeddelelse;Ved behov;Ukendt Person\n"
)

# Each function of bot/cli that prints a table, and a command line that makes it print rows.
TABLES: dict[tuple[str, str], tuple[str, ...]] = {
    ("upcoming", "upcoming"): ("upcoming", "--days", "30", "--all"),
    ("activities", "list_"): ("activities", "list", "Plan"),
    ("plans", "list_"): ("plans", "list"),
    ("plans", "show"): ("plans", "show", "Plan"),
    ("teams", "list_"): ("teams", "list"),
    ("people", "list_"): ("people", "list"),
    ("steering", "list_"): ("steering", "list"),
    ("approvals", "list_"): ("approvals", "list"),
    ("reminders", "preview"): ("reminders", "preview", "--to", "2026-12-31"),
    ("reminders", "status"): ("reminders", "status"),
    ("reminders", "failed"): ("reminders", "failed", "--plan", "Plan"),
    ("when", "when"): ("when", "Uge 12 2027", "--today", "2026-11-22"),
    ("imports", "import_"): ("import", "PLAN_CSV", "--plan", "Ny plan", "--dry-run"),
    ("roles", "list_"): ("roles", "list"),
    ("audiences", "list_"): ("audiences", "list"),
    ("audiences", "unplaced"): ("audiences", "unplaced", "Plan"),
    ("deviations", "deviations"): ("deviations", "Plan"),
    ("calendar_grid", "calendar"): ("calendar", "--weeks", "3"),  # "Gammel" is 15 working days late
    ("meetings", "list_"): ("meetings", "list"),
}


def seed(services: Services) -> None:
    """A plan with something overdue, something coming, a steering group and a request."""
    services.teams.add("Udbud", CLI)
    services.people.add("Frida Carlsson", CLI, aliases=["FC"], team="udbud")
    services.people.add("Mette Holm", CLI, team="udbud")
    services.plans.create("Plan", "udbud", CLI, language="da", owner="Mette Holm")
    services.steering.create("Styregruppen", "udbud", CLI, chair="Mette Holm")
    services.steering.assign("Styregruppen", "Plan", CLI)
    fields = {"target_group": "Medarbejdere", "channel": "Intranet", "responsible": "FC"}
    overdue = services.activities.add("Plan", "Gammel", CLI, fields={**fields, "when": "1/11 2026"})
    coming = services.activities.add("Plan", "Ny", CLI, fields={**fields, "when": "1/12 2026"})
    services.activities.add("Plan", "Uden ansvarlig", CLI, fields={"when": "2/12 2026"})
    services.approvals.request(coming.activity.id, CLI, text="Kære alle")
    with services.context.sessions.begin() as session:  # a reminder the mail server refused
        session.add(
            OutboxMessage(
                key="reminder:failed",
                kind=NoticeKind.REMINDER,
                plan_id=overdue.activity.plan_id,
                activity_id=overdue.activity.id,
                person_id=services.people.get("Frida Carlsson").id,
                due_at=NOW,
                status=OutboxStatus.FAILED,
                attempts=1,
                last_error="smtp RCPT: 550 5.1.1 No such user",
            )
        )
    # An audience none of the plan's target groups means: "Medarbejdere" stays unplaced.
    services.audiences.add("Pressen", CLI, slug="press")
    # No date (listed under a heading of its own), and a meeting calendar.
    services.activities.add("Plan", "Tale", CLI, fields={"when_text": "efter valget"})
    services.meetings.add("Udvalget", CLI, dates=["2027-03-04"], aliases=["udvalgsmøde"])
    assert overdue.activity.next_due is not None


def tables(output: str) -> list[tuple[list[str], list[list[str]]]]:
    """The tables in rich's output: each one's headings and the cells of each of its lines."""
    found: list[tuple[list[str], list[list[str]]]] = []
    for line in output.splitlines():
        stripped = line.strip()
        if stripped.startswith("┃"):
            found.append(([cell.strip() for cell in stripped.strip("┃").split("┃")], []))
        elif stripped.startswith("│") and found:
            found[-1][1].append([cell.strip() for cell in stripped.strip("│").split("│")])
    return found


def run(args: tuple[str, ...], tmp_path: Path) -> str:
    csv = tmp_path / "plan.csv"
    csv.write_text(PLAN_CSV, encoding="utf-8")
    line = [str(csv) if arg == "PLAN_CSV" else arg for arg in args]
    result = CliRunner().invoke(app, line)
    assert result.exit_code == 0, (line, result.output, result.exception)
    return result.output


@time_machine.travel(NOW, tick=False)
def test_every_table_has_a_cell_under_each_heading(cli_services: Services, tmp_path: Path) -> None:
    seed(cli_services)
    for args in TABLES.values():
        printed = tables(run(args, tmp_path))
        assert printed, args
        for headings, lines in printed:
            assert lines, (args, headings)  # rows were shown, so the check means something
            for cells in lines:
                assert len(cells) == len(headings), (args, headings, cells)
            # A blank heading is rich's sign of a cell nobody named (only `when` has one).
            assert all(headings) or args[0] == "when", (args, headings)


@time_machine.travel(NOW, tick=False)
def test_upcoming_puts_each_cell_under_its_heading(cli_services: Services, tmp_path: Path) -> None:
    seed(cli_services)
    [overdue, coming] = tables(run(("upcoming", "--days", "30"), tmp_path))
    for headings, lines in (overdue, coming):
        assert headings == [
            "id",
            "due",
            "activity",
            "target group",
            "channel",
            "responsible",
            "plan",
        ]
        row = dict(zip(headings, lines[0], strict=True))
        assert (row["target group"], row["channel"], row["plan"]) == (
            "Medarbejdere",
            "Intranet",
            "Plan",
        )
        assert row["responsible"] in ("Frida Carlsson", "")


def test_a_row_that_does_not_fit_its_headings_stops_the_command() -> None:
    with pytest.raises(ValueError, match="3 cells under 2 headings"):
        print_table("t", ["a", "b"], [("1", "2", "3")])


def test_every_table_is_run_here() -> None:
    """Each call of print_table in bot/cli, by module and function, is in TABLES."""
    calls: set[tuple[str, str]] = set()
    for path in CLI_DIR.glob("*.py"):
        if path.name == "output.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "print_table"
                for call in ast.walk(node)
            ):
                calls.add((path.stem, node.name))
    # A helper that prints for a command (imports' _print_changes) counts as that command.
    calls = {("imports", "import_") if name == "_print_changes" else (m, name) for m, name in calls}
    assert calls == set(TABLES)
