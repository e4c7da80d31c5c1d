"""The Adaptive Card validator has teeth: a sound 1.5 card passes, each kind of mistake is named."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from tests.transports.msteams import adaptive_cards
from tests.transports.msteams.adaptive_cards import require_validator, validate_cards


def sound_card() -> dict[str, Any]:
    """A 1.5 card using what the Teams code uses: text, facts, columns, an input, actions."""
    return {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [
            {"type": "TextBlock", "text": "Launch newsletter", "size": "large", "wrap": True},
            {"type": "FactSet", "facts": [{"title": "Due", "value": "Monday 29 March"}]},
            {
                "type": "ColumnSet",
                "columns": [
                    {
                        "type": "Column",
                        "width": "auto",
                        "items": [{"type": "TextBlock", "text": "Owner", "isSubtle": True}],
                    },
                    {
                        "type": "Column",
                        "width": "stretch",
                        "items": [{"type": "TextBlock", "text": "Ada", "weight": "bolder"}],
                    },
                ],
            },
            {"type": "Input.Text", "id": "comment", "label": "Comment", "isMultiline": True},
            {
                "type": "ActionSet",
                "actions": [
                    {
                        "type": "Action.Execute",
                        "title": "Approve",
                        "verb": "approve",
                        "data": {"activity": 7},
                        "style": "positive",
                    },
                    {
                        "type": "Action.ShowCard",
                        "title": "Reject",
                        "card": {
                            "type": "AdaptiveCard",
                            "body": [{"type": "Input.Text", "id": "reason", "label": "Why?"}],
                            "actions": [
                                {"type": "Action.Execute", "title": "Send", "verb": "reject"}
                            ],
                        },
                    },
                ],
            },
        ],
    }


def msteams_card() -> dict[str, Any]:
    """Teams' own `msteams` properties, which the generic schema alone would refuse."""
    return {
        "type": "AdaptiveCard",
        "version": "1.5",
        "msteams": {"width": "Full"},
        "body": [
            {"type": "Image", "url": "https://commplan.example.dk/a.png", "msteams": {}},
            {
                "type": "Input.ChoiceSet",
                "id": "who",
                "style": "filtered",
                "choices": [{"title": "Ada", "value": "U1"}],
            },
        ],
        "actions": [
            {"type": "Action.Submit", "title": "OK", "msteams": {"feedback": {"hide": True}}}
        ],
    }


def broken(change: str) -> dict[str, Any]:
    """The sound card with one mistake made, as named by ``change``."""
    card = sound_card()
    body = card["body"]
    execute = body[4]["actions"][0]
    if change == "unknown element":
        body[0]["type"] = "TextBlox"
    elif change == "text missing":
        del body[0]["text"]
    elif change == "wrong type":
        body[2]["columns"][0]["items"][0]["isSubtle"] = "yes"
    elif change == "execute data":
        execute["data"] = 7
    elif change == "unknown property":
        execute["verbs"] = execute.pop("verb")
    elif change == "not an enum value":
        body[0]["size"] = "huge"
    elif change == "version missing":
        del card["version"]
    elif change == "version too new":
        card["version"] = "1.6"
    elif change == "not a card":
        card["type"] = "MessageCard"
    elif change == "input without id":
        del body[3]["id"]
    elif change == "nested card":
        body[4]["actions"][1]["card"]["body"][0]["type"] = "Input.Txt"
    return card


# Each mistake, and words its one error line must hold (the where and the what).
MISTAKES = {
    "unknown element": ["body[0] (TextBlox)", 'unknown type "TextBlox"'],
    "text missing": ["body[0] (TextBlock)", "'text' is a required property"],
    "wrong type": ["body[2].columns[0].items[0].isSubtle", '"yes"', "boolean or null"],
    "execute data": ["body[4].actions[0].data", "expected string or object"],
    "unknown property": ["(Action.Execute)", "'verbs' was unexpected"],
    "not an enum value": ["body[0].size", '"huge"', '"extraLarge"'],
    "version missing": ["'version' missing"],
    "version too new": ["'version' 1.6 is above 1.5"],
    "not a card": ["'type' must be \"AdaptiveCard\"", '"MessageCard"'],
    "input without id": ["body[3] (Input.Text)", "'id' is a required property"],
    "nested card": ["body[4].actions[1].card.body[0]", 'unknown type "Input.Txt"'],
}


def test_sound_cards_pass() -> None:
    assert validate_cards([sound_card(), msteams_card()]) == []


def test_each_mistake_is_one_readable_error() -> None:
    # One validator call for all of them, as the Teams tests make it; a sound card in between
    # shows that the errors land on the right index.
    names = list(MISTAKES)
    cards = [broken(name) for name in names] + [sound_card()]
    errors = validate_cards(cards)
    for index, name in enumerate(names):
        mine = [line for line in errors if line.startswith(f"card {index}: ")]
        assert len(mine) == 1, (name, mine)
        for words in MISTAKES[name]:
            assert words in mine[0], (name, mine[0])
    assert len(errors) == len(names)


def test_several_mistakes_in_one_card_are_each_reported() -> None:
    card = broken("unknown element")
    card["body"][3].pop("id")
    card["verison"] = "1.5"
    errors = validate_cards([card])
    assert len(errors) == 3, errors
    assert all(line.startswith("card 0: ") for line in errors)


def test_not_a_card_at_all() -> None:
    not_card: Any = ["TextBlock"]
    assert validate_cards([not_card]) == ['card 0: not a JSON object but ["TextBlock"]']


def mutations(card: Any, rng: random.Random) -> Any:
    """The card with random mistakes: other element types, dropped keys, values of other kinds."""
    if isinstance(card, list):
        return [mutations(item, rng) for item in card]
    if not isinstance(card, dict):
        return rng.choice([card] * 12 + ["text", 1, True, None, {"type": "TextRun", "text": "a"}])
    roll = rng.random()
    if roll < 0.15 and "type" in card:
        kinds = ["TextBlock", "Column", "Input.Text", "Action.Submit", "TextRun", "Fact", "X", 5]
        return {**card, "type": rng.choice(kinds)}
    if roll < 0.2 and card:
        return {key: value for key, value in card.items() if key != rng.choice(list(card))}
    if roll < 0.25:
        return rng.choice(["text", 1, None, []])
    return {key: mutations(value, rng) for key, value in card.items()}


def test_the_guarded_element_lists_accept_what_the_published_ones_do() -> None:
    # The validator rewrites each element list's anyOf for speed (adaptive_cards._prepared):
    # it must pass and fail the very cards the schema as published does.
    require_validator()
    rng = random.Random(1)
    cards = [mutations(sound_card(), rng) for _ in range(40)] + [sound_card(), msteams_card()]
    fast, published = adaptive_cards._validator(), adaptive_cards._validator(guard=False)
    verdicts = [(fast.is_valid(card), published.is_valid(card)) for card in cards]
    assert all(mine == theirs for mine, theirs in verdicts)
    assert 0 < sum(mine for mine, _ in verdicts) < len(cards)  # both outcomes were tried


def test_missing_validator_skips_here_and_fails_in_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(adaptive_cards, "SCHEMA", tmp_path / "absent.json")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_validator()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require_validator()
