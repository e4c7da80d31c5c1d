"""Checking Block Kit payloads: Slack's limits in Python, Slack's own types with tsc."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

JS = Path(__file__).resolve().parents[2] / "js"

# https://docs.slack.dev/reference/block-kit/ : the limits a payload must keep.
MAX_BLOCKS = {"message": 50, "modal": 100, "home": 100}


def _text_len(value: Any) -> int:
    return len(value.get("text", "")) if isinstance(value, dict) else 0


def violations(payload: dict[str, Any], surface: str) -> list[str]:
    """Every limit the payload breaks, as readable lines (empty: it fits)."""
    blocks = payload.get("blocks", [])
    found = _payload_violations(payload, surface, len(blocks))
    for index, block in enumerate(blocks):
        where = f"block {index} ({block.get('type')})"
        found += [f"{where}: {line}" for line in _block_violations(block)]
        elements = list(block.get("elements", []))
        if "element" in block:
            elements.append(block["element"])
        for element in elements:
            found += [f"{where}: {line}" for line in _element_violations(element)]
    return found


def _payload_violations(payload: dict[str, Any], surface: str, blocks: int) -> list[str]:
    found: list[str] = []
    if blocks > MAX_BLOCKS[surface]:
        found.append(f"{blocks} blocks > {MAX_BLOCKS[surface]}")
    if surface == "modal":
        for part in ("title", "submit", "close"):
            if part in payload and _text_len(payload[part]) > 24:
                found.append(f"modal {part} longer than 24")
        if len(payload.get("private_metadata", "")) > 3000:
            found.append("private_metadata longer than 3000")
    return found


# A block type's limits: (what is measured, the most allowed, the line when it is more).
_BLOCK_LIMITS: dict[str, list[tuple[Callable[[dict[str, Any]], int], int, str]]] = {
    "section": [(lambda b: _text_len(b.get("text")), 3000, "section text longer than 3000")],
    "header": [(lambda b: _text_len(b.get("text")), 150, "header longer than 150")],
    "context": [
        (lambda b: len(b.get("elements", [])), 10, "more than 10 context elements"),
        (
            lambda b: max((_text_len(e) for e in b.get("elements", [])), default=0),
            3000,
            "context text longer than 3000",
        ),
    ],
    "actions": [(lambda b: len(b.get("elements", [])), 25, "more than 25 actions")],
    "input": [(lambda b: _text_len(b.get("label")), 2000, "input label longer than 2000")],
}


def _block_violations(block: dict[str, Any]) -> list[str]:
    found: list[str] = []
    if len(str(block.get("block_id", ""))) > 255:
        found.append("block_id longer than 255")
    for measure, most, line in _BLOCK_LIMITS.get(str(block.get("type")), []):
        if measure(block) > most:
            found.append(line)
    return found


def _element_violations(element: dict[str, Any]) -> list[str]:
    found: list[str] = []
    if element.get("type") == "button":
        if _text_len(element.get("text")) > 75:
            found.append("button text longer than 75")
        if len(str(element.get("value", ""))) > 2000:
            found.append("button value longer than 2000")
    if len(str(element.get("action_id", ""))) > 255:
        found.append("action_id longer than 255")
    if element.get("type") == "static_select":
        options = element.get("options", [])
        if len(options) > 100:
            found.append("more than 100 options")
        if any(_text_len(option.get("text")) > 75 for option in options):
            found.append("option text longer than 75")
    if len(str(element.get("initial_value", ""))) > 3000:
        found.append("initial value longer than 3000")
    return found


def typescript_available() -> bool:
    return shutil.which("node") is not None and (JS / "node_modules" / ".bin" / "tsc").exists()


def typecheck(payloads: list[tuple[str, dict[str, Any]]]) -> None:
    """Run tsc --noEmit over the payloads typed as @slack/types' KnownBlock[] and View.

    ``surface`` "message" checks ``payload["blocks"]`` as KnownBlock[]; "modal" and "home"
    check the whole payload as a View. Fails with tsc's own messages.
    """
    if not typescript_available():
        message = "node or tests/js/node_modules (typescript, @slack/types) missing"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    lines = ['import type { KnownBlock, View } from "@slack/types";']
    for index, (surface, payload) in enumerate(payloads):
        if surface == "message":
            lines.append(f"export const p{index}: KnownBlock[] = {json.dumps(payload['blocks'])};")
        else:
            lines.append(f"export const p{index}: View = {json.dumps(payload)};")
    with tempfile.TemporaryDirectory(dir=JS, prefix=".check-") as folder:
        source = Path(folder) / "payloads.ts"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = subprocess.run(
            [
                str(JS / "node_modules" / ".bin" / "tsc"),
                "--noEmit",
                "--strict",
                "--module",
                "nodenext",
                "--moduleResolution",
                "nodenext",
                "--skipLibCheck",
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=JS,
        )
    assert result.returncode == 0, result.stdout + result.stderr
