"""Every user-facing string exists in Danish, Swedish and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from bot.texts import all_messages, t
from config.languages import LANGUAGES

MESSAGES = all_messages()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_three_languages_same_placeholders(key: str) -> None:
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES), f"{key} lacks {set(LANGUAGES) - set(texts)}"
    shapes = {language: placeholders(texts[language]) for language in LANGUAGES}
    assert shapes["da"] == shapes["sv"] == shapes["en"], f"{key}: {shapes}"
    assert all(texts[language].strip() for language in LANGUAGES)


def test_languages_differ_where_they_should() -> None:
    # A copy-paste of English into the Danish slot would pass the test above.
    same = [key for key, texts in MESSAGES.items() if texts["da"] == texts["en"]]
    # The same in Danish and English: a name with the product's, "Plan", "Status", "Send", a
    # check mark.
    allowed = {
        "chat.plan_title",
        "feed.name",
        "feed.plan",
        "feed.status",
        "feed.done_mark",
        "slack.send",
        "teams.send",
        "slack.field.plan",
    }
    assert set(same) <= allowed, same


def test_lookup_fills_values() -> None:
    assert t("error.unknown_team", "sv", name="x") == "Okänt team: x"
    with pytest.raises(KeyError):
        t("no.such.key", "da")
