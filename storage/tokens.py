"""Secret URL tokens (calendar feeds, plan pages) and the digests they are looked up by.

A token is the credential: whoever has the URL sees the feed. Only its SHA-256 digest is
stored (revision 0013 turned the tokens kept before into digests): a backup, a copy of the
database or a read-only leak of it hands out no feed and no page. The URL is therefore shown
once, when it is made or rotated, and never again; whoever lost it rotates. A token of 256
random bits needs no salt or slow hash: nobody can guess one from its digest. Lookups go by
the digest, so the database's index comparison (which stops at the first differing byte) works
on a value an attacker cannot steer towards a real one, and the digest found is compared again
with ``hmac.compare_digest``.
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


def new_token_pair() -> tuple[str, str]:
    """A new token and its digest: the token for the URL shown once, the digest to store."""
    token = new_token()
    return token, token_digest(token)


def same_token(stored_digest: str | None, given: str) -> bool:
    """Constant-time comparison of ``given``'s digest with the one stored; None (no match)
    costs the same as a mismatch."""
    digest = token_digest(given)
    expected = (stored_digest or "\0" * len(digest)).encode("utf-8")
    return hmac.compare_digest(expected, digest.encode("utf-8")) and stored_digest is not None
