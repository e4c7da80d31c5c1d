"""The rendered-event cache keeps within its bound, least recently used out first."""

from __future__ import annotations

from bot.feeds.cache import EventCache


def test_least_recently_used_leaves_first_and_the_bound_holds() -> None:
    cache = EventCache(max_chars=10)
    cache.put("a", "xxxx")
    cache.put("b", "yyyy")
    assert cache.get("a") == "xxxx"  # now b is the least recently used
    cache.put("c", "zzzz")
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == ("xxxx", "zzzz")
    assert cache.chars == 8
    assert len(cache) == 2


def test_replacing_a_key_counts_once_and_oversized_or_disabled_keeps_nothing() -> None:
    cache = EventCache(max_chars=10)
    cache.put("a", "xxxx")
    cache.put("a", "xxxxxx")
    assert cache.chars == 6
    cache.put("big", "x" * 11)
    assert cache.get("big") is None
    off = EventCache(max_chars=0)
    off.put("a", "x")
    assert off.get("a") is None
    assert len(off) == 0
