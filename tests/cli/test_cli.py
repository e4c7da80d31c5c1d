"""The `commplan` command as a person runs it, on a real SQLite file: in this process through the
script's entry point (tests/cli/in_process.py), and as a real process where that is the point
(the installed script, a bad setting, an unreachable database: exit status and stderr alone)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.services import Services
from bot.services.actor import Actor
from config import load_settings
from storage.database import make_engine
from tests.cli.in_process import run

EXE = Path(sys.executable).with_name("commplan")


def run_process(
    db: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COMMPLAN_", "SLACK_", "TEAMS_"))
    }
    environment.update(COMMPLAN_DATABASE_URL=f"sqlite:///{db}", COMMPLAN_LANGUAGE="en")
    environment.update(env or {})
    return subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=db.parent,
        timeout=60,
        check=False,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "commplan.db"


def test_help_lists_every_command(db: Path) -> None:
    result = run_process(db, "--help")
    assert result.returncode == 0
    for command in (
        "serve",
        "demo",
        "console",
        "db",
        "teams",
        "msteams-app",
        "people",
        "plans",
        "activities",
        "upcoming",
        "import",
        "when",
        "export",
    ):
        assert command in result.stdout


def test_a_plan_from_the_command_line(db: Path) -> None:
    assert run(db, "teams", "add", "Udbud Social").returncode == 0
    assert (
        run(
            db, "people", "add", "Frida Carlsson", "--alias", "FC", "--team", "udbud-social"
        ).returncode
        == 0
    )
    assert run(db, "plans", "add", "Plan", "--team", "udbud-social").returncode == 0
    added = run(
        db,
        "activities",
        "add",
        "Plan",
        "Nyhed",
        "--when",
        "Løbende",
        "--responsible",
        "FC og Kommunikationsmedarbejder",
    )
    assert added.returncode == 0, added.stderr
    assert "Responsible matching nobody: Kommunikationsmedarbejder" in added.stdout
    listed = json.loads(run(db, "activities", "list", "Plan", "--format", "json").stdout)
    assert [(a["activity"], a["timing"]["kind"], a["responsible_people"]) for a in listed] == [
        ("Nyhed", "ongoing", ["Frida Carlsson"])
    ]
    upcoming = json.loads(run(db, "upcoming", "--format", "json").stdout)
    assert set(upcoming) == {"today", "until", "overdue", "upcoming"}


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("plans", "show", "Nope"), "commplan: Unknown plan: Nope\n"),
        (("upcoming", "--team", "nope"), "commplan: Unknown team: nope\n"),
        (("upcoming", "--person", "Nobody"), "commplan: Unknown person: Nobody\n"),
        (("activities", "done", "42"), "commplan: Unknown activity: #42\n"),
    ],
)
def test_unknown_names_one_line_status_2_nothing_changed(
    db: Path, args: tuple[str, ...], line: str
) -> None:
    run(db, "teams", "add", "T")
    before = run(db, "teams", "list", "--format", "json").stdout
    result = run(db, *args)
    assert (result.returncode, result.stderr) == (2, line)
    assert run(db, "teams", "list", "--format", "json").stdout == before


def test_bad_setting_names_the_variable(db: Path) -> None:
    result = run_process(db, "teams", "list", env={"COMMPLAN_PORT": "eighty"})
    assert result.returncode == 2
    assert result.stderr.startswith("commplan: configuration: COMMPLAN_PORT:")
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_one_line(db: Path) -> None:
    result = run_process(
        db, "teams", "list", env={"COMMPLAN_DATABASE_URL": "postgresql://u:pw@127.0.0.1:9/none"}
    )
    assert result.returncode == 1
    assert result.stderr.startswith("commplan: cannot reach the database")
    assert result.stderr.count("\n") == 1
    assert "pw" not in result.stderr


def test_messages_in_the_configured_language(db: Path) -> None:
    result = run(db, "plans", "show", "Nope", env={"COMMPLAN_LANGUAGE": "da"})
    assert result.stderr == "commplan: Ukendt plan: Nope\n"


def test_feed_urls_are_shown_and_rotated(db: Path) -> None:
    env = {"COMMPLAN_PUBLIC_URL": "https://commplan.example.dk"}
    assert run(db, "teams", "add", "Udbud", env=env).returncode == 0
    shown = run(db, "teams", "feed", "udbud", env=env)
    assert shown.returncode == 0, shown.stderr
    url, webcal = shown.stdout.split()
    assert url.startswith("https://commplan.example.dk/ical/") and url.endswith(".ics")
    assert webcal == "webcal://" + url.removeprefix("https://")
    # Shown once: asked again, it says so (the token is not kept) and rotating gives a new one.
    again = run(db, "teams", "feed", "udbud", env=env)
    assert again.returncode == 0 and "/ical/" not in again.stdout
    assert "shown when it was made" in again.stdout
    rotated = run(db, "teams", "rotate-feed-token", "udbud", "--format", "json", env=env)
    assert rotated.returncode == 0, rotated.stderr
    assert json.loads(rotated.stdout)["url"] not in (url, "")
    assert run(db, "teams", "feed", "nosuch", env=env).returncode != 0

    assert run(db, "people", "add", "Frida Carlsson", env=env).returncode == 0
    first = run(db, "people", "feed", "Frida Carlsson", env=env).stdout.split()[0]
    repeated = run(db, "people", "feed", "Frida Carlsson", env=env).stdout
    new = run(db, "people", "feed", "Frida Carlsson", "--rotate", env=env).stdout.split()[0]
    assert "/ical/" in first and "/ical/" not in repeated and "/ical/" in new and first != new


def test_steering_and_approvals_from_the_command_line(db: Path) -> None:
    def ok(*args: str) -> str:
        result = run(db, *args)
        assert result.returncode == 0, (args, result.stderr)
        return result.stdout

    ok("teams", "add", "Udbud")
    for name in ("Mette Holm", "Anna Berg", "Frida Carlsson", "Eva Udenfor"):
        swedish = ("--locale", "sv") if name == "Frida Carlsson" else ()
        ok("people", "add", name, "--team", "udbud", *swedish)
    ok("plans", "add", "Plan", "--team", "udbud")
    shown = json.loads(
        ok(
            "steering",
            "add",
            "Styregruppen",
            "--team",
            "udbud",
            "--chair",
            "Mette Holm",
            "--member",
            "Anna Berg",
            "--rule",
            "all",
            "--format",
            "json",
        )
    )
    assert (shown["chair"], shown["members"], shown["rule"]) == ("Mette Holm", ["Anna Berg"], "all")
    ok("steering", "assign", "Styregruppen", "Plan")
    ok(
        "activities",
        "add",
        "Plan",
        "Nyhedsbrev",
        "--when",
        "1 December 2030",
        "--responsible",
        "Frida Carlsson",
    )
    request = json.loads(
        ok(
            "approvals",
            "request",
            "1",
            "--text",
            "Udkast",
            "--as",
            "Frida Carlsson",
            "--format",
            "json",
        )
    )
    assert (request["id"], request["status"], request["version"]) == (1, "pending", 1)

    refused = run(db, "approvals", "decide", "1", "approve", "--as", "Eva Udenfor")
    assert refused.returncode == 2
    assert "not a member" in refused.stderr
    bad = run(db, "steering", "add", "X", "--team", "udbud", "--rule", "sometimes")
    assert bad.returncode == 2 and "sometimes" in bad.stderr

    # The chat's words are the CLI's (changes, request_changes, afvis, ...); others: one line.
    maybe = run(db, "approvals", "decide", "1", "maybe", "--as", "Mette Holm")
    assert maybe.returncode == 2 and "Write approve, reject or changes" in maybe.stderr
    assert "Traceback" not in maybe.stderr
    decided = ok("approvals", "decide", "1", "godkend", "--as", "Mette Holm", "--version", "1")
    assert decided.startswith("approval (chair")
    assert "chair, on behalf of the steering group" in decided

    log = ok("approvals", "log", "--format", "csv").splitlines()
    assert log[0].startswith(
        "\ufeffTime (Europe/Copenhagen),Action,Request,Activity no.,Activity,Version,"
    )
    actions = [line.split(",")[1] for line in log[1:]]
    assert actions == ["approval requested", "decision refused", "decision"]
    assert log[1].split(",")[3:6] == ["1", "Nyhedsbrev", "1"]
    sheet = db.parent / "log.xlsx"
    ok("approvals", "log", "--format", "xlsx", "-o", str(sheet))
    assert sheet.read_bytes()[:2] == b"PK"
    assert run(db, "approvals", "log", "--format", "xlsx").returncode == 2
    # Frida reads her plan's trail in Swedish: ";" and Swedish headings.
    hers = ok("--as", "Frida Carlsson", "approvals", "log", "--plan", "Plan").splitlines()
    assert hers[0].startswith("\ufeffTidpunkt (Europe/Copenhagen);Händelse;Begäran;")
    entries = json.loads(ok("approvals", "log", "--format", "json"))
    assert entries[1]["who"] == "Eva Udenfor" and entries[1]["details"]["reason"] == "not_member"
    assert entries[2]["capacity"] == "chair"


def test_plan_page_picture_and_digest_from_the_command_line(db: Path) -> None:
    def ok(*args: str) -> str:
        result = run(db, *args)
        assert result.returncode == 0, (args, result.stderr)
        return result.stdout

    ok("teams", "add", "Udbud")
    ok("plans", "add", "Plan", "--team", "udbud")
    ok("activities", "add", "Plan", "Nyhedsbrev", "--when", "1 December 2030")
    url = ok("plans", "page", "Plan").strip()
    assert url.startswith("http://127.0.0.1:3000/plans/") and len(url.rsplit("/", 1)[1]) >= 43
    assert "/plans/" not in ok("plans", "page", "Plan")  # shown once
    assert ok("plans", "page", "Plan", "--rotate").strip() != url
    picture = db.parent / "plan.png"
    ok("plans", "picture", "Plan", "-o", str(picture))
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ok("digest", "Plan", "--week", "2030-W48").splitlines()[:2] == [
        "The week: Plan (week 48)",
        "Due this week:",
    ]
    bad = run(db, "digest", "Plan", "--week", "someday")
    assert bad.returncode == 2 and "Not a week: someday" in bad.stderr


def test_people_prefer_names_a_surface_or_refuses(db: Path) -> None:
    run(db, "people", "add", "Frida Carlsson", "--email", "frida@kommune.dk")
    before = run(db, "people", "list", "--format", "json").stdout
    bad = run(db, "people", "prefer", "Frida Carlsson", "fax")
    assert bad.returncode == 2 and "Unknown service: fax (known: slack, teams, email)" in bad.stderr
    assert run(db, "people", "list", "--format", "json").stdout == before
    assert run(db, "people", "prefer", "Nobody", "teams").returncode == 2
    chosen = run(db, "people", "prefer", "Frida Carlsson", "Email")
    assert chosen.returncode == 0 and chosen.stdout.split() == ["#1", "Frida", "Carlsson", "email"]


def test_microsoft_teams_is_typed_and_shown_as_teams_and_stored_as_msteams(db: Path) -> None:
    """The word people type and scripts read stays "teams" (and "msteams" is understood);
    only the stored value says msteams (revision 0016)."""
    ok = run(db, "people", "add", "Frida Carlsson", "--surface", "teams", "aad-frida")
    assert ok.returncode == 0, ok.stderr
    assert (
        run(db, "people", "link", "Frida Carlsson", "--surface", "slack", "UFRIDA").returncode == 0
    )
    [frida] = json.loads(run(db, "people", "list", "--format", "json").stdout)
    assert frida["chat_addresses"] == {"teams": "aad-frida", "slack": "UFRIDA"}
    assert "teams: aad-frida" in run(db, "people", "list").stdout
    chosen = run(db, "people", "prefer", "Frida Carlsson", "msteams")
    assert chosen.returncode == 0 and chosen.stdout.split() == ["#1", "Frida", "Carlsson", "teams"]
    engine = make_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT surface FROM chat_addresses").scalars().all()
        preferred = connection.exec_driver_sql("SELECT preferred_surface FROM people").scalar()
    engine.dispose()
    assert sorted(stored) == ["msteams", "slack"] and preferred == "msteams"


def test_reminders_preview_years_ahead(sqlite_url: str) -> None:
    """A recurring activity's occurrences in 2030 show although its open one is now; the
    range may be five years, not more. (The activity is written today: 2030's deadlines do
    not depend on which day that is. It is written in-process: two runs of the command are
    enough to test the command.)"""
    engine = make_engine(sqlite_url)
    services = Services.create(load_settings(COMMPLAN_DATABASE_URL=sqlite_url), engine)
    services.teams.add("Komm", Actor.cli(), slug="komm")
    services.people.add("Bo Berg", Actor.cli(), aliases=("BB",), team="komm")
    services.plans.create("Plan", "komm", Actor.cli(), language="da")
    services.activities.add(
        "Plan", "Nyhedsbrev", Actor.cli(), fields={"when": "Hver måned", "responsible": "BB"}
    )
    engine.dispose()
    db = Path(sqlite_url.removeprefix("sqlite:///"))
    preview = run(
        db, "reminders", "preview", "--from", "2030-01-01", "--to", "2034-12-31", "--format", "json"
    )
    assert preview.returncode == 0, preview.stderr
    dues = {row["key"].split(":")[2] for row in json.loads(preview.stdout)}
    # each month's first working day; 2 January 2030's reminders come in December 2029
    assert sorted(due for due in dues if due.startswith("2030-"))[:3] == [
        "2030-02-01",
        "2030-03-01",
        "2030-04-01",
    ]
    assert len({due[:7] for due in dues if due < "2035"}) == 5 * 12 - 1
    refused = run(db, "reminders", "preview", "--from", "2030-01-01", "--to", "2036-01-01")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "1830" in refused.stderr
