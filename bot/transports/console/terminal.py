"""Text safe for a terminal: the one escaping of what commplan prints (CLI and console alike).

A plan's text may hold escape sequences (ESC, CSI and the other C0 and C1 controls can move the
cursor, retitle the window, write a link or clear the screen) and right-to-left overrides that
reorder what is shown. They are shown as visible escapes (``\\x1b``) instead.
"""

from __future__ import annotations

import re

# Controls other than newline and tab; DEL and C1; bidi embeddings, overrides and isolates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    """``text`` safe to print on a terminal: every control character but newline and tab,
    and every direction override, written as a visible escape."""
    return _UNSAFE.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_safe(text: str) -> str:
    """JSON text (which escapes C0 controls itself) with C1 controls and direction overrides
    as ``\\u`` escapes too: the same JSON value, safe to print."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
