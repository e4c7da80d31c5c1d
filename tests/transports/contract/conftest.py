"""The contract suites' fixture: each test runs once per surface, as APScheduler runs each
data store test over every store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from tests.transports.contract.rigs import RIGS, Rig

# Before the spring DST change; Frida's activity is due after it.
START = "2027-03-24T09:00:00+00:00"


@pytest.fixture(params=list(RIGS))
def rig(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[Rig]:
    with time_machine.travel(START, tick=True), RIGS[request.param](sqlite_url) as built:
        yield built
