"""Signed, expiring links: a URL that carries what it may do, for people who cannot log in.

An e-mail's Done and Approve buttons and the organisation's calendar page are links a person opens
without any session. Each carries a small payload signed with ``COMMPLAN_LINK_SECRET`` by
itsdangerous (HMAC-SHA1 over a timestamp and the payload, URL-safe) and a *purpose*, the salt, so
that a link made for one thing is never accepted for another. The signature proves we made it;
the timestamp lets the reader refuse it after ``max_age``. Anything single-use is the caller's to
record (a link can be opened twice).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from config.settings import Settings

log = logging.getLogger(__name__)

# Made once per process when no secret is set (the demo, a single process trying things out).
_process_secret: list[str] = []


class LinkProblem(StrEnum):
    BAD = "bad"  # not ours, altered, or made for another purpose
    EXPIRED = "expired"


class LinkRefused(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def link_secret(settings: Settings) -> str:
    if settings.link_secret is not None:
        return settings.link_secret.get_secret_value()
    if not _process_secret:
        _process_secret.append(secrets.token_urlsafe(32))
        log.warning(
            "COMMPLAN_LINK_SECRET is not set: signed links work only until this process stops"
        )
    return _process_secret[0]


class LinkSigner:
    """Makes and reads the links of one purpose ("email-action", "calendar", ...)."""

    def __init__(self, settings: Settings, purpose: str) -> None:
        self._serializer = URLSafeTimedSerializer(link_secret(settings), salt=purpose)

    def sign(self, payload: Mapping[str, Any]) -> str:
        return str(self._serializer.dumps(dict(payload)))

    def read(self, token: str, max_age_seconds: int) -> dict[str, Any]:
        """The payload, or ``LinkRefused`` (altered, foreign, expired). Longer than any link we
        make is refused before the signature is even checked."""
        if len(token) > 2048:
            raise LinkRefused(LinkProblem.BAD)
        try:
            value = self._serializer.loads(token, max_age=max_age_seconds)
        except SignatureExpired as err:
            raise LinkRefused(LinkProblem.EXPIRED) from err
        except BadSignature as err:
            raise LinkRefused(LinkProblem.BAD) from err
        if not isinstance(value, dict):
            raise LinkRefused(LinkProblem.BAD)
        return value
