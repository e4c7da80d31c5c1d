"""Who did something, as people read it: a person's name, never an account.

The audit and the notices keep what the actor was when it acted (``cli:root`` for the
operator at the server's command line, ``commplan`` for the scheduler): the operator needs the
OS account to find who it was. What a person reads names the administrator instead
(docs/cli.md); COMMPLAN_CLI_PERSON makes the command line act as a named person.
"""

from __future__ import annotations

from bot.texts.catalog import t
from config.languages import Language

CLI_PREFIX = "cli:"


def actor_text(text: object, language: Language) -> str:
    """``text`` (an audit's or a notice's actor) as a person reads it."""
    name = "" if text is None else str(text).strip()
    if not name or name == "?":
        return t("actor.someone", language)
    if name.startswith(CLI_PREFIX):
        return t("actor.administrator", language)
    if name == "commplan":
        return t("actor.commplan", language)
    return name
