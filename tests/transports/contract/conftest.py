"""The contract suites' fixture: each test runs once per surface, as APScheduler runs each
data store test over every store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from tests.transports.contract.rigs import LACKS, NEEDS, RIGS, Rig, rigs_with

# Before the spring DST change; Frida's activity is due after it.
START = "2027-03-24T09:00:00+00:00"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each test runs on every surface that does what it needs (``@pytest.mark.needs(...)``):
    a surface without it gets no case, rather than a skipped one."""
    if "rig" in metafunc.fixturenames:
        needs = [need for mark in metafunc.definition.iter_markers("needs") for need in mark.args]
        metafunc.parametrize("rig", rigs_with(*needs), indirect=True)


@pytest.fixture
def rig(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[Rig]:
    needs = [need for mark in request.node.iter_markers("needs") for need in mark.args]
    with time_machine.travel(START, tick=True), RIGS[request.param](sqlite_url) as built:
        # The table the cases are made from says what the built rig does, both ways.
        lacks = {need for need in NEEDS if not built.has(need)}
        assert lacks == LACKS.get(request.param, frozenset()), (request.param, lacks)
        assert all(built.has(need) for need in needs), (request.param, needs)
        yield built
