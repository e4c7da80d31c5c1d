"""Checking Adaptive Cards (Teams) against the official Adaptive Cards 1.5 JSON schema.

The schema is Microsoft's own (``adaptive-card-1.5.json`` beside this file; where it comes from
and its MIT licence: ``adaptive-card-1.5.NOTICE.md``), checked with the ``jsonschema`` package
from the test extras. It is far stricter than Microsoft's JavaScript renderer (npm
``adaptivecards``), which parses a TextBlock without ``text``, ``"isSubtle": "yes"`` or a
``"version": "1.6"`` card without a word; the schema rejects every unknown property too.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

SCHEMA = Path(__file__).with_name("adaptive-card-1.5.json")

# The highest card version accepted: the schema above is 1.5's, the version the Teams cards
# target; a feature of a later version would go unchecked (or be refused as unknown).
MAX_VERSION = (1, 5)

# Teams reads an `msteams` object on these (card width and mentions, image expansion, submit
# feedback: the Teams SDK's TeamsCardProperties, TeamsImageProperties and
# TeamsSubmitActionProperties); the generic schema forbids every property it does not list.
TEAMS_EXTENDED = ("AdaptiveCard", "Image", "Action.Submit")

# Teams' people picker on an Input.ChoiceSet (the organisation's users, by Entra object id).
PEOPLE_PICKER = {
    "type": "object",
    "properties": {
        "type": {"const": "Data.Query"},
        "dataset": {"const": "graph.microsoft.com/users"},
    },
    "required": ["type", "dataset"],
    "additionalProperties": False,
}

# Longest value shown in an error line: a whole card in a message helps nobody.
SHOWN = 80


def validator_available() -> bool:
    return importlib.util.find_spec("jsonschema") is not None and SCHEMA.is_file()


def require_validator() -> None:
    """Skip the calling test where jsonschema is missing; in CI (CI set) fail instead."""
    if not validator_available():
        message = (
            "jsonschema (pip install -e '.[test]') or "
            "tests/transports/msteams/adaptive-card-1.5.json missing"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _prepared(schema: dict[str, Any], *, guard: bool = True) -> dict[str, Any]:
    """The official schema with three changes: one for speed, two to match what Teams accepts.

    - Each element list is ``anyOf`` one branch per element type, and jsonschema checks a value
      against every branch in full: a card of a dozen elements took about 12 ms. Each branch
      gets a guard (draft 7) ``if {type is this kind} then <the definition> else false``, so
      the other kinds are dismissed at once. The same cards pass: each definition already
      requires its own ``type`` value (checked below), and a value that is no object meets the
      ``if`` and so faces every definition, as before.
    - Every enum type is ``anyOf: [{enum: [...]}, {pattern: "..."}]`` (the pattern admits other
      letter cases); a pattern says nothing about a non-string, so ``"size": 5`` or
      ``"fallback": {...any object...}`` passed. The renderers read these as strings only, so
      the pattern branch gets ``"type": "string"``.
    - ``msteams`` is allowed where Teams documents it (TEAMS_EXTENDED).
    - ``Input.ChoiceSet`` may take its choices from Teams' people picker (``choices.data`` of
      ``Data.Query`` on the dataset ``graph.microsoft.com/users``), which Teams documents for
      cards from 1.2 on; that exact shape and nothing else.
    """
    schema = copy.deepcopy(schema)
    definitions: dict[str, Any] = schema["definitions"]
    for definition in definitions.values():
        branches = definition.get("anyOf", [])
        if len(branches) == 2 and "enum" in branches[0] and set(branches[1]) == {"pattern"}:
            branches[1]["type"] = "string"
        kinds = _element_kinds(branches) if guard else None
        for index, kind in enumerate(kinds or []):
            own = definitions[kind].get("properties", {}).get("type", {})
            if own.get("enum") != [kind]:
                continue  # TextRun (may be a bare string): left as published
            branches[index] = {
                "required": ["type"],
                "if": {"properties": {"type": {"const": kind}}},
                "then": {"$ref": f"#/definitions/{kind}"},
                "else": False,
            }
    for name in TEAMS_EXTENDED:
        definitions[name]["properties"]["msteams"] = {"type": "object"}
    definitions["Input.ChoiceSet"]["properties"]["choices.data"] = PEOPLE_PICKER
    return schema


@functools.cache
def _validator(*, guard: bool = True) -> Validator:
    """The validator (cached: loaded once a session); ``guard=False`` keeps the published lists."""
    # Imported here so that without jsonschema this module still loads and require_validator
    # can skip (or fail in CI) with a message.
    from jsonschema import Draft7Validator  # noqa: PLC0415

    schema = _prepared(json.loads(SCHEMA.read_text(encoding="utf-8")), guard=guard)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"  # for if/then/else above
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def _short(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= SHOWN else shown[: SHOWN - 3] + "..."


def _where(error: ValidationError) -> str:
    """``body[2].columns[0].items[1] (TextBlock)``: the path, and the element's type if any."""
    where = ""
    for step in error.absolute_path:
        where += f"[{step}]" if isinstance(step, int) else f".{step}" if where else str(step)
    if not where:
        return "card"
    if isinstance(error.instance, dict) and isinstance(error.instance.get("type"), str):
        where += f" ({error.instance['type']})"
    return where


def _element_kinds(branches: Sequence[Any]) -> list[str] | None:
    """The type names of an element list's anyOf (one $ref per branch), else None.

    A branch is ``{required: [type], allOf: [{$ref}]}`` as published, or ``then: {$ref}`` once
    guarded by _prepared.
    """
    kinds = []
    for branch in branches:
        if not isinstance(branch, dict) or branch.get("required") != ["type"]:
            return None
        refs = branch.get("allOf", [branch.get("then")])
        if len(refs) != 1 or not isinstance(refs[0], dict) or "$ref" not in refs[0]:
            return None
        kinds.append(str(refs[0]["$ref"]).removeprefix("#/definitions/"))
    return kinds


def _wrong_kind(error: ValidationError) -> bool:
    """Whether an anyOf branch failed on the value's kind itself (a string for an object...)."""
    if error.relative_path:
        return False  # it failed deeper in: the value is of the branch's kind
    if error.validator in ("type", "enum", "const", "pattern"):
        return True
    return error.validator == "anyOf" and all(_wrong_kind(sub) for sub in error.context)


def _expected(error: ValidationError) -> list[str]:
    if error.validator == "type":
        types = error.validator_value
        return [" or ".join(types) if isinstance(types, list) else str(types)]
    if error.validator == "enum" and isinstance(error.validator_value, list):
        return ["one of " + ", ".join(_short(value) for value in error.validator_value)]
    if error.validator == "pattern":
        return []  # the same words as the enum beside it, in any letter case
    if error.validator == "anyOf":
        return [text for sub in error.context for text in _expected(sub)]
    return [error.message]


def _explain(error: ValidationError) -> list[str]:
    """Readable lines for one schema error.

    jsonschema's own message for an anyOf is "<the whole element> is not valid under any of
    the given schemas": here an element list's anyOf (one branch per element type) reports the
    errors of the branch named by the element's ``type``, or that the type is unknown; any
    other anyOf reports the branches that fit the value's kind, or what was expected.
    """
    if error.validator != "anyOf" or not error.context:
        return [f"{_where(error)}: {error.message}"]
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    schemas = error.validator_value
    kinds = _element_kinds(schemas) if isinstance(schemas, list) else None
    value = error.instance
    if kinds is not None and isinstance(value, dict):
        kind = value.get("type")
        if kind is None:
            return [f"{_where(error)}: 'type' missing (one of {', '.join(kinds)})"]
        if kind not in kinds:
            return [
                f"{_where(error)}: unknown type {_short(kind)} here "
                f"(Adaptive Cards 1.5 allows {', '.join(kinds)})"
            ]
        return [line for sub in branches[kinds.index(kind)] for line in _explain(sub)]
    fitting = [errors for errors in branches.values() if not any(map(_wrong_kind, errors))]
    if fitting:
        return [line for sub in fitting[0] for line in _explain(sub)]
    expected = dict.fromkeys(text for sub in error.context for text in _expected(sub))
    return [f"{_where(error)}: {_short(value)} is not valid: expected {' or '.join(expected)}"]


def _version_problem(card: dict[str, Any]) -> str | None:
    version = card.get("version")
    if version is None:
        return "'version' missing (a top-level card must say its version, at most 1.5)"
    match = re.fullmatch(r"(\d+)\.(\d+)", version) if isinstance(version, str) else None
    if match is None:
        return f"'version' is {_short(version)}, not a version like \"1.5\""
    if (int(match[1]), int(match[2])) > MAX_VERSION:
        return f"'version' {version} is above 1.5"
    return None


def card_errors(card: Any) -> list[str]:
    """Every problem of one top-level card, as readable lines (empty: it is valid)."""
    if not isinstance(card, dict):
        return [f"not a JSON object but {_short(card)}"]
    found: list[str] = []
    # The schema lets `type` and `version` be left out (nested Action.ShowCard cards may), but
    # Teams rejects a top-level card without them: checked here, and their schema errors dropped.
    if card.get("type") != "AdaptiveCard":
        found.append(f"'type' must be \"AdaptiveCard\", not {_short(card.get('type'))}")
    problem = _version_problem(card)
    if problem is not None:
        found.append(problem)
    for error in _validator().iter_errors(card):
        for line in _explain(error):
            if not line.startswith(("type:", "version:")) and line not in found:
                found.append(line)
    return found


def validate_cards(cards: list[dict[str, Any]]) -> list[str]:
    """Every problem of every card, each line prefixed with the card's index (empty: all valid).

    One validator (schema loaded once per session) checks the whole list in this process.
    """
    require_validator()
    return [
        f"card {index}: {line}" for index, card in enumerate(cards) for line in card_errors(card)
    ]
