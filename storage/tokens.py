"""Secret URL tokens (calendar feeds, plan pages) and the digests they are looked up by.

A token is the credential: whoever has the URL sees the feed. It is looked up by its SHA-256
digest, never by itself, so that the database's index comparison (which stops at the first
differing byte) works on a value an attacker cannot steer towards a real token; the token found
is then compared with ``hmac.compare_digest``. The token itself is kept as well, because the
feed URL is shown again to the team (``/commplan feed``) whenever someone asks.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

# 32 random bytes: 256 bits, 43 URL-safe characters (the issue asks for at least 128 bits).
TOKEN_BYTES = 32
# Longer than any token we issue: a longer path segment is not looked up at all.
MAX_TOKEN_LENGTH = 128


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """The hex SHA-256 of the token: what the ``*_hash`` columns hold and lookups compare."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_token(stored: str | None, given: str) -> bool:
    """Constant-time comparison; ``stored`` None (no match) costs the same as a mismatch."""
    expected = (stored or "\0" * len(given)).encode("utf-8")
    return hmac.compare_digest(expected, given.encode("utf-8")) and stored is not None
