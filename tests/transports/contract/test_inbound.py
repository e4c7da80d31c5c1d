"""The inbound-surface contract, on every surface alike (console, Slack, Teams, e-mail and the
test-only surface): a person pressing a button acts as themselves through the same chat
handler, and what they did is recorded with the surface and the surface's own id of them; a
request body over the surface's limit is refused before it is read.
Who may do what on each is the permission matrix's (tests/permissions/test_matrix.py); this
suite drives the same stage through the same drivers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot import registry
from bot.chat.replies import Action
from bot.web.app import create_app
from storage.models import ActivityStatus, AuditEntry
from tests.permissions.drivers import Case
from tests.permissions.stages import DRIVERS, START, Stage, make_stage

DONE = Case("button done", frozenset({"responsible"}), True, action=Action.DONE)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test on every surface's stage, but the body limit only where requests come over
    HTTP (a registry entry: not the console, which reads a terminal)."""
    if "stage" in metafunc.fixturenames:
        over_http = metafunc.definition.get_closest_marker("over_http") is not None
        names = [name for name, (spec, _) in DRIVERS.items() if spec is not None or not over_http]
        metafunc.parametrize("stage", names, indirect=True, scope="module")


@pytest.fixture(scope="module")
def stage(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
) -> Iterator[Stage]:
    surface: str = request.param
    _, kind = DRIVERS[surface]
    yield from make_stage(tmp_path_factory.mktemp(f"inbound-{surface}"), sqlite_template, kind)


def test_done_pressed_by_the_responsible_is_done_and_recorded_as_theirs(stage: Stage) -> None:
    driver, world = stage.driver, stage.world
    stage.reset()
    with time_machine.travel(START, tick=True):
        driver.press("responsible", DONE, str(world.upcoming))
    assert driver.services.activities.get(world.upcoming).status == ActivityStatus.DONE
    with stage.engine.connect() as connection:
        surface, surface_user, actor = connection.execute(
            select(AuditEntry.origin, AuditEntry.surface_user, AuditEntry.actor_id)
            .where(AuditEntry.action == "activity.done", AuditEntry.entity_id == world.upcoming)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).one()
    assert surface == driver.surface.value
    assert surface_user == driver.user("responsible")
    assert actor == world.people["responsible"]


@pytest.mark.over_http
def test_a_body_over_the_entrys_limit_is_refused_before_it_is_read(stage: Stage) -> None:
    """Every route of a surface's app takes at most its registry entry's ``max_body``: one
    byte more is 413, whatever the route would have made of it; at the limit it is read."""
    spec = registry.spec_of(stage.driver.surface)
    assert spec is not None, "made only for a surface with a registry entry"
    services = stage.driver.services
    context = services.context
    router = spec.build_app(services).router()
    posts = [
        re.sub(r"\{[^}]+\}", "x", route.path)
        for route in router.routes
        if isinstance(route, APIRoute) and "POST" in (route.methods or ())
    ]
    assert posts, f"{spec.surface} serves no POST route"
    with TestClient(create_app(context.settings, context.engine, [router])) as client:
        for path in posts:
            over = client.post(path, content=b"x" * (spec.max_body + 1))
            assert over.status_code == 413, (path, over.status_code)
            at = client.post(path, content=b"x" * spec.max_body)
            assert at.status_code != 413, (path, at.status_code)
