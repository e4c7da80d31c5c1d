"""Rendered events kept between requests, so that a feed re-renders only what changed.

A team's feed of 5,000 activities takes some 500 ms to render from scratch and is fetched by
every calendar subscribed to it, hourly, while its activities change a few times a day. Each
event's text is kept under a key that changes whenever the text would (the activity's sequence
and last change, what of its plan it shows, the language, the output format), least recently used
first out, within a bound on the characters held (``COMMPLAN_FEED_CACHE_MB``; 0 turns it off).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable


class EventCache:
    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self._items: OrderedDict[Hashable, str] = OrderedDict()
        self._chars = 0
        # FastAPI serves sync endpoints from a thread pool: requests share the cache.
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> str | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: str) -> None:
        if len(value) > self.max_chars:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._chars -= len(old)
            self._items[key] = value
            self._chars += len(value)
            while self._chars > self.max_chars:
                _, evicted = self._items.popitem(last=False)
                self._chars -= len(evicted)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def chars(self) -> int:
        return self._chars
