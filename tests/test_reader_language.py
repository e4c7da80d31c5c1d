"""What a Danish or Swedish reader reads is Danish or Swedish, in their time (issue 30).

Every command of the CLI (found in the typer app, so a new command cannot slip past: it fails
``test_every_command_is_run_or_said_why``), every kind of notice (found where the code writes
outbox rows, so a new kind fails ``test_every_notice_kind_is_rendered``), the e-mail of a
notice and the plan's page are run on one seeded database for a Danish and a Swedish reader,
and fail on any word of an English-only list, on any ``cli:`` account, on any time with
seconds and on "UTC". ``--format json`` is left out: it keeps codes for programs (docs/cli.md).
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
import typer.main
from sqlalchemy import select

from bot.chat.caller import Caller
from bot.chat.reminders import NOTICE_KINDS, reminder_reply
from bot.cli.main import app
from bot.services import Services
from bot.services.actor import Actor
from bot.services.calendar import CalendarReader
from bot.texts import all_messages, t
from bot.texts.local import Reader, count_text, machine_moment, moment_text
from bot.transports.console.render import render
from bot.transports.email.message import reply_text
from bot.web.calendar_page import render_calendar
from bot.web.plan_page import render_page
from config import load_settings
from config.languages import LANGUAGES, Language
from scheduler.approvals import APPROVER_KINDS
from scheduler.notifier import Notice
from scheduler.outbox.kinds import NoticeKind
from scheduler.schedule import REMINDER_KINDS
from storage.database import make_engine
from storage.models import Decision, Origin, OutboxMessage
from tests.cli.in_process import run
from tests.shown import shown

ROOT = Path(__file__).resolve().parents[1]
NOW = dt.datetime(2026, 11, 22, 9, 0, 7, 123456, tzinfo=dt.UTC)
CLI = Actor.cli()  # what the command line is: cli:<the OS account>, never shown to people

# Words only English has: any of them in what a Danish or Swedish reader reads is a string
# that skipped the catalogue. (Words the three languages share, "plan", "team", "status",
# "version", "person", "id", are not here.)
ENGLISH_ONLY = (
    "planned",
    "done",
    "cancelled",
    "overdue",
    "activity",
    "activities",
    "due",
    "would",
    "nothing",
    "match",
    "matches",
    "deleted",
    "kept",
    "approved",
    "pending",
    "rejected",
    "withdrawn",
    "expired",
    "added",
    "changed",
    "removed",
    "unchanged",
    "note",
    "warning",
    "written",
    "wrote",
    "entries",
    "total",
    "audience",
    "channel",
    "responsible",
    "the",
    "and",
    "of",
    "with",
    "is",
    "now",
    "none",
    "nobody",
    "name",
    "when",
    "next",
    "kind",
    "rows",
    "state",
    "messages",
    "members",
    "rule",
    "chair",
    "where",
    "role",
    "owner",
    "visibility",
    "record",
    "steering",
    "group",
    "week",
    "working",
    "days",
    "reminder",
    "changes_requested",
    "dry",
    "run",
    "table",
    "language",
    "existing",
    "new",
    "unmapped",
)
_ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH_ONLY) + r")\b", re.IGNORECASE)
# A time to the second ("05:05:20", "05.05.20") or with microseconds, or named UTC.
_SECONDS = re.compile(r"\b\d{1,2}[:.]\d{2}[:.]\d{2}\b")
_UTC = re.compile(r"\bUTC\b")
# Addresses and paths carry words of their own (/feeds/, example.org), and a command to type
# ("commplan plans owner PLAN PERSON") is in the command's own words: not read as text.
_URL = re.compile(r"(https?|webcal|sqlite)://\S+|\S+@\S+|\S*/\S+|commplan [^()\n]*")


def faults(text: str) -> list[str]:
    """What in ``text`` is not for a Danish or Swedish reader, each with its line."""
    found = []
    for line in text.splitlines():
        plain = _URL.sub(" ", line)
        for pattern, what in ((_ENGLISH, "English"), (_SECONDS, "seconds"), (_UTC, "UTC")):
            match = pattern.search(plain)
            if match:
                found.append(f"{what} {match.group(0)!r}: {line.strip()}")
        if "cli:" in line:
            found.append(f"account: {line.strip()}")
    return found


# ---------------------------------------------------------------------------- the database


def seed(services: Services) -> None:
    """A Danish plan with something overdue, coming, undated, moved, cancelled and decided."""
    services.teams.add("Udbud", CLI)
    services.people.add(
        "Frida Carlsson", CLI, aliases=["FC"], email="frida@example.org", team="udbud"
    )
    services.people.add("Mette Holm", CLI, team="udbud", email="mette@example.org")
    services.people.add("Karin Ek", CLI, team="udbud", locale="sv", time_zone="Europe/Stockholm")
    services.plans.create("Plan", "udbud", CLI, language="da", owner="Mette Holm")
    services.steering.create("Styregruppen", "udbud", CLI, chair="Mette Holm")
    services.steering.assign("Styregruppen", "Plan", CLI)
    fields = {"target_group": "Medarbejdere", "channel": "Intranet", "responsible": "FC"}
    services.activities.add("Plan", "Gammel", CLI, fields={**fields, "when": "1/11 2026"})
    coming = services.activities.add("Plan", "Ny", CLI, fields={**fields, "when": "1/12 2026"})
    services.activities.add("Plan", "Uden ansvarlig", CLI, fields={"when": "2/12 2026"})
    services.activities.add("Plan", "Ved behov", CLI, fields={**fields, "when": "Ved behov"})
    moved = services.activities.add("Plan", "Flyttes", CLI, fields={**fields, "when": "3/12 2026"})
    services.activities.move(moved.activity.id, "1/3 2027", CLI)
    gone = services.activities.add("Plan", "Aflyses", CLI, fields={**fields, "when": "4/12 2026"})
    services.activities.cancel(gone.activity.id, CLI)
    request = services.approvals.request(coming.activity.id, CLI, text="Kære alle")
    chair = services.people.get("Mette Holm")
    as_chair = Actor(Origin.CLI, chair.id, chair.name, surface_user=CLI.name)
    services.approvals.decide(request.id, Decision.APPROVE, as_chair, comment="Fint")
    services.audiences.add("Pressen", CLI, slug="press")
    # A Swedish plan: its page and files speak Swedish whoever opens them.
    services.plans.create("Planen", "udbud", CLI, language="sv", owner="Karin Ek")
    services.activities.add("Planen", "Nyhetsbrev", CLI, fields={**fields, "when": "1/12 2026"})
    services.activities.add("Planen", "Vid behov", CLI, fields={"when": "Vid behov"})


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The seeded database file, made once; each language's run copies it."""
    path = tmp_path_factory.mktemp("seeded") / "commplan.db"
    shutil.copyfile(sqlite_template, path)
    settings = load_settings(
        COMMPLAN_DATABASE_URL=f"sqlite:///{path}",
        COMMPLAN_LANGUAGE="da",
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
    )
    engine = make_engine(settings.database_url)
    with time_machine.travel(NOW, tick=False):
        seed(Services.create(settings, engine))
    engine.dispose()
    return path


def _copy(seeded: Path, tmp_path: Path) -> Path:
    path = tmp_path / "commplan.db"
    shutil.copyfile(seeded, path)
    return path


# ---------------------------------------------------------------------------- the commands

PLAN_CSV = (
    "HVEM;HVAD;HVORDAN;HVORNÅR;ANSVARLIG\n"
    "Medarbejdere;Nyt system;Nyhed på intranettet;1. december 2026;FC\n"
    "Pressen;Kontrakten;Pressemeddelelse;Ved behov;Ukendt Person\n"
)

# Each command, by its words, and a command line that makes it print what people read. The
# ones that change something run after the ones that only read (they run in this order).
COMMANDS: dict[str, tuple[str, ...]] = {
    "upcoming": ("upcoming", "--days", "30"),
    "when": ("when", "Uge 12 2027", "--today", "2026-11-22"),
    "deviations": ("deviations", "Plan"),
    "calendar": ("calendar", "--weeks", "3"),
    "digest": ("digest", "Plan"),
    "teams list": ("teams", "list"),
    "teams feed": ("teams", "feed", "udbud"),
    "people list": ("people", "list"),
    "people feed": ("people", "feed", "Frida Carlsson"),
    "plans list": ("plans", "list"),
    "plans show": ("plans", "show", "Plan"),
    "plans page": ("plans", "page", "Plan"),
    "activities list": ("activities", "list", "Plan"),
    "reminders preview": ("reminders", "preview", "--to", "2026-12-31"),
    "reminders status": ("reminders", "status"),
    "reminders failed": ("reminders", "failed"),
    "reminders policy": ("reminders", "policy", "Plan"),
    "steering list": ("steering", "list"),
    "steering show": ("steering", "show", "Styregruppen"),
    "roles list": ("roles", "list"),
    "approvals list": ("approvals", "list"),
    "approvals show": ("approvals", "show", "1"),
    "audiences list": ("audiences", "list"),
    "audiences unplaced": ("audiences", "unplaced", "Plan"),
    "meetings list": ("meetings", "list"),
    "import": ("import", "PLAN_CSV", "--plan", "Ny plan", "--dry-run"),
    "export": ("export", "Plan", "-o", "OUT/plan.csv"),
    "approvals log": ("approvals", "log", "-o", "OUT/log.csv"),
    "people export": ("people", "export", "Frida Carlsson", "-o", "OUT/frida.json"),
    "plans picture": ("plans", "picture", "Plan", "-o", "OUT/plan.png"),
    "db backup": ("db", "backup", "OUT/backup.db"),
    "db upgrade": ("db", "upgrade"),
    "teams add": ("teams", "add", "Kommunikation"),
    "teams connect": ("teams", "connect", "udbud", "slack", "C0123"),
    "teams rotate-feed-token": ("teams", "rotate-feed-token", "udbud"),
    "people add": ("people", "add", "Ole Olsen"),
    "people link": ("people", "link", "Ole Olsen", "--alias", "OO"),
    "people prefer": ("people", "prefer", "Ole Olsen", "email"),
    "people digest": ("people", "digest", "Ole Olsen", "--on"),
    "plans add": ("plans", "add", "Anden plan", "--team", "udbud"),
    "plans visibility": ("plans", "visibility", "Plan", "organisation"),
    "plans owner": ("plans", "owner", "Plan", "Frida Carlsson"),
    "activities add": ("activities", "add", "Plan", "Nyhedsbrev", "--when", "5/1 2027"),
    "activities edit": ("activities", "edit", "1", "--set", "channel=Nyhedsbrev"),
    "activities done": ("activities", "done", "2"),
    "activities followup": ("activities", "followup", "2", "yes"),
    "activities reopen": ("activities", "reopen", "2"),
    "activities move": ("activities", "move", "4", "1/4 2027"),
    "activities depend": ("activities", "depend", "3", "--on", "2"),
    "activities replan": ("activities", "replan", "1"),
    "activities cancel": ("activities", "cancel", "3"),
    "activities close": ("activities", "close", "1"),
    "reminders resend": ("reminders", "resend", "--all-failed"),
    "steering add": ("steering", "add", "Ledelsen", "--team", "udbud"),
    "steering member": ("steering", "member", "Styregruppen", "Frida Carlsson"),
    "steering set": ("steering", "set", "Styregruppen", "--rule", "any"),
    "steering connect": ("steering", "connect", "Styregruppen", "slack", "C0456"),
    "steering delegate": (
        "steering",
        "delegate",
        "Styregruppen",
        "Mette Holm",
        "Frida Carlsson",
        "--from",
        "2026-12-01",
        "--until",
        "2026-12-05",
    ),
    "steering assign": ("steering", "assign", "Styregruppen", "Plan"),
    "roles grant": ("roles", "grant", "editor", "Frida Carlsson", "--plan", "Plan"),
    "roles revoke": ("roles", "revoke", "editor", "Frida Carlsson", "--plan", "Plan"),
    "approvals request": ("approvals", "request", "5", "--text", "Udkast"),
    "approvals revise": ("approvals", "revise", "2", "--text", "Udkast 2"),
    "approvals decide": ("approvals", "decide", "2", "approve", "--as", "Mette Holm"),
    # Closed already: the refusal is what is read.
    "approvals withdraw": ("approvals", "withdraw", "1"),
    "audiences add": ("audiences", "add", "Borgere"),
    "audiences alias": ("audiences", "alias", "Borgere", "Alle borgere"),
    "audiences map": ("audiences", "map", "Plan", "Medarbejdere", "Borgere"),
    "audiences budget": ("audiences", "budget", "Borgere", "Intranet", "2"),
    "audiences seed": ("audiences", "seed"),
    "meetings add": ("meetings", "add", "Udvalget", "--dates", "2027-03-04", "--alias", "møde"),
    "meetings alias": ("meetings", "alias", "Udvalget", "udvalgsmøde"),
    "overlaps intended": ("overlaps", "intended", "no-such-key"),
    "why": ("why", "1", "Aftalt med styregruppen"),
    "audit purge": ("audit", "purge", "-o", "OUT/archive.jsonl"),
    "people forget": ("people", "forget", "Ole Olsen"),
}
# Commands whose line here is refused (exit 2): the one line of the refusal is what is read.
REFUSED = {"approvals withdraw", "overlaps intended", "reminders policy --set"}
# More lines of commands run above: refusals people read too.
ALSO: dict[str, tuple[str, ...]] = {
    "reminders policy --set": ("reminders", "policy", "Plan", "--set", "hour=23"),
}
# Commands that print nothing a person reads as a table or report, or never end by themselves.
NOT_RUN = {
    "serve": "a server: runs until stopped",
    "demo": "a server with example data: runs until stopped",
    "console": "an interactive chat session: tests/chat run it",
    "reminders run": "the scheduler: runs until stopped",
    "db restore": "replaces the database the others read",
    "people link-slack": "needs Slack (SLACK_BOT_TOKEN)",
    "msteams-app package": "a zip for Teams' admin centre, in English by Microsoft's rules",
    "msteams-app manifest": "JSON for Teams (a program reads it)",
    "teams-app package": "msteams-app's old name",
    "teams-app manifest": "msteams-app's old name",
}


def _commands() -> Iterator[str]:
    def walk(command: object, path: tuple[str, ...]) -> Iterator[str]:
        subs = getattr(command, "commands", None)
        if subs is None:
            yield " ".join(path)
            return
        for name, sub in subs.items():
            yield from walk(sub, (*path, name))

    yield from walk(typer.main.get_command(app), ())


def test_every_command_is_run_or_said_why() -> None:
    registered = set(_commands())
    assert registered == set(COMMANDS) | set(NOT_RUN), (
        "run here:",
        sorted(registered - set(COMMANDS) - set(NOT_RUN)),
        "gone:",
        sorted(set(COMMANDS) | set(NOT_RUN) - registered),
    )


def _line(args: tuple[str, ...], folder: Path) -> list[str]:
    csv = folder / "plan.csv"
    csv.write_text(PLAN_CSV, encoding="utf-8")
    (folder / "OUT").mkdir(exist_ok=True)
    return [
        str(csv) if arg == "PLAN_CSV" else arg.replace("OUT/", f"{folder}/OUT/") for arg in args
    ]


@pytest.mark.parametrize("language", ["da", "sv"])
def test_every_command_speaks_the_readers_language(
    language: Language, seeded: Path, tmp_path: Path
) -> None:
    db = _copy(seeded, tmp_path)
    env = {"COMMPLAN_LANGUAGE": language, "COMMPLAN_TIMEZONE": "Europe/Copenhagen"}
    problems: list[str] = []
    with time_machine.travel(NOW, tick=False):
        for name, args in {**COMMANDS, **ALSO}.items():
            try:
                result = run(db, *_line(args, tmp_path), env=env)
            except Exception as err:  # a traceback is a fault too: say which command, go on
                problems.append(f"{name}: {type(err).__name__}: {err}")
                continue
            shown = result.stdout + result.stderr
            if result.returncode != (2 if name in REFUSED else 0):
                problems.append(f"{name}: exit {result.returncode}: {shown.strip()[:300]}")
            problems.extend(f"{name}: {fault}" for fault in faults(shown))
    assert not problems, "\n".join(problems)


def test_as_a_person_answers_in_their_language(seeded: Path, tmp_path: Path) -> None:
    """`commplan --as "Karin Ek"` in a Danish organisation answers Karin in Swedish."""
    db = _copy(seeded, tmp_path)
    with time_machine.travel(NOW, tick=False):
        shown = run(
            db, "--as", "Karin Ek", "plans", "show", "Plan", env={"COMMPLAN_LANGUAGE": "da"}
        )
    assert shown.returncode == 0, shown.stderr
    assert "Försenat" in shown.stdout and "förfallodag" in shown.stdout, shown.stdout
    assert "Forsinket" not in shown.stdout


# ---------------------------------------------------------------------------- the notices


def _written_kinds() -> set[str]:
    """Every kind the code writes to the outbox: the second argument of each outbox_row call
    (a ``NoticeKind`` member, a text, or a module's constant), the scheduler's sets of kinds it
    picks from, and every member of ``NoticeKind``."""
    kinds: set[str] = set()
    for folder in ("bot", "scheduler", "storage"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            constants = {
                target.id: node.value.value
                for node in tree.body
                if isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) == "outbox_row"
                    and len(node.args) >= 2
                ):
                    kind = node.args[1]
                    if isinstance(kind, ast.Constant) and isinstance(kind.value, str):
                        kinds.add(kind.value)
                    elif isinstance(kind, ast.Name) and kind.id in constants:
                        kinds.add(constants[kind.id])
                    elif (
                        isinstance(kind, ast.Attribute)
                        and isinstance(kind.value, ast.Name)
                        and kind.value.id == "NoticeKind"
                    ):
                        kinds.add(NoticeKind[kind.attr].value)
    return kinds | REMINDER_KINDS | APPROVER_KINDS | set(NoticeKind)


def test_every_notice_kind_is_rendered() -> None:
    assert _written_kinds() <= set(NOTICE_KINDS), sorted(_written_kinds() - set(NOTICE_KINDS))


def test_the_rendered_kinds_are_the_notice_kinds() -> None:
    """One vocabulary: what the chat replies render is what scheduler.outbox.kinds declares,
    no kind rendered that nothing may write, none declared that nothing renders."""
    assert sorted(NOTICE_KINDS) == sorted(NoticeKind)
    assert len(NOTICE_KINDS) == len(set(NOTICE_KINDS))


def _notice(kind: str, services: Services, person_id: int) -> Notice:
    """A notice of ``kind`` about the seeded plan's activities, as the writers fill them."""
    ids = {view.title: view.id for view in services.activities.list("Plan", CLI)}
    due = dt.date(2026, 12, 1).isoformat()
    payloads: dict[str, dict[str, object]] = {
        "deviation": {
            "kind": "moved",
            "activity": "Flyttes",
            "plan": "Plan",
            "baseline": None,
            "moved_to": "2027-03-01",
            "working_days": 1941,
            "by": CLI.name,
        },
        "overlap": {
            "kind": "near",
            "key": "k",
            "audience": "Medarbejdere",
            "first": {"activity": "Ny", "plan": "Plan", "due": due},
            "second": {"activity": "Gammel", "plan": "Plan", "due": due},
            "days": 0,
        },
        "unmapped_people": {"names": ["Ukendt Person"], "more": 0},
        "unmapped_audiences": {"names": ["Pressen"], "more": 0},
        "same_name": {"name": "Alle medarbejdere", "plan": "Plan", "others": 2},
        "steering_chair": {
            "by": "Mette Holm",
            "group": "Styregruppen",
            "plan": "Plan",
            "members": "Frida Carlsson",
        },
        "unlinked_attempt": {
            "surface": "slack",
            "user": "U1",
            "name": "Ukendt",
            "plan": "Plan",
            "attempted": "activity.done",
        },
        "delivery_failed": {"failed_person_id": person_id, "error": "channel_not_found"},
        "followup": {"done": due},
        "digest": {},
        "digest_person": {},
    }
    payload: dict[str, object] = payloads.get(kind, {"due": due, "start": due})
    if kind.startswith("approval_"):
        request = services.approvals.list(CLI)[0]
        payload = {"request": request.id, "version": request.version, "expires": due}
        if kind == "approval_decision":
            payload["decision"] = request.decisions[0].id if request.decisions else None
    return Notice(
        key=f"test:{kind}",
        kind=kind,
        due_at=NOW,
        person_id=person_id,
        activity_id=ids["Ny"],
        plan_id=services.plans.get("Plan").id,
        payload=payload,
    )


@pytest.mark.parametrize("language", ["da", "sv"])
def test_every_notice_kind_reads_in_the_readers_language(
    language: Language, seeded: Path, tmp_path: Path
) -> None:
    db = _copy(seeded, tmp_path)
    settings = load_settings(
        COMMPLAN_DATABASE_URL=f"sqlite:///{db}",
        COMMPLAN_LANGUAGE=language,
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
    )
    engine = make_engine(settings.database_url)
    services = Services.create(settings, engine)
    problems: list[str] = []
    try:
        with time_machine.travel(NOW, tick=False):
            person = services.people.get("Mette Holm")
            caller = Caller(Actor(Origin.CONSOLE, person.id, person.name), language)
            for kind in NOTICE_KINDS:
                reply = reminder_reply(services, _notice(kind, services, person.id), caller)
                shown = render(reply, language).text
                mail = reply_text(reply, language, lambda button: "https://commplan.example/a")
                for text in (shown, mail):
                    problems.extend(f"{kind}: {fault}" for fault in faults(text))
    finally:
        engine.dispose()
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------- the pages


@pytest.mark.parametrize(("plan", "language"), [("Plan", "da"), ("Planen", "sv")])
def test_the_plan_page_reads_in_the_plans_language(
    plan: str, language: Language, seeded: Path, tmp_path: Path
) -> None:
    db = _copy(seeded, tmp_path)
    settings = load_settings(COMMPLAN_DATABASE_URL=f"sqlite:///{db}", COMMPLAN_LANGUAGE="en")
    engine = make_engine(settings.database_url)
    try:
        services = Services.create(settings, engine)
        with time_machine.travel(NOW, tick=False):
            token = shown(services.pages.link(plan, CLI)).rstrip("/").rsplit("/", 1)[-1]
            page = services.pages.page(token, {})
            assert page is not None
            html = render_page(page)
    finally:
        engine.dispose()
    text = re.sub(r"<style.*?</style>|<[^>]+>", "\n", html, flags=re.DOTALL)
    problems = faults(unescape(text))
    assert not problems, "\n".join(problems)
    assert ("Gammel" if plan == "Plan" else "Nyhetsbrev") in text  # the rows were read
    assert "2026-12-01" not in text  # a day the plan's way, not ISO


@pytest.mark.parametrize(("person", "language"), [("Mette Holm", "da"), ("Karin Ek", "sv")])
def test_the_calendar_page_reads_in_the_readers_language(
    person: str, language: Language, seeded: Path, tmp_path: Path
) -> None:
    db = _copy(seeded, tmp_path)
    settings = load_settings(COMMPLAN_DATABASE_URL=f"sqlite:///{db}", COMMPLAN_LANGUAGE="en")
    engine = make_engine(settings.database_url)
    try:
        services = Services.create(settings, engine)
        found = services.people.get(person)
        reader = CalendarReader(Actor(Origin.WEB, found.id, found.name), language, found.name)
        with time_machine.travel(NOW, tick=False):
            sheet = services.calendar.sheet(reader, weeks=3, audience=None, first=None)
            html = render_calendar(sheet, overlap_days=5, picture="calendar.png")
    finally:
        engine.dispose()
    text = unescape(re.sub(r"<style.*?</style>|<[^>]+>", "\n", html, flags=re.DOTALL))
    problems = faults(text)
    assert not problems, "\n".join(problems)
    assert "Intranet" in text  # the rows were read (by channel)


# ---------------------------------------------------------------------------- the catalogue


def test_every_key_is_in_every_language() -> None:
    missing = [
        (key, language)
        for key, texts in all_messages().items()
        for language in LANGUAGES
        if not texts.get(language)
    ]
    assert not missing, missing


# ---------------------------------------------------------------------------- the formats


def test_moments_days_numbers_and_plurals_read_the_local_way() -> None:
    winter = dt.datetime(2026, 12, 7, 4, 5, 20, 160771, tzinfo=dt.UTC)
    summer = dt.datetime(2027, 6, 7, 3, 5, 59, tzinfo=dt.UTC)  # CEST: two hours on
    copenhagen = ZoneInfo("Europe/Copenhagen")
    assert moment_text(winter, "da", copenhagen) == "7. dec. 2026 kl. 05.05"
    assert moment_text(winter, "sv", ZoneInfo("Europe/Stockholm")) == "7 dec. 2026 kl. 05:05"
    assert moment_text(winter, "en", copenhagen) == "7 Dec 2026, 05:05"
    assert moment_text(summer, "da", copenhagen) == "7. jun. 2027 kl. 05.05"
    # A moment the database kept without its zone is UTC.
    assert moment_text(winter.replace(tzinfo=None), "da", copenhagen) == "7. dec. 2026 kl. 05.05"
    assert Reader("sv", copenhagen).day(None) == "inget datum"
    assert Reader("da", copenhagen).number(1234.5) == "1.234,5"
    assert [count_text("count.activities", n, "da") for n in (1, 2)] == [
        "1 aktivitet",
        "2 aktiviteter",
    ]
    assert count_text("count.working_days", 1, "sv") == "1 arbetsdag"
    assert count_text("count.activities", 1, "en") == "1 activity"
    # A template names both forms; the number picks one by CLDR's rule.
    assert t("feed.alarm.days", "da", days=1, title="Nyhed") == "Frist om 1 dag: Nyhed"
    assert t("page.count", "sv", shown=2, total=2) == "2 av 2 aktiviteter"
    # Files keep ISO 8601 with the offset.
    assert machine_moment(summer, copenhagen) == "2027-06-07T05:05:59+02:00"


def test_the_command_line_is_the_administrator_or_the_person_it_is_mapped_to(
    seeded: Path, tmp_path: Path
) -> None:
    """A cancellation from the command line tells the plan's owner who did it: the
    administrator, or the person COMMPLAN_CLI_PERSON names; never cli:<account>."""
    db = _copy(seeded, tmp_path)
    with time_machine.travel(NOW, tick=False):
        assert run(db, "activities", "cancel", "1").returncode == 0
        mapped = {"COMMPLAN_CLI_PERSON": "Frida Carlsson"}
        assert run(db, "activities", "cancel", "3", env=mapped).returncode == 0
    settings = load_settings(COMMPLAN_DATABASE_URL=f"sqlite:///{db}", COMMPLAN_LANGUAGE="da")
    engine = make_engine(settings.database_url)
    try:
        services = Services.create(settings, engine)
        owner = services.people.get("Mette Holm")
        with engine.connect() as connection:
            rows = connection.execute(
                select(OutboxMessage.payload)
                .where(
                    OutboxMessage.kind == NoticeKind.DEVIATION, OutboxMessage.person_id == owner.id
                )
                .order_by(OutboxMessage.id)
            ).all()
        told = []
        for (payload,) in rows[-2:]:
            notice = Notice("k", NoticeKind.DEVIATION, NOW, owner.id, None, None, payload=payload)
            caller = Caller(Actor(Origin.CONSOLE, owner.id, owner.name), "da")
            told.append(reminder_reply(services, notice, caller).text)
    finally:
        engine.dispose()
    assert told[0].startswith("Administratoren aflyste Gammel (Plan), planlagt til 1. november")
    assert told[1].startswith("Frida Carlsson aflyste Uden ansvarlig (Plan)")


def test_a_deviation_of_an_undated_activity_counts_no_working_days(
    seeded: Path, tmp_path: Path
) -> None:
    db = _copy(seeded, tmp_path)
    settings = load_settings(COMMPLAN_DATABASE_URL=f"sqlite:///{db}", COMMPLAN_LANGUAGE="sv")
    engine = make_engine(settings.database_url)
    try:
        services = Services.create(settings, engine)
        owner = services.people.get("Mette Holm")
        notice = _notice(
            NoticeKind.DEVIATION, services, owner.id
        )  # no baseline, 1941 "working days"
        caller = Caller(Actor(Origin.CONSOLE, owner.id, owner.name), "sv")
        text = reminder_reply(services, notice, caller).text
    finally:
        engine.dispose()
    assert text == (
        "Administratören flyttade Flyttes (Plan) till 1 mars 2027; den hade inget datum förut."
    )


def test_deviations_csv_opens_right_in_a_danish_spreadsheet(seeded: Path, tmp_path: Path) -> None:
    db = _copy(seeded, tmp_path)
    with time_machine.travel(NOW, tick=False):
        shown = run(db, "deviations", "Plan", "--format", "csv", env={"COMMPLAN_LANGUAGE": "da"})
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("\ufeffid;aktivitet-id;aktivitet;type;oprindelig dato;")
    lines = shown.stdout.splitlines()
    assert lines[0].endswith(";tidspunkt (Europe/Copenhagen)")
    moved = next(line for line in lines if ";flyttet;" in line)
    assert ";administratoren;2026-11-22 10:00" in moved  # 09:00 UTC, to the minute


def test_a_swedish_plan_imported_with_language_sv_is_reported_in_swedish(
    seeded: Path, tmp_path: Path
) -> None:
    """In a Danish organisation, `import --language sv` reports (and notes) in Swedish."""
    db = _copy(seeded, tmp_path)
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "MÅLGRUPP;BUDSKAP;KANAL;NÄR;ANSVARIG\nPersonal;Nytt system;Intranät;Vid behov;Okänd\n",
        encoding="utf-8",
    )
    with time_machine.travel(NOW, tick=False):
        shown = run(
            db,
            *("import", str(plan), "--plan", "Ny plan", "--language", "sv", "--dry-run"),
            env={"COMMPLAN_LANGUAGE": "da"},
        )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Skulle läsa in plan.csv i Ny plan"), shown.stdout
    assert "Provkörning: inget sparades." in shown.stdout
    assert not faults(shown.stdout), faults(shown.stdout)
