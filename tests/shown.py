"""A feed or page URL as made: shown once (only its token's digest is kept), so a test that
asks for a new one has it, and says so if it does not."""

from __future__ import annotations


def shown(url: str | None) -> str:
    assert url is not None, "the URL was made before and is not shown again"
    return url
