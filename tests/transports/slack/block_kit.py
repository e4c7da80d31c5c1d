"""Checking Block Kit payloads: Slack's limits in Python, Slack's own types with tsc."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
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
    found: list[str] = []
    blocks = payload.get("blocks", [])
    if len(blocks) > MAX_BLOCKS[surface]:
        found.append(f"{len(blocks)} blocks > {MAX_BLOCKS[surface]}")
    if surface == "modal":
        for part in ("title", "submit", "close"):
            if part in payload and _text_len(payload[part]) > 24:
                found.append(f"modal {part} longer than 24")
        if len(payload.get("private_metadata", "")) > 3000:
            found.append("private_metadata longer than 3000")
    for index, block in enumerate(blocks):
        where = f"block {index} ({block.get('type')})"
        if len(str(block.get("block_id", ""))) > 255:
            found.append(f"{where}: block_id longer than 255")
        if block.get("type") == "section" and _text_len(block.get("text")) > 3000:
            found.append(f"{where}: section text longer than 3000")
        if block.get("type") == "header" and _text_len(block.get("text")) > 150:
            found.append(f"{where}: header longer than 150")
        if block.get("type") == "context" and len(block.get("elements", [])) > 10:
            found.append(f"{where}: more than 10 context elements")
        if block.get("type") == "context" and any(
            _text_len(element) > 3000 for element in block.get("elements", [])
        ):
            found.append(f"{where}: context text longer than 3000")
        if block.get("type") == "actions" and len(block.get("elements", [])) > 25:
            found.append(f"{where}: more than 25 actions")
        if block.get("type") == "input" and _text_len(block.get("label")) > 2000:
            found.append(f"{where}: input label longer than 2000")
        elements = list(block.get("elements", []))
        if "element" in block:
            elements.append(block["element"])
        for element in elements:
            if element.get("type") == "button":
                if _text_len(element.get("text")) > 75:
                    found.append(f"{where}: button text longer than 75")
                if len(str(element.get("value", ""))) > 2000:
                    found.append(f"{where}: button value longer than 2000")
            if len(str(element.get("action_id", ""))) > 255:
                found.append(f"{where}: action_id longer than 255")
            if element.get("type") == "static_select":
                options = element.get("options", [])
                if len(options) > 100:
                    found.append(f"{where}: more than 100 options")
                if any(_text_len(option.get("text")) > 75 for option in options):
                    found.append(f"{where}: option text longer than 75")
            if len(str(element.get("initial_value", ""))) > 3000:
                found.append(f"{where}: initial value longer than 3000")
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
