"""The toy surface in the permission matrix (tests/permissions/): a person of each role presses
each button through the toy's app, as on every surface."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot import registry
from bot.services import Services
from storage.models import Surface
from tests.permissions.drivers import Case, Driver, Running
from tests.permissions.world import World
from tests.transports.contract.toy import SPEC, TOY


class ToyDriver(Driver):
    surface = TOY

    def __init__(self, services: Services, world: World) -> None:
        self.services = services
        self.world = world
        app = FastAPI()
        app.include_router(SPEC.build_app(services).router())
        self.client = TestClient(app)

    @classmethod
    @contextmanager
    def running(cls) -> Iterator[Running]:
        remove = registry.add(SPEC)  # the one line
        try:
            yield {}, cls
        finally:
            remove()

    @classmethod
    def addresses(cls, role: str) -> Mapping[Surface, str]:
        return {TOY: f"toy-{role}"}

    def user(self, role: str) -> str | None:
        return f"toy-{role}"

    def command(self, role: str, text: str) -> None:
        raise AssertionError("the toy takes no typed commands; the cases leave them out")

    def press(self, role: str, case: Case, value: str) -> None:
        assert case.action is not None
        form = {"action": case.action.value, "value": value, "text": case.typed or ""}
        answer = self.client.post(f"/toy/toy-{role}", data=form)
        assert answer.status_code == 200, (role, case.name, answer.status_code, answer.text)
