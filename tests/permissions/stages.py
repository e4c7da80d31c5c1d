"""The world of the permission matrix on each surface, made once and put back before each
case: the stage every surface-wide suite runs on (tests/permissions/test_matrix.py,
tests/transports/contract/test_inbound.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import time_machine
from sqlalchemy import Engine

from bot import registry
from bot.registry import SurfaceSpec
from bot.services import Services
from config import load_settings
from storage.database import make_engine
from tests.permissions.drivers import ConsoleDriver, Driver
from tests.permissions.world import World, build_world
from tests.transports.contract.toy import SPEC as TOY_SPEC

START = "2027-03-24T09:00:00+00:00"  # before the spring DST change; the deadlines are after it


@dataclass
class Stage:
    driver: Driver
    world: World
    engine: Engine
    database: Path
    template: Path

    def reset(self) -> None:
        self.engine.dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.template, self.database)


def _settings(url: str, **more: str) -> Any:
    return load_settings(
        COMMPLAN_DATABASE_URL=url,
        COMMPLAN_LANGUAGE="en",
        COMMPLAN_TIMEZONE="Europe/Copenhagen",
        COMMPLAN_PUBLIC_URL="https://commplan.example.dk",
        **more,
    )


def make_stage(tmp: Path, sqlite_template: Path, kind: type[Driver]) -> Iterator[Stage]:
    database = tmp / "commplan.db"
    shutil.copyfile(sqlite_template, database)
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    with kind.running() as (extra, make):
        services = Services.create(_settings(url, **extra), engine)
        with time_machine.travel(START, tick=True):
            world = build_world(services, kind.addresses)
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            engine.dispose()
            template = tmp / "world.db"
            shutil.copyfile(database, template)
            driver = make(services, world)
            client = getattr(getattr(driver, "harness", None), "client", None)
            if client is not None:
                with client:
                    yield Stage(driver, world, engine, database, template)
            else:
                yield Stage(driver, world, engine, database, template)
    engine.dispose()


# Every surface runs every case it can take: e-mail has buttons (links) and no typed commands.
# The registry's surfaces, each by the driver its entry names, the console (an operator's, not
# in the registry) and the test-only surface (tests/transports/contract/toy/: a folder and one
# registry line), whose driver registers it while its stage runs.
DRIVERS: dict[str, tuple[SurfaceSpec | None, type[Driver]]] = {
    "console": (None, ConsoleDriver),
    **{
        spec.surface.value: (spec, registry.resolve(spec.matrix_driver))
        for spec in registry.SURFACES
    },
    TOY_SPEC.surface.value: (TOY_SPEC, registry.resolve(TOY_SPEC.matrix_driver)),
}


def typed(surface: str) -> bool:
    spec, _ = DRIVERS[surface]
    return spec is None or spec.typed_commands
