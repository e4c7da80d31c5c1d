"""Every user-facing string exists in Danish, Swedish and English, with the same placeholders."""

from __future__ import annotations

import re
import string

import pytest

from bot.texts import all_messages, t
from bot.texts.words import EN, WORDS, help_lines, merged
from config.languages import LANGUAGES, Language

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
        "msteams.send",
        "slack.field.plan",
        "steering.form.plan",
        # Words the three languages share (issue 30's tables), names, and shapes of values only.
        "actor.commplan",
        "audit.surface.email",
        "audit.surface.slack",
        "audit.surface.msteams",
        "audit.surface.web",
        "cli.activity_line",
        "cli.linked",
        "column.chat",
        "column.email",
        "column.id",
        "column.person",
        "column.plan",
        "column.start",
        "column.status",
        "column.team",
        "column.version",
        "table.period",
        "text.verbatim",
        "time.zone_heading",
    }
    assert set(same) <= allowed, same


def test_lookup_fills_values() -> None:
    assert t("error.unknown_team", "sv", name="x") == "Okänt team: x"
    with pytest.raises(KeyError):
        t("no.such.key", "da")


# The command words (bot/texts/words.py): one table per language, all naming the same commands.


@pytest.mark.parametrize("part", ["verbs", "scopes", "decisions", "outcomes"])
def test_every_language_has_a_word_for_every_meaning(part: str) -> None:
    meanings = {language: set(getattr(WORDS[language], part).values()) for language in LANGUAGES}
    assert meanings["da"] == meanings["sv"] == meanings["en"], meanings


@pytest.mark.parametrize("part", ["verbs", "scopes", "decisions", "outcomes"])
def test_no_word_means_two_things_across_languages(part: str) -> None:
    seen: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for word, meaning in getattr(WORDS[language], part).items():
            seen.setdefault(word, set()).add(meaning)
            assert word == word.lower() and " " not in word, word
    assert {word: means for word, means in seen.items() if len(means) > 1} == {}
    assert merged(part)  # what the parser reads: the same check, at import


def test_rotate_words_are_no_other_word() -> None:
    rotate = set().union(*(WORDS[language].rotate for language in LANGUAGES))
    others = set().union(*(set(merged(part)) for part in ("verbs", "scopes", "decisions")))
    assert rotate.isdisjoint(others)


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_shows_every_command_in_the_readers_words(language: Language) -> None:
    words = WORDS[language]
    assert sorted(meaning for meaning, _, _ in words.help) == sorted(set(EN.verbs.values()))
    shown = help_lines(language)
    for line, (meaning, _, what) in zip(shown, words.help, strict=True):
        word = line.split()[0]
        assert words.verbs[word] == meaning, line  # the reader's own word for it
        assert what in line


@pytest.mark.parametrize("meaning", list(dict.fromkeys(EN.verbs.values())))
def test_help_lines_have_the_same_shape_in_every_language(meaning: str) -> None:
    # The arguments differ in words (NAVN, NAMN, NAME) but not in their brackets and choices.
    shapes = {
        language: next(
            re.sub(r"[^\[\]|]", "", arguments)
            for means, arguments, _ in WORDS[language].help
            if means == meaning
        )
        for language in LANGUAGES
    }
    assert shapes["da"] == shapes["sv"] == shapes["en"], shapes
