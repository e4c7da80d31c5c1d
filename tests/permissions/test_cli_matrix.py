"""Every command of the command line, run `commplan --as PERSON …` for a person in each role
(issue 28, item 7): the CLI asks the same gate as chat. Refused, it says one line, exits 2,
changes no row but the audit log, whose refusal names the person; allowed, it records no
refusal. Who is allowed is written here, by hand, from docs/permissions.md ("The command
line"): the test does not read the rules it checks. The world is tests/permissions/world.py's.

Commands that start a server or a loop (`serve`, `demo`, `console`, `reminders run`) and `db
restore` run only for those who are refused: the admin's run would start them."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine
import typer.main

from bot.cli import context, main
from bot.services import Services
from config import load_settings
from storage.database import make_engine
from tests.cli.in_process import Result, _command_once
from tests.permissions.world import ADMIN as WORLD_ADMIN
from tests.permissions.world import CAST, World, build_world, refusals, snapshot

START = "2027-03-24T09:00:00+00:00"
LINKED = tuple(role for role, name in CAST.items() if name is not None)
EVERYONE = frozenset(LINKED)
ADMIN = frozenset({"admin"})
READERS = frozenset({"admin", "owner", "editor", "member", "responsible", "steering"})
ACTORS = frozenset({"admin", "owner", "editor", "responsible"})
CHANGERS = frozenset({"admin", "owner", "editor"})
OWNERS = frozenset({"admin", "owner"})
REVISERS = frozenset({"admin", "owner", "responsible"})  # the requester is the responsible
DECIDERS = frozenset({"steering"})
RIKKE = frozenset({"admin", "responsible"})  # Rikke's own things, and the admin's
TEAM = frozenset({"admin", "member"})  # the team feed's link: its team
TEAMS_APP = {
    "TEAMS_APP_ID": "00000000-0000-4000-8000-00000000c0de",
    "COMMPLAN_PUBLIC_URL": "https://commplan.example.dk",
}
TEAM_ADMINS = frozenset({"admin"})  # rotating it: nobody in the world is the team's admin


@dataclass(frozen=True)
class Case:
    args: str  # {upcoming} {done} {request} {deviation} {tmp} {role} filled in; split on " | "
    allowed: frozenset[str]
    starts: bool = False  # starts a server or a loop, or replaces the database: not run allowed
    answer: str | None = None  # allowed, it ends with this error (the world lacks the thing)
    env: dict[str, str] = field(default_factory=dict)


CASES = (
    Case("serve", ADMIN, starts=True),
    Case("demo", ADMIN, starts=True),
    Case("console | --as | Rikke Ansvarlig", RIKKE, starts=True),
    Case("upcoming | --plan | Plan", READERS),
    Case("import | {tmp}/plan.csv | --plan | Plan | --dry-run", CHANGERS),
    Case("digest | Plan", READERS),
    Case("export | Plan | -o | {tmp}/out.csv", CHANGERS),
    Case("when | 2. april 2027", EVERYONE),
    Case("deviations | Plan", READERS),
    Case("why | {deviation} | Aftalt", CHANGERS),
    Case("calendar | --as | Rikke Ansvarlig", RIKKE),
    Case("db upgrade", ADMIN),
    Case("db backup | {tmp}/backup.db", ADMIN),
    Case("db restore | {tmp}/missing.db", ADMIN, starts=True),
    Case("teams add | Tredje", ADMIN),
    Case("teams connect | udbud | slack | CUDBUD", ADMIN),
    Case("teams list", ADMIN),
    Case("teams feed | udbud", TEAM),
    Case("teams rotate-feed-token | udbud", TEAM_ADMINS),
    Case("people add | Ny Person", ADMIN),
    Case("people link | Rikke Ansvarlig | --alias | RA", ADMIN),
    Case("people prefer | Rikke Ansvarlig | slack", RIKKE),
    Case("people link-slack", ADMIN, answer="Slack is not configured"),
    Case("people digest | Rikke Ansvarlig | --on", RIKKE),
    Case("people list", ADMIN),
    Case("people feed | Rikke Ansvarlig", RIKKE),
    # A file of each role's own: an export never overwrites one (storage/private_files.py).
    Case("people export | Rikke Ansvarlig | -o | {tmp}/rikke-{role}.json", RIKKE),
    Case("people forget | Carl Formand", ADMIN, starts=True),  # he chairs: handed over first
    Case("plans add | Ny plan | --team | udbud", frozenset({"admin", "member"})),
    Case("plans list", EVERYONE),
    Case("plans show | Plan", READERS),
    Case("plans visibility | Plan | organisation", CHANGERS),
    Case("plans owner | Plan | Erik Redaktør", OWNERS),
    Case("plans page | Plan", CHANGERS | {"member"}),
    Case("plans picture | Plan | -o | {tmp}/plan.png", READERS),
    Case("activities add | Plan | Plakat | --when | 1. maj 2027", CHANGERS),
    Case("activities edit | {upcoming} | --set | channel=Web", ACTORS),
    Case("activities reopen | {done}", ACTORS),
    Case("activities move | {upcoming} | 7. april 2027", ACTORS),
    Case("activities done | {upcoming}", ACTORS),
    Case("activities close | {upcoming}", ACTORS),
    Case("activities depend | {upcoming} | --on | {done}", CHANGERS),
    Case("activities followup | {done} | yes", ACTORS),
    Case("activities replan | {done} | --when | 1. maj 2027", CHANGERS),
    Case("activities cancel | {upcoming}", CHANGERS),
    Case("activities list | Plan", READERS),
    Case("reminders preview", ADMIN),
    Case("reminders status", ADMIN),
    Case("reminders policy | Plan | --set | before_days=3", CHANGERS),
    Case("reminders run | --once", ADMIN, starts=True),
    Case("steering add | Ny gruppe | --team | udbud", ADMIN),
    Case("steering list", ADMIN),
    Case("steering show | Styregruppen", ADMIN),
    Case("steering member | Styregruppen | Mads Medlem", ADMIN),
    Case("steering set | Styregruppen | --rule | all", ADMIN),
    Case("steering connect | Styregruppen | slack | CSTYRE", ADMIN),
    Case(
        "steering delegate | Styregruppen | Sofie Styre | Mads Medlem | --from | 2027-04-01"
        " | --until | 2027-04-08",
        frozenset({"admin", "steering"}),
    ),
    Case("steering assign | Styregruppen | Plan", ADMIN),
    Case("roles grant | editor | Mads Medlem | --plan | Plan", OWNERS),
    Case("roles revoke | editor | Erik Redaktør | --plan | Plan", OWNERS),
    Case("roles list | --plan | Plan", READERS),
    Case("approvals request | {upcoming} | --text | Udkast", ACTORS),
    Case("approvals revise | {request} | --text | Nyt udkast", REVISERS),
    Case("approvals decide | {request} | approve", DECIDERS),
    Case("approvals withdraw | {request}", REVISERS),
    Case("approvals show | {request}", READERS),
    Case("approvals list | --plan | Plan", READERS),
    Case("approvals log | --plan | Plan", READERS),
    Case("audit purge | -o | {tmp}/audit.jsonl", ADMIN),
    Case("audiences list", ADMIN),
    Case("audiences add | Unge", ADMIN),
    Case("audiences alias | borgere | Indbyggere", ADMIN),
    Case("audiences map | Plan | Intranet | borgere", CHANGERS, answer="no target group"),
    Case("audiences budget | borgere | Intranet | 2", ADMIN),
    Case("audiences unplaced | Plan", READERS),
    Case("overlaps", EVERYONE),
    # The world has no overlap: the key is looked up first, for everyone (the gate's answer on
    # a real one: tests/coordination/test_overlaps.py).
    Case("overlaps intended | near:1:2", EVERYONE, answer="No overlap near:1:2"),
    Case("msteams-app manifest", ADMIN, env=TEAMS_APP),
    Case("msteams-app package | -o | {tmp}/app.zip", ADMIN, env=TEAMS_APP),
)


@dataclass
class Stage:
    world: World
    database: Path
    template: Path
    tmp: Path

    def reset(self) -> None:
        if context.services.cache_info().currsize:
            context.services().context.engine.dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.template, self.database)


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Stage]:
    tmp = tmp_path_factory.mktemp("cli-matrix")
    database = tmp / "commplan.db"
    shutil.copyfile(sqlite_template, database)
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    settings = load_settings(
        COMMPLAN_DATABASE_URL=url, COMMPLAN_LANGUAGE="en", COMMPLAN_TIMEZONE="Europe/Copenhagen"
    )
    with time_machine.travel(START, tick=True):
        services = Services.create(settings, engine)
        world = build_world(services)
        services.audiences.add("Borgere", WORLD_ADMIN, slug="borgere")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    template = tmp / "world.db"
    shutil.copyfile(database, template)
    (tmp / "plan.csv").write_text(
        "Aktivitet;Tidspunkt;Ansvarlig\nNyhedsbrev;2. april 2027;Rikke Ansvarlig\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith(("COMMPLAN_", "SLACK_", "TEAMS_")):
                patch.delenv(name)
        patch.setenv("COMMPLAN_DATABASE_URL", url)
        patch.setenv("COMMPLAN_LANGUAGE", "en")
        patch.chdir(tmp)
        _forget_services()
        yield Stage(world, database, template, tmp)
        _forget_services()


def _forget_services() -> None:
    if context.services.cache_info().currsize:
        context.services().context.engine.dispose()
    context.settings.cache_clear()
    context.services.cache_clear()


def run(stage: Stage, *args: str, env: dict[str, str] | None = None) -> Result:
    """`commplan ARGS` in this process, as tests/cli/in_process.py runs it, but keeping the
    CLI's services from one command to the next (making them migrates-or-checks the database:
    a third of a second, 500 times here). A case with settings of its own makes them anew."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        if env:
            _forget_services()
        patch.setattr(sys, "argv", ["commplan", *args])
        patch.setattr(typer.main, "get_command", _command_once)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                main.run()
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
        if env:
            _forget_services()
    return Result(code, stdout.getvalue(), stderr.getvalue())


def _argv(case: Case, stage: Stage, role: str) -> list[str]:
    world = stage.world
    values = {
        "role": role,
        "upcoming": world.upcoming,
        "done": world.done,
        "request": world.request,
        "deviation": world.deviation,
        "tmp": stage.tmp,
    }
    command, *rest = case.args.split(" | ")
    return [*command.split(" "), *(part.format(**values) for part in rest)]


@pytest.mark.parametrize("case", CASES, ids=[case.args.split(" | ")[0] for case in CASES])
def test_every_command_gives_every_role_the_rules_answer(stage: Stage, case: Case) -> None:
    engine = make_engine(f"sqlite:///{stage.database}")
    outcomes: dict[str, str] = {}
    dirty = True  # put the world back only after a run changed it (a refusal changes nothing)
    after: dict[str, list[tuple[object, ...]]] = {}
    refused_after: list[tuple[str, str | None, int | None]] = []
    try:
        for role in LINKED:
            allowed = role in case.allowed
            if allowed and case.starts:
                outcomes[role] = "allowed"
                continue
            if dirty:
                stage.reset()
            with time_machine.travel(START, tick=True):
                if dirty:
                    before, refused_before = snapshot(engine), refusals(engine)
                else:  # as the last run left it
                    before, refused_before = after, refused_after
                argv = ("--as", str(CAST[role]), *_argv(case, stage, role))
                result = run(stage, *argv, env=case.env)
                after, refused_after = snapshot(engine), refusals(engine)
            engine.dispose()  # a command may checkpoint or copy the file (db backup)
            dirty = before != after
            new = refused_after[len(refused_before) :]
            if new:
                [(_, surface_user, person)] = new
                assert person == stage.world.people[role], (case.args, role, new)
                assert surface_user is not None and surface_user.startswith("cli:")
                assert not dirty, f"{case.args} by {role}: refused but changed rows"
                assert result.returncode == 2, (case.args, role, result)
                assert len(result.stderr.strip().splitlines()) == 1, result  # no trace
                outcomes[role] = "refused"
            else:
                if case.answer is None:
                    assert result.returncode == 0, (case.args, role, result)
                else:
                    assert case.answer in result.stderr, (case.args, role, result)
                outcomes[role] = "allowed"
    finally:
        engine.dispose()
    expected = {role: "allowed" if role in case.allowed else "refused" for role in LINKED}
    assert outcomes == expected


def test_a_list_of_plans_names_only_the_plans_one_may_read(stage: Stage) -> None:
    stage.reset()
    for role, shown in (("outsider", False), ("member", True), ("admin", True)):
        result = run(stage, "--as", str(CAST[role]), "plans", "list")
        assert result.returncode == 0, result
        assert ("Plan" in result.stdout) is shown, (role, result.stdout)


def test_someone_the_root_as_names_may_not_name_another_in_a_commands_own_as(
    stage: Stage,
) -> None:
    """`commplan --as Mads approvals decide 3 approve --as Sofie` once acted as Sofie."""
    stage.reset()
    world = stage.world
    argv = ("approvals", "decide", str(world.request), "approve", "--as", "Sofie Styre")
    refused = run(stage, "--as", "Mads Medlem", *argv)
    assert refused.returncode == 2
    assert run(stage, "--as", "Ada Admin", *argv).returncode == 0
