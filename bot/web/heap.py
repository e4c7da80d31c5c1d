"""Keeping the garbage collector's full collections short.

A full collection walks every object the cyclic collector tracks. Right after start-up that is a
few hundred thousand objects (the Slack and Teams SDKs, pydantic's models, SQLAlchemy, the app),
and walking them paused a request for about 200 ms now and then (bench/msteams.py). Objects made
at start-up live as long as the process, so they are frozen out of the collector's sight: at
start-up, and once more after the first requests, since the SDKs import and build more on their
first use. Freezing only hides objects from the *cyclic* collector: anything whose references
drop to zero is still freed at once. The later freezes do not collect first (a collection is
the very pause this avoids, and a request would wait for it): the little cyclic garbage
alive at those moments is kept for good.
"""

from __future__ import annotations

import gc
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

# Requests after which the heap is frozen again.
SETTLE_AT = frozenset({10, 100, 1_000, 10_000})


def settle_heap() -> None:
    """At start-up, before any request: collect what start-up left, then freeze the rest."""
    gc.collect()
    gc.freeze()


class HeapSettler:
    """A middleware that freezes the heap again after the requests counted in ``SETTLE_AT``."""

    def __init__(self) -> None:
        self.seen = 0

    async def middleware(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        self.seen += 1
        if self.seen in SETTLE_AT:
            gc.freeze()  # no collection: moving the lists is cheap, a collection is not
        return response
