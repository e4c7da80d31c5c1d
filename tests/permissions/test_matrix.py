"""Every chat command and button, for every role, on every chat surface, through the real apps.

Slack gets signed requests (slash commands, button clicks, modal submissions) on /slack/events;
Teams gets activities (messages, Adaptive Card invokes) on /api/messages through the SDK's route;
the console is `commplan console`'s session; e-mail gets the confirming POST of a button's
signed link on /email/{token} (e-mail takes no typed commands, so only the buttons run there).
Before each case the database is put back as the world left it, so each case is judged alone:
allowed, it did what it says (or showed what it reads) and left no refusal; refused, it changed
no row but the audit log, which names the person and the surface's own user id.

Who is allowed is written here, by hand, from docs/permissions.md: the test does not read the
rules it checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine

from bot.chat.replies import Action
from tests.permissions.drivers import Case, Driver
from tests.permissions.stages import DRIVERS, START, Stage, make_stage, typed
from tests.permissions.world import (
    PLAN_FILE,
    ROLES,
    UNMAPPED,
    refusals,
    snapshot,
)

READERS = frozenset({"admin", "owner", "editor", "member", "responsible", "steering"})
ACTORS = frozenset({"admin", "owner", "editor", "responsible"})
CHANGERS = frozenset({"admin", "owner", "editor"})
DECIDERS = frozenset({"steering"})  # the group's member (rule "any"); never the requester
REVISERS = frozenset({"admin", "owner", "responsible"})  # the requester is the responsible
# Who may send a file of "Plan": whoever may change it, and the outsider, whose file becomes a
# new plan in their own team (create: a team's member); nobody in no team who changes nothing.
SENDERS = frozenset({"admin", "owner", "editor", "outsider"})
UPLOADER = frozenset({"owner"})  # a kept file is its sender's: Import and Cancel are theirs


CASES = (
    Case("upcoming plan", READERS, False, command="upcoming plan Plan 30"),
    Case("upcoming team", READERS, False, command="upcoming team udbud 30"),
    Case("plan", READERS, False, command="plan Plan"),
    Case("digest", READERS, False, command="digest Plan"),
    Case("done", ACTORS, True, command="done {upcoming}"),
    Case("approve", ACTORS, True, command="approve {upcoming} Udkast til nyhedsbrev"),
    Case("followup", ACTORS, True, command="followup {done} yes"),
    Case("reopen", ACTORS, True, command="reopen {done}"),
    Case("move", ACTORS, True, command="move {upcoming} 7. april 2027"),
    Case("replan", CHANGERS, True, command="replan {done} 1. maj 2027"),
    Case("decide", DECIDERS, True, command="decide {request} approve"),
    Case("why", CHANGERS, True, command="why {deviation} Aftalt med direktionen"),
    Case("button done", ACTORS, True, action=Action.DONE),
    Case("button snooze", ACTORS, True, action=Action.SNOOZE_DAY),
    Case("button reopen", ACTORS, True, action=Action.REOPEN, target="done"),
    Case("button open", READERS, False, action=Action.OPEN),
    Case("button followup", ACTORS, True, action=Action.FOLLOWUP_YES, target="done", typed="Ok"),
    Case("button replan", CHANGERS, True, action=Action.REPLAN, target="done", typed="1. maj"),
    Case("button approval", ACTORS, True, action=Action.REQUEST_APPROVAL, typed="Udkast"),
    Case("button approve", DECIDERS, True, action=Action.APPROVE, target="request"),
    Case("revise", REVISERS, True, command="revise {request} Nyt udkast med tidsplan"),
    Case("withdraw", REVISERS, True, command="withdraw {request}"),
    Case("button revise", REVISERS, True, action=Action.REVISE, target="request", typed="Nyt"),
    Case("button withdraw", REVISERS, True, action=Action.WITHDRAW, target="request"),
    Case("button reject", DECIDERS, True, action=Action.REJECT, target="request", typed="Kortere"),
    # The Danish and Swedish words are the same commands, under the same rules.
    Case("kommende", READERS, False, command="kommende plan Plan 30"),
    Case("udført", ACTORS, True, command="udført {upcoming}"),
    Case("beslut", DECIDERS, True, command="beslut {request} afvis Teksten skal nævne tidsplanen"),
    Case("besluta", DECIDERS, True, command="besluta {request} godkänn"),
    Case("revidér", REVISERS, True, command="revidér {request} Nyt udkast med tidsplan"),
    Case("återkalla", REVISERS, True, command="återkalla {request}"),
    # A plan owner on their own (docs/permissions.md): the plan's file, whose preview is kept;
    # its Import and Cancel, the sender's alone; the steering group form, for who may change.
    Case("send the plan's file", SENDERS, True, upload=True),
    Case(
        "button import",
        UPLOADER,
        True,
        action=Action.IMPORT_UPLOAD,
        target="upload",
        chat_only=True,
    ),
    Case(
        "button cancel",
        UPLOADER,
        True,
        action=Action.CANCEL_UPLOAD,
        target="upload",
        chat_only=True,
    ),
    Case("steering form", CHANGERS, True, form=True),
    # Who a plan's unmapped responsible name is: in the plans one may change (issue 28, item
    # 1). Only Slack has the picker; Teams' card sends the owner to `commplan people link`
    # (the admin's, tests/permissions/test_cli_matrix.py), console and e-mail have none.
    Case("pick name", CHANGERS, True, pick=UNMAPPED),
)
# The buttons on a request that name its version too ("REQUEST:VERSION").
_VERSIONED = frozenset({Action.APPROVE, Action.REJECT, Action.REQUEST_CHANGES})


RUNS = [
    pytest.param(surface, case, id=f"{surface}-{case.name}")
    for surface in DRIVERS
    for case in CASES
    if (typed(surface) or not (case.command or case.upload or case.form or case.chat_only))
    and (case.pick is None or surface == "slack")
]


@pytest.fixture(scope="module")
def stage(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
) -> Iterator[Stage]:
    """The world on one surface, made once for all its cases (pytest orders the cases by
    surface), as APScheduler runs each data store's tests over one store fixture."""
    surface: str = request.param
    _, kind = DRIVERS[surface]
    yield from make_stage(tmp_path_factory.mktemp(surface), sqlite_template, kind)


def _roles_on(driver: Driver) -> tuple[str, ...]:
    return tuple(r for r in ROLES if driver.unlinked_speak or r != "unlinked")


@pytest.mark.parametrize(("stage", "case"), RUNS, indirect=["stage"])
def test_every_role_gets_the_rules_answer(stage: Stage, case: Case) -> None:
    driver, world = stage.driver, stage.world
    values = {
        "upcoming": world.upcoming,
        "done": world.done,
        "request": world.request,
        "deviation": world.deviation,
        "upload": world.upload,
    }
    outcomes: dict[str, str] = {}
    for role in _roles_on(driver):
        stage.reset()
        with time_machine.travel(START, tick=True):
            before, refused_before = snapshot(stage.engine), refusals(stage.engine)
            if case.command is not None:
                driver.command(role, case.command.format(**values))
            elif case.upload:
                driver.upload(role, "Plan.csv", PLAN_FILE)
            elif case.form:
                driver.steering(role, world)
            elif case.pick is not None:
                driver.press(role, case, "")
            else:
                target = values[case.target]
                value = f"{target}:1" if case.action in _VERSIONED else str(target)
                driver.press(role, case, value)
            after, refused_after = snapshot(stage.engine), refusals(stage.engine)
        new_refusals = refused_after[len(refused_before) :]
        changed = before != after
        expected = "allowed" if role in case.allowed else "refused"
        if new_refusals:
            [(_, surface_user, person)] = new_refusals
            assert surface_user == driver.user(role), (role, case.name, new_refusals)
            assert person == world.people.get(role), (role, case.name, new_refusals)
            assert not changed, f"{case.name} by {role}: refused but changed rows"
            outcomes[role] = "refused"
        else:
            assert not case.writes or changed, f"{case.name} by {role}: allowed but did nothing"
            outcomes[role] = "allowed"
        assert outcomes[role] == expected, (driver.surface, case.name, role, outcomes[role])
