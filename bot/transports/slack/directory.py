"""Finding people's Slack users by e-mail (users.lookupByEmail), for linking them."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)


def email_lookup(client: WebClient) -> Callable[[str], str | None]:
    """A function from an e-mail address to the Slack user id it belongs to, or None."""

    def lookup(email: str) -> str | None:
        try:
            answer = client.users_lookupByEmail(email=email)
        except SlackApiError as err:
            code = err.response.get("error") if err.response is not None else None
            if code != "users_not_found":
                log.warning("slack: users.lookupByEmail: %s", code)
            return None
        user = answer.get("user") or {}
        found = user.get("id")
        return str(found) if found else None

    return lookup
