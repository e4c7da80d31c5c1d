"""Signed links: read back as made, refused when altered, foreign, expired or too long."""

from __future__ import annotations

import pytest
import time_machine

from bot.web.signed_links import LinkProblem, LinkRefused, LinkSigner
from config.settings import SettingsError, load_settings


def test_round_trip_and_refusals() -> None:
    settings = load_settings(COMMPLAN_LINK_SECRET="a-secret-of-enough-length")
    signer = LinkSigner(settings, "email-action")
    with time_machine.travel("2026-03-28 12:00Z", tick=False) as clock:
        token = signer.sign({"a": "done", "id": 7})
        assert signer.read(token, 3600) == {"a": "done", "id": 7}
        with pytest.raises(LinkRefused) as other_purpose:
            LinkSigner(settings, "calendar").read(token, 3600)
        assert other_purpose.value.problem is LinkProblem.BAD
        other_secret = load_settings(COMMPLAN_LINK_SECRET="another-secret-long-enough")
        with pytest.raises(LinkRefused):
            LinkSigner(other_secret, "email-action").read(token, 3600)
        altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        with pytest.raises(LinkRefused):
            signer.read(altered, 3600)
        with pytest.raises(LinkRefused):
            signer.read("x" * 3000, 3600)
        # Across the spring DST change (Europe): an hour's link is dead after 61 minutes of UTC.
        clock.shift(61 * 60)
        with pytest.raises(LinkRefused) as expired:
            signer.read(token, 3600)
        assert expired.value.problem is LinkProblem.EXPIRED


def test_short_secret_refused() -> None:
    with pytest.raises(SettingsError):
        load_settings(COMMPLAN_LINK_SECRET="short")
