"""An e-mail's buttons as links: signed, expiring, single-use, one person's, one action's.

Each link carries (itsdangerous, purpose "email-action") the action, its value (an activity, a
request "REQUEST:VERSION"), the person it was sent to, the language of the e-mail (so its
pages, and the refusal of an expired link, speak it too), and a random id. The signature makes it
ours and unaltered; its age is checked against ``COMMPLAN_EMAIL_LINK_HOURS``; the random id is
written to ``email_links_used`` in the transaction that claims it (``services.reminders.
claim_link``), so a link acts once even when two requests race (the primary key lets only one
insert through). Nothing else can be
done with it: it is no session, and the pages read nothing but its own payload.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from bot.chat.replies import Action, Button
from bot.web.signed_links import LinkProblem, LinkRefused, LinkSigner
from config import Settings
from config.languages import Language, as_language

PURPOSE = "email-action"
# Long enough that a link's language can still be told after it expired (its signature is
# checked; only its age is not).
_FOREVER = 100 * 365 * 24 * 3600


@dataclass(frozen=True, slots=True)
class ActionLink:
    action: Action
    value: str
    person_id: int
    link_id: str
    language: Language


class ActionLinks:
    """Makes the links of one process's e-mails and reads them back on the pages."""

    def __init__(self, settings: Settings, base_url: str) -> None:
        self._signer = LinkSigner(settings, PURPOSE)
        self.max_age = settings.email_link_hours * 3600
        self.hours = settings.email_link_hours
        self._base = base_url.rstrip("/")

    def url(self, button: Button, person_id: int, language: Language) -> str:
        token = self.token(button.action, button.value, person_id, language)
        return f"{self._base}/email/{token}"

    def token(self, action: Action, value: str, person_id: int, language: Language) -> str:
        payload = {
            "a": action.value,
            "v": value,
            "p": person_id,
            "l": language,
            "n": secrets.token_hex(8),
        }
        return self._signer.sign(payload)

    def read(self, token: str) -> ActionLink:
        """The link's payload, or ``LinkRefused`` (altered, foreign, expired, malformed)."""
        return _link(self._signer.read(token, self.max_age))

    def language_of_expired(self, token: str) -> Language | None:
        """The language of an expired (but genuine) link, for its refusal."""
        try:
            return _link(self._signer.read(token, _FOREVER)).language
        except LinkRefused:
            return None


def _link(payload: dict[str, object]) -> ActionLink:
    action, value, person, link_id, language = (payload.get(key) for key in "avpnl")
    if not (isinstance(value, str) and isinstance(person, int) and isinstance(link_id, str)):
        raise LinkRefused(LinkProblem.BAD)
    try:
        return ActionLink(Action(str(action)), value, person, link_id, _language(language))
    except ValueError:
        raise LinkRefused(LinkProblem.BAD) from None


def _language(value: object) -> Language:
    return as_language(value if isinstance(value, str) else None)
