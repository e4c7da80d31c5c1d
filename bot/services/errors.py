"""Errors a surface shows to a person: a key into ``bot.texts`` plus values, never a traceback."""

from __future__ import annotations

from bot.texts.errors import ServiceError

__all__ = ["Ambiguous", "Invalid", "NotFound", "ServiceError"]


class NotFound(ServiceError):
    """A team, plan, person or activity that does not exist."""


class Ambiguous(ServiceError):
    """A name that fits more than one thing (a plan name used in two teams)."""


class Invalid(ServiceError):
    """A value that cannot be accepted."""
