"""The title of a plan's row when the plan has no Activity column."""

from __future__ import annotations

from collections.abc import Mapping


def derive_title(fields: Mapping[str, str | None]) -> str:
    """A title for a row of a plan that has no Activity column.

    Most Danish plans have none: their rows read "who, what, how, when". The channel and the
    target group ("Nyhed på intranettet – Medarbejdere") say best what is to be done; the core
    message stands in when either is missing.
    """
    channel = (fields.get("channel") or "").strip()
    target = (fields.get("target_group") or "").strip()
    message = (fields.get("message") or "").strip()
    if channel and target:
        return f"{channel} – {target}"[:500]
    return (channel or message or target or "?")[:500]
