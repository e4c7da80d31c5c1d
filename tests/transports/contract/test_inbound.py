"""The inbound-surface contract, on every surface alike (console, Slack, Teams, e-mail and the
test-only surface): a person pressing a button acts as themselves through the same chat
handler, and what they did is recorded with the surface and the surface's own id of them.
Who may do what on each is the permission matrix's (tests/permissions/test_matrix.py); this
suite drives the same stage through the same drivers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from bot.chat.replies import Action
from storage.models import ActivityStatus, AuditEntry
from tests.permissions.drivers import Case
from tests.permissions.stages import DRIVERS, START, Stage, make_stage

DONE = Case("button done", frozenset({"responsible"}), True, action=Action.DONE)


@pytest.fixture(scope="module", params=list(DRIVERS))
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
            select(AuditEntry.surface, AuditEntry.surface_user, AuditEntry.actor_id)
            .where(AuditEntry.action == "activity.done", AuditEntry.entity_id == world.upcoming)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).one()
    assert surface == driver.surface.value
    assert surface_user == driver.user("responsible")
    assert actor == world.people["responsible"]
